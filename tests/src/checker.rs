//! An independent check that a solved resolve is valid.
//!
//! Written apart from the solver and sharing none of its code: it reads the
//! repository as the generator wrote it (strings) and the answer as a list of
//! `(family, version, variant index)`, and checks what any valid rez resolve
//! must satisfy. It does not check that rez would have picked the same
//! answer — the differential test against rez does that — only that the
//! answer is a solution:
//! - at most one variant per family, each one that exists in the repository;
//! - every request and every chosen variant's requirements are met: a plain
//!   requirement by a resolved package of that family inside its range, a
//!   weak one (`~`) by the family being absent or inside the range, a
//!   conflict (`!`) by the family being absent or outside it.
//!
//! One rule is rez's own, checked against rez 3.4.0: a package's weak or
//! conflict requirement on its own family (`app-0` requiring `!app`) does not
//! apply to it; a plain requirement on its own family is a cycle.

use std::collections::BTreeMap;

use rer_version::{Requirement, Version};

use crate::repo_gen::GenRepo;

/// One resolved variant, as the checker sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The family.
    pub name: String,
    /// The version string.
    pub version: String,
    /// The variant index; `None` for a package without variants.
    pub index: Option<usize>,
}

/// Checks `resolved` against `repo` (see the module docs); `Err` says the
/// first violation found.
pub fn check_solution(repo: &GenRepo, resolved: &[Chosen]) -> Result<(), String> {
    let mut by_name: BTreeMap<&str, Version> = BTreeMap::new();
    for chosen in resolved {
        let version: Version = chosen
            .version
            .parse()
            .map_err(|e| format!("{chosen:?}: {e}"))?;
        if by_name.insert(&chosen.name, version).is_some() {
            return Err(format!("family {} resolved twice", chosen.name));
        }
    }
    let mut obligations: Vec<(String, String)> = repo
        .request
        .iter()
        .map(|r| ("the request".to_string(), r.clone()))
        .collect();
    for chosen in resolved {
        let packages = repo
            .families
            .get(&chosen.name)
            .ok_or_else(|| format!("{} is not in the repository", chosen.name))?;
        let wanted = &by_name[chosen.name.as_str()];
        let package = packages
            .iter()
            .find(|p| p.version.parse::<Version>().is_ok_and(|v| &v == wanted))
            .ok_or_else(|| {
                format!(
                    "{}-{} is not in the repository",
                    chosen.name, chosen.version
                )
            })?;
        let variant: &[String] = match (chosen.index, package.variants.is_empty()) {
            (None, true) => &[],
            (Some(i), false) if i < package.variants.len() => &package.variants[i],
            _ => {
                return Err(format!(
                    "{}-{} has no variant {:?}",
                    chosen.name, chosen.version, chosen.index
                ));
            }
        };
        let who = format!("{}-{}[{:?}]", chosen.name, chosen.version, chosen.index);
        let own_conflict = |text: &&String| {
            text.parse::<Requirement>()
                .is_ok_and(|r| r.is_conflict() && r.name() == chosen.name)
        };
        obligations.extend(
            package
                .requires
                .iter()
                .chain(variant)
                .filter(|t| !own_conflict(t))
                .map(|r| (who.clone(), r.clone())),
        );
    }
    for (who, text) in obligations {
        let requirement: Requirement = text.parse().map_err(|e| format!("{who}: {text}: {e}"))?;
        let present = by_name.get(requirement.name());
        let inside = |v: &Version| requirement.range().is_none_or(|r| r.contains(v));
        let met = if requirement.name().starts_with('.') {
            // Ephemerals are not packages; the solver reports them apart.
            true
        } else if requirement.is_weak() {
            // `~foo-1` is stored by rez as the conflict of the inverse range;
            // read it back from the text to stay independent of that.
            let plain: Requirement = text
                .trim_start_matches('~')
                .parse()
                .map_err(|e| format!("{text}: {e}"))?;
            present.is_none_or(|v| plain.range().is_none_or(|r| r.contains(v)))
        } else if requirement.is_conflict() {
            present.is_none_or(|v| !inside(v))
        } else {
            present.is_some_and(inside)
        };
        if !met {
            return Err(format!(
                "{who} requires {text}, but the resolve has {:?}",
                present.map(|v| v.to_string())
            ));
        }
    }
    Ok(())
}
