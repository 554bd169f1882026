//! The `rer` binary's global allocator: mimalloc, asked for alignment only
//! where its plain `malloc` does not already give it.
//!
//! A solve makes many small, short-lived allocations, which mimalloc serves
//! markedly faster than glibc's malloc (a fresh solve per request, as `rer
//! solve` runs, took about a third less time in `cargo xtask bench`,
//! measured side by side). The `mimalloc` crate's own adapter sends every
//! allocation through `mi_malloc_aligned`, which checks the alignment and
//! looks for a suitably aligned free block before it allocates; nearly all
//! of Rust's allocations ask for an alignment of 16 or less, which
//! `mi_malloc` gives every block at least that large (mimalloc's
//! `MI_MAX_ALIGN_SIZE`: on 64-bit targets its size classes up to 64 bytes
//! are whole multiples of 16 and the larger ones are too), the rule Rust's
//! own `System` allocator applies to the C `malloc`.
//!
//! mimalloc is built with its `no_thp` option (the workspace's
//! `Cargo.toml`): it does not ask the kernel for transparent huge pages for
//! its arena, so a process that touches a few hundred kilobytes of heap does
//! not have 2 MiB pages zeroed for it. Where the system's setting is
//! `always` rather than `madvise`, the kernel still gives them.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_int, c_long, c_void};

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned, mi_zalloc,
    mi_zalloc_aligned,
};

/// The alignment every mimalloc block of at least this many bytes has
/// (`MI_MAX_ALIGN_SIZE`, `sizeof(max_align_t)`).
const PLAIN_ALIGN: usize = 16;

// mimalloc's `mi_option_set` and the number of its `destroy_on_exit`
// option in its `mi_option_e` (v3).
unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
}
const MI_OPTION_DESTROY_ON_EXIT: c_int = 22;

/// mimalloc as the global allocator (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct Mimalloc;

/// Whether `mi_malloc` alone gives `size` bytes the alignment `align`.
#[inline]
fn plain(size: usize, align: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: each method forwards to the mimalloc function for the request,
// the aligned variant whenever the plain one does not guarantee the
// layout's alignment; mimalloc's `mi_free` and `mi_realloc*` accept any
// block from any of its allocation functions.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: mimalloc's allocation functions take any size and a
        // power-of-two alignment, which a `Layout` has.
        unsafe {
            if plain(size, align) {
                mi_malloc(size).cast()
            } else {
                mi_malloc_aligned(size, align).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: as in `alloc`.
        unsafe {
            if plain(size, align) {
                mi_zalloc(size).cast()
            } else {
                mi_zalloc_aligned(size, align).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        // SAFETY: `ptr` came from this allocator, so from mimalloc; the new
        // block is aligned as `layout` asks (plainly when that suffices).
        unsafe {
            if plain(new_size, align) {
                mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast::<c_void>(), new_size, align).cast()
            }
        }
    }
}

/// Tells mimalloc not to tidy its heap when the process exits: by default
/// it collects every page and hands freed memory back to the kernel
/// (`madvise`) just before the kernel takes all of it anyway. Call it once,
/// early in `main`; it changes nothing but the work done at exit.
pub fn skip_cleanup_at_exit() {
    // SAFETY: `mi_option_set` may be called at any time; a value above 1
    // makes mimalloc's exit hook return at once (`_mi_auto_process_done`).
    unsafe { mi_option_set(MI_OPTION_DESTROY_ON_EXIT, 2) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Allocates, fills, grows, shrinks and frees blocks of many sizes and
    /// alignments through the allocator, checking each block's alignment
    /// and that a reallocation keeps the contents.
    #[test]
    fn every_block_has_its_layouts_alignment() {
        let a = Mimalloc;
        let sizes = [
            1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 40, 48, 56, 64, 72, 100, 1000, 70_000,
        ];
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in sizes {
                let layout = Layout::from_size_align(size, align).expect("layout");
                // SAFETY: non-zero sizes; each block is used within its
                // size and freed once, with the layout it has then.
                unsafe {
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0, "zeroed {size} align {align}");
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|b| *b == 0));
                    a.dealloc(z, layout);
                    for new_size in [size * 3, size.div_ceil(2)] {
                        let p = a.alloc(layout);
                        assert_eq!(p as usize % align, 0, "size {size} align {align}");
                        p.write_bytes(0xA5, size);
                        let q = a.realloc(p, layout, new_size);
                        assert_eq!(q as usize % align, 0, "{size} to {new_size}, {align}");
                        let kept = size.min(new_size);
                        assert!(
                            std::slice::from_raw_parts(q, kept)
                                .iter()
                                .all(|b| *b == 0xA5)
                        );
                        let changed = Layout::from_size_align(new_size, align).expect("layout");
                        a.dealloc(q, changed);
                    }
                }
            }
        }
    }
}
