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

#[test]
fn reference_suite_parse_outcomes() {
    let text = include_str!("data/jsonata/cases.json");
    let cases: Vec<Case> = serde_json::from_str(text).expect("cases.json is valid");
    let (mut ok, mut ok_pass, mut err, mut err_pass) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        let got = jsonata::parse(&case.expr);
        let pass = match (&got, case.expect.as_str()) {
            (Ok(_), "ok") => true,
            (Err(e), code) => e.code == code,
            _ => false,
        };
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
