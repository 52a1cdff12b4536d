//! JSONata evaluation against the reference test suite (jsonata-js v2.2.2, MIT licence): the
//! cases that evaluate (`tests/data/jsonata/eval-cases.json` and `datasets.json`, made by
//! `extract_eval.py` there) run through `lang::jsonata::eval` in the reference dialect. The test
//! prints the pass rate and fails when it drops below the floor.
//!
//! The suite's `U1001` for a case over its `timelimit` or `depth` is its harness's own code;
//! the engine says `D1012` (time) or `D1011` (depth), and either counts as a match.

#![allow(clippy::print_stdout, reason = "the test prints its pass rate")]

use std::collections::BTreeMap;
use std::time::Duration;

use asl_lint::lang::jsonata::eval::{Bindings, Dialect, Limits, evaluate_on};
use serde_json::Value;

/// Cases that must pass; the rate measured when this was written, less a little.
const FLOOR: usize = 1640;

/// One case: the suite's JSON object (a field set to `null` and a missing one differ, so
/// `data` and `result` are read with `get`, not deserialised into `Option`).
struct Case(serde_json::Map<String, Value>);

impl Case {
    fn str(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    fn number(&self, key: &str) -> Option<u64> {
        self.0.get(key).and_then(Value::as_u64)
    }

    fn flag(&self, key: &str) -> bool {
        self.0.get(key).and_then(Value::as_bool).unwrap_or(false)
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn same_unordered(a: &Value, b: &Value) -> bool {
    let (Value::Array(x), Value::Array(y)) = (a, b) else {
        return same(a, b);
    };
    let mut left: Vec<&Value> = y.iter().collect();
    x.len() == y.len()
        && x.iter().all(
            |item| match left.iter().position(|other| same(item, other)) {
                Some(i) => {
                    left.swap_remove(i);
                    true
                }
                None => false,
            },
        )
}

/// `None` when the case passes, else what happened.
/// `None` when the case passes, else what happened.
fn run(case: &Case, datasets: &BTreeMap<String, Value>) -> Option<String> {
    let input = match (case.0.get("data"), case.str("dataset")) {
        (Some(data), _) => Some(data),
        (None, Some(name)) => Some(&datasets[name]),
        (None, None) => None,
    };
    let variables = match case.0.get("bindings") {
        Some(Value::Object(map)) => map.clone(),
        _ => serde_json::Map::new(),
    };
    let bindings = Bindings {
        variables,
        limits: Limits {
            timeout: Duration::from_millis(case.number("timelimit").unwrap_or(10_000)),
            max_depth: case
                .number("depth")
                .and_then(|d| usize::try_from(d).ok())
                .unwrap_or(usize::MAX),
            max_sequence: None,
        },
        dialect: Dialect::Reference,
        ..Bindings::default()
    };
    let outcome = evaluate_on(case.str("expr").unwrap_or(""), input, &bindings);
    let pass = match (&outcome, case.str("code"), case.0.get("result")) {
        (Err(err), Some(code), _) => {
            let got = err.code.as_deref().unwrap_or("");
            got == code || (code == "U1001" && matches!(got, "D1011" | "D1012"))
        }
        (Ok(Some(value)), None, Some(expected)) if case.flag("unordered") => {
            same_unordered(value, expected)
        }
        (Ok(Some(value)), None, Some(expected)) => same(value, expected),
        (Ok(None), None, None) => case.flag("undefinedResult"),
        _ => false,
    };
    (!pass).then(|| format!("{outcome:?}"))
}

#[test]
fn reference_suite_evaluation() {
    let cases: Vec<serde_json::Map<String, Value>> =
        serde_json::from_str(include_str!("data/jsonata/eval-cases.json"))
            .expect("eval-cases.json is valid");
    let cases: Vec<Case> = cases.into_iter().map(Case).collect();
    let datasets: BTreeMap<String, Value> =
        serde_json::from_str(include_str!("data/jsonata/datasets.json"))
            .expect("datasets.json is valid");
    let mut failures = Vec::new();
    for case in &cases {
        if let Some(got) = run(case, &datasets) {
            let (name, expr) = (
                case.str("case").unwrap_or(""),
                case.str("expr").unwrap_or(""),
            );
            failures.push(format!("{name}: `{expr}` gave {got:.200}"));
        }
    }
    let passed = cases.len() - failures.len();
    println!("evaluation: {passed}/{} cases pass", cases.len());
    for failure in &failures {
        println!("  fails {failure}");
    }
    assert!(
        passed >= FLOOR,
        "{passed} cases pass, fewer than the floor {FLOOR}"
    );
}
