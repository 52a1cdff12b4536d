use std::path::{Path, PathBuf};

use super::parse;
use crate::diagnostics::Diagnostic;
use crate::syntax::{MAX_DEPTH, Node, Span, Value};

/// Parses text that must be valid.
fn ok(text: &str) -> Node {
    let parsed = parse(text);
    assert!(
        parsed.diagnostics.is_empty(),
        "unexpected diagnostics for {text:?}: {:#?}",
        parsed.diagnostics
    );
    parsed.root.expect("a root")
}

fn slice(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

/// The (rule, message, span text, start) of each diagnostic.
fn found(text: &str) -> Vec<(&'static str, String, String, usize)> {
    parse(text)
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.name(),
                d.message.clone(),
                slice(text, d.span).to_owned(),
                d.span.start,
            )
        })
        .collect()
}

/// The single diagnostic of `text`.
fn one(text: &str) -> Diagnostic {
    let parsed = parse(text);
    assert_eq!(
        parsed.diagnostics.len(),
        1,
        "for {text:?}: {:#?}",
        parsed.diagnostics
    );
    parsed.diagnostics.into_iter().next().unwrap()
}

/// Asserts that `text` has exactly one syntax error, with `message`, at the first occurrence of
/// `at` in the text (an empty `at` means the end of the text).
fn error_at(text: &str, message: &str, at: &str) -> Diagnostic {
    let d = one(text);
    assert_eq!(d.name(), "syntax-error", "{d:#?}");
    assert_eq!(d.message, message, "for {text:?}");
    if at.is_empty() {
        assert_eq!(d.span, Span::at(text.len()), "for {text:?}");
    } else {
        let start = text.find(at).expect("`at` occurs in the text");
        assert_eq!(d.span, Span::new(start, start + at.len()), "for {text:?}");
    }
    d
}

#[test]
fn spans_of_keys_and_values() {
    let text = r#"{ "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}, "N": [1, -2.5e3, null] }"#;
    let root = ok(text);
    assert_eq!(root.span, Span::new(0, text.len()));
    let start = root.get("StartAt").unwrap();
    assert_eq!(slice(text, start.key.span), "\"StartAt\"");
    assert_eq!(slice(text, start.value.span), "\"A\"");
    assert_eq!(start.value.as_str(), Some("A"));
    let states = &root.get("States").unwrap().value;
    assert_eq!(
        slice(text, states.span),
        r#"{"A": {"Type": "Pass", "End": true}}"#
    );
    let a = &states.get("A").unwrap().value;
    assert_eq!(slice(text, a.span), r#"{"Type": "Pass", "End": true}"#);
    let end = a.get("End").unwrap();
    assert_eq!(slice(text, end.key.span), "\"End\"");
    assert_eq!(slice(text, end.value.span), "true");
    assert_eq!(end.value.as_bool(), Some(true));
    let items = root.get("N").unwrap().value.as_array().unwrap();
    let spans: Vec<&str> = items.iter().map(|n| slice(text, n.span)).collect();
    assert_eq!(spans, ["1", "-2.5e3", "null"]);
    assert_eq!(items[1].as_number().unwrap().value, -2500.0);
    assert_eq!(items[1].as_number().unwrap().text, "-2.5e3");
    assert_eq!(items[2].value, Value::Null);
    assert!(!root.damaged);
}

#[test]
fn scalars_at_top_level_and_whitespace() {
    assert_eq!(ok(" \t\r\n\"x\" \n").as_str(), Some("x"));
    assert_eq!(ok("false").as_bool(), Some(false));
    assert_eq!(ok("[]").as_array().unwrap().len(), 0);
    assert_eq!(ok("{}").as_object().unwrap().len(), 0);
    let root = ok("[ [ ], { } ]");
    assert_eq!(root.as_array().unwrap()[1].span, Span::new(7, 10));
}

#[test]
fn strings_and_escapes() {
    let root =
        ok(r#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u4e2D", "\ud83d\ude00", "café 😀 中文", ""]"#);
    let items = root.as_array().unwrap();
    assert_eq!(items[0].as_str(), Some("a\"b\\c/d\u{8}\u{c}\n\r\t"));
    assert_eq!(items[1].as_str(), Some("é中"));
    assert_eq!(items[2].as_str(), Some("😀"));
    assert_eq!(items[3].as_str(), Some("café 😀 中文"));
    assert_eq!(items[4].as_str(), Some(""));
    // Spans are byte offsets and include the quotes.
    let text = r#"{"é": "😀"}"#;
    let root = ok(text);
    let m = &root.as_object().unwrap()[0];
    assert_eq!(m.key.span, Span::new(1, 5));
    assert_eq!(slice(text, m.value.span), "\"😀\"");
}

#[test]
fn lone_surrogates_become_replacement_characters() {
    let root = ok(r#"["\ud800", "\udc00x", "\ud800\u0041"]"#);
    let items = root.as_array().unwrap();
    assert_eq!(items[0].as_str(), Some("\u{fffd}"));
    assert_eq!(items[1].as_str(), Some("\u{fffd}x"));
    assert_eq!(items[2].as_str(), Some("\u{fffd}A"));
}

#[test]
fn numbers() {
    let root = ok("[0, -0, 1.5, 1e400, -1E-400, 12345678901234567890123, 1e+2, 0.000001]");
    let n: Vec<_> = root
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_number().unwrap().clone())
        .collect();
    assert_eq!(n[0].value, 0.0);
    assert_eq!(n[1].text, "-0");
    assert!(n[1].value == 0.0 && n[1].value.is_sign_negative());
    assert_eq!(n[2].value, 1.5);
    assert_eq!(n[3].text, "1e400");
    assert_eq!(n[3].value, f64::INFINITY);
    assert_eq!(n[4].value, 0.0);
    assert_eq!(n[5].text, "12345678901234567890123");
    assert_eq!(n[5].value, 1.2345678901234568e22);
    assert_eq!(n[6].value, 100.0);
    assert_eq!(n[7].value, 1e-6);
}

#[test]
fn byte_order_mark_is_skipped() {
    let text = "\u{feff}{\"a\": 1}";
    let root = ok(text);
    assert_eq!(root.span, Span::new(3, text.len()));
    assert_eq!(slice(text, root.get("a").unwrap().key.span), "\"a\"");
}

#[test]
fn empty_documents() {
    for text in ["", "   \n\t", "\u{feff}"] {
        let parsed = parse(text);
        assert!(parsed.root.is_none());
        assert_eq!(parsed.diagnostics.len(), 1);
        let d = &parsed.diagnostics[0];
        assert_eq!(d.name(), "empty-document");
        assert_eq!(d.message, "the file is empty");
        assert_eq!(d.span, Span::at(0));
    }
    let parsed = parse("// nothing\n");
    assert!(parsed.root.is_none());
    let names: Vec<_> = parsed.diagnostics.iter().map(|d| d.name()).collect();
    assert_eq!(names, ["syntax-error", "empty-document"]);
}

#[test]
fn error_messages_and_positions() {
    let d = error_at(
        r#"{"a": 1 "b": 2}"#,
        "expected `,` or `}` after an object member, found `\"`",
        "\"b\"",
    );
    assert_eq!(d.labels[0].span, Span::at(7));
    error_at(
        r#"[1 2]"#,
        "expected `,` or `]` after an array element, found `2`",
        "2",
    );
    let d = error_at(r#"{"a": 1,}"#, "trailing comma before `}`", ",");
    assert!(d.help.unwrap().starts_with("remove it"));
    error_at(r#"["a" , ]"#, "trailing comma before `]`", ",");
    error_at(r#"{"a": "abc}"#, "unterminated string", "\"abc}");
    error_at(r#"["a\xb"]"#, "invalid escape `\\x` in string", "\\x");
    error_at(
        r#"["\u12G4"]"#,
        "invalid unicode escape `\\u12G`: expected four hex digits after `\\u`",
        "\\u12",
    );
    error_at(
        "[\"a\tb\"]",
        "control character U+0009 must be escaped in a string",
        "\t",
    );
    error_at(
        "{\"a\": \"line\nbreak\"}",
        "control character U+000A must be escaped in a string",
        "\n",
    );
    error_at(
        "{\"a\": 1 // note\n}",
        "comments are not allowed in JSON",
        "// note",
    );
    error_at(
        "{\"a\": /* x */ 1}",
        "comments are not allowed in JSON",
        "/* x */",
    );
    error_at(
        "{'a': 1}",
        "unexpected `'`: JSON strings use double quotes",
        "'",
    );
    error_at("[007]", "numbers cannot have leading zeros", "007");
    error_at("[-01]", "numbers cannot have leading zeros", "-01");
    error_at("[+1]", "numbers cannot start with `+`", "+1");
    error_at(
        "[.5]",
        "numbers must have a digit before the decimal point",
        ".5",
    );
    error_at("[1.]", "expected a digit after the decimal point", "1.");
    error_at("[1e]", "expected a digit in the exponent", "1e");
    error_at("[-]", "expected a digit after `-`", "-");
    error_at(
        "[0x1F]",
        "invalid number `0x1F`: JSON numbers are decimal",
        "0x1F",
    );
    error_at("[", "expected a value or `]`, found end of file", "");
    error_at(r#"{"a": "#, "expected a value, found end of file", "");
    error_at(
        r#"{"a": 1"#,
        "expected `,` or `}` after an object member, found end of file",
        "",
    );
    error_at(r#"{"a": }"#, "expected a value, found `}`", "}");
    error_at(r#"{"a" 1}"#, "expected `:` after the key, found `1`", "1");
    error_at(
        "{\"a\": 1} x",
        "unexpected text after the top-level value",
        "x",
    );
    error_at("[1}", "mismatched closing bracket: expected `]`", "}");
    error_at("{Type: 1}", "unquoted key `Type`", "Type");
    error_at(r#"{"a": True}"#, "expected a value, found `True`", "True");
    error_at(r#"[1, @]"#, "expected a value, found `@`", "@");
    error_at(
        "[1,\u{a0}2]",
        "unexpected white space character U+00A0: JSON allows only space, tab, CR and LF",
        "\u{a0}",
    );
    error_at(
        r#"{"a": [1}"#,
        "expected `,` or `]` after an array element, found `}`",
        "}",
    );
}

#[test]
fn key_and_colon_errors() {
    let root = parse(r#"{"a" = 1, "b": 2}"#).root.unwrap();
    assert_eq!(root.get("a").unwrap().value.as_number().unwrap().value, 1.0);
    error_at(r#"{"a" = 1}"#, "expected `:` after the key, found `=`", "=");

    let text = r#"{"a", "b": 2}"#;
    let d = error_at(text, "expected `:` after the key, found `,`", ",");
    assert!(d.help.is_some());
    let root = parse(text).root.unwrap();
    assert!(root.damaged);
    assert!(root.get("a").is_none());
    assert_eq!(root.get("b").unwrap().value.as_number().unwrap().value, 2.0);

    let text = r#"{"a": 1,, "b": 2}"#;
    let d = one(text);
    assert_eq!(d.message, "expected a key, found `,`");
    assert_eq!(d.span, Span::new(8, 9));
    assert!(parse(text).root.unwrap().get("b").is_some());

    let text = r#"{"a": 1, [2], "b": 3}"#;
    error_at(text, "expected a key in double quotes, found `[`", "[");
    let root = parse(text).root.unwrap();
    assert!(root.damaged);
    assert!(root.get("b").is_some());

    // A repaired number used as an unquoted key is reported once.
    error_at("{007: 1}", "numbers cannot have leading zeros", "007");
    let d = error_at("{Next: \"B\"}", "unquoted key `Next`", "Next");
    assert_eq!(
        d.help.as_deref(),
        Some("put the key in double quotes: `\"Next\"`")
    );
}

#[test]
fn help_for_non_json_literals() {
    let d = error_at("[True]", "expected a value, found `True`", "True");
    assert_eq!(
        d.help.as_deref(),
        Some("JSON literals are lower case: `true`")
    );
    let d = error_at("[None]", "expected a value, found `None`", "None");
    assert_eq!(d.help.as_deref(), Some("write `null`"));
    error_at("[NaN]", "expected a value, found `NaN`", "NaN");
    error_at("[-Infinity]", "JSON has no infinity", "-Infinity");
    let d = error_at("[hello]", "expected a value, found `hello`", "hello");
    assert_eq!(
        d.help.as_deref(),
        Some("if this is text, put it in double quotes: `\"hello\"`")
    );
}

#[test]
fn values_survive_lexical_errors() {
    let root = parse("{'a': 007, \"b\": \"x\\qy\", /* c */ \"c\": [1,]}")
        .root
        .unwrap();
    assert_eq!(root.get("a").unwrap().value.as_number().unwrap().value, 7.0);
    assert_eq!(root.get("b").unwrap().value.as_str(), Some("x\\qy"));
    assert_eq!(root.get("c").unwrap().value.as_array().unwrap().len(), 1);
}

#[test]
fn recovery_reports_later_errors_and_keeps_later_members() {
    let text = r#"{
  "StartAt": "A"
  "States": {
    "A": {"Type": "Pass", "Result": [1, : 2], "Next": "B" "C": 1},
    "B": {"Type": "Succeed",},
  },
  "Comment": "end"
}"#;
    let parsed = parse(text);
    let messages: Vec<_> = parsed
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "expected `,` or `}` after an object member, found `\"`",
            "expected a value, found `:`",
            "expected `,` or `}` after an object member, found `\"`",
            "trailing comma before `}`",
            "trailing comma before `}`",
        ],
        "{:#?}",
        parsed.diagnostics
    );
    let root = parsed.root.unwrap();
    assert_eq!(root.get("Comment").unwrap().value.as_str(), Some("end"));
    let states = &root.get("States").unwrap().value;
    assert!(!states.damaged);
    let b = &states.get("B").unwrap().value;
    assert_eq!(b.get("Type").unwrap().value.as_str(), Some("Succeed"));
    assert!(!b.damaged);
    let a = &states.get("A").unwrap().value;
    assert!(a.get("Result").unwrap().value.damaged);
    assert_eq!(a.get("Next").unwrap().value.as_str(), Some("B"));
    assert!(a.get("C").is_some());
    assert!(!root.damaged);
}

#[test]
fn bad_values_are_skipped_and_mark_the_container_damaged() {
    let text = r#"{"a": [1, @@ 2, 3], "b": {"x": : 1, "y": 2}, "c": 3}"#;
    let parsed = parse(text);
    assert_eq!(parsed.diagnostics.len(), 2, "{:#?}", parsed.diagnostics);
    let root = parsed.root.unwrap();
    assert!(!root.damaged);
    let a = &root.get("a").unwrap().value;
    assert!(a.damaged);
    assert_eq!(a.as_array().unwrap().len(), 2);
    let b = &root.get("b").unwrap().value;
    assert!(b.damaged);
    assert!(b.get("x").is_none());
    assert_eq!(b.get("y").unwrap().value.as_number().unwrap().value, 2.0);
    assert_eq!(root.get("c").unwrap().value.as_number().unwrap().value, 3.0);
}

#[test]
fn unclosed_objects_report_once_at_the_end() {
    let text = r#"{"a": {"b": [1, {"c": 2"#;
    let parsed = parse(text);
    assert_eq!(parsed.diagnostics.len(), 1, "{:#?}", parsed.diagnostics);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.span, Span::at(text.len()));
    assert_eq!(d.labels[0].span, Span::new(16, 17));
    let root = parsed.root.unwrap();
    assert!(root.damaged);
}

#[test]
fn a_missing_closer_is_left_to_the_enclosing_container() {
    let text = r#"{"a": [{"b": 1], "c": 2}"#;
    let parsed = parse(text);
    assert_eq!(parsed.diagnostics.len(), 1, "{:#?}", parsed.diagnostics);
    let d = &parsed.diagnostics[0];
    assert_eq!(
        d.message,
        "expected `,` or `}` after an object member, found `]`"
    );
    assert_eq!(slice(text, d.span), "]");
    assert_eq!(slice(text, d.labels[0].span), "{");
    assert_eq!(d.labels[0].span.start, 7);
    let root = parsed.root.unwrap();
    assert!(!root.damaged);
    let a = root.get("a").unwrap().value.as_array().unwrap();
    assert!(a[0].damaged);
    assert_eq!(root.get("c").unwrap().value.as_number().unwrap().value, 2.0);
}

#[test]
fn unterminated_string_ends_at_the_line_and_does_not_cascade() {
    let text = "{\"a\": \"abc\n, \"b\": 2}";
    let parsed = parse(text);
    assert_eq!(
        found(text),
        [(
            "syntax-error",
            "unterminated string".to_owned(),
            "\"abc".to_owned(),
            6
        )]
    );
    let root = parsed.root.unwrap();
    assert_eq!(root.get("a").unwrap().value.as_str(), Some("abc"));
    assert_eq!(root.get("b").unwrap().value.as_number().unwrap().value, 2.0);
    let text = "{\"a\": \"abc\n  \"b\": 2}";
    assert_eq!(found(text).len(), 1, "{:#?}", found(text));
}

#[test]
fn duplicate_keys() {
    let text = r#"{"Next": "A", "Type": "Pass", "Next": "B"}"#;
    let parsed = parse(text);
    assert_eq!(parsed.diagnostics.len(), 1);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.name(), "duplicate-key");
    assert_eq!(d.message, "duplicate key `Next` in this object");
    assert_eq!(d.span, Span::new(30, 36));
    assert_eq!(d.labels[0].span, Span::new(1, 7));
    assert_eq!(d.labels[0].message, "first defined here");
    assert_eq!(
        d.help.as_deref(),
        Some("AWS silently keeps only one of the values; remove the other")
    );
    let root = parsed.root.unwrap();
    assert_eq!(root.as_object().unwrap().len(), 3);
    assert_eq!(root.get("Next").unwrap().value.as_str(), Some("B"));

    // A large object (hash map path), three times the same key, and escapes decoded.
    let mut text = String::from("{");
    for i in 0..20 {
        text.push_str(&format!("\"k{i}\": {i}, "));
    }
    text.push_str(r#""k3": 0, "k\u0033": 1}"#);
    let parsed = parse(&text);
    assert_eq!(parsed.diagnostics.len(), 2);
    let first = text.find("\"k3\"").unwrap();
    for d in &parsed.diagnostics {
        assert_eq!(d.message, "duplicate key `k3` in this object");
        assert_eq!(d.labels[0].span, Span::new(first, first + 4));
    }
    // Keys in different objects are not duplicates.
    ok(r#"{"a": {"a": 1}, "b": {"a": 2}}"#);
}

fn nested(open: usize, close: usize) -> String {
    let mut s = "[".repeat(open);
    s.push_str(&"]".repeat(close));
    s
}

fn depth_of(node: &Node) -> usize {
    let mut depth = 0;
    let mut node = Some(node);
    while let Some(n) = node {
        depth += 1;
        node = n.as_array().and_then(|a| a.first());
    }
    depth
}

#[test]
fn nesting_up_to_the_limit_is_fine() {
    let root = ok(&nested(MAX_DEPTH, MAX_DEPTH));
    assert_eq!(depth_of(&root), MAX_DEPTH);
}

#[test]
fn nesting_beyond_the_limit_is_reported_once() {
    let text = format!(
        "{{\"a\": {}, \"b\": 1}}",
        nested(MAX_DEPTH + 5, MAX_DEPTH + 5)
    );
    let parsed = parse(&text);
    assert_eq!(parsed.diagnostics.len(), 1, "{:#?}", parsed.diagnostics);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.name(), "nesting-too-deep");
    // The object is depth 1, so the array that exceeds the limit is the 256th `[`.
    let at = 6 + MAX_DEPTH - 1;
    assert_eq!(d.span, Span::new(at, at + 1));
    let root = parsed.root.unwrap();
    assert_eq!(root.get("b").unwrap().value.as_number().unwrap().value, 1.0);
}

/// Runs `f` on a thread with the default 2 MiB stack.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    on_small_stack(|| {
        let parsed = parse(&nested(100_000, 100_000));
        assert_eq!(parsed.diagnostics.len(), 1, "{:#?}", parsed.diagnostics);
        assert_eq!(parsed.diagnostics[0].name(), "nesting-too-deep");
        assert_eq!(
            parsed.diagnostics[0].span,
            Span::new(MAX_DEPTH, MAX_DEPTH + 1)
        );
        let root = parsed.root.unwrap();
        assert_eq!(depth_of(&root), MAX_DEPTH);
        assert!(!root.damaged);

        let parsed = parse(&format!("[{}]", "{\"a\":".repeat(100_000)));
        let deep: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.name() == "nesting-too-deep")
            .collect();
        assert_eq!(deep.len(), 1);
    });
}

#[test]
fn a_million_unclosed_brackets() {
    on_small_stack(|| {
        let parsed = parse(&nested(1_000_000, 0));
        let names: Vec<_> = parsed.diagnostics.iter().map(|d| d.name()).collect();
        assert_eq!(names, ["nesting-too-deep", "syntax-error"]);
        assert_eq!(parsed.diagnostics[1].span, Span::at(1_000_000));
        assert!(parsed.root.unwrap().damaged);
    });
}

#[test]
fn syntax_errors_are_capped() {
    let text = format!("[{}]", "1 ".repeat(200));
    let parsed = parse(&text);
    assert_eq!(parsed.diagnostics.len(), 51);
    assert_eq!(
        parsed.diagnostics[50].message,
        "too many syntax errors; stopping"
    );
    let root = parsed.root.unwrap();
    assert!(root.damaged);
}

#[test]
fn no_panics_on_truncations_of_a_document() {
    let text = "\u{feff}{\"a\\u00e9\": [1, -2.5e+3, \"x\\ud83d\\ude00\", {\"b\": null}, true], 'c': /* */ 0x1}";
    for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let parsed = parse(&text[..end]);
        for d in &parsed.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= end, "{d:#?}");
        }
    }
    for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let _ = parse(&text[start..]);
    }
}

#[test]
fn no_panics_on_garbage() {
    // A small linear congruential generator: deterministic, no dependency.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let pieces = [
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "d83d", "a", "1", "-", ".", "e", "0", " ",
        "\n", "\t", "/", "*", "'", "#", "true", "nul", "é", "😀", "\u{a0}", "\u{feff}", "@",
    ];
    for _ in 0..20_000 {
        let mut text = String::new();
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = (state >> 58) as usize;
        for _ in 0..len {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
        }
        let parsed = parse(&text);
        let syntax = parsed
            .diagnostics
            .iter()
            .filter(|d| d.name() == "syntax-error");
        assert!(syntax.count() <= 51);
        for d in &parsed.diagnostics {
            assert!(
                d.span.start <= d.span.end && d.span.end <= text.len(),
                "{text:?}: {d:#?}"
            );
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
        // serde_json does not skip a byte order mark; this parser does.
        let serde = serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'));
        if parsed.diagnostics.is_empty() {
            assert!(serde.is_ok(), "{text:?}");
        }
        if let Ok(expected) = serde {
            let clean = parsed
                .diagnostics
                .iter()
                .all(|d| d.name() == "duplicate-key");
            assert!(clean, "{text:?}: {:#?}", parsed.diagnostics);
            assert_eq!(parsed.root.unwrap().to_json(), expected, "{text:?}");
        }
    }
}

/// Checks the invariants on any input: no panic, spans inside the text on character
/// boundaries, the cap on syntax errors, and agreement with serde_json on what is valid.
fn check_invariants(text: &str) {
    let parsed = parse(text);
    let syntax = parsed
        .diagnostics
        .iter()
        .filter(|d| d.name() == "syntax-error")
        .count();
    assert!(syntax <= 51, "{text:?}");
    for d in &parsed.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{text:?}: {d:#?}"
        );
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        for label in &d.labels {
            assert!(label.span.end <= text.len() && text.is_char_boundary(label.span.start));
        }
    }
    let serde = serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'));
    if parsed.diagnostics.is_empty() {
        assert!(serde.is_ok(), "{text:?}");
    }
    if let Ok(expected) = serde {
        let clean = parsed
            .diagnostics
            .iter()
            .all(|d| d.name() == "duplicate-key");
        assert!(clean, "{text:?}: {:#?}", parsed.diagnostics);
        let actual = parsed.root.unwrap().to_json();
        assert!(
            same_json(&actual, &expected),
            "{text:?}: {actual} != {expected}"
        );
    }
}

/// Equality of JSON values, floats within a relative 1e-15: serde_json without its
/// `float_roundtrip` feature may be one unit in the last place off, while `str::parse` is exact.
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => match (x.as_f64(), y.as_f64()) {
            _ if x == y => true,
            (Some(x), Some(y)) => (x - y).abs() <= 1e-15 * x.abs().max(y.abs()),
            _ => false,
        },
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn single_edits_of_a_definition() {
    let text = r#"{"Comment": "é\n\u00e9", "StartAt": "A", "States": {"A": {"Type": "Pass",
  "Result": {"n": [1, -2.5e-3, true, false, null], "s": "x"}, "Next": "B"}, "B": {"Type": "Succeed"}}}"#;
    let inserts = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "'", "/", "0", "-", "\n", "x",
    ];
    for (i, c) in text.char_indices() {
        let mut deleted = text.to_owned();
        deleted.replace_range(i..i + c.len_utf8(), "");
        check_invariants(&deleted);
        for insert in inserts {
            let mut inserted = text.to_owned();
            inserted.insert_str(i, insert);
            check_invariants(&inserted);
        }
    }
}

/// Measures throughput; run with
/// `cargo test --lib --config 'profile.test.package.asl-lint.opt-level=3' json::tests::throughput -- --ignored --nocapture`.
#[test]
#[ignore]
#[allow(clippy::print_stdout)]
fn throughput() {
    let mut text = String::from("{\"StartAt\": \"S0\", \"States\": {");
    let mut i = 0;
    while text.len() < 200_000 {
        text.push_str(&format!(
            "\"S{i}\": {{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \
             \"Parameters\": {{\"FunctionName\": \"f{i}\", \"Payload.$\": \"$.x\\n\", \"N\": [1, 2.5, -3e4, true, null]}}, \
             \"Retry\": [{{\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 3, \"BackoffRate\": 2.0}}], \
             \"Next\": \"S{}\"}},\n    ",
            i + 1
        ));
        i += 1;
    }
    text.push_str("\"End\": {\"Type\": \"Succeed\"}}}");
    // Real definitions are small: parse a 200 kB one many times (memory is reused, as when
    // checking many files), then one 20 MB document (dominated by page faults for the tree).
    let runs = 500;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        let parsed = parse(&text);
        assert!(parsed.diagnostics.is_empty());
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (text.len() * runs) as f64 / 1e6;
    println!("{mb:.1} MB in 200 kB documents: {:.0} MB/s", mb / secs);
    let big = format!("[{}]", vec![text.as_str(); 100].join(","));
    let start = std::time::Instant::now();
    let parsed = parse(&big);
    let secs = start.elapsed().as_secs_f64();
    assert!(parsed.diagnostics.is_empty());
    let mb = big.len() as f64 / 1e6;
    println!("one {mb:.1} MB document: {:.0} MB/s", mb / secs);
}

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            corpus_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
#[allow(clippy::print_stdout)]
fn corpus_agrees_with_serde_json() {
    // `ASL_LINT_CORPUS` overrides the location (for a checkout elsewhere).
    let dir = match std::env::var_os("ASL_LINT_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    };
    if !dir.is_dir() {
        println!("skipped: ../shared/corpus not found");
        return;
    }
    let mut files = Vec::new();
    corpus_files(&dir, &mut files);
    files.sort();
    let mut checked = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(expected) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let parsed = parse(&text);
        assert!(
            parsed.diagnostics.is_empty(),
            "{}: {:#?}",
            path.display(),
            parsed.diagnostics
        );
        let root = parsed
            .root
            .unwrap_or_else(|| panic!("{}: no root", path.display()));
        assert!(
            same_json(&root.to_json(), &expected),
            "{}: the trees differ",
            path.display()
        );
        checked += 1;
    }
    println!("checked {checked} of {} corpus files", files.len());
}
