//! Changes to the request that do resolve: widening, pinning an older
//! version of, or dropping one request, each tried with an actual solve,
//! within a budget of solves and time.

use std::time::{Duration, Instant};

use rer_repo::FamilyProvider;
use rer_solver::{Resolve, Solver};
use rer_version::{Requirement, Version, VersionRange};
use serde::Serialize;

/// How much searching for suggestions may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Budget {
    /// At most this many extra solves.
    pub max_solves: usize,
    /// At most this much time over all of them (checked before each
    /// solve); `None` for no time limit, which makes the search's outcome
    /// depend on nothing but the data.
    pub max_time: Option<Duration>,
    /// Stop after this many changes that resolve.
    pub max_found: usize,
}

impl Default for Budget {
    /// 100 extra solves or 200 ms, whichever ends first; up to 5 suggestions.
    fn default() -> Self {
        Budget {
            max_solves: 100,
            max_time: Some(Duration::from_millis(200)),
            max_found: 5,
        }
    }
}

/// One change to one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A ranged request widened to its whole family (`maya-2024` to `maya`).
    Widen {
        /// The request as asked.
        from: String,
        /// The widened request.
        to: String,
    },
    /// A request replaced by an exact older version of its family
    /// (`maya-2024` to `maya==2023`).
    Pin {
        /// The request as asked.
        from: String,
        /// The pinned request.
        to: String,
    },
    /// A pin of an older version of a package the explanation names but
    /// the request does not, added to the request (`b==1`).
    Add {
        /// The requirement added.
        request: String,
    },
    /// A request left out.
    Drop {
        /// The request left out.
        request: String,
    },
}

/// A resolved package of a suggestion's solve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolvedPackage {
    /// The family.
    pub name: String,
    /// The version.
    pub version: String,
    /// The variant index, `None` without variants.
    pub index: Option<usize>,
}

impl ResolvedPackage {
    /// `name-version`.
    pub fn qualified_name(&self) -> String {
        if self.version.is_empty() {
            self.name.clone()
        } else {
            format!("{}-{}", self.name, self.version)
        }
    }
}

/// A change that resolves, checked by a solve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The change.
    pub change: Change,
    /// The whole changed request.
    pub request: Vec<String>,
    /// What it resolves to, in rez's order.
    pub resolved: Vec<ResolvedPackage>,
    /// The families worth showing: those the failure's explanation names
    /// and the changed request's.
    pub involved: Vec<String>,
}

/// The outcome of the search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestions {
    /// The changes that resolve, nearest first: widenings, then pins (the
    /// newest older version that resolves, per request), then added pins
    /// of other packages the explanation names, then drops.
    pub found: Vec<Suggestion>,
    /// The candidate changes there were.
    pub candidates: usize,
    /// The candidates tried.
    pub tried: usize,
    /// The extra solves made.
    pub solves: usize,
    /// Whether the budget ended the search before every candidate was tried.
    pub exhausted: bool,
    /// The budget.
    pub budget: Budget,
}

/// A candidate request: the change and the request it makes.
struct Candidate {
    change: Change,
    request: Vec<Requirement>,
    /// For pins: the request position, so that later pins of it are
    /// skipped once one resolves.
    pin_of: Option<usize>,
}

/// Whether a request item can be widened or pinned: a plain requirement on
/// a package family.
fn plain(req: &Requirement) -> bool {
    !req.is_conflict() && !req.is_ephemeral()
}

fn replaced(request: &[Requirement], i: usize, with: Option<Requirement>) -> Vec<Requirement> {
    let mut out = request.to_vec();
    match with {
        Some(r) => out[i] = r,
        None => {
            out.remove(i);
        }
    }
    out
}

/// The candidates, in the order they are tried: widenings and drops (one
/// per request), then pins round-robin over the requests and then the
/// other `involved` families (added to the request), newest older version
/// first.
fn candidates<P: FamilyProvider>(
    solver: &Solver<P>,
    request: &[Requirement],
    involved: &[String],
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (i, r) in request.iter().enumerate() {
        if plain(r) && r.range().is_some_and(|x| !x.is_any()) {
            let to = Requirement::construct(r.shared_name().clone(), VersionRange::any());
            out.push(Candidate {
                change: Change::Widen {
                    from: r.to_string(),
                    to: to.to_string(),
                },
                request: replaced(request, i, Some(to)),
                pin_of: None,
            });
        }
    }
    for (i, r) in request.iter().enumerate() {
        if request.len() > 1 {
            out.push(Candidate {
                change: Change::Drop {
                    request: r.to_string(),
                },
                request: replaced(request, i, None),
                pin_of: None,
            });
        }
    }
    // per request: its family's versions older than the newest it admits
    let mut pins: Vec<Vec<Candidate>> = Vec::new();
    for (i, r) in request.iter().enumerate() {
        let mut list = Vec::new();
        if plain(r) {
            if let Ok(Some(family)) = solver.provider().family(r.name()) {
                let versions: Vec<&Version> = family.versions().iter().collect();
                let newest = versions.iter().rev().find(|v| r.is_satisfied_by(v));
                if let Some(newest) = newest {
                    for v in versions.iter().rev().filter(|v| *v < newest) {
                        let Some(range) = VersionRange::from_version(v) else {
                            continue;
                        };
                        let to = Requirement::construct(r.shared_name().clone(), range);
                        list.push(Candidate {
                            change: Change::Pin {
                                from: r.to_string(),
                                to: format!("{}=={v}", r.name()),
                            },
                            request: replaced(request, i, Some(to)),
                            pin_of: Some(i),
                        });
                    }
                }
            }
        }
        pins.push(list);
    }
    // the other families the explanation names: pin an older version
    for (k, family_name) in involved.iter().enumerate() {
        if request.iter().any(|r| r.name() == family_name) {
            continue;
        }
        let mut list = Vec::new();
        if let Ok(Some(family)) = solver.provider().family(family_name) {
            for v in family.versions().iter().rev().skip(1) {
                let Some(range) = VersionRange::from_version(v) else {
                    continue;
                };
                let add = Requirement::construct(family.shared_name().clone(), range);
                let mut changed = request.to_vec();
                changed.push(add);
                list.push(Candidate {
                    change: Change::Add {
                        request: format!("{family_name}=={v}"),
                    },
                    request: changed,
                    pin_of: Some(request.len() + k),
                });
            }
        }
        pins.push(list);
    }
    let longest = pins.iter().map(Vec::len).max().unwrap_or(0);
    let mut columns: Vec<std::vec::IntoIter<Candidate>> =
        pins.into_iter().map(Vec::into_iter).collect();
    for _ in 0..longest {
        for col in &mut columns {
            if let Some(c) = col.next() {
                out.push(c);
            }
        }
    }
    out
}

/// Searches for changes of one request item that make `request` resolve,
/// within `budget`. `involved` names the families worth showing in each
/// suggestion (those of the failure's explanation). The search only reads
/// through `solver`; the answer to `request` itself is not touched.
pub fn suggest<P: FamilyProvider>(
    solver: &Solver<P>,
    request: &[Requirement],
    involved: &[String],
    budget: Budget,
) -> Suggestions {
    let start = Instant::now();
    let all = candidates(solver, request, involved);
    let candidates = all.len();
    let mut found: Vec<(usize, Suggestion)> = Vec::new();
    let mut solves = 0usize;
    let mut tried = 0usize;
    let mut exhausted = false;
    let mut pinned: Vec<usize> = Vec::new();
    for (order, c) in all.into_iter().enumerate() {
        if found.len() >= budget.max_found {
            break;
        }
        if c.pin_of.is_some_and(|i| pinned.contains(&i)) {
            tried += 1;
            continue;
        }
        if solves >= budget.max_solves || budget.max_time.is_some_and(|t| start.elapsed() >= t) {
            exhausted = true;
            break;
        }
        solves += 1;
        tried += 1;
        if let Ok(Resolve::Solved(s)) = solver.solve(&c.request) {
            if let Some(i) = c.pin_of {
                pinned.push(i);
            }
            let mut shown: Vec<String> = involved.to_vec();
            match &c.change {
                Change::Widen { to, .. } | Change::Pin { to, .. } => {
                    if let Ok(r) = Requirement::parse(to) {
                        shown.push(r.name().to_string());
                    }
                }
                Change::Add { request } => {
                    if let Ok(r) = Requirement::parse(request) {
                        shown.push(r.name().to_string());
                    }
                }
                Change::Drop { .. } => {}
            }
            let rank = match c.change {
                Change::Widen { .. } => 0,
                Change::Pin { .. } => 1,
                Change::Add { .. } => 2,
                Change::Drop { .. } => 3,
            };
            found.push((
                rank * 1_000_000 + order,
                Suggestion {
                    change: c.change,
                    request: c.request.iter().map(ToString::to_string).collect(),
                    resolved: s
                        .variants
                        .iter()
                        .map(|v| ResolvedPackage {
                            name: v.name.to_string(),
                            version: v.version.to_string(),
                            index: v.index,
                        })
                        .collect(),
                    involved: shown,
                },
            ));
        }
    }
    found.sort_by_key(|(k, _)| *k);
    Suggestions {
        found: found.into_iter().map(|(_, s)| s).collect(),
        candidates,
        tried,
        solves,
        exhausted,
        budget,
    }
}
