//! Unit tests, and the recorded AWS cases of `../shared/oracle` replayed against the evaluator.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use super::*;
use crate::ast::{self, ChoiceRule, StateKind};
use crate::syntax;

fn with_scope<T>(input: &Value, f: impl FnOnce(&Scope<'_>) -> T) -> T {
    let context = Context::of(json!({
        "Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:Machine-Name:exec-1", "Input": input},
        "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:Machine-Name", "Name": "Machine-Name"},
        "State": {"Name": "S", "EnteredTime": "2024-01-01T00:00:00Z", "RetryCount": 0}
    }));
    let mut variables = Map::new();
    variables.insert("x".into(), json!({"a": [1, 2, 3]}));
    variables.insert("n".into(), json!(7));
    f(&Scope {
        input,
        context: &context,
        variables: &variables,
    })
}

fn sel(path: &str, input: Value) -> Result<Value, Failure> {
    with_scope(&input, |s| select(path, s))
}

fn intrinsic(call: &str, input: Value) -> Result<Value, Failure> {
    with_scope(&input, |s| {
        evaluate_intrinsic(call, s, &Randomness::seeded(1))
    })
}

fn oracle_dir(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/oracle")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        #[allow(clippy::print_stderr, reason = "a skipped test says why")]
        {
            eprintln!("skipped: {} is absent", dir.display());
        }
        None
    }
}

/// The first rule of the Choice state `state` in `definition`, lowered as the linter lowers it.
fn choice_rule(definition: &Value, state: &str) -> Option<ChoiceRule> {
    let text = definition.to_string();
    let parsed = syntax::parse(&text, syntax::Format::Json);
    let root = parsed.root?;
    let machine = ast::lower(&root, text.chars().count()).machine?;
    let found = machine.scope.state(state)?;
    match &found.kind {
        StateKind::Choice(choice) => choice.choices.first().cloned(),
        _ => None,
    }
}

#[test]
fn oracle_choice_cases() {
    let Some(dir) = oracle_dir("choice") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut passed, mut masked, mut failures) = (0, 0, Vec::new());
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let rule = choice_rule(&case["definition"], "CheckValues").expect("a Choice rule");
        let written = &case["definition"]["States"]["CheckValues"]["Choices"][0];
        let branch = written["Next"].as_str().unwrap();
        let taken = case["expected"]["output"]["TestResult.$"].as_str().unwrap();
        let want = taken == branch;
        // The recorder replaced every timestamp with "date": such cases cannot be replayed.
        let is_timestamp = written
            .as_object()
            .unwrap()
            .keys()
            .any(|k| k.starts_with("Timestamp"));
        if is_timestamp && case["input"]["Variable"] == json!("date") {
            masked += 1;
            continue;
        }
        let got = with_scope(&case["input"], |s| evaluate_choice(&rule, s));
        if got == Ok(want) {
            passed += 1;
        } else {
            failures.push(format!(
                "{}: {written} on {} want {want} got {got:?}",
                file.file_name().unwrap().to_string_lossy(),
                case["input"]
            ));
        }
    }
    #[allow(clippy::print_stderr, reason = "the score is the point of this test")]
    {
        eprintln!(
            "oracle choice: {passed}/{} reproduced ({masked} timestamp cases masked by the recorder skipped)",
            files.len() - masked
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Values the recorder replaced with placeholders: such outputs cannot be compared.
const MASKED: &[&str] = &["RandomNumberGenerated", "generated-uuid", "<ArnPart_0idx>"];

/// A JSONPath Pass state's data flow (InputPath, Parameters or Result, ResultPath, OutputPath),
/// as the executor chains these functions.
fn run_pass(state: &Value, input: &Value) -> Result<Value, Failure> {
    let random = Randomness::seeded(1);
    let path = |key: &str| state.get(key).map(|v| v.as_str().map(str::to_string));
    let effective = match path("InputPath") {
        None => input.clone(),
        Some(None) => json!({}),
        Some(Some(p)) => with_scope(input, |s| select(&p, s))?,
    };
    let result = match (state.get("Parameters"), state.get("Result")) {
        (Some(template), _) => with_scope(&effective, |s| evaluate_template(template, s, &random))?,
        (None, Some(result)) => result.clone(),
        (None, None) => effective.clone(),
    };
    let output = match path("ResultPath") {
        None => result,
        Some(None) => input.clone(),
        Some(Some(p)) => apply_result_path(input, &p, result)?,
    };
    match path("OutputPath") {
        None => Ok(output),
        Some(None) => Ok(json!({})),
        Some(Some(p)) => with_scope(&output, |s| select(&p, s)),
    }
}

#[test]
fn oracle_single_pass_state_executions() {
    let Some(dir) = oracle_dir("executions") else {
        return;
    };
    let (mut checked, mut failures) = (0, Vec::new());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for file in files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let states = case["definition"]["States"].as_object().unwrap();
        let [(_, state)] = states.iter().collect::<Vec<_>>()[..] else {
            continue;
        };
        let expected = &case["expected"];
        if state["Type"] != "Pass"
            || ["ResultSelector", "QueryLanguage", "Assign"]
                .iter()
                .any(|k| state.get(k).is_some())
            || case["definition"].get("QueryLanguage").is_some()
            || MASKED.iter().any(|m| expected.to_string().contains(m))
        {
            continue;
        }
        checked += 1;
        let got = run_pass(state, &case["input"]);
        let same = match (&got, expected["status"].as_str()) {
            (Ok(v), Some("SUCCEEDED")) => {
                let want = &expected["output"];
                json_equal(v, want) || want.as_str() == Some(compact(v).as_str())
            }
            (Err(f), Some("FAILED")) => {
                expected["error"] == json!(f.error)
                    && expected["cause"]
                        .as_str()
                        .is_some_and(|c| c.ends_with(&format!("). {}", f.cause)))
            }
            _ => false,
        };
        if !same {
            failures.push(format!(
                "{}: want {expected} got {got:?}",
                file.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    #[allow(clippy::print_stderr, reason = "the score is the point of this test")]
    {
        eprintln!(
            "oracle single Pass executions: {}/{checked} reproduced",
            checked - failures.len()
        );
    }
    assert!(checked > 50, "only {checked} cases found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn paths_follow_jayway() {
    let input = json!({
        "a": {"b": [10, 20, 30, 40]},
        "items": [{"x": 1, "n": "p"}, {"x": 2, "n": "q"}, {"x": 3}],
        "k": null
    });
    let cases: &[(&str, Value)] = &[
        ("$", input.clone()),
        ("$.a.b[0]", json!(10)),
        ("$.a.b[-1]", json!(40)),
        ("$['a']['b'][1]", json!(20)),
        ("$.a.b[1:3]", json!([20, 30])),
        ("$.a.b[-2:]", json!([30, 40])),
        ("$.a.b[:2]", json!([10, 20])),
        ("$.a.b[0,2]", json!([10, 30])),
        ("$.a.b[*]", json!([10, 20, 30, 40])),
        ("$.items[*].n", json!(["p", "q"])),
        ("$.items[?(@.x > 1)].x", json!([2, 3])),
        ("$.items[?(@.n == 'q')]", json!([{"x": 2, "n": "q"}])),
        ("$.items[?(@.n)].x", json!([1, 2])),
        ("$.items[?(!(@.n) || @.x == 1)].x", json!([1, 3])),
        ("$.items[?(@.x >= 2 && @.x < 3)].x", json!([2])),
        ("$.items[?(@.x in [1, 3])].x", json!([1, 3])),
        ("$..x", json!([1, 2, 3])),
        ("$.items[0]['x','n']", json!({"x": 1, "n": "p"})),
        ("$.a.b.length()", json!(4)),
        ("$.k", Value::Null),
        ("$$.StateMachine.Name", json!("Machine-Name")),
        ("$x.a[1]", json!(2)),
        ("$n", json!(7)),
        ("$.items[?(@.x > $.a.b[0])]", json!([])),
    ];
    for (path, want) in cases {
        assert_eq!(sel(path, input.clone()).as_ref(), Ok(want), "{path}");
    }
}

#[test]
fn missing_paths_fail_as_aws_words_it() {
    let input = json!({"a": {"b": 1}, "arr": [1]});
    let cause = |p: &str| sel(p, input.clone()).unwrap_err().cause;
    assert_eq!(
        cause("$.NoSuchInputPath"),
        "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"
    );
    assert_eq!(
        cause("$.x.y"),
        "Invalid path '$.x.y' : Missing property in path $['x']"
    );
    assert_eq!(
        cause("$.arr[5]"),
        "Invalid path '$.arr[5]' : No results for path: $['arr'][5]"
    );
    assert_eq!(
        sel("$.nope", input.clone()).unwrap_err().error,
        "States.Runtime"
    );
    assert!(cause("$undefined").contains("not defined"));
    with_scope(&input, |s| {
        assert!(is_present("$.a.b", s));
        assert!(!is_present("$.a.c", s));
        assert!(!is_present("$.arr[?(@ > 5)]", s));
        assert!(is_present("$.arr[*]", s));
    });
}

#[test]
fn result_path() {
    let input = json!({"a": 1, "o": {"p": 2}, "arr": [0, 1]});
    let apply = |p: &str| apply_result_path(&input, p, json!("R"));
    assert_eq!(apply("$"), Ok(json!("R")));
    assert_eq!(
        apply("$.o.q"),
        Ok(json!({"a": 1, "o": {"p": 2, "q": "R"}, "arr": [0, 1]}))
    );
    assert_eq!(
        apply("$.new.deep"),
        Ok(json!({"a": 1, "o": {"p": 2}, "arr": [0, 1], "new": {"deep": "R"}}))
    );
    assert_eq!(
        apply("$.arr[1]"),
        Ok(json!({"a": 1, "o": {"p": 2}, "arr": [0, "R"]}))
    );
    let err = apply("$.a.b").unwrap_err();
    assert_eq!(err.error, "States.ResultPathMatchFailure");
    let err = apply_result_path(&json!("text"), "$.x", json!(1)).unwrap_err();
    assert_eq!(err.error, "States.ResultPathMatchFailure");
    assert_eq!(
        err.cause,
        "Unable to apply ReferencePath $.x to input \"text\""
    );
}

#[test]
fn templates() {
    let input = json!({"a": {"b": 1}, "list": [1, 2]});
    let template = json!({
        "plain": "$.a",
        "v.$": "$.a.b",
        "nested": {"ctx.$": "$$.StateMachine.Name", "arr": [{"x.$": "$.list[0]"}, 3]},
        "f.$": "States.Format('{} and {}', $.a.b, $.list)",
    });
    let got = with_scope(&input, |s| {
        evaluate_template(&template, s, &Randomness::seeded(1))
    });
    let err = got.unwrap_err();
    assert_eq!(err.error, "States.IntrinsicFailure");
    let template = json!({
        "plain": "$.a",
        "v.$": "$.a.b",
        "nested": {"ctx.$": "$$.StateMachine.Name", "arr": [{"x.$": "$.list[0]"}, 3]},
        "var.$": "$n",
    });
    let got = with_scope(&input, |s| {
        evaluate_template(&template, s, &Randomness::seeded(1))
    });
    assert_eq!(
        got,
        Ok(json!({
            "plain": "$.a",
            "v": 1,
            "nested": {"ctx": "Machine-Name", "arr": [{"x": 1}, 3]},
            "var": 7,
        }))
    );
    let missing = with_scope(&input, |s| {
        evaluate_template(
            &json!({"JobName.$": "$.JobName"}),
            s,
            &Randomness::seeded(1),
        )
    });
    assert_eq!(
        missing.unwrap_err().cause,
        "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{\"a\":{\"b\":1},\"list\":[1,2]}'"
    );
}

#[test]
fn intrinsic_functions() {
    let input = json!({"s": "a,b", "o": {"k": 1}, "arr": [1, 1.0, 2, {"a": 1}, {"a": 1}]});
    let ok: &[(&str, Value)] = &[
        (
            "States.Format('x {} {} {}', 1.5, null, 'q')",
            json!("x 1.5 null q"),
        ),
        (
            "States.Format('\\{\\} {} it\\'s', true)",
            json!("{} true it's"),
        ),
        ("States.Format($.s)", json!("a,b")),
        ("States.StringToJson('{\"a\": [1]}')", json!({"a": [1]})),
        ("States.JsonToString($.o)", json!("{\"k\":1}")),
        ("States.Array(1, 'a', $.o)", json!([1, "a", {"k": 1}])),
        ("States.ArrayUnique($.arr)", json!([1, 2, {"a": 1}])),
        ("States.ArrayContains($.arr, 2)", json!(true)),
        ("States.ArrayRange(5, 0, -2)", json!([5, 3, 1])),
        ("States.ArrayRange(1, 0, 1)", json!([])),
        ("States.ArrayGetItem($.arr, 2)", json!(2)),
        ("States.ArrayLength($.arr)", json!(5)),
        (
            "States.ArrayPartition(States.Array(1,2,3), 2)",
            json!([[1, 2], [3]]),
        ),
        (
            "States.Base64Encode('Data to encode')",
            json!("RGF0YSB0byBlbmNvZGU="),
        ),
        (
            "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')",
            json!("Data to encode"),
        ),
        (
            "States.Hash('input data', 'MD5')",
            json!("812f45842bc6d66ee14572ce20db8e86"),
        ),
        (
            "States.JsonMerge($.o, States.StringToJson('{\"z\":2}'), false)",
            json!({"k": 1, "z": 2}),
        ),
        ("States.MathAdd(-2.5, 0)", json!(-2)),
        ("States.MathAdd(States.ArrayLength($.arr), -1)", json!(4)),
        ("States.StringSplit($.s, ',')", json!(["a", "b"])),
        (
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 1)",
            json!("Name"),
        ),
    ];
    for (call, want) in ok {
        assert_eq!(intrinsic(call, input.clone()).as_ref(), Ok(want), "{call}");
    }
    for bad in [
        "States.ArrayGetItem($.arr, 9)",
        "States.ArrayRange(0, 5000, 1)",
        "States.ArrayRange(0, 5, 0)",
        "States.JsonMerge($.o, $.o, true)",
        "States.Hash('x', 'SHA256')",
        "States.StringToJson('{')",
        "States.Base64Decode('***')",
        "States.ArrayPartition($.arr, 0)",
        "States.Format('{} {}', 1)",
        "States.Format('{}', $.o)",
        "States.MathRandom(5, 5)",
    ] {
        let err = intrinsic(bad, input.clone()).unwrap_err();
        assert_eq!(err.error, "States.IntrinsicFailure", "{bad}: {err:?}");
    }
    let uuid = intrinsic("States.UUID()", json!({})).unwrap();
    let uuid = uuid.as_str().unwrap();
    assert_eq!(uuid.len(), 36);
    assert_eq!(&uuid[14..15], "4");
}

#[test]
fn math_random_is_java_random() {
    // The generator that gives AWS's `$random(42)` = 0.7275636800328681 (see the JSONata notes)
    // gives `new java.util.Random(42).nextInt(10)` = 0 and `.nextInt(100)` = 30.
    assert_eq!(intrinsics::java_next_int(42, 10), 0);
    assert_eq!(intrinsics::java_next_int(42, 100), 30);
    assert_eq!(intrinsics::java_next_int(42, 16), 11);
    let seeded = intrinsic("States.MathRandom(0, 999, 3)", json!({})).unwrap();
    let again = intrinsic("States.MathRandom(0, 999, 3)", json!({})).unwrap();
    assert_eq!(seeded, again);
    let n = seeded.as_i64().unwrap();
    assert!((0..999).contains(&n));
    let n = intrinsic("States.MathRandom(12.5, 44.51)", json!({})).unwrap();
    assert!((13..45).contains(&n.as_i64().unwrap()), "{n}");
    assert_eq!(
        intrinsics::base64_roundtrip("héllo €"),
        Some("héllo €".into())
    );
}

#[test]
fn choice_details() {
    use crate::ast::Test as T;
    // Java compares UTF-16 code units: U+FF61 sorts after U+1F600 (a surrogate pair, D83D...).
    assert!(choice::compare(
        T::StringGreaterThan,
        &json!("\u{FF61}"),
        &json!("\u{1F600}")
    ));
    assert!(choice::compare(T::NumericEquals, &json!(1), &json!(1.0)));
    assert!(!choice::compare(T::NumericEquals, &json!("1"), &json!(1)));
    assert!(choice::compare(
        T::TimestampEquals,
        &json!("2016-03-14T01:59:00Z"),
        &json!("2016-03-14T03:59:00+02:00")
    ));
    assert!(choice::compare(
        T::TimestampLessThan,
        &json!("2016-03-14T01:59:00.5Z"),
        &json!("2016-03-14T01:59:01Z")
    ));
    assert!(!choice::compare(
        T::TimestampEquals,
        &json!("x"),
        &json!("x")
    ));
    assert!(choice::compare(
        T::IsTimestamp,
        &json!("2016-03-14T01:59Z"),
        &json!(true)
    ));
    for not_timestamp in [
        "2016-12-05T21:29:29",
        "2016-13-05T21:29:29Z",
        "2016-12-05 21:29:29Z",
        "05-12-2016T21:29:29Z",
        "2015-02-29T00:00:00Z",
    ] {
        assert!(
            choice::parse_timestamp(not_timestamp).is_none(),
            "{not_timestamp}"
        );
    }
    let m = choice::wildcard_match;
    assert!(m("log-*.txt", "log-2024.txt"));
    assert!(m("*", ""));
    assert!(m("a*b*c", "aXbYbc"));
    assert!(!m("a*b", "aXc"));
    assert!(m("a\\*b", "a*b"));
    assert!(!m("a\\*b", "aXb"));
    assert!(m("a\\\\b", "a\\b"));
}

#[test]
fn choice_rules_nest_and_fail_on_missing_variables() {
    let definition = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{
            "And": [
                {"Not": {"Variable": "$.a", "StringEquals": "x"}},
                {"Or": [
                    {"Variable": "$.n", "NumericGreaterThanPath": "$.m"},
                    {"Variable": "$.z", "IsPresent": true}
                ]}
            ],
            "Next": "D"}], "Default": "D"},
        "D": {"Type": "Succeed"}}});
    let rule = choice_rule(&definition, "C").unwrap();
    let run = |input: Value| with_scope(&input, |s| evaluate_choice(&rule, s));
    assert_eq!(run(json!({"a": "y", "n": 2, "m": 1})), Ok(true));
    assert_eq!(run(json!({"a": "x", "n": 2, "m": 1})), Ok(false));
    assert_eq!(run(json!({"a": "y", "n": 1, "m": 1})), Ok(false));
    let err = run(json!({"n": 2, "m": 1})).unwrap_err();
    assert_eq!(err.error, "States.Runtime");
    assert_eq!(
        err.cause,
        "Invalid path '$.a' : No results for path: $['a']"
    );
}
