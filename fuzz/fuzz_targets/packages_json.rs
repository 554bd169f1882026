//! Any bytes as a packages.json document: building a `MemoryProvider` never
//! panics; it is either built or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rer_provider_memory::MemoryProvider;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = MemoryProvider::from_json_str(text, "fuzz");
    }
});
