//! Memoised parsing: the same string parsed twice costs a hash lookup.
//!
//! Repositories repeat themselves: `python-3.9` appears in hundreds of
//! package definitions, and every version of a family repeats most of its
//! requirements. Each parser keeps a process-wide, sharded map from input to
//! parsed value (values are cheap `Arc` clones). Only successes are kept,
//! and each shard stops growing at a fixed size, so memory stays bounded
//! whatever a program parses.

use std::hash::BuildHasher;
use std::sync::{Mutex, OnceLock, PoisonError};

use rustc_hash::{FxBuildHasher, FxHashMap};

/// Shards: enough that rayon threads parsing at once rarely meet.
const SHARDS: usize = 16;
/// Entries per shard before the shard stops taking new ones.
const SHARD_CAPACITY: usize = 8192;
/// Inputs longer than this are parsed every time (they rarely repeat).
const MAX_KEY_LEN: usize = 128;

/// One shard: input text to parsed value.
type Shard<T> = Mutex<FxHashMap<Box<str>, T>>;

/// A bounded, thread-safe memo of parse results keyed by input text.
pub(crate) struct Memo<T> {
    shards: OnceLock<Vec<Shard<T>>>,
}

impl<T: Clone> Memo<T> {
    /// An empty memo (usable in a `static`).
    pub(crate) const fn new() -> Self {
        Memo {
            shards: OnceLock::new(),
        }
    }

    fn shard(&self, key: &str) -> &Shard<T> {
        let shards = self.shards.get_or_init(|| {
            (0..SHARDS)
                .map(|_| Mutex::new(FxHashMap::default()))
                .collect()
        });
        &shards[(FxBuildHasher.hash_one(key) as usize) % SHARDS]
    }

    /// The memoised value for `key`, or `parse(key)` (remembered when it
    /// succeeds and there is room).
    pub(crate) fn get_or_parse<E>(
        &self,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, E> {
        if key.len() > MAX_KEY_LEN {
            return parse(key);
        }
        let shard = self.shard(key);
        if let Some(hit) = shard
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
        {
            return Ok(hit.clone());
        }
        let value = parse(key)?;
        let mut map = shard.lock().unwrap_or_else(PoisonError::into_inner);
        if map.len() < SHARD_CAPACITY {
            map.insert(key.into(), value.clone());
        }
        Ok(value)
    }
}
