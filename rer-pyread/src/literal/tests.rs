//! Tests of literal evaluation.

use super::*;
use crate::lexer::tokenize;

fn eval(src: &str) -> Result<Value, ExprError> {
    let tokens = tokenize(src.as_bytes()).unwrap();
    let end = tokens
        .iter()
        .position(|t| t.kind == Kind::Newline)
        .unwrap_or(tokens.len());
    evaluate(src, &tokens[..end])
}

fn ok(src: &str) -> Value {
    eval(src).unwrap_or_else(|e| panic!("{src}: {e:?}"))
}

fn s(text: &str) -> Value {
    Value::Str(text.into())
}

fn not_literal(src: &str) -> String {
    match eval(src) {
        Err(ExprError::NotLiteral { what, .. }) => what,
        other => panic!("{src}: {other:?}"),
    }
}

fn syntax(src: &str) -> PyError {
    match eval(src) {
        Err(ExprError::Syntax(e)) => e,
        other => panic!("{src}: {other:?}"),
    }
}

#[test]
fn strings_in_every_quoting() {
    assert_eq!(ok("'a'"), s("a"));
    assert_eq!(ok("\"a\""), s("a"));
    assert_eq!(ok("'''a\nb'''"), s("a\nb"));
    assert_eq!(ok("\"\"\"a'\"b\"\"\""), s("a'\"b"));
    assert_eq!(ok("r'a\\nb'"), s("a\\nb"));
    assert_eq!(ok("R'\\''"), s("\\'"));
    assert_eq!(ok("u'x'"), s("x"));
    assert_eq!(ok("b'x\\x00'"), Value::Bytes(vec![b'x', 0]));
    assert_eq!(ok("Rb'\\x'"), Value::Bytes(b"\\x".to_vec()));
    assert_eq!(ok("'a' \"b\" '''c'''"), s("abc"));
    assert_eq!(ok("('a'\n 'b')"), s("ab"));
    assert_eq!(ok("''"), s(""));
}

#[test]
fn escapes() {
    assert_eq!(
        ok(r"'\t\n\\\'\x41\101\u00e9\U0001F600\q'"),
        s("\t\n\\'AAé😀\\q")
    );
    assert_eq!(ok("'a\\\nb'"), s("ab"));
    assert_eq!(ok(r"'\0'"), s("\0"));
    assert!(syntax(r"'\x4'").message.contains("truncated"));
    assert!(syntax(r"'\u12'").message.contains("truncated"));
    assert_eq!(ok(r"b'\u1234'"), Value::Bytes(b"\\u1234".to_vec()));
    assert_eq!(
        ok(r"'\N{HYPHEN-MINUS}\N{latin small letter e with acute}'"),
        s("-é")
    );
    assert!(
        syntax(r"'\N{NO SUCH NAME}'")
            .message
            .contains("unknown Unicode character name")
    );
    assert!(syntax(r"'\N'").message.contains("malformed"));
}

#[test]
fn numbers_and_constants() {
    assert_eq!(ok("1600129484"), Value::Int(1_600_129_484));
    assert_eq!(ok("-5"), Value::Int(-5));
    assert_eq!(ok("0x1f"), Value::Int(31));
    assert_eq!(ok("0o17"), Value::Int(15));
    assert_eq!(ok("0b101"), Value::Int(5));
    assert_eq!(ok("1_000"), Value::Int(1000));
    assert_eq!(ok("1.5"), Value::Float(1.5));
    assert_eq!(ok("1e3"), Value::Float(1000.0));
    assert_eq!(ok("2j"), Value::Other("complex"));
    assert_eq!(ok("0"), Value::Int(0));
    assert_eq!(ok("00"), Value::Int(0));
    assert_eq!(ok("True"), Value::Bool(true));
    assert_eq!(ok("False"), Value::Bool(false));
    assert_eq!(ok("None"), Value::None);
    assert_eq!(
        ok("99999999999999999999999999999999999999999"),
        Value::Other("int")
    );
    // Refused by the tokenizer, before any evaluation (as by CPython's).
    let lex = |src: &str| tokenize(src.as_bytes()).unwrap_err().error.message;
    assert!(lex("01").contains("leading zeros"));
    assert_eq!(lex("1abc"), "invalid decimal literal");
}

#[test]
fn containers() {
    assert_eq!(ok("[]"), Value::List(vec![]));
    assert_eq!(ok("['a', 'b',]"), Value::List(vec![s("a"), s("b")]));
    assert_eq!(
        ok("[['a'], ['b']]"),
        Value::List(vec![Value::List(vec![s("a")]), Value::List(vec![s("b")])])
    );
    assert_eq!(ok("()"), Value::Tuple(vec![]));
    assert_eq!(ok("('a',)"), Value::Tuple(vec![s("a")]));
    assert_eq!(ok("('a')"), s("a"));
    assert_eq!(ok("'a', 'b'"), Value::Tuple(vec![s("a"), s("b")]));
    assert_eq!(ok("{}"), Value::Dict(vec![]));
    assert_eq!(
        ok("{'a': 1, 'b': [2],}"),
        Value::Dict(vec![
            (s("a"), Value::Int(1)),
            (s("b"), Value::List(vec![Value::Int(2)]))
        ])
    );
    assert_eq!(ok("{'a', 'b'}"), Value::Set(vec![s("a"), s("b")]));
    assert_eq!(ok("['a'] + ['b']"), Value::List(vec![s("a"), s("b")]));
}

#[test]
fn non_literals_name_the_construct() {
    assert_eq!(not_literal("foo"), "the name 'foo'");
    assert_eq!(not_literal("foo()"), "the name 'foo'");
    assert_eq!(not_literal("[1](2)"), "a call");
    assert_eq!(not_literal("['a'][0]"), "a subscript");
    assert_eq!(not_literal("'a'.upper()"), "an attribute access");
    assert_eq!(not_literal("f'x{y}'"), "an f-string");
    assert_eq!(ok("f'a{{b}}' 'c'"), s("a{b}c"));
    assert_eq!(ok("rf'a\\n'"), s("a\\n"));
    assert!(not_literal("[x for x in y]").contains("'x'"));
    assert!(not_literal("['a'] * 2").contains("'*'"));
    assert!(not_literal("['a'] if x else []").contains("'if'"));
    assert!(not_literal("[1] + 'a'").contains("'+'"));
    assert!(not_literal("[*a]").contains("unpacking"));
}

#[test]
fn malformed_literals_are_syntax_errors() {
    syntax("[1,,2]");
    syntax("1 2");
    syntax("'a' b");
    syntax("b'a' 'b'");
    syntax("{1: 2, 3}");
}
