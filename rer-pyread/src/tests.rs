//! Tests of whole-module reading: what each construct binds.

use super::*;

fn read(src: &str) -> Module {
    read_module(src.as_bytes()).unwrap_or_else(|e| panic!("{src:?}: {e}"))
}

fn value(src: &str, name: &str) -> Value {
    match read(src).get(name) {
        Some(Binding::Value { value, .. }) => value.clone(),
        other => panic!("{name} in {src:?}: {other:?}"),
    }
}

fn non_static(src: &str, name: &str) -> (usize, String) {
    match read(src).get(name) {
        Some(Binding::NonStatic { line, construct }) => (*line, construct.clone()),
        other => panic!("{name} in {src:?}: {other:?}"),
    }
}

fn error(src: &str) -> PyError {
    read_module(src.as_bytes()).expect_err(src)
}

fn strs(items: &[&str]) -> Value {
    Value::List(items.iter().map(|s| Value::Str((*s).into())).collect())
}

#[test]
fn benchmark_style_definition() {
    let src = "# -*- coding: utf-8 -*-\n\nname = 'cope'\n\nversion = '3.79.3'\n\nrequires = ['bonus-18.2.0+<19']\n\n\
               variants = [\n    ['wave-2.7', 'cartload-1.1.6'],\n    ['wave-3.6']\n]\n\ntimestamp = 1600129484\n\nformat_version = 2\n";
    assert_eq!(value(src, "requires"), strs(&["bonus-18.2.0+<19"]));
    assert_eq!(
        value(src, "variants"),
        Value::List(vec![
            strs(&["wave-2.7", "cartload-1.1.6"]),
            strs(&["wave-3.6"])
        ])
    );
    assert_eq!(value(src, "timestamp"), Value::Int(1_600_129_484));
    assert_eq!(value(src, "name"), Value::Str("cope".into()));
}

#[test]
fn backslash_continuation() {
    let src = "variants = \\\n    [['diam-linux',\n      'wave-2.7']]\n";
    assert_eq!(
        value(src, "variants"),
        Value::List(vec![strs(&["diam-linux", "wave-2.7"])])
    );
}

#[test]
fn last_assignment_wins() {
    assert_eq!(
        value("requires = ['a']\nrequires = ['b']\n", "requires"),
        strs(&["b"])
    );
    assert_eq!(
        value(
            "@early()\ndef requires():\n    return []\nrequires = ['b']\n",
            "requires"
        ),
        strs(&["b"])
    );
}

#[test]
fn chained_annotated_and_multiple_statements() {
    assert_eq!(value("a = requires = ['x']", "requires"), strs(&["x"]));
    assert_eq!(value("a = requires = ['x']", "a"), strs(&["x"]));
    assert_eq!(value("requires: list = ['x']", "requires"), strs(&["x"]));
    assert_eq!(value("x = 1; requires = ['y'];", "requires"), strs(&["y"]));
}

#[test]
fn functions_and_other_statements_are_passed_over() {
    let src = "import os\nfrom x import y\nname = 'foo'\n\ndef commands():\n    env.PATH.append('{root}/bin')\n    \
               if building:\n        x = = 1\n\n@late()\ndef tools():\n    return ['a']\n\nclass A(object):\n    \
               requires = 5\n\nwith scope('config') as c:\n    c.release_packages_path = '/x'\n\nrequires = ['bar']\n";
    assert_eq!(value(src, "requires"), strs(&["bar"]));
    assert!(matches!(
        read(src).get("commands"),
        Some(Binding::Removed { .. })
    ));
}

#[test]
fn plain_function_is_removed() {
    assert!(matches!(
        read("requires = ['a']\ndef requires():\n    return ['b']\n").get("requires"),
        Some(Binding::Removed { line: 2 })
    ));
}

#[test]
fn non_static_constructs_are_named() {
    let (line, what) = non_static(
        "name = 'x'\n@early()\ndef requires():\n    return ['a']\n",
        "requires",
    );
    assert_eq!(line, 3);
    assert!(what.contains("@early()"), "{what}");
    let (line, what) = non_static("x = 1\nrequires = get_requires()\n", "requires");
    assert_eq!(line, 2);
    assert!(
        what.contains("not a literal") && what.contains("get_requires"),
        "{what}"
    );
    assert!(
        non_static("if True:\n    requires = ['a']\n", "requires")
            .1
            .contains("'if'")
    );
    assert!(
        non_static("requires = ['a']\nrequires.append('b')\n", "requires")
            .1
            .contains("line 2")
    );
    assert!(
        non_static("requires = ['a']\nrequires += ['b']\n", "requires")
            .1
            .contains("augmented")
    );
    assert!(
        non_static("requires = ['a']\nrequires[0] = 'b'\n", "requires")
            .1
            .contains("assignment")
    );
    assert!(
        non_static("requires = ['a']\ndel requires\n", "requires")
            .1
            .contains("'del'")
    );
    assert!(
        non_static("import requires\n", "requires")
            .1
            .contains("'import'")
    );
    assert!(
        non_static(
            "requires = ['a']\ndef f():\n    global requires\n    requires = []\n",
            "requires"
        )
        .1
        .contains("global")
    );
    assert!(
        non_static("class requires:\n    pass\n", "requires")
            .1
            .contains("class")
    );
    assert!(
        non_static("requires = ['a']\nx = requires\n", "requires")
            .1
            .contains("line 2")
    );
    assert!(
        non_static("requires = ['a']\nx = f(requires + [])\n", "requires")
            .1
            .contains("line 2")
    );
    assert!(
        non_static("requires, x = ['a'], 1\n", "requires")
            .1
            .contains("assignment")
    );
    assert!(
        non_static("for requires in []:\n    pass\n", "requires")
            .1
            .contains("'for'")
    );
    assert!(
        non_static(
            "try:\n    requires = ['a']\nexcept Exception:\n    pass\n",
            "requires"
        )
        .1
        .contains("'try'")
    );
    assert!(
        non_static("requires = [x for x in 'ab']\n", "requires")
            .1
            .contains("not a literal")
    );
}

#[test]
fn reads_that_cannot_change_a_name_keep_it_static() {
    let src =
        "requires = ['a']\nbuild_requires = requires + ['cmake']\nc.requires = 3\nf(requires=1)\n";
    assert_eq!(value(src, "requires"), strs(&["a"]));
}

#[test]
fn syntax_errors_name_the_line() {
    assert_eq!(error("name = 'x'\nrequires = [\n").line, 2);
    assert_eq!(error("name = 'x'\nrequires = ['a',, 'b']\n").line, 2);
    assert_eq!(error("x = 1\n  y = 2\n").message, "unexpected indent");
    assert!(
        error("def f():\nx = 1\n")
            .message
            .contains("expected an indented block")
    );
    assert!(error("if x\n    y\n").message.contains("expected ':'"));
    assert!(error("return 5\n").message.contains("outside function"));
    assert!(
        error("raise Exception('never load me')\n")
            .message
            .contains("raises")
    );
    assert!(error("@early()\nx = 1\n").message.contains("decorator"));
    assert!(error("True = 1\n").message.contains("cannot assign"));
    assert!(error("'a' = 1\n").message.contains("cannot assign"));
    assert!(error("x = \n").message.contains("invalid syntax"));
    assert!(error("requires = ['a'] 'c'\n").line == 1);
}

#[test]
fn encodings_and_non_utf8() {
    assert!(read_module(b"name = 'x'  # caf\xe9\nrequires = []\n").is_ok());
    assert!(
        read_module(b"description = 'caf\xe9'\n")
            .unwrap_err()
            .message
            .contains("utf-8")
    );
    let m = read_module(b"# -*- coding: latin-1 -*-\ndescription = 'caf\xe9'\n").unwrap();
    assert_eq!(
        m.get("description"),
        Some(&Binding::Value {
            line: 2,
            value: Value::Str("café".into())
        })
    );
    assert!(read_module(b"\xef\xbb\xbfrequires = []\n").is_ok());
}

#[test]
fn empty_module() {
    assert_eq!(read("").names().count(), 0);
    assert_eq!(read("# only a comment\n\n").names().count(), 0);
}

#[test]
fn scope_blocks_build_dicts() {
    let src = "name = 'multi'\ntools = ['tweak']\nversions = ['1.0', '1.1']\n\
               with scope('version_overrides'):\n    with scope('1.1+'):\n        tools = ['twerk']\n        \
               requires = ['x']\n    with scope('1.0') as s:\n        s.a.b = 1\n\
               with scope('config') as c:\n    c.release_packages_path = '/x'\n    # c\n    pass\n";
    let m = read(src);
    assert_eq!(
        value(src, "tools"),
        strs(&["tweak"]),
        "names inside a scope do not leak"
    );
    let Some(Binding::Value {
        value: Value::Dict(overrides),
        ..
    }) = m.get("version_overrides")
    else {
        panic!("{m:?}");
    };
    let s = |t: &str| Value::Str(t.into());
    assert_eq!(
        overrides,
        &vec![
            (
                s("1.1+"),
                Value::Dict(vec![
                    (s("tools"), strs(&["twerk"])),
                    (s("requires"), strs(&["x"]))
                ])
            ),
            (
                s("1.0"),
                Value::Dict(vec![(s("a"), Value::Dict(vec![(s("b"), Value::Int(1))]))])
            ),
        ]
    );
    assert!(matches!(
        m.get("config"),
        Some(Binding::Value {
            value: Value::Dict(_),
            ..
        })
    ));
}

#[test]
fn repeated_scopes_merge_and_unknown_scopes_are_non_static() {
    let src = "with scope('a'):\n    x = 1\n    with scope('b'):\n        y = 1\n\
               with scope('a'):\n    x = 2\n    with scope('b'):\n        z = 3\n";
    let s = |t: &str| Value::Str(t.into());
    assert_eq!(
        value(src, "a"),
        Value::Dict(vec![
            (s("x"), Value::Int(2)),
            (
                s("b"),
                Value::Dict(vec![(s("y"), Value::Int(1)), (s("z"), Value::Int(3))])
            ),
        ])
    );
    let (line, what) = non_static("with scope('requires'):\n    x = f()\n", "requires");
    assert_eq!(line, 2);
    assert!(what.contains("scope"), "{what}");
    assert!(
        non_static(
            "with scope('c'):\n    requires = ['a']\n    if x:\n        pass\n",
            "c"
        )
        .1
        .contains("block")
    );
    assert!(
        read("requires = ['a']\nwith scope('c'):\n    requires = ['b']\n")
            .get("requires")
            .is_some_and(|b| matches!(b, Binding::Value { value, .. } if *value == strs(&["a"])))
    );
}
