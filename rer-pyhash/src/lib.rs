//! CPython 3.11's hashes of `str` and `tuple` under a `PYTHONHASHSEED`, and
//! the iteration order of a `set` of such values.
//!
//! rez 3.4.0 iterates Python sets in a few places where the order reaches
//! its answer (the dependency graph its cycle check walks is built from
//! two sets). Python randomises string hashes per process unless
//! `PYTHONHASHSEED` is set, so those answers depend on the seed; with this
//! crate a caller reproduces the order rez sees under a given seed.
//!
//! ```
//! use rer_pyhash::{HashSecret, PySet};
//!
//! let secret = HashSecret::from_seed(0); // PYTHONHASHSEED=0
//! let mut set = PySet::new();
//! for name in ["python", "maya", "arnold"] {
//!     set.insert(name, secret.hash_str(name));
//! }
//! let order: Vec<&str> = set.iter().copied().collect(); // list(set) in CPython
//! assert_eq!(order.len(), 3);
//! ```

mod hash;
mod set;

pub use hash::{HashSecret, hash_tuple};
pub use set::PySet;
