//! rer's YAML reader against rez's PyYAML on generated matrices of small
//! documents where libyaml and PyYAML's pure-Python scanner (which rez
//! uses) disagree: flow-context ones (`{requires:[a]}`, `[a:]`, `{"a":b}`,
//! `[a ?b]`, ...), recorded by `tests/data/yaml_flow/record_pyyaml_flow.py`
//! (see it for the encoding), and block scalars with tabs (`x: |` then
//! `  <TAB>a`), recorded by `tests/data/yaml_block/record_pyyaml_block.py`:
//! every document PyYAML reads, rer reads to the same value; every one it
//! refuses, rer refuses.

use rer_provider_fs::read_yaml_mapping;
use rer_pyread::{PyError, Value};
use serde_json::{Value as Json, json};

fn encode(value: &Value) -> Json {
    match value {
        Value::Str(s) => json!(s),
        Value::Int(i) => json!(i64::try_from(*i).expect("small ints only")),
        Value::Bool(b) => json!(b),
        Value::None => Json::Null,
        Value::List(items) => json!({ "list": items.iter().map(encode).collect::<Vec<_>>() }),
        Value::Dict(entries) => {
            json!({ "dict": entries.iter().map(|(k, v)| json!([encode(k), encode(v)])).collect::<Vec<_>>() })
        }
        other => json!({ "other": other.type_name() }),
    }
}

/// What rer makes of `doc`, in the recording's encoding, or its error.
fn rer_answer(doc: &str) -> Result<String, PyError> {
    let mut fields = read_yaml_mapping(doc)?;
    if let Some(i) = fields.iter().position(|(k, _, _)| k == "x") {
        return Ok(encode(&fields.swap_remove(i).2).to_string());
    }
    // The document's own mapping (its order is not kept: compare sorted).
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    let entries: Vec<Json> = fields
        .iter()
        .map(|(k, _, v)| json!([k, encode(v)]))
        .collect();
    Ok(json!({ "document": { "dict": entries } }).to_string())
}

/// The recorded document answer with its entries sorted by key.
fn sorted_document(recorded: &str) -> String {
    let mut value: Json = serde_json::from_str(recorded).expect("recorded JSON");
    if let Some(entries) = value
        .pointer_mut("/document/dict")
        .and_then(Json::as_array_mut)
    {
        entries.sort_by(|a, b| a[0].as_str().cmp(&b[0].as_str()));
    }
    value.to_string()
}

/// How rer's answers compared with those recorded from PyYAML.
#[derive(Default)]
struct Compared {
    compared: usize,
    /// Documents PyYAML's load refuses.
    refused: usize,
    /// Refused documents whose refusal by rer names PyYAML's problem line
    /// (when the recording has one).
    same_line: usize,
    /// Refused documents for which the recording has PyYAML's line.
    with_line: usize,
    /// Refusals naming another line than PyYAML's: the document, PyYAML's
    /// line, rer's line and message.
    other_line: Vec<(String, usize, usize, String)>,
    /// Documents where rer's answer is not PyYAML's.
    wrong: Vec<String>,
}

/// rer's answer for every recorded `document<TAB>answer` line: an answer
/// `!` (or `!<line>`) is PyYAML's refusal.
fn compare(recorded: &str) -> Compared {
    let mut out = Compared::default();
    for line in recorded.lines() {
        let (doc, expected) = line.split_once('\t').expect("document<TAB>answer");
        let doc: String = serde_json::from_str(doc).expect("document as JSON string");
        // rez refuses a package.yaml whose top level is not a mapping
        // (`x:[a]` is one plain scalar), and so does rer's reader.
        let not_a_mapping = expected.starts_with("{\"document\"")
            && !expected.starts_with("{\"document\": {\"dict\"");
        let expected_line = expected.strip_prefix('!').filter(|l| !l.is_empty());
        let expected = if expected.starts_with('!') || not_a_mapping {
            out.refused += 1;
            "!".to_string()
        } else {
            sorted_document(expected)
        };
        out.compared += 1;
        let (got, error) = match rer_answer(&doc) {
            Ok(value) => (value, None),
            Err(e) => ("!".to_string(), Some(e)),
        };
        if let (Some(want), Some(e)) = (expected_line, &error) {
            out.with_line += 1;
            let want = want.parse::<usize>().expect("a line number");
            if want == e.line {
                out.same_line += 1;
            } else {
                out.other_line
                    .push((doc.clone(), want, e.line, e.message.clone()));
            }
        }
        if got != expected {
            out.wrong
                .push(format!("{doc:?}: PyYAML {expected}, rer {got}"));
        }
    }
    println!(
        "{} documents compared ({} refused by rez's PyYAML load), {} differ",
        out.compared,
        out.refused,
        out.wrong.len()
    );
    out
}

fn assert_all_equal(out: &Compared) {
    assert!(
        out.wrong.is_empty(),
        "{} of {} differ from PyYAML:\n{}",
        out.wrong.len(),
        out.compared,
        out.wrong
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn flow_context_matrix_matches_pyyaml() {
    let out = compare(include_str!("data/yaml_flow/pyyaml_flow.txt"));
    assert!(
        out.compared > 30_000,
        "the recording holds the whole matrix"
    );
    assert_all_equal(&out);
}

/// Block scalars with tabs and spaces in their indentation and content
/// (`x: |` then `  <TAB>a`, which libyaml alone refuses): rer reads what
/// PyYAML reads, and refuses what it refuses on PyYAML's problem line.
#[test]
fn block_scalar_tab_matrix_matches_pyyaml() {
    let out = compare(include_str!("data/yaml_block/pyyaml_block.txt"));
    println!(
        "{} of {} refusals on PyYAML's problem line, {} on another",
        out.same_line,
        out.with_line,
        out.other_line.len()
    );
    assert!(
        out.compared > 30_000,
        "the recording holds the whole matrix"
    );
    assert!(out.refused > 10_000 && out.refused < out.compared - 5_000);
    // Scalars indented more than 9 columns past their parent are in it.
    let wide = "x: |\n          \ta\n";
    assert!(include_str!("data/yaml_block/pyyaml_block.txt").contains(&format!("{wide:?}\t")));
    assert_all_equal(&out);
    // Every refusal names PyYAML's problem line, including where PyYAML's
    // parser stops at a token before the fault libyaml or rer's check finds
    // on a later line (`x: |` then `a` then ` <TAB>`: PyYAML "expected
    // <block end>" or "could not find expected ':'" on line 2's token).
    assert_eq!(out.same_line, out.with_line, "{}", other_lines(&out));
    assert!(out.with_line * 10 > out.refused * 9);
}

/// The first refusals naming another line than PyYAML's, one a line.
fn other_lines(out: &Compared) -> String {
    let mut text = format!(
        "{} of {} refusals name another line than PyYAML's:\n",
        out.other_line.len(),
        out.with_line
    );
    for (doc, want, got, message) in out.other_line.iter().take(40) {
        text += &format!("{doc:?}: PyYAML line {want}, rer line {got}: {message}\n");
    }
    text
}

/// Each flow-context `:` libyaml refuses costs a rescan of the text, so
/// the rescans are bounded: far more of them than any real file holds is
/// refused with a message saying why, in bounded time.
#[test]
fn rewrites_past_the_scan_budget_are_refused() {
    let doc = format!("x: [{}]", "k:[v],".repeat(8000));
    let err = read_yaml_mapping(&doc).expect_err("past the rescan budget");
    assert!(err.message.contains("rer to rewrite"), "{}", err.message);
    let doc = format!("x: [{}]", "k:[v],".repeat(100));
    let fields = read_yaml_mapping(&doc).expect("100 rewrites are read");
    let Value::List(items) = &fields[0].2 else {
        panic!("x is a list");
    };
    assert_eq!(items.len(), 100);
}

/// A tab-led block scalar indented more than 9 columns past its parent
/// (which no indentation indicator expresses) is read as PyYAML reads it,
/// LF, CR LF or CR line ends alike, and the lines after it keep their
/// numbers.
#[test]
fn scalar_indented_past_nine_is_read_with_its_lines() {
    for end in ["\n", "\r\n", "\r"] {
        for spaces in [9, 10, 20] {
            let doc = format!("a: b{end}x: |{end}{}\ta{end}y: c", " ".repeat(spaces));
            let fields = read_yaml_mapping(&doc).expect("read as PyYAML reads it");
            let x = fields.iter().find(|(k, _, _)| k == "x").expect("x");
            assert_eq!(x.2, Value::Str("\ta\n".into()), "{doc:?}");
            let y = fields.iter().find(|(k, _, _)| k == "y").expect("y");
            assert_eq!(y.1, 4, "{doc:?}: y's line holds");
        }
    }
}
