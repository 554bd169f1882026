//! [`Derived`]: a place where a provider keeps what its consumers derive
//! from its families, so that it outlives any one consumer.

use std::any::{Any, TypeId};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

/// A store of values derived from a provider's families, kept by the
/// provider for as long as it lives and shared by every consumer that asks
/// (see [`FamilyProvider::derived`](crate::FamilyProvider::derived)).
///
/// A solver keeps here what it learns about packages (their merged
/// requirements, which versions each range admits, ...), so that a new
/// solver over the same provider starts with what earlier ones learnt. The
/// store holds one value per type and key, made once by the first consumer
/// that asks; values must be safe to share between threads and must not
/// depend on anything but the provider's data and the key (a consumer with
/// other inputs keys them, or keeps its own value).
#[derive(Default)]
pub struct Derived {
    values: Mutex<Vec<Kept>>,
}

/// One value of a [`Derived`] store: its type, its key and itself.
type Kept = (TypeId, u64, Arc<dyn Any + Send + Sync>);

impl Derived {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of type `T` under `key`, made by `make` the first time
    /// (once, even when several threads ask at once; `make` must not use
    /// this store).
    pub fn get_or_insert_with<T: Any + Send + Sync>(
        &self,
        key: u64,
        make: impl FnOnce() -> T,
    ) -> Arc<T> {
        let mut values = self.values.lock().unwrap_or_else(PoisonError::into_inner);
        let id = TypeId::of::<T>();
        let found = values
            .iter()
            .find(|(t, k, _)| *t == id && *k == key)
            .and_then(|(_, _, v)| Arc::clone(v).downcast::<T>().ok());
        if let Some(value) = found {
            return value;
        }
        let value = Arc::new(make());
        values.push((id, key, Arc::clone(&value) as Arc<dyn Any + Send + Sync>));
        value
    }

    /// How many values the store holds.
    pub fn len(&self) -> usize {
        self.values
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether the store holds no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Debug for Derived {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Derived")
            .field("values", &self.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_type_and_key() {
        let store = Derived::new();
        let a = store.get_or_insert_with(1, || String::from("one"));
        let again = store.get_or_insert_with(1, || String::from("other"));
        assert!(Arc::ptr_eq(&a, &again));
        let b = store.get_or_insert_with(2, || String::from("two"));
        assert_eq!(*b, "two");
        let n = store.get_or_insert_with(1, || 7u32);
        assert_eq!(*n, 7);
        assert_eq!(store.len(), 3);
    }
}
