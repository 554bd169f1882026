//! packages.json input that is arbitrary or almost valid never panics, and
//! every rejection names where it comes from.

use proptest::prelude::*;
use rer_provider_memory::MemoryProvider;

const VALID: &str = r#"{"families": {"foo": [{"name": "foo", "version": "1.0", "requires": ["bar-1+", "~baz<2"], "variants": [["py-3"], ["py-2"]], "timestamp": 1}], "bar": [{"name": "bar", "version": "1.2", "requires": [], "variants": []}]}}"#;

proptest! {
    #![proptest_config(rer_tests::prop::config(
        2000,
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/proptest-regressions/no_panic.txt"),
    ))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        if let Err(e) = MemoryProvider::from_json_str(&text, "origin.json") {
            prop_assert!(e.to_string().contains("origin.json"), "{}", e);
        }
    }

    #[test]
    fn near_valid_documents_never_panic(pos in any::<prop::sample::Index>(), cut in 0usize..4, junk in r#"[\[\]{}",:0-9a-z~!<>=|.\-+ ]{0,4}"#) {
        let mut text = VALID.to_string();
        let at = pos.index(text.len());
        let end = (at + cut).min(text.len());
        text.replace_range(at..end, &junk);
        if let Err(e) = MemoryProvider::from_json_str(&text, "origin.json") {
            let message = e.to_string();
            prop_assert!(message.contains("origin.json"), "{}", message);
        }
    }
}
