//! Links the `rer` binary as a position-dependent executable (`-no-pie`).
//!
//! A position-independent executable is relocated by the dynamic loader at
//! every start: about 9,800 relative relocations, written into pages that
//! are then copied on write, for a process that often lives a few
//! milliseconds. Linked at a fixed address, the binary needs none of them
//! (the shared libraries, the heap and the stack are still placed at
//! random). Only the `rer` binary is linked so; the libraries, tests and the
//! Python module are not. A build with `-C target-feature=+crt-static` is
//! left as rustc links it (a static PIE), since `-no-pie` would break it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let crt_static = features.split(',').any(|f| f == "crt-static");
    if os == "linux" && !crt_static {
        println!("cargo:rustc-link-arg-bin=rer=-no-pie");
    }
}
