//! rez's `PackageFilter` and `PackageFilterList`: which rules apply to a
//! package, and rez's precedence between them.

use std::sync::Arc;

use rer_repo::{Package, ProviderError};

use crate::rule::{Candidate, Rule};

/// Rules by the family they are filed under (`None`: every family), each
/// list sorted by cost, cheapest first, in order of addition among equals.
/// Families keep their order of first addition, as rez's dicts do.
#[derive(Clone, Debug, Default)]
struct RuleBook {
    entries: Vec<(Option<Arc<str>>, Vec<Rule>)>,
}

impl RuleBook {
    fn add(&mut self, rule: Rule) {
        let family = rule.family().map(Arc::from);
        let rules = match self.entries.iter().position(|(f, _)| *f == family) {
            Some(at) => &mut self.entries[at].1,
            None => {
                self.entries.push((family, Vec::new()));
                &mut self.entries.last_mut().expect("just pushed").1
            }
        };
        let at = rules.partition_point(|r| r.cost() <= rule.cost());
        rules.insert(at, rule);
    }

    /// The rules filed under `family` (`None`: the global ones).
    fn get(&self, family: Option<&str>) -> &[Rule] {
        self.entries
            .iter()
            .find(|(f, _)| f.as_deref() == family)
            .map_or(&[], |(_, rules)| rules.as_slice())
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.entries.iter().flat_map(|(_, rules)| rules)
    }
}

/// rez's `PackageFilter`: exclusion and inclusion rules. A package is
/// excluded when it matches an exclusion rule (those filed under its family
/// are tried first, then the global ones) and no inclusion rule (likewise).
/// A filter without exclusions excludes nothing, whatever it includes.
#[derive(Clone, Debug, Default)]
pub struct PackageFilter {
    excludes: RuleBook,
    includes: RuleBook,
}

impl PackageFilter {
    /// A filter with no rules.
    pub fn new() -> Self {
        PackageFilter::default()
    }

    /// Adds an exclusion rule.
    pub fn add_exclusion(&mut self, rule: Rule) {
        self.excludes.add(rule);
    }

    /// Adds an inclusion rule.
    pub fn add_inclusion(&mut self, rule: Rule) {
        self.includes.add(rule);
    }

    /// Whether the filter has exclusion rules (rez's `bool(filter)`): a
    /// filter without them excludes nothing.
    pub fn is_active(&self) -> bool {
        !self.excludes.is_empty()
    }

    /// The exclusion rules, family by family in order of addition.
    pub fn exclusions(&self) -> impl Iterator<Item = &Rule> {
        self.excludes.rules()
    }

    /// The inclusion rules, family by family in order of addition.
    pub fn inclusions(&self) -> impl Iterator<Item = &Rule> {
        self.includes.rules()
    }

    /// rez's `cost`: the exclusions' costs summed, a family's rules counting
    /// a tenth. [`PackageFilterList`] keeps its filters cheapest first.
    pub fn cost(&self) -> f64 {
        self.excludes
            .entries
            .iter()
            .map(|(family, rules)| {
                let cost: f64 = rules.iter().map(|r| f64::from(r.cost())).sum();
                if family.as_deref().is_some_and(|f| !f.is_empty()) {
                    cost / 10.0
                } else {
                    cost
                }
            })
            .sum()
    }

    /// The exclusion rule that excludes `package`, if any.
    pub fn excludes(&self, package: &Package) -> Option<Rule> {
        let timestamp = || Ok(package.timestamp);
        let candidate = Candidate {
            name: &package.name,
            version: &package.version,
            timestamp: &timestamp,
        };
        let rules = self.for_family(&package.name);
        rules.excluding(&candidate).ok().flatten().cloned()
    }

    /// The rules of this filter that can apply to `family`.
    pub(crate) fn for_family(&self, family: &str) -> FamilyFilter {
        FamilyFilter {
            excludes: [self.excludes.get(Some(family)), self.excludes.get(None)].concat(),
            includes: [self.includes.get(Some(family)), self.includes.get(None)].concat(),
        }
    }
}

/// One filter's rules for one family: its exclusions (the family's, then
/// the global ones) and inclusions likewise.
#[derive(Clone, Debug)]
pub(crate) struct FamilyFilter {
    excludes: Vec<Rule>,
    includes: Vec<Rule>,
}

impl FamilyFilter {
    /// Whether the filter can exclude anything of the family.
    pub(crate) fn is_active(&self) -> bool {
        !self.excludes.is_empty()
    }

    /// The rule that excludes `candidate`, if the filter does, evaluated in
    /// rez's order (the family's rules, then the global ones, each list
    /// cheapest first; the first match decides) so that a package is read
    /// only when a cheaper rule did not decide.
    pub(crate) fn excluding(
        &self,
        candidate: &Candidate<'_>,
    ) -> Result<Option<&Rule>, ProviderError> {
        match first_match(&self.excludes, candidate)? {
            Some(rule) if first_match(&self.includes, candidate)?.is_none() => Ok(Some(rule)),
            _ => Ok(None),
        }
    }
}

fn first_match<'r>(
    rules: &'r [Rule],
    candidate: &Candidate<'_>,
) -> Result<Option<&'r Rule>, ProviderError> {
    for rule in rules {
        if rule.matches(candidate)? {
            return Ok(Some(rule));
        }
    }
    Ok(None)
}

/// rez's `PackageFilterList`: a package is excluded when any of the
/// filters excludes it. The filters are kept cheapest first (rez sorts them
/// by [`PackageFilter::cost`] as they are added).
///
/// Build one from rez's configuration format with
/// [`PackageFilterList::from_pod`], then adjust it as `rez env` does:
/// [`add_exclusion`](PackageFilterList::add_exclusion) (`--exclude`, and
/// `--time` as `Rule::after(T, None)`),
/// [`add_inclusion`](PackageFilterList::add_inclusion) (`--include`).
#[derive(Clone, Debug, Default)]
pub struct PackageFilterList {
    filters: Vec<PackageFilter>,
}

impl PackageFilterList {
    /// A list with no filters: it excludes nothing.
    pub fn new() -> Self {
        PackageFilterList::default()
    }

    /// Adds a filter, keeping the list sorted by cost (stable among equals).
    pub fn add_filter(&mut self, filter: PackageFilter) {
        let cost = filter.cost();
        let at = self.filters.partition_point(|f| f.cost() <= cost);
        self.filters.insert(at, filter);
    }

    /// rez's `add_exclusion`: adds `rule` to the last filter (the costliest
    /// when it was added), or to a new filter when there is none. The list
    /// is not sorted again, as in rez.
    pub fn add_exclusion(&mut self, rule: Rule) {
        match self.filters.last_mut() {
            Some(filter) => filter.add_exclusion(rule),
            None => {
                let mut filter = PackageFilter::new();
                filter.add_exclusion(rule);
                self.add_filter(filter);
            }
        }
    }

    /// rez's `add_inclusion`: adds `rule` to every filter, so an inclusion
    /// rescues a package from all of them. With no filters it does nothing.
    pub fn add_inclusion(&mut self, rule: Rule) {
        for filter in &mut self.filters {
            filter.add_inclusion(rule.clone());
        }
    }

    /// The filters, in the order they are tried.
    pub fn filters(&self) -> &[PackageFilter] {
        &self.filters
    }

    /// Whether any filter can exclude anything (rez's `bool(filter_list)`).
    /// An inactive list filters nothing, and [`crate::Filtered`] over it
    /// hands the inner provider's families through untouched.
    pub fn is_active(&self) -> bool {
        self.filters.iter().any(PackageFilter::is_active)
    }

    /// The first rule, in filter order, that excludes `package`.
    pub fn excludes(&self, package: &Package) -> Option<Rule> {
        self.filters.iter().find_map(|f| f.excludes(package))
    }

    /// The list's rules for one family, with the filters that cannot exclude
    /// anything of it left out.
    pub(crate) fn for_family(&self, family: &str) -> Vec<FamilyFilter> {
        self.filters
            .iter()
            .map(|f| f.for_family(family))
            .filter(FamilyFilter::is_active)
            .collect()
    }
}
