//! Sources CPython refuses (or compiles), each with the message and line
//! CPython gave, recorded from CPython 3.11.7 (the Python rez 3.4.0 runs
//! on here) by `tests/data/record_cpython_errors.py` into
//! `tests/data/cpython_errors.json`: the reader must refuse each with the
//! same message on the same line, and read the ones CPython compiles.
//!
//! The cases are those where the reader names the same error as CPython:
//! which error wins when a file has several (a tokenizer error further down
//! wins over a parser error), numeric literals as CPython's tokenizer scans
//! them, and malformed f-strings. The crate docs list where it does not.

use rer_pyread::read_module;
use serde_json::Value;

#[test]
fn errors_are_cpythons() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/cpython_errors.json"
    );
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(recorded["python"], "3.11.7");
    let cases = recorded["cases"].as_array().unwrap();
    assert!(cases.len() > 100);
    let mut wrong = Vec::new();
    for case in cases {
        let source = case[0].as_str().unwrap();
        let expected = case[1]
            .as_str()
            .map(|message| (message.to_string(), case[2].as_u64().unwrap() as usize));
        let ours = read_module(source.as_bytes())
            .err()
            .map(|e| (e.message, e.line));
        if ours != expected {
            wrong.push(format!(
                "{source:?}\n  CPython: {expected:?}\n  rer:     {ours:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
