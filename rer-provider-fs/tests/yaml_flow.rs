//! rer's YAML reader against rez's PyYAML on a generated matrix of small
//! flow-context documents (`{requires:[a]}`, `[a:]`, `{"a":b}`, `[a ?b]`,
//! ...), where libyaml and PyYAML's pure-Python scanner (which rez uses)
//! disagree. The answers were recorded by
//! `tests/data/yaml_flow/record_pyyaml_flow.py` (see it for the encoding):
//! every document PyYAML reads, rer reads to the same value; every one it
//! refuses, rer refuses.

use rer_provider_fs::read_yaml_mapping;
use rer_pyread::Value;
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

/// What rer makes of `doc`, in the recording's encoding.
fn rer_answer(doc: &str) -> String {
    let Ok(mut fields) = read_yaml_mapping(doc) else {
        return "!".to_string();
    };
    if let Some(i) = fields.iter().position(|(k, _, _)| k == "x") {
        return encode(&fields.swap_remove(i).2).to_string();
    }
    // The document's own mapping (its order is not kept: compare sorted).
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    let entries: Vec<Json> = fields
        .iter()
        .map(|(k, _, v)| json!([k, encode(v)]))
        .collect();
    json!({ "document": { "dict": entries } }).to_string()
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

/// Documents PyYAML reads and rer refuses, because libyaml refuses them
/// and no rewrite makes it read them alike: a tab after the spaces that
/// start a block scalar's first line (libyaml: "found a tab character
/// where an indentation space is expected").
const KNOWN_REFUSED: &[&str] = &["x: |\n  \ta"];

#[test]
fn flow_context_matrix_matches_pyyaml() {
    let recorded = include_str!("data/yaml_flow/pyyaml_flow.txt");
    let (mut compared, mut refused, mut known, mut wrong) = (0, 0, 0, Vec::new());
    for line in recorded.lines() {
        let (doc, expected) = line.split_once('\t').expect("document<TAB>answer");
        let doc: String = serde_json::from_str(doc).expect("document as JSON string");
        // rez refuses a package.yaml whose top level is not a mapping
        // (`x:[a]` is one plain scalar), and so does rer's reader.
        let not_a_mapping = expected.starts_with("{\"document\"")
            && !expected.starts_with("{\"document\": {\"dict\"");
        let expected = if expected == "!" || not_a_mapping {
            refused += 1;
            "!".to_string()
        } else {
            sorted_document(expected)
        };
        let got = rer_answer(&doc);
        compared += 1;
        if KNOWN_REFUSED.contains(&doc.as_str()) {
            // Refused, never read otherwise: the gap the README states.
            assert_eq!(got, "!", "{doc:?} is a known refusal");
            assert_ne!(
                expected, "!",
                "{doc:?}: PyYAML refuses it too; drop it from KNOWN_REFUSED"
            );
            known += 1;
        } else if got != expected {
            wrong.push(format!("{doc:?}: PyYAML {expected}, rer {got}"));
        }
    }
    println!(
        "{compared} documents compared ({refused} refused by rez's PyYAML load), {known} known refusals, {} differ",
        wrong.len()
    );
    assert_eq!(
        known,
        KNOWN_REFUSED.len(),
        "every known refusal is in the recording"
    );
    assert!(compared > 30_000, "the recording holds the whole matrix");
    assert!(
        wrong.is_empty(),
        "{} of {compared} differ from PyYAML:\n{}",
        wrong.len(),
        wrong
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
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
