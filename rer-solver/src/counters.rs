//! Temporary profiling counters.
use std::sync::atomic::{AtomicU64, Ordering};
pub(crate) static C: [AtomicU64; 24] = [const { AtomicU64::new(0) }; 24];
#[inline]
pub(crate) fn add(i: usize, n: u64) {
    C[i].fetch_add(n, Ordering::Relaxed);
}
/// Dumps the counters.
pub fn dump() -> Vec<u64> {
    C.iter().map(|c| c.load(Ordering::Relaxed)).collect()
}

thread_local! {
    pub(crate) static SEEN: std::cell::RefCell<std::collections::HashSet<(usize, u32)>> = std::cell::RefCell::new(Default::default());
    pub(crate) static SEEN2: std::cell::RefCell<std::collections::HashSet<(usize, usize)>> = std::cell::RefCell::new(Default::default());
}
/// note a deep reduce
pub(crate) fn note(slice: usize, fam: u32, yset: usize) {
    SEEN.with(|s| {
        if s.borrow_mut().insert((slice, fam)) {
            add(10, 1)
        }
    });
    SEEN2.with(|s| {
        if s.borrow_mut().insert((slice, yset)) {
            add(11, 1)
        }
    });
}

/// Times a block into counter `i` (nanoseconds).
pub(crate) struct Timer(usize, std::time::Instant);
impl Timer {
    pub(crate) fn new(i: usize) -> Timer {
        Timer(i, std::time::Instant::now())
    }
}
impl Drop for Timer {
    fn drop(&mut self) {
        add(self.0, self.1.elapsed().as_nanos() as u64)
    }
}
