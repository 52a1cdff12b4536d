use std::path::Path;
use std::time::{Duration, Instant};

use super::parse;
use crate::syntax::{Node, Parsed, Span, Value, codes};

fn names(parsed: &Parsed) -> Vec<&'static str> {
    parsed.diagnostics.iter().map(|d| d.name()).collect()
}

fn root(parsed: &Parsed) -> &Node {
    parsed.root.as_ref().expect("a root")
}

fn text_of(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

fn clean(text: &str) -> Node {
    let parsed = parse(text);
    assert!(
        parsed.diagnostics.is_empty(),
        "unexpected diagnostics: {:?}",
        parsed.diagnostics
    );
    parsed.root.expect("a root")
}

#[test]
fn spans_are_bytes_after_non_ascii_text() {
    let text = "\u{feff}Comment: \"été ünïcode\"\nÉtat:\n  Next: 'Ça'\n  B: plain ü\nList:\n  - x\n  - [1, {k: v}]\n";
    let node = clean(text);
    let members = node.as_object().unwrap();
    assert_eq!(text_of(text, members[0].key.span), "Comment");
    assert_eq!(text_of(text, members[0].value.span), "\"été ünïcode\"");
    assert_eq!(text_of(text, members[1].key.span), "État");
    let etat = &members[1].value;
    let inner = etat.as_object().unwrap();
    assert_eq!(text_of(text, inner[0].key.span), "Next");
    assert_eq!(text_of(text, inner[0].value.span), "'Ça'");
    assert_eq!(inner[0].value.as_str(), Some("Ça"));
    assert_eq!(text_of(text, inner[1].value.span), "plain ü");
    assert_eq!(text_of(text, etat.span), "Next: 'Ça'\n  B: plain ü");
    let list = &members[2].value;
    assert_eq!(text_of(text, list.span), "- x\n  - [1, {k: v}]");
    let flow = &list.as_array().unwrap()[1];
    assert_eq!(text_of(text, flow.span), "[1, {k: v}]");
    assert_eq!(text_of(text, flow.as_array().unwrap()[1].span), "{k: v}");
    // The root block mapping starts after the byte-order mark.
    assert_eq!(node.span.start, 3);
}

#[test]
fn spans_skip_anchors_and_tags() {
    let text = "a: &x \"q\"\nb: !!str 5\nc: &m\n  d: 1\n";
    let node = clean(text);
    let m = node.as_object().unwrap();
    assert_eq!(text_of(text, m[0].value.span), "\"q\"");
    assert_eq!(text_of(text, m[1].value.span), "5");
    assert_eq!(m[1].value.as_str(), Some("5"));
    assert_eq!(text_of(text, m[2].value.span), "d: 1");
    let text = "\"ké y\": 1\n'q': {\"x\": 2}\n&k z: 3\n";
    let node = clean(text);
    let m = node.as_object().unwrap();
    assert_eq!(text_of(text, m[0].key.span), "\"ké y\"");
    assert_eq!(m[0].key.name, "ké y");
    assert_eq!(text_of(text, m[1].key.span), "'q'");
    let inner = m[1].value.as_object().unwrap();
    assert_eq!(text_of(text, inner[0].key.span), "\"x\"");
    assert_eq!(text_of(text, m[2].key.span), "z");
}

#[test]
fn block_scalar_spans_start_at_the_header() {
    let text = "a: |\n  lit\nb: >-\n  fold\n  ed\nc: !!str &x |\n  t\nd: \"multi\n  line\"\n";
    let node = clean(text);
    let span = |k: &str| text_of(text, node.get(k).unwrap().value.span);
    assert_eq!(span("a"), "|\n  lit\n");
    assert_eq!(node.get("a").unwrap().value.as_str(), Some("lit\n"));
    assert_eq!(span("b"), ">-\n  fold\n  ed\n");
    assert_eq!(node.get("b").unwrap().value.as_str(), Some("fold ed"));
    assert_eq!(span("c"), "|\n  t\n");
    assert_eq!(span("d"), "\"multi\n  line\"");
}

#[test]
fn scalars_follow_the_core_schema() {
    let text = "
n1: null
n2: Null
n3: NULL
n4: ~
n5:
b1: true
b2: False
b3: TRUE
i1: 42
i2: -7
i3: 0o17
i4: 0x1F
f1: 1.5
f2: -2.5e3
f3: .5
f4: 1e10
s1: yes
s2: '42'
s3: \"true\"
s4: 0x
s5: 1.2.3
s6: |
  block
s7: nULL
s8: 12:30
";
    let node = clean(text);
    let get = |k: &str| &node.get(k).unwrap().value.value;
    for k in ["n1", "n2", "n3", "n4", "n5"] {
        assert_eq!(get(k), &Value::Null, "{k}");
    }
    assert_eq!(get("b1"), &Value::Bool(true));
    assert_eq!(get("b2"), &Value::Bool(false));
    assert_eq!(get("b3"), &Value::Bool(true));
    let num = |k: &str| node.get(k).unwrap().value.as_number().cloned().unwrap();
    assert_eq!(num("i1").value, 42.0);
    assert_eq!(num("i2").value, -7.0);
    assert_eq!(num("i3").value, 15.0);
    assert_eq!(num("i3").text, "0o17");
    assert_eq!(num("i4").value, 31.0);
    assert_eq!(num("f1").value, 1.5);
    assert_eq!(num("f2").value, -2500.0);
    assert_eq!(num("f3").value, 0.5);
    assert_eq!(num("f4").value, 1e10);
    let s = |k: &str| node.get(k).unwrap().value.as_str().map(str::to_owned);
    assert_eq!(s("s1").as_deref(), Some("yes"));
    assert_eq!(s("s2").as_deref(), Some("42"));
    assert_eq!(s("s3").as_deref(), Some("true"));
    assert_eq!(s("s4").as_deref(), Some("0x"));
    assert_eq!(s("s5").as_deref(), Some("1.2.3"));
    assert_eq!(s("s6").as_deref(), Some("block\n"));
    assert_eq!(s("s7").as_deref(), Some("nULL"));
    assert_eq!(s("s8").as_deref(), Some("12:30"));
}

#[test]
fn infinities_and_nan_are_reported() {
    let text = "a: .inf\nb: -.Inf\nc: .nan\nd: [.NaN]\ne: '.inf'\n";
    let parsed = parse(text);
    assert_eq!(names(&parsed), vec!["yaml-non-json-value"; 4]);
    let node = root(&parsed);
    assert_eq!(node.get("a").unwrap().value.as_str(), Some(".inf"));
    assert_eq!(text_of(text, parsed.diagnostics[1].span), "-.Inf");
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let text = "
defaults: &d
  Type: Task
  Retry: &r [1, 2]
  Next: X
A:
  <<: *d
  Next: Y
B:
  <<: [*d, {Comment: c, Type: Pass}]
C: *r
";
    let node = clean(text);
    let a = &node.get("A").unwrap().value;
    let keys: Vec<&str> = a
        .as_object()
        .unwrap()
        .iter()
        .map(|m| m.key.name.as_str())
        .collect();
    assert_eq!(keys, vec!["Type", "Retry", "Next"]);
    assert_eq!(a.get("Next").unwrap().value.as_str(), Some("Y"));
    assert_eq!(a.get("Type").unwrap().value.as_str(), Some("Task"));
    let b = &node.get("B").unwrap().value;
    assert_eq!(b.get("Type").unwrap().value.as_str(), Some("Task"));
    assert_eq!(b.get("Comment").unwrap().value.as_str(), Some("c"));
    assert_eq!(b.get("Next").unwrap().value.as_str(), Some("X"));
    let c = &node.get("C").unwrap().value;
    assert_eq!(text_of(text, c.span), "*r");
    assert_eq!(c.as_array().unwrap().len(), 2);
    // Inside a copy, spans point at the anchored text.
    assert_eq!(text_of(text, c.as_array().unwrap()[0].span), "1");
}

#[test]
fn recursive_alias_is_reported() {
    let parsed = parse("a: &a [1, *a]\n");
    assert_eq!(names(&parsed), vec!["yaml-alias-limit"]);
}

#[test]
fn unknown_alias_is_a_syntax_error() {
    let parsed = parse("a: *nope\n");
    assert_eq!(names(&parsed), vec!["syntax-error"]);
    assert_eq!(parsed.diagnostics[0].span.start, 3);
}

#[test]
fn billion_laughs_is_bounded() {
    let mut text = String::from(
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    let letters = b"abcdefghij";
    for w in letters.windows(2) {
        let (prev, cur) = (w[0] as char, w[1] as char);
        let refs = vec![format!("*{prev}"); 10].join(", ");
        text.push_str(&format!("{cur}: &{cur} [{refs}]\n"));
    }
    let started = Instant::now();
    let parsed = parse(&text);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(names(&parsed), vec!["yaml-alias-limit"]);
    let d = &parsed.diagnostics[0];
    assert!(text[d.span.start..].starts_with('*'));
    // Also with a mapping of many aliases to one big anchored mapping.
    let mut wide = String::from("big: &big\n");
    for i in 0..2000 {
        wide.push_str(&format!("  k{i}: v\n"));
    }
    wide.push_str("copies:\n");
    for _ in 0..2000 {
        wide.push_str("  - *big\n");
    }
    let parsed = parse(&wide);
    assert_eq!(names(&parsed), vec!["yaml-alias-limit"]);
}

#[test]
fn tags_are_reported_and_ignored() {
    let text = "Resource: !Sub 'arn:${AWS::Region}'\nN: !Ref Name\nS: !!str 12\nM: !Foo\n  a: 1\nL: !GetAtt [a, b]\n";
    let parsed = parse(text);
    assert_eq!(names(&parsed), vec!["yaml-tag"; 4]);
    assert_eq!(text_of(text, parsed.diagnostics[0].span), "!Sub");
    assert!(parsed.diagnostics[0].message.contains("`!Sub`"));
    assert_eq!(text_of(text, parsed.diagnostics[2].span), "!Foo");
    let node = root(&parsed);
    assert_eq!(
        node.get("Resource").unwrap().value.as_str(),
        Some("arn:${AWS::Region}")
    );
    assert_eq!(node.get("S").unwrap().value.as_str(), Some("12"));
    assert_eq!(
        node.get("M")
            .unwrap()
            .value
            .get("a")
            .unwrap()
            .value
            .as_number()
            .unwrap()
            .value,
        1.0
    );
    assert_eq!(node.get("L").unwrap().value.as_array().unwrap().len(), 2);
    let tag = |key: &str| node.get(key).unwrap().value.tag.clone();
    assert_eq!(tag("Resource").as_deref(), Some("!Sub"));
    assert_eq!(tag("N").as_deref(), Some("!Ref"));
    assert_eq!(tag("S"), None, "core-schema tags are not kept");
    assert_eq!(tag("M").as_deref(), Some("!Foo"));
    assert_eq!(tag("L").as_deref(), Some("!GetAtt"));
}

#[test]
fn non_string_keys() {
    let text = "200: a\ntrue: b\n~: c\n? [x]\n: d\n'300': e\n1.5: f\n";
    let parsed = parse(text);
    assert_eq!(names(&parsed), vec!["yaml-non-string-key"; 5]);
    let node = root(&parsed);
    let keys: Vec<&str> = node
        .as_object()
        .unwrap()
        .iter()
        .map(|m| m.key.name.as_str())
        .collect();
    assert_eq!(
        keys,
        vec!["200", "true", "~", "'300'".trim_matches('\''), "1.5"]
    );
    assert_eq!(text_of(text, parsed.diagnostics[0].span), "200");
    assert!(parsed.diagnostics[0].message.contains("`200`"));
}

#[test]
fn duplicate_keys() {
    let text = "A:\n  Next: x\n  Next: y\n";
    let parsed = parse(text);
    assert_eq!(names(&parsed), vec!["duplicate-key"]);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.message, "duplicate key `Next` in this mapping");
    assert_eq!(d.span, Span::new(15, 19));
    assert_eq!(d.labels[0].span, Span::new(5, 9));
    assert_eq!(d.labels[0].message, "first defined here");
    let a = &root(&parsed).get("A").unwrap().value;
    assert_eq!(a.as_object().unwrap().len(), 2);
    assert_eq!(a.get("Next").unwrap().value.as_str(), Some("y"));
}

#[test]
fn multiple_documents() {
    let text = "a: 1\n---\nb: 2\n---\nc: 3\n";
    let parsed = parse(text);
    assert_eq!(names(&parsed), vec!["yaml-multiple-documents"]);
    assert_eq!(text_of(text, parsed.diagnostics[0].span), "---");
    assert_eq!(parsed.diagnostics[0].span.start, 5);
    assert!(root(&parsed).get("a").is_some());
    // A leading `---` alone is one document.
    clean("---\na: 1\n");
}

#[test]
fn empty_documents() {
    for text in [
        "",
        "# only a comment\n",
        "---\n",
        "---\n...\n",
        "null\n",
        "~",
        "\n\n  \n",
    ] {
        let parsed = parse(text);
        assert_eq!(names(&parsed), vec!["empty-document"], "{text:?}");
        assert!(parsed.root.is_none());
    }
}

#[test]
fn syntax_error_position() {
    let text = "é: b\n  c: d\n";
    let parsed = parse(text);
    assert_eq!(names(&parsed), vec!["syntax-error"]);
    let d = &parsed.diagnostics[0];
    assert_eq!(text_of(text, d.span), ":");
    assert_eq!(d.span.start, 9);
    assert!(d.message.starts_with("invalid YAML: "), "{}", d.message);
    // The part read before the error is kept, marked damaged.
    let parsed = parse("A:\n  B: [1, 2\nC: 3\n");
    assert_eq!(names(&parsed), vec!["syntax-error"]);
    if let Some(node) = &parsed.root {
        assert!(node.damaged);
    }
    let parsed = parse("a: 'unterminated\n");
    assert_eq!(names(&parsed), vec!["syntax-error"]);
}

fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deep_flow_nesting() {
    on_small_stack(|| {
        let text = "[".repeat(100_000);
        let parsed = parse(&text);
        assert_eq!(names(&parsed), vec!["nesting-too-deep"]);
        let text = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let parsed = parse(&text);
        assert_eq!(names(&parsed), vec!["nesting-too-deep"]);
        let text = format!("{}1{}", "{a: ".repeat(200), "}".repeat(200));
        clean(&text);
    });
}

#[test]
fn deep_block_nesting() {
    on_small_stack(|| {
        // Block sequences on one line: `- - - - x`.
        let text = format!("{}x\n", "- ".repeat(20_000));
        let parsed = parse(&text);
        assert_eq!(names(&parsed), vec!["nesting-too-deep"]);
        // Indented mappings.
        let mut text = String::new();
        for i in 0..1000 {
            text.push_str(&" ".repeat(i));
            text.push_str("a:\n");
        }
        let parsed = parse(&text);
        assert_eq!(names(&parsed), vec!["nesting-too-deep"]);
        let mut node = root(&parsed);
        let mut depth = 1;
        while let Some(m) = node.get("a") {
            node = &m.value;
            depth += 1;
        }
        assert!(depth <= crate::syntax::MAX_DEPTH + 1);
        // Block nesting then flow nesting.
        let text = format!("{}{}\n", "- ".repeat(200), "[".repeat(100));
        let parsed = parse(&text);
        assert_eq!(names(&parsed), vec!["nesting-too-deep", "syntax-error"]);
    });
}

/// Whether `text` seems to use a YAML tag (`!Ref`, `!!binary`, `!<...>`) anywhere, even after
/// a syntax error stopped the parser.
fn has_tag(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'!'
            && (i == 0
                || matches!(
                    b[i - 1],
                    b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b'-' | b':'
                ))
            && b.get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, b'!' | b'<'))
    })
}

#[test]
#[allow(clippy::print_stderr)] // the list of files is the point of this test
fn corpus_files_parse() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    }
    let mut stack = vec![dir];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut with_diagnostics = Vec::new();
    let mut clean_untagged = 0;
    let mut unexpected = Vec::new();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let parsed = parse(&text);
        if parsed.diagnostics.is_empty() {
            clean_untagged += usize::from(!has_tag(&text));
            continue;
        }
        let found: Vec<&str> = names(&parsed);
        with_diagnostics.push(format!("{}: {found:?}", path.display()));
        let tagged = found.contains(&codes::YAML_TAG.name) || has_tag(&text);
        let duplicates = found.contains(&codes::DUPLICATE_KEY.name);
        if !tagged && !duplicates {
            unexpected.push(format!(
                "{}: {:?}",
                path.display(),
                parsed
                    .diagnostics
                    .iter()
                    .map(|d| (d.name(), d.message.clone(), d.span))
                    .collect::<Vec<_>>()
            ));
        }
    }
    eprintln!(
        "{} YAML files, {} without tags parse clean, {} with diagnostics:",
        files.len(),
        clean_untagged,
        with_diagnostics.len()
    );
    for line in &with_diagnostics {
        eprintln!("  {line}");
    }
    assert!(
        unexpected.is_empty(),
        "files without tags or duplicate keys that have diagnostics:\n{}",
        unexpected.join("\n")
    );
}

/// Mutates YAML snippets at random and checks that parsing never panics and spans stay in the
/// text. Deterministic; run with `cargo test --lib syntax::yaml -- --ignored`.
#[test]
#[ignore = "slow; a smoke fuzz run"]
fn mutations_never_panic() {
    let seeds = [
        "a: &x \"q\"\nb: !Sub 'x'\nc:\n  - 1\n  - [2, {d: e}]\ne: |\n  lit\nf: *x\n<<: *x\n? [k]\n: v\n",
        "\u{feff}É: 'été'\r\nStates:\n  A: {Type: Pass, Next: B}\n  B:\n    <<: [*x, *y]\n---\nx\n",
        "- - - [a, b, {c: d}]\n  - >-\n    folded\n  - \"esc \\u00e9 \\x41\"\n%YAML 1.2\n...\n",
    ];
    let alphabet: Vec<char> = "[]{}:-,?&*!|>'\"#%@` \t\n\r\\éa0.<~".chars().collect();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..20_000 {
        let seed = seeds[round % seeds.len()];
        let mut chars: Vec<char> = seed.chars().collect();
        for _ in 0..(next() % 6 + 1) {
            let at = (next() as usize) % (chars.len() + 1);
            match next() % 3 {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 if at < chars.len() => chars[at] = alphabet[(next() as usize) % alphabet.len()],
                _ => chars.insert(at, alphabet[(next() as usize) % alphabet.len()]),
            }
        }
        let text: String = chars.into_iter().collect();
        let parsed = parse(&text);
        for d in &parsed.diagnostics {
            assert!(
                d.span.start <= d.span.end && d.span.end <= text.len(),
                "{text:?}"
            );
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
        let mut stack: Vec<&Node> = parsed.root.iter().collect();
        while let Some(node) = stack.pop() {
            assert!(
                node.span.start <= node.span.end && node.span.end <= text.len(),
                "{text:?}"
            );
            match &node.value {
                Value::Array(items) => stack.extend(items),
                Value::Object(members) => {
                    for m in members {
                        assert!(m.key.span.end <= text.len(), "{text:?}");
                        stack.push(&m.value);
                    }
                }
                _ => {}
            }
        }
    }
}

#[test]
fn under_indented_flow_and_quoted_continuations_are_repaired_with_exact_positions() {
    // PyYAML and CloudFormation accept these; saphyr alone rejects them.
    let text = "Resources:\n  Key:\n    KeyPolicy: {\n      \"Version\": \"2012\"\n  }\n    Note: \"a\n  b\"\n    After: x\n";
    let parsed = parse(text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let root = parsed.root.unwrap();
    let key = &root
        .get("Resources")
        .unwrap()
        .value
        .get("Key")
        .unwrap()
        .value;
    let policy = key.get("KeyPolicy").unwrap();
    assert_eq!(
        policy.value.get("Version").unwrap().value.as_str(),
        Some("2012")
    );
    let after = key.get("After").unwrap();
    assert_eq!(&text[after.key.span.start..after.key.span.end], "After");
    assert_eq!(&text[after.value.span.start..after.value.span.end], "x");
    assert_eq!(key.get("Note").unwrap().value.as_str(), Some("a b"));
}
