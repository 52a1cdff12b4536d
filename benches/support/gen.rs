//! Generated state machines for the benchmarks: the same shape as `bench/gen.py` (keep them in
//! step). A chain of blocks, each a Task with Assign, Retry and Catch, a Choice on the assigned
//! variable, a Parallel of two branches and a Map, so every pass has work; Pass states fill up
//! to `n`, then `Done` (Succeed) and `Failed` (Fail). `n` counts every state, nested included.

use serde_json::{Map, Value, json};

/// States per block, nested ones included.
const BLOCK: usize = 7;

fn block(states: &mut Map<String, Value>, i: usize, next: &str) {
    let pass = json!({"Type": "Pass", "End": true});
    states.insert(
        format!("Task {i}"),
        json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {
                "FunctionName": "arn:aws:lambda:eu-west-1:123456789012:function:step",
                "Payload.$": "$"
            },
            "ResultSelector": {"ok.$": "$.Payload.ok"},
            "ResultPath": "$.result",
            "Assign": {format!("ok{i}.$"): "$.result.ok"},
            "TimeoutSeconds": 30,
            "Retry": [{
                "ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
                "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2
            }],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
            "Next": format!("Choice {i}")
        }),
    );
    states.insert(
        format!("Choice {i}"),
        json!({
            "Type": "Choice",
            "Choices": [{"Variable": format!("$ok{i}"), "BooleanEquals": true, "Next": format!("Parallel {i}")}],
            "Default": "Failed"
        }),
    );
    states.insert(
        format!("Parallel {i}"),
        json!({
            "Type": "Parallel",
            "Branches": [
                {"StartAt": format!("Left {i}"), "States": {format!("Left {i}"): pass}},
                {"StartAt": format!("Right {i}"), "States": {format!("Right {i}"): pass}}
            ],
            "ResultPath": "$.branches",
            "Next": format!("Map {i}")
        }),
    );
    states.insert(
        format!("Map {i}"),
        json!({
            "Type": "Map",
            "ItemsPath": "$.items",
            "MaxConcurrency": 10,
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": format!("Item {i}"),
                "States": {format!("Item {i}"): pass}
            },
            "ResultPath": "$.mapped",
            "Next": next
        }),
    );
}

/// A machine of exactly `n` states (`n >= 3`).
pub fn machine(n: usize) -> Value {
    assert!(n >= 3, "a generated machine has at least 3 states");
    let blocks = (n - 2) / BLOCK;
    let fill = n - 2 - blocks * BLOCK;
    let names: Vec<String> = (0..blocks)
        .map(|i| format!("Task {i}"))
        .chain((0..fill).map(|j| format!("Pass {j}")))
        .chain(["Done".to_string()])
        .collect();
    let mut states = Map::new();
    for i in 0..blocks {
        block(&mut states, i, &names[i + 1]);
    }
    for j in 0..fill {
        states.insert(
            format!("Pass {j}"),
            json!({"Type": "Pass", "Next": names[blocks + j + 1]}),
        );
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    states.insert(
        "Failed".into(),
        json!({"Type": "Fail", "Error": "Step.Failed", "Cause": "a step failed"}),
    );
    json!({"Comment": format!("generated: {n} states"), "StartAt": names[0], "States": states})
}

/// `value` as block-style YAML (strings double-quoted, which YAML reads as JSON strings).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    yaml(value, 0, &mut out);
    out
}

fn yaml(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, item) in map {
                out.push_str(&format!("{pad}{}:", Value::String(key.clone())));
                nested(item, indent, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&format!("{pad}-"));
                nested(item, indent, out);
            }
        }
        scalar => out.push_str(&format!("{pad}{scalar}\n")),
    }
}

fn nested(item: &Value, indent: usize, out: &mut String) {
    match item {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            yaml(item, indent + 2, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            yaml(item, indent + 2, out);
        }
        scalar => out.push_str(&format!(" {scalar}\n")),
    }
}

/// A Pass/Choice loop that counts `$.count` up to `iterations`: two state transitions per
/// iteration, plus the final `Done`.
pub fn counter_loop(iterations: usize) -> Value {
    json!({
        "StartAt": "Increment",
        "States": {
            "Increment": {
                "Type": "Pass",
                "Parameters": {"count.$": "States.MathAdd($.count, 1)"},
                "Next": "More?"
            },
            "More?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.count", "NumericLessThan": iterations, "Next": "Increment"}],
                "Default": "Done"
            },
            "Done": {"Type": "Succeed"}
        }
    })
}
