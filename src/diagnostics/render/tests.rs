use super::*;
use crate::ast::codes::DEPRECATED_FIELD;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::syntax::codes::{DUPLICATE_KEY, SYNTAX_ERROR};
use crate::syntax::{Format, Span};

const MACHINE: &str = r#"{
  "StartAt": "Démarrer",
  "States": {
    "Démarrer": { "Type": "Pass", "Next": "Fin", "Next": "Fin" },
    "Fin": { "Type": "Map", "Iterator": {}, "End": true }
  }
}
"#;

const TRUNCATED: &str = "StartAt: A\nStates:\n  A: {Type: Pass, End: true\n";

fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} not in the text"));
    Span::new(start, start + needle.len())
}

fn sample() -> Vec<FileReport> {
    let mut duplicate = Diagnostic::new(
        &DUPLICATE_KEY,
        span_of(MACHINE, "\"Next\"", 1),
        "key `Next` appears twice in the same object",
    )
    .primary_label("defined again here")
    .label(span_of(MACHINE, "\"Next\"", 0), "first defined here")
    .help("remove one of the two keys")
    .pointer("/States/Démarrer/Next");
    duplicate.aws_code = Some("SCHEMA_VALIDATION_FAILED");
    let deprecated = Diagnostic::new(
        &DEPRECATED_FIELD,
        span_of(MACHINE, "\"Iterator\"", 0),
        "field `Iterator` is deprecated",
    )
    .help("rename it to `ItemProcessor`")
    .pointer("/States/Fin/Iterator");
    let eof = Diagnostic::new(
        &SYNTAX_ERROR,
        Span::at(TRUNCATED.len()),
        "unexpected end of file: expected `}`",
    )
    .primary_label("the flow mapping is not closed")
    .label(span_of(TRUNCATED, "{", 0), "opened here");
    vec![
        FileReport {
            source: SourceFile::new("machine.asl.json", MACHINE, Format::Json),
            diagnostics: vec![duplicate, deprecated],
        },
        FileReport {
            source: SourceFile::new("clean.asl.json", "{}", Format::Json),
            diagnostics: Vec::new(),
        },
        FileReport {
            source: SourceFile::new("truncated.asl.yaml", TRUNCATED, Format::Yaml),
            diagnostics: vec![eof],
        },
    ]
}

fn rendered(format: OutputFormat, reports: &[FileReport], color: bool) -> String {
    let mut out = Vec::new();
    render(format, reports, &RenderOptions { color }, &mut out).expect("writing to a Vec");
    String::from_utf8(out).expect("renderers write UTF-8")
}

#[test]
fn concise() {
    insta::assert_snapshot!(rendered(OutputFormat::Concise, &sample(), false));
}

#[test]
fn human() {
    insta::assert_snapshot!(rendered(OutputFormat::Human, &sample(), false));
}

#[test]
fn json() {
    insta::assert_snapshot!(rendered(OutputFormat::Json, &sample(), false));
}

#[test]
fn human_without_color_has_no_escape_codes() {
    assert!(!rendered(OutputFormat::Human, &sample(), false).contains('\x1b'));
    assert!(!rendered(OutputFormat::Concise, &sample(), true).contains('\x1b'));
    assert!(!rendered(OutputFormat::Json, &sample(), true).contains('\x1b'));
}

#[test]
fn human_with_color_uses_ansi_escapes() {
    let colored = rendered(OutputFormat::Human, &sample(), true);
    assert!(colored.contains("\x1b["));
    assert_eq!(
        strip_ansi(&colored),
        rendered(OutputFormat::Human, &sample(), false)
    );
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|c| *c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn json_has_the_documented_keys() {
    let text = rendered(OutputFormat::Json, &sample(), false);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["version"], 1);
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 3, "errors": 2, "warnings": 1, "infos": 0})
    );
    let diagnostics = doc["diagnostics"].as_array().expect("an array");
    assert_eq!(diagnostics.len(), 3);
    let keys = [
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "rule",
        "message",
        "pointer",
        "aws_code",
        "help",
        "labels",
    ];
    for d in diagnostics {
        let object = d.as_object().expect("an object");
        let mut found: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut expected = keys.to_vec();
        found.sort_unstable();
        expected.sort_unstable();
        assert_eq!(found, expected);
        for label in d["labels"].as_array().expect("an array") {
            let mut found: Vec<&str> = label
                .as_object()
                .expect("an object")
                .keys()
                .map(String::as_str)
                .collect();
            found.sort_unstable();
            assert_eq!(
                found,
                ["column", "end_column", "end_line", "line", "message"]
            );
        }
    }
    // The duplicate `Next` on line 4 follows `Démarrer`: columns count characters, not bytes.
    let first = &diagnostics[0];
    assert_eq!(
        (&first["line"], &first["column"], &first["end_column"]),
        (
            &serde_json::json!(4),
            &serde_json::json!(50),
            &serde_json::json!(56)
        )
    );
    assert_eq!(first["pointer"], "/States/Démarrer/Next");
    assert_eq!(diagnostics[2]["help"], serde_json::Value::Null);
}

#[test]
fn empty_and_out_of_range_spans_do_not_panic() {
    let source = SourceFile::new("e.json", "é", Format::Json);
    let diagnostics = vec![
        Diagnostic::new(&SYNTAX_ERROR, Span::new(1, 1), "inside a character"),
        Diagnostic::new(&SYNTAX_ERROR, Span::new(5, 2), "past the end, reversed"),
    ];
    let reports = [
        FileReport {
            source,
            diagnostics,
        },
        FileReport {
            source: SourceFile::new("empty.json", "", Format::Json),
            diagnostics: vec![Diagnostic::new(&SYNTAX_ERROR, Span::at(0), "empty")],
        },
    ];
    for format in [
        OutputFormat::Human,
        OutputFormat::Concise,
        OutputFormat::Json,
    ] {
        for color in [false, true] {
            assert!(!rendered(format, &reports, color).is_empty());
        }
    }
}

#[test]
fn summary_counts_and_plurals() {
    let reports = sample();
    assert_eq!(
        summary(&reports),
        "Found 2 errors and 1 warning in 2 files (3 files checked)."
    );
    assert_eq!(
        summary(&reports[2..]),
        "Found 1 error in 1 file (1 file checked)."
    );
    assert_eq!(summary(&reports[1..2]), "All checked: 1 file, no problems.");
    assert_eq!(summary(&[]), "All checked: 0 files, no problems.");
}

#[test]
fn join_and_lists() {
    let items: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    assert_eq!(join_and(&items[..1]), "a");
    assert_eq!(join_and(&items[..2]), "a and b");
    assert_eq!(join_and(&items), "a, b and c");
}

#[test]
fn sarif() {
    insta::assert_snapshot!(rendered(OutputFormat::Sarif, &sample(), false));
}

#[test]
fn github() {
    insta::assert_snapshot!(rendered(OutputFormat::Github, &sample(), false));
}

#[test]
fn junit() {
    insta::assert_snapshot!(rendered(OutputFormat::Junit, &sample(), false));
}

#[test]
fn checkstyle() {
    insta::assert_snapshot!(rendered(OutputFormat::Checkstyle, &sample(), false));
}

#[test]
fn gitlab() {
    insta::assert_snapshot!(rendered(OutputFormat::Gitlab, &sample(), false));
}

#[test]
fn gitlab_fingerprints_are_unique_and_stable() {
    let first: serde_json::Value =
        serde_json::from_str(&rendered(OutputFormat::Gitlab, &sample(), false)).unwrap();
    let again: serde_json::Value =
        serde_json::from_str(&rendered(OutputFormat::Gitlab, &sample(), false)).unwrap();
    assert_eq!(first, again);
    let prints: Vec<&str> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    let mut unique = prints.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(prints.len(), unique.len());
}

#[test]
fn github_escapes_properties_and_data() {
    let text = "{}";
    let report = FileReport {
        source: SourceFile::new("dir,with:odd%name.json", text, Format::Json),
        diagnostics: vec![Diagnostic::new(
            &SYNTAX_ERROR,
            Span::at(0),
            "50% done\nsecond line",
        )],
    };
    let out = rendered(OutputFormat::Github, &[report], false);
    assert_eq!(
        out,
        "::error file=dir%2Cwith%3Aodd%25name.json,line=1,col=1,endLine=1,endColumn=1,title=syntax-error::50%25 done%0Asecond line\n"
    );
}

#[test]
fn xml_formats_escape_markup() {
    let report = FileReport {
        source: SourceFile::new("a&b.json", "{}", Format::Json),
        diagnostics: vec![Diagnostic::new(
            &SYNTAX_ERROR,
            Span::at(0),
            "expected `<` or \"x\"",
        )],
    };
    for format in [OutputFormat::Junit, OutputFormat::Checkstyle] {
        let out = rendered(format, std::slice::from_ref(&report), false);
        assert!(out.contains("a&amp;b.json"), "{out}");
        assert!(out.contains("expected `&lt;` or &quot;x&quot;"), "{out}");
        assert!(!out.contains("a&b"), "{out}");
    }
}

#[test]
fn sarif_uris_are_percent_encoded() {
    assert_eq!(
        super::sarif::uri("dir/état 1.json"),
        "dir/%C3%A9tat%201.json"
    );
    assert_eq!(super::sarif::uri(r"dir\a.json"), "dir/a.json");
}

#[test]
fn human_shows_a_window_of_a_long_line() {
    // A minified definition: one line of 10,000+ characters, a finding near its middle and a
    // secondary label far from it.
    let filler = "é".repeat(5000);
    let text = format!(
        r#"{{"Comment": "{filler}", "StartAt": "A", "States": {{"A": {{"Type": "Pass", "Next": "A", "Next": "B"}}}}, "Tail": "{filler}"}}"#
    );
    let duplicate = Diagnostic::new(
        &DUPLICATE_KEY,
        span_of(&text, "\"Next\"", 1),
        "key `Next` appears twice in the same object",
    )
    .primary_label("defined again here")
    .label(span_of(&text, "\"Next\"", 0), "first defined here")
    .label(span_of(&text, "\"Comment\"", 0), "far away");
    let source = SourceFile::new("min.asl.json", text.clone(), Format::Json);
    let (line, column) = source.line_col(span_of(&text, "\"Next\"", 1).start);
    let (_, far_column) = source.line_col(span_of(&text, "\"Comment\"", 0).start);
    let reports = [FileReport {
        source,
        diagnostics: vec![duplicate],
    }];
    let out = rendered(OutputFormat::Human, &reports, false);
    assert!(
        out.contains(&format!("min.asl.json:{line}:{column}")),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
    assert!(out.contains("…"), "{out}");
    assert!(out.contains("defined again here") && out.contains("first defined here"));
    assert!(
        out.contains(&format!("= min.asl.json:1:{far_column}: far away")),
        "{out}"
    );
}
