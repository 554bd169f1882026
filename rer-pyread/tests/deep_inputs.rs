//! Property tests: any file built from the pieces that nest (brackets,
//! unary operators, indentation, decorators, scopes, strings) is read or
//! refused with an error, on a thread with a small stack, never a panic or
//! a stack overflow. Inputs run to thousands of pieces, past every bound.

use proptest::prelude::*;
use rer_pyread::read_module;

const PIECES: &[&str] = &[
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "-",
    "~",
    "+",
    "1",
    "'a'",
    ",",
    ":",
    "=",
    "x",
    "\n",
    " ",
    "\t",
    "@d\n",
    "if 1:\n",
    "with scope('s') as s:\n",
    "s.a",
    ".b",
    "def f(a=[",
    "f'{",
    "}'",
    "\\\n",
    "requires = ",
    "\u{ff52}",
    "#",
    "\"\"\"",
];

fn source() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..6_000).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn nothing_panics_or_overflows(src in source()) {
        let outcome = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || read_module(src.as_bytes()).map(|m| m.effect().is_some()))
            .unwrap()
            .join();
        prop_assert!(outcome.is_ok(), "the reader panicked or overflowed");
    }

    #[test]
    fn deep_runs_of_one_piece_are_bounded(piece in prop::sample::select(PIECES), n in 1usize..20_000) {
        let src = format!("x = {}\n", piece.repeat(n));
        let outcome = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || read_module(src.as_bytes()).is_ok())
            .unwrap()
            .join();
        prop_assert!(outcome.is_ok(), "the reader panicked or overflowed on {n} x {piece:?}");
    }
}
