//! [`RequirementList`]: requirements merged per family, rez's `RequirementList`.

use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;

use crate::Requirement;

/// A list of requirements reduced to one requirement per family, in order of
/// first appearance, or the first pair that cannot be merged.
///
/// Promises rez's `RequirementList` semantics: requirements on the same
/// family are merged left to right with [`Requirement::merged`]; the first
/// merge that fails stops the reduction and is reported by
/// [`conflict`](RequirementList::conflict) (the requirements are then empty).
#[derive(Clone, PartialEq, Eq)]
pub struct RequirementList {
    merged: IndexMap<Arc<str>, Requirement>,
    conflict: Option<(Requirement, Requirement)>,
}

impl RequirementList {
    /// Merges `requirements` as rez does.
    pub fn new(requirements: impl IntoIterator<Item = Requirement>) -> RequirementList {
        let mut merged: IndexMap<Arc<str>, Requirement> = IndexMap::new();
        for req in requirements {
            match merged.get_mut(req.name()) {
                None => {
                    merged.insert(req.shared_name().clone(), req);
                }
                Some(existing) => match existing.merged(&req) {
                    Some(m) => *existing = m,
                    None => {
                        let first = existing.clone();
                        return RequirementList {
                            merged: IndexMap::new(),
                            conflict: Some((first, req)),
                        };
                    }
                },
            }
        }
        RequirementList {
            merged,
            conflict: None,
        }
    }

    /// The merged requirements, one per family, in order of first appearance
    /// (empty when there is a conflict).
    pub fn requirements(&self) -> impl ExactSizeIterator<Item = &Requirement> {
        self.merged.values()
    }

    /// The first two requirements that could not be merged, if any.
    pub fn conflict(&self) -> Option<(&Requirement, &Requirement)> {
        self.conflict.as_ref().map(|(a, b)| (a, b))
    }

    /// Names of the non-conflict requirements, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.merged
            .values()
            .filter(|r| !r.is_conflict())
            .map(Requirement::name)
    }

    /// Names of the conflict requirements (weak ones included), in order.
    pub fn conflict_names(&self) -> impl Iterator<Item = &str> {
        self.merged
            .values()
            .filter(|r| r.is_conflict())
            .map(Requirement::name)
    }

    /// The merged requirement on `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Requirement> {
        self.merged.get(name)
    }

    /// Number of merged requirements.
    pub fn len(&self) -> usize {
        self.merged.len()
    }

    /// True when there are no merged requirements.
    pub fn is_empty(&self) -> bool {
        self.merged.is_empty()
    }
}

impl fmt::Display for RequirementList {
    /// rez's `str()`: `a b c`, or `a <--!--> b` for a conflict.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((a, b)) = &self.conflict {
            return write!(f, "{a} <--!--> {b}");
        }
        for (i, r) in self.merged.values().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for RequirementList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RequirementList({:?})", self.to_string())
    }
}
