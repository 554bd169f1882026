//! What one solve holds of a family and its packages: the packages read,
//! and the state of each package's shared variant list.

use std::cell::OnceCell;
use std::rc::Rc;
use std::sync::Arc;

use rer_version::Version;

use super::Res;
use crate::cache::{FamCache, PkgData};
use crate::error::SolveError;
use crate::sort_key::SortKey;

/// A family the provider has, as one solve sees it.
pub(crate) struct Fam {
    /// The solver-wide entry of the family.
    pub(crate) fc: Arc<FamCache>,
    pub(super) pkgs: Box<[OnceCell<Pkg>]>,
    /// Each version's place in rez's iteration order (`None`: ascending),
    /// made when first needed under a hash seed the solver-wide cache
    /// does not hold.
    pub(super) listing_rank: OnceCell<Option<Box<[u32]>>>,
}

impl Fam {
    /// The family's versions, ascending.
    pub(crate) fn versions(&self) -> &[Version] {
        self.fc.family.versions()
    }

    /// The package at position `idx`, which the solve has read already.
    #[inline]
    pub(crate) fn pkg(&self, idx: u32) -> Res<&Pkg> {
        self.pkgs
            .get(idx as usize)
            .and_then(OnceCell::get)
            .ok_or_else(|| Box::new(SolveError::Internal(format!("package {idx} not read"))))
    }
}

/// A variant of a package the solve has read: its family, version
/// position and variant position.
#[derive(Clone)]
pub(crate) struct VarRef {
    /// The family.
    pub(crate) fam: Rc<Fam>,
    /// The version position.
    pub(crate) idx: u32,
    /// The variant position.
    pub(crate) pos: u16,
}

impl VarRef {
    /// The package.
    pub(crate) fn pkg(&self) -> Res<&Pkg> {
        self.fam.pkg(self.idx)
    }
}

/// The variants of an entry, in their current order (copied out).
pub(crate) struct Order {
    len: usize,
    buf: [u16; 24],
    spill: Vec<u16>,
}

impl Order {
    /// The order of `order`.
    pub(crate) fn of(order: &[u16]) -> Order {
        let mut out = Order {
            len: order.len(),
            buf: [0; 24],
            spill: Vec::new(),
        };
        if order.len() <= out.buf.len() {
            out.buf[..order.len()].copy_from_slice(order);
        } else {
            out.spill = order.to_vec();
        }
        out
    }

    /// The positions.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[u16] {
        if self.spill.is_empty() {
            &self.buf[..self.len]
        } else {
            &self.spill
        }
    }
}

#[derive(Default)]
pub(super) enum LocalFam {
    #[default]
    Unknown,
    Missing,
    Found(Rc<Fam>),
    /// The provider's error, answered again if asked again (the solver
    /// never asks the provider twice for a family within a solve).
    Failed(rer_repo::ProviderError),
}

/// One package as one solve sees it: the processed data, plus the state of
/// rez's shared list of its variants (index order until first sorted).
pub(crate) struct Pkg {
    /// The processed package.
    pub(crate) data: Arc<PkgData>,
    pub(super) canon: OnceCell<Arc<[u16]>>,
    pub(super) keys: OnceCell<Box<[OnceCell<SortKey>]>>,
}

/// Variant positions `0..n` for lists in index order.
pub(super) static IDENTITY: [u16; 64] = {
    let mut a = [0u16; 64];
    let mut i = 0;
    while i < 64 {
        a[i] = i as u16;
        i += 1;
    }
    a
};

impl Pkg {
    /// The package version.
    pub(crate) fn version(&self) -> &Version {
        &self.data.package.version
    }

    /// The number of variants.
    pub(crate) fn nvars(&self) -> usize {
        self.data.nvars()
    }

    /// The variant index of position `pos`.
    pub(crate) fn index(&self, pos: u16) -> Option<u32> {
        self.data.index(pos)
    }

    /// Runs `f` on the current order of the package's shared variant list.
    pub(crate) fn with_shared_order<R>(&self, f: impl FnOnce(&[u16]) -> R) -> R {
        if let Some(c) = self.canon.get() {
            return f(c);
        }
        let n = self.nvars();
        if n <= IDENTITY.len() {
            f(&IDENTITY[..n])
        } else {
            let v: Vec<u16> = (0..n as u16).collect();
            f(&v)
        }
    }

    /// Whether the shared list has been sorted.
    pub(crate) fn shared_sorted(&self) -> bool {
        self.nvars() <= 1 || self.canon.get().is_some()
    }
}
