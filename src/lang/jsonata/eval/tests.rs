use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::aws_functions::java_random_double;
use super::*;

fn eval(expr: &str) -> Result<Option<Value>, EvalError> {
    evaluate(expr, &Value::Null, &Bindings::default())
}

fn value(expr: &str) -> Value {
    match eval(expr) {
        Ok(Some(value)) => value,
        other => panic!("{expr}: {other:?}"),
    }
}

fn code(expr: &str) -> Option<String> {
    match eval(expr) {
        Err(err) => err.code,
        other => panic!("{expr}: expected an error, got {other:?}"),
    }
}

#[test]
fn states_and_variables_are_bound() {
    let mut bindings = Bindings::default();
    bindings.states.input = json!({"a": [1, 2, 3]});
    bindings.states.context = json!({"State": {"Name": "S"}});
    bindings.states.result = Some(json!({"ok": true}));
    bindings.variables.insert("x".into(), json!(10));
    let eval = |expr| evaluate(expr, &json!({"top": 1}), &bindings).unwrap();
    assert_eq!(eval("$sum($states.input.a) + $x"), Some(json!(16)));
    assert_eq!(eval("$states.context.State.Name"), Some(json!("S")));
    assert_eq!(eval("$states.result.ok"), Some(json!(true)));
    assert_eq!(eval("$states.errorOutput"), None);
    assert_eq!(eval("top"), Some(json!(1)));
    assert_eq!(eval("$states.input.missing"), None);
}

#[test]
fn numbers_objects_and_functions_become_json() {
    assert_eq!(value("1 + 2"), json!(3));
    assert_eq!(value("0.1 + 0.2"), json!(0.30000000000000004));
    assert_eq!(value("{'b': 1, 'a': 2}").to_string(), r#"{"b":1,"a":2}"#);
    assert_eq!(
        value("{'f': function($x){$x}, 'n': null}"),
        json!({"n": null})
    );
    assert_eq!(eval("function($x){$x}"), Ok(None));
}

#[test]
fn undefined_fails_a_field_as_aws_does() {
    let bindings = Bindings::default();
    let err = evaluate_field("$doesNotExist", "Output/result", &Value::Null, &bindings);
    assert_eq!(
        err,
        Err(StatesError {
            error: "States.QueryEvaluationError",
            cause: "The JSONata expression '$doesNotExist' specified for the field \
                    'Output/result' returned nothing (undefined)."
                .into(),
        })
    );
    let ok = evaluate_field("[1, 2]", "Output", &Value::Null, &bindings);
    assert_eq!(ok, Ok(json!([1, 2])));
}

#[test]
fn evaluation_errors_fail_a_field_with_their_code() {
    let bindings = Bindings::default();
    let err = evaluate_field("$abs('x')", "Assign/x", &Value::Null, &bindings).unwrap_err();
    assert_eq!(err.error, "States.QueryEvaluationError");
    assert!(
        err.cause.starts_with(
            "The JSONata expression '$abs('x')' specified for the field 'Assign/x' threw an \
             error during evaluation. T0410: "
        ),
        "{}",
        err.cause
    );
}

#[test]
fn an_error_without_a_code_follows_a_colon() {
    let bindings = Bindings::default();
    let err = evaluate_field("$hash('a', 'SHA3')", "Output", &Value::Null, &bindings);
    let cause = err.unwrap_err().cause;
    assert!(
        cause.starts_with(
            "The JSONata expression '$hash('a', 'SHA3')' specified for the field 'Output' threw \
             an error during evaluation: The hash algorithm \"SHA3\" is not supported"
        ),
        "{cause}"
    );
}

#[test]
fn syntax_errors_carry_our_parsers_codes() {
    assert_eq!(code("[1, 2)"), Some("S0202".into()));
    assert_eq!(code("1 +"), Some("S0207".into()));
}

#[test]
fn eval_is_refused_in_the_step_functions_dialect() {
    assert_eq!(code("$eval('1 + 1')"), Some("T1006".into()));
    let bindings = Bindings {
        dialect: Dialect::Reference,
        ..Bindings::default()
    };
    let value = evaluate("$eval('1 + 1')", &Value::Null, &bindings);
    assert_eq!(value, Ok(Some(json!(2))));
}

#[test]
fn partition() {
    assert_eq!(
        value("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)"),
        json!([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    );
    assert_eq!(
        value("$partition([1, 2, 3, 4, 5], 2)"),
        json!([[1, 2], [3, 4], [5]])
    );
    assert_eq!(value("$partition([], 2)"), json!([]));
    assert_eq!(code("$partition([1], 'a')"), Some("T0410".into()));
    assert!(eval("$partition([1], 0)").is_err());
}

#[test]
fn range() {
    assert_eq!(value("$range(0, 10, 2)"), json!([0, 2, 4, 6, 8, 10]));
    assert_eq!(value("$range(0, 6, 2)"), json!([0, 2, 4, 6]));
    assert_eq!(value("$range(0, 5, 2)"), json!([0, 2, 4]));
    assert_eq!(value("$range(5, 1, -2)"), json!([5, 3, 1]));
    // A one-item sequence is its item (the oracle's `$range(1, 9, 9)`).
    assert_eq!(value("$range(1, 9, 9)"), json!(1));
    assert_eq!(value("$range(1, 0, 1)"), json!([]));
    assert!(eval("$range(0, 5, 0)").is_err());
    assert_eq!(code("$range(0, 1e9, 1)"), Some("D2014".into()));
    assert_eq!(code("$range(0.5, 2, 1)"), Some("T0410".into()));
}

#[test]
fn hash() {
    // AWS: `$hash("input", "SHA-1")` is "140f86aae51ab9e1cda9b4254fe98a74eb54c1a1".
    let cases = [
        ("SHA-1", "140f86aae51ab9e1cda9b4254fe98a74eb54c1a1"),
        ("MD5", "a43c1b0aa53a0c908810c06ab1ff3967"),
        (
            "SHA-256",
            "c96c6d5be8d08a12e7b5cdc1b207fa6b2430974c86803d8891675e76fd992c20",
        ),
    ];
    for (algorithm, digest) in cases {
        assert_eq!(
            value(&format!("$hash('input', '{algorithm}')")),
            json!(digest)
        );
    }
    assert_eq!(value("$length($hash('input', 'SHA-384'))"), json!(96));
    assert_eq!(value("$length($hash('input', 'SHA-512'))"), json!(128));
    assert!(eval("$hash('input', 'sha256')").is_err());
    assert_eq!(code("$hash(1, 'MD5')"), Some("T0410".into()));
}

#[test]
fn random_with_a_seed_is_javas() {
    // AWS: `$random(42)` is 0.7275636800328681, `new java.util.Random(42).nextDouble()`.
    assert_eq!(java_random_double(42), 0.727_563_680_032_868_1);
    assert_eq!(value("$random(42)"), json!(0.727_563_680_032_868_1));
    assert_eq!(value("$random(42) = $random(42)"), json!(true));
}

#[test]
fn random_and_uuid_repeat_with_a_seeded_stream() {
    let run = |seed| {
        let bindings = Bindings {
            random: Randomness::seeded(seed),
            ..Bindings::default()
        };
        let first = evaluate("[$random(), $uuid()]", &Value::Null, &bindings).unwrap();
        let second = evaluate("[$random(), $uuid()]", &Value::Null, &bindings).unwrap();
        (first, second)
    };
    let (first, second) = run(7);
    assert_eq!(run(7), (first.clone(), second.clone()));
    assert_ne!(first, second, "the stream moves on between evaluations");
    let first = first.unwrap();
    let number = first[0].as_f64().unwrap();
    assert!((0.0..1.0).contains(&number));
    let uuid = first[1].as_str().unwrap();
    assert_eq!(uuid.len(), 36);
    assert_eq!(&uuid[14..15], "4");
    assert!("89ab".contains(&uuid[19..20]));
    assert!(
        uuid.chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_uppercase())
    );
}

#[test]
fn parse() {
    assert_eq!(value(r#"$parse('{"a": [1, {"b": 2}]}').a[1].b"#), json!(2));
    assert_eq!(value("$parse('3')"), json!(3));
    assert!(eval("$parse('{')").is_err());
    assert_eq!(code("$parse(1)"), Some("T0410".into()));
}

#[test]
fn infinite_recursion_fails_quickly() {
    let start = Instant::now();
    let err = eval("($f := function($x){$f($x)}; $f(1))").unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(
        matches!(err.code.as_deref(), Some("D1011" | "D1012")),
        "{err}"
    );
}

#[test]
fn a_long_loop_stops_at_the_time_limit() {
    let bindings = Bindings {
        limits: Limits {
            timeout: Duration::from_millis(100),
            max_depth: 100_000,
            ..Limits::default()
        },
        ..Bindings::default()
    };
    let expr = "($f := function($n){$n = 0 ? 0 : $f($n - 1)}; $f(1e9))";
    let start = Instant::now();
    let err = evaluate(expr, &Value::Null, &bindings).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert!(
        matches!(err.code.as_deref(), Some("D1011" | "D1012")),
        "{err}"
    );
}

#[test]
fn a_huge_sequence_stops_at_the_sequence_limit() {
    let err = evaluate("$count([1..10000000])", &Value::Null, &Bindings::default()).unwrap_err();
    assert_eq!(err.code.as_deref(), Some("D2015"), "{err:?}");
    let count = evaluate("$count([1..1000000])", &Value::Null, &Bindings::default());
    assert_eq!(count, Ok(Some(serde_json::json!(1_000_000))));
    let reference = Bindings {
        dialect: Dialect::Reference,
        limits: Limits {
            max_sequence: None,
            ..Limits::default()
        },
        ..Bindings::default()
    };
    let count = evaluate("$count([1..2000000])", &Value::Null, &reference);
    assert_eq!(count, Ok(Some(serde_json::json!(2_000_000))));
}
