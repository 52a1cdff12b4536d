//! The JSONata parser against the reference test suite (jsonata-js v2.2.2, MIT licence, a copy
//! of the expressions in `tests/data/jsonata/cases.json`, made by `extract.py` there): every
//! expression the suite evaluates (or expects an evaluation error from) parses, and every
//! expression it expects a syntax error from gives that error's code.

#![allow(clippy::print_stdout, reason = "the test prints its pass counts")]

use asl_lint::lang::jsonata;

#[derive(serde::Deserialize)]
struct Case {
    case: String,
    expr: String,
    expect: String,
}

fn cases() -> Vec<Case> {
    let text = include_str!("data/jsonata/cases.json");
    serde_json::from_str(text).expect("cases.json is valid")
}

/// Every prefix of every suite expression, and each with one character dropped, parses or
/// fails with an error inside the text, without panicking.
#[test]
fn broken_suite_expressions_never_panic() {
    for case in cases() {
        let expr = case.expr.as_str();
        for (i, c) in expr.char_indices() {
            let dropped = format!("{}{}", &expr[..i], &expr[i + c.len_utf8()..]);
            for text in [&expr[..i], dropped.as_str()] {
                if let Err(e) = jsonata::parse(text) {
                    assert!(e.offset <= e.end && e.end <= text.len(), "{text:?}: {e:?}");
                }
            }
        }
    }
}

#[test]
fn reference_suite_parse_outcomes() {
    let cases = cases();
    let (mut ok, mut ok_pass, mut err, mut err_pass) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        let got = jsonata::parse(&case.expr);
        let pass = match (&got, case.expect.as_str()) {
            (Ok(_), "ok") => true,
            (Err(e), code) => e.code == code,
            _ => false,
        };
        if let Ok(ast) = &got {
            spans_nest(&case.expr, &ast.root);
        }
        if case.expect == "ok" {
            ok += 1;
            ok_pass += usize::from(pass);
        } else {
            err += 1;
            err_pass += usize::from(pass);
        }
        if !pass {
            let got = match got {
                Ok(_) => "ok".to_string(),
                Err(e) => format!("{} at {}: {}", e.code, e.offset, e.message),
            };
            failures.push(format!(
                "{}: {:?}: expected {}, got {got}",
                case.case, case.expr, case.expect
            ));
        }
    }
    println!("parses: {ok_pass}/{ok}; syntax errors with the expected code: {err_pass}/{err}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every span is inside the expression, on character boundaries, and inside its parent's.
fn spans_nest(expr: &str, node: &jsonata::Node) {
    let span = node.span;
    assert!(
        span.start <= span.end && span.end <= expr.len(),
        "{expr:?}: {node:?}"
    );
    assert!(expr.is_char_boundary(span.start) && expr.is_char_boundary(span.end));
    for child in node.children() {
        let inner = child.span;
        assert!(
            span.start <= inner.start && inner.end <= span.end,
            "{expr:?}: {:?} is outside {:?}",
            &expr[inner.start..inner.end],
            &expr[span.start..span.end]
        );
        spans_nest(expr, child);
    }
}
