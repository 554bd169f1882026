//! What a slice's variants require: rez's family information, the
//! solver-wide facts of whole packages, and requirement codes per family.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::{Codes, Entry, Slice};
use crate::bitset::BitSet;
use crate::cache::{CodeList, Facts, FamInfo};
use crate::package::plain;
use crate::store::{Fam, FamId, Res, Store};

/// How many distinct codes [`scan_codes`] compares one by one before it
/// keeps them in a set too.
const SCAN_LIMIT: usize = 64;

/// The distinct codes of the requirements on `on` among `entries`, in the
/// order first met.
pub(super) fn scan_codes(
    store: &Store<'_>,
    fam: &Fam,
    entries: &[Entry],
    on: FamId,
) -> Res<CodeList> {
    let mut buf = [0u32; 16];
    let mut len = 0usize;
    let mut spill: Vec<u32> = Vec::new();
    // past a few dozen distinct codes (a package with many variants, each
    // requiring its own range), membership is looked up in a set, so that
    // the scan stays linear in the variants
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    let mut note = |code: u32| {
        if spill.is_empty() {
            if buf[..len].contains(&code) {
                return;
            }
            if len < buf.len() {
                buf[len] = code;
                len += 1;
                return;
            }
            spill.extend_from_slice(&buf[..len]);
        }
        if spill.len() < SCAN_LIMIT {
            if !spill.contains(&code) {
                spill.push(code);
            }
            return;
        }
        if seen.is_empty() {
            seen.extend(spill.iter().copied());
        }
        if seen.insert(code) {
            spill.push(code);
        }
    };
    for entry in entries {
        let pkg = fam.pkg(entry.idx)?;
        let data = &pkg.data;
        if entry.is_shared() && data.ok {
            if let Some(code) = data.uniform_code(on) {
                note(code);
                continue;
            }
            if !data.names(on) {
                continue;
            }
        }
        for &pos in entry.order(store, pkg).as_slice() {
            if let Some(code) = data.var_code(pos, on) {
                note(code);
            }
        }
    }
    Ok(if spill.is_empty() {
        CodeList::new(&buf[..len])
    } else {
        CodeList::new(&spill)
    })
}

/// Whether every variant of `entries` requires `on` (non-conflict).
pub(super) fn all_require(store: &Store<'_>, fam: &Fam, entries: &[Entry], on: FamId) -> Res<bool> {
    for entry in entries {
        let pkg = fam.pkg(entry.idx)?;
        let data = &pkg.data;
        let all = if entry.is_shared() && data.ok {
            data.common.binary_search(&on).is_ok()
        } else {
            entry
                .order(store, pkg)
                .as_slice()
                .iter()
                .all(|&pos| data.var_code(pos, on).is_some_and(plain))
        };
        if !all {
            return Ok(false);
        }
    }
    Ok(true)
}

impl Slice {
    /// rez's `_update_fam_info`: the families common to all variants and
    /// (here, as a superset for derived slices) those any variant names.
    pub(super) fn info(&self, store: &Store<'_>) -> Res<&FamInfo> {
        if let Some(info) = self.info.get() {
            return Ok(info);
        }
        let first = self.first_variant(store)?;
        let fam = &first.fam;
        let first_names = store.reqs(first.pkg()?, first.pos)?;
        let entries = self.entries();
        let facts = self.facts(store, fam)?;
        let info = match (facts, self.is_root, self.lineage.info.get()) {
            (Some(f), _, _) => Arc::clone(&f.info),
            (None, false, Some(root)) => {
                let mut more: Vec<FamId> = Vec::new();
                for f in first_names.names() {
                    if !self.base_common.contains(&f) && all_require(store, fam, &entries, f)? {
                        more.push(f);
                    }
                }
                match &self.parent_info {
                    // the same information as the parent's: share it
                    Some(p)
                        if more.is_empty()
                            && Arc::ptr_eq(&p.common, &self.base_common)
                            && Arc::ptr_eq(&p.requires, &root.requires) =>
                    {
                        Arc::clone(p)
                    }
                    _ => {
                        let common: Arc<[FamId]> = if more.is_empty() {
                            Arc::clone(&self.base_common)
                        } else {
                            more.extend_from_slice(&self.base_common);
                            more.sort_unstable();
                            more.into()
                        };
                        Arc::new(FamInfo::new(common, Arc::clone(&root.requires)))
                    }
                }
            }
            _ => {
                let mut common: Vec<FamId> = first_names.names().collect();
                let mut requires = BitSet::default();
                for entry in entries.iter() {
                    let pkg = fam.pkg(entry.idx)?;
                    let data = &pkg.data;
                    if entry.is_shared() && data.ok {
                        if !common.is_empty() {
                            common.retain(|f| data.common.binary_search(f).is_ok());
                        }
                        for &f in data.all.iter() {
                            requires.insert(f as usize);
                        }
                        continue;
                    }
                    for &pos in entry.order(store, pkg).as_slice() {
                        let reqs = store.reqs(pkg, pos)?;
                        if !common.is_empty() {
                            common.retain(|f| reqs.requires(*f));
                        }
                        for f in reqs.all_names() {
                            requires.insert(f as usize);
                        }
                    }
                }
                Arc::new(FamInfo::new(common.into(), Arc::new(requires)))
            }
        };
        if self.is_root && self.lineage.info.get().is_none() {
            store.register(self.fam, &info.requires);
            let _ = self.lineage.info.set(Arc::clone(&info));
        }
        Ok(self.info.get_or_init(|| info))
    }

    /// The solver-wide facts of this slice's packages, when it holds every
    /// variant of each (and none has conflicting requirements).
    pub(super) fn facts(&self, _store: &Store<'_>, fam: &Fam) -> Res<Option<&Arc<Facts>>> {
        if let Some(f) = self.facts.get() {
            return Ok(f.as_ref());
        }
        // a root slice of whole packages: known by its range
        if let Some(f) = self.root_range.and_then(|id| fam.fc.facts_by_range(id)) {
            self.whole.set(Some(true));
            return Ok(self.facts.get_or_init(|| Some(f)).as_ref());
        }
        let entries = self.entries();
        let eligible = match self.whole.get() {
            Some(w) => w,
            None => {
                let mut w = true;
                for e in entries.iter() {
                    if !e.is_shared() || !fam.pkg(e.idx)?.data.ok {
                        w = false;
                        break;
                    }
                }
                self.whole.set(Some(w));
                w
            }
        };
        let facts = if eligible {
            let key = self.verset_ref();
            let facts = match fam.fc.facts(key) {
                Some(f) => f,
                None => {
                    let mut common: Option<Vec<FamId>> = None;
                    let mut requires = BitSet::default();
                    for e in entries.iter() {
                        let data = &fam.pkg(e.idx)?.data;
                        match &mut common {
                            None => common = Some(data.common.to_vec()),
                            Some(c) => c.retain(|f| data.common.binary_search(f).is_ok()),
                        }
                        for &f in data.all.iter() {
                            requires.insert(f as usize);
                        }
                    }
                    let info = FamInfo::new(common.unwrap_or_default().into(), Arc::new(requires));
                    let facts = Facts::new(Arc::new(info), key.into(), fam.fc.verset_id(key));
                    fam.fc.set_facts(key, Arc::new(facts))
                }
            };
            if let Some(id) = self.root_range {
                fam.fc.set_facts_by_range(id, &facts);
            }
            Some(facts)
        } else {
            None
        };
        Ok(self.facts.get_or_init(|| facts).as_ref())
    }

    pub(super) fn codes_map(&self) -> &Rc<Codes> {
        self.codes.get_or_init(|| Rc::new(RefCell::new(Vec::new())))
    }

    /// Runs `f` on the distinct codes on `on` of this slice's variants (or
    /// of the slice it was narrowed from, when that has at most one),
    /// computed once per slice.
    pub(super) fn with_codes<R>(
        &self,
        store: &Store<'_>,
        fam: &Fam,
        on: FamId,
        f: impl FnOnce(&[u32]) -> R,
    ) -> Res<R> {
        if let Some(m) = self.codes.get() {
            let map = m.borrow();
            if let Some(c) = map.iter().find(|c| c.0 == on) {
                return Ok(f(c.1.as_slice()));
            }
        }
        let codes: CodeList = if let Some(facts) = self.facts(store, fam)? {
            match facts.codes(on) {
                Some(c) => c,
                None => {
                    let c = scan_codes(store, fam, &self.entries(), on)?;
                    facts.set_codes(on, &c);
                    c
                }
            }
        } else {
            let known = self
                .parent_codes
                .as_ref()
                .and_then(|m| {
                    m.borrow()
                        .iter()
                        .find(|c| c.0 == on && c.1.as_slice().len() <= 1)
                        .map(|c| c.1.clone())
                })
                .or_else(|| {
                    let facts = self.ancestor_facts.as_ref()?;
                    facts.codes(on).filter(|c| c.as_slice().len() <= 1)
                });
            match known {
                Some(c) => c,
                None => scan_codes(store, fam, &self.entries(), on)?,
            }
        };
        let out = f(codes.as_slice());
        self.codes_map().borrow_mut().push((on, codes));
        Ok(out)
    }
}
