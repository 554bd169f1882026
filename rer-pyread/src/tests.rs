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
            "@late()\ndef requires():\n    return []\nrequires = ['b']\n",
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
    let src = "name = 'foo'\n\ndef commands():\n    env.PATH.append('{root}/bin')\n    \
               if building:\n        x = = 1\n\n@late()\ndef tools():\n    return ['a']\n\n\
               def f(a, b: g() = 1, *c, d=[1, 'x'], **e) -> h():\n    global requires\n    requires = 5\n\n\
               with scope('config') as c:\n    c.release_packages_path = '/x'\n\n\
               '''docstring'''\nglobal x\nrequires: some.annotation() = ['bar']\n";
    assert_eq!(value(src, "requires"), strs(&["bar"]));
    assert!(read(src).effect().is_none());
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

/// Each statement runs code at load that could change any name, or fail
/// the load: every name is non-static after it, bound or not, and the
/// message names the statement and its line.
#[test]
fn code_that_runs_at_load_makes_every_name_non_static() {
    for (src, line, words) in [
        (
            "name = 'x'\n@early()\ndef requires():\n    return ['a']\n",
            3,
            "@early()",
        ),
        ("x = 1\nrequires = get_requires()\n", 2, "get_requires"),
        ("if True:\n    requires = ['a']\n", 1, "'if'"),
        (
            "requires = ['a']\nrequires.append('b')\n",
            2,
            "requires.append",
        ),
        ("requires = x = ['a']\nx.append('b')\n", 2, "x.append"),
        (
            "requires = ['a']\nr = requires\nr += ['b']\n",
            3,
            "another name",
        ),
        (
            "requires = ['a']\nrequires[0] = 'b'\n",
            2,
            "target other than a name",
        ),
        (
            "requires = ['a']\nclass C:\n    requires.append('b')\n",
            2,
            "class C",
        ),
        (
            "requires = ['a']\ndef f(x=requires.append('b')):\n    pass\n",
            2,
            "default argument",
        ),
        (
            "globals()['requires'] = ['b']\n",
            1,
            "target other than a name",
        ),
        ("vars().update(requires=['b'])\n", 1, "vars()"),
        ("exec(\"requires = ['b']\")\n", 1, "exec"),
        ("requires = ['a']\nfrom os.path import *\n", 2, "import *"),
        (
            "requires = ['a']\nimport sys\nsys.exit()\n",
            3,
            "sys.exit()",
        ),
        ("requires = ['a']\nprint('hello')\n", 2, "print"),
        ("x = __file__\n", 1, "__file__"),
        (
            "requires = ['a']\n@decorate\ndef f():\n    pass\n",
            3,
            "@decorate",
        ),
        ("requires, x = ['a'], 1\n", 1, "target other than a name"),
        ("for requires in []:\n    pass\n", 1, "'for'"),
        (
            "try:\n    requires = ['a']\nexcept Exception:\n    pass\n",
            1,
            "'try'",
        ),
        ("requires = [x for x in 'ab']\n", 1, "not a literal"),
        ("requires = ['a']\nassert requires == []\n", 2, "'assert'"),
        ("del undefined\n", 1, "'del undefined'"),
        (
            "with scope('config'):\n    x = f()\n",
            2,
            "'with scope(...)'",
        ),
    ] {
        for name in ["requires", "variants"] {
            let (at, what) = non_static(src, name);
            assert_eq!(at, line, "{src:?}: {what}");
            assert!(what.contains(words), "{src:?}: {what}");
        }
    }
}

/// What the reader evaluates itself, exactly as Python would.
#[test]
fn statements_whose_whole_effect_is_known_are_read() {
    assert_eq!(
        value("requires = ['a']\nrequires += ['b']\n", "requires"),
        strs(&["a", "b"])
    );
    assert_eq!(
        value("base = ['a']\nrequires = base + ['b']\n", "requires"),
        strs(&["a", "b"])
    );
    assert_eq!(
        value("x = 'a'\nx += 'b'\nrequires = [x]\n", "requires"),
        strs(&["ab"])
    );
    assert_eq!(
        read("requires = ['a']\ndel requires\n").get("requires"),
        None
    );
    assert_eq!(
        value("ｒｅｑｕｉｒｅｓ = ['b']\n", "requires"),
        strs(&["b"])
    );
    assert_eq!(
        value("requires = ['a']\nassert True\n", "requires"),
        strs(&["a"])
    );
    assert_eq!(value("x = ~3\n", "x"), Value::Int(-4));
    let imports = "import os, a.b as c\nfrom x import (y, z as requires)\nvariants = [['v']]\n";
    assert_eq!(value(imports, "variants"), Value::List(vec![strs(&["v"])]));
    for name in ["os", "c", "y", "requires"] {
        assert!(non_static(imports, name).1.contains("import"), "{name}");
    }
    let modify = "requires = ModifyList(append=['a'])\nvariants = []\n";
    assert_eq!(value(modify, "variants"), Value::List(vec![]));
    assert!(non_static(modify, "requires").1.contains("ModifyList"));
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

/// What CPython 3.11 refuses to compile, refused with the line; what it
/// accepts at the edge of each limit, accepted.
#[test]
fn cpython_limits() {
    let nested = |n: usize| format!("x = {}{}\n", "[".repeat(n), "]".repeat(n));
    assert!(read_module(nested(200).as_bytes()).is_ok());
    for n in [201, 3_000, 100_000] {
        let e = error(&nested(n));
        assert_eq!(
            (e.line, e.message.as_str()),
            (1, "too many nested parentheses")
        );
    }
    let indented = |levels: usize| {
        let mut src = String::from("if 1:\n");
        for i in 1..levels {
            src += &format!("{}if 1:\n", " ".repeat(i));
        }
        src + &" ".repeat(levels) + "pass\n"
    };
    assert!(read_module(indented(99).as_bytes()).is_ok());
    let e = error(&indented(100));
    assert_eq!(
        (e.line, e.message.as_str()),
        (101, "too many levels of indentation")
    );
    assert!(
        error("x = 1\nprint \"x\"\n")
            .message
            .contains("Missing parentheses in call to 'print'")
    );
    assert!(read_module(format!("x = {}\n", "1".repeat(4_300)).as_bytes()).is_ok());
    let e = error(&format!(
        "x = 1\ndef f():\n    return {}\n",
        "1".repeat(4_301)
    ));
    assert_eq!(e.line, 3);
    assert!(e.message.contains("4301 digits"), "{}", e.message);
    for bad in ["f'{'", "f'}'", "f'{}'", "f'{x!z}'", "f'{x'", "f'{a[}'"] {
        let e = error(&format!("def f():\n    return {bad}\n"));
        assert_eq!(e.line, 2, "{bad}");
        assert!(e.message.starts_with("f-string:"), "{bad}: {}", e.message);
    }
    for good in [
        "f'{x}'",
        "f'{{}}'",
        "f'{x!r:>{w}}'",
        "f'{a[1]:{b}}'",
        "f'{x!=y}'",
        "f'''{'a'}'''",
    ] {
        assert!(
            read_module(format!("x = {good}\n").as_bytes()).is_ok(),
            "{good}"
        );
    }
    let e = read_module(b"x = 1\ny = 2\x00\n").unwrap_err();
    assert_eq!(
        (e.line, e.message.as_str()),
        (2, "source code string cannot contain null bytes")
    );
}

/// Long runs of anything cost no stack: each is read in a loop or bounded.
#[test]
fn deep_inputs_do_not_exhaust_the_stack() {
    let run = |src: String| {
        std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || read_module(src.as_bytes()).map(|m| m.effect().is_some()))
            .unwrap()
            .join()
            .expect("no stack overflow")
    };
    assert!(run(format!("x = {}1\n", "-".repeat(2_000))).is_ok());
    assert!(run(format!("x = {}1\n", "-".repeat(100_000))).is_err());
    assert!(run(format!("x = {}\n", vec!["1"; 100_000].join(" + "))).is_err());
    assert_eq!(
        run(format!("{}def f():\n    pass\n", "@d\n".repeat(100_000))),
        Ok(true)
    );
    let attrs = format!("with scope('c') as c:\n    c{} = 1\n", ".a".repeat(200));
    assert!(run(attrs).is_ok());
    let attrs = format!("with scope('c') as c:\n    c{} = 1\n", ".a".repeat(100_000));
    assert!(run(attrs).is_err());
}
