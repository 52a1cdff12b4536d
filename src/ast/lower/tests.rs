//! Lowering builds the typed machine with values, spans and pointers; the diagnostics it reports
//! are pinned by the fixtures under `fixtures/rules/`.

use super::lower;
use crate::ast::*;
use crate::syntax::{Format, Span, parse};

fn machine(text: &str) -> StateMachine {
    let parsed = parse(text, Format::Json);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let lowered = lower(parsed.root.as_ref().expect("a tree"), text.len());
    let messages: Vec<&str> = lowered
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(messages.is_empty(), "unexpected findings: {messages:?}");
    lowered.machine.expect("a machine")
}

fn text_of(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

fn state<'m>(scope: &'m Scope, name: &str) -> &'m State {
    scope
        .states
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no state {name}"))
}

const EVERY_TYPE: &str = r#"{
  "Comment": "all eight types",
  "Version": "1.0",
  "TimeoutSeconds": 300,
  "StartAt": "P",
  "States": {
    "P": {"Type": "Pass", "Result": {"a": 1}, "ResultPath": "$.r", "Next": "T"},
    "T": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "f", "Payload.$": "$"},
      "TimeoutSeconds": 30,
      "HeartbeatSecondsPath": "$.hb",
      "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 3,
                 "BackoffRate": 1.5, "MaxDelaySeconds": 10, "JitterStrategy": "FULL"}],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "F"}],
      "Next": "C"
    },
    "C": {
      "Type": "Choice",
      "Choices": [
        {"And": [{"Variable": "$.n", "NumericGreaterThan": 1},
                 {"Not": {"Variable": "$.s", "StringEqualsPath": "$.t"}}],
         "Next": "W"}
      ],
      "Default": "F"
    },
    "W": {"Type": "Wait", "Seconds": 5, "Next": "Par"},
    "Par": {
      "Type": "Parallel",
      "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
      "Next": "M"
    },
    "M": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "MaxConcurrency": 2,
      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
      "Next": "S"
    },
    "S": {"Type": "Succeed"},
    "F": {"Type": "Fail", "Error": "Oops", "Cause": "it broke"}
  }
}"#;

#[test]
fn every_state_type_is_lowered_with_its_fields() {
    let m = machine(EVERY_TYPE);
    assert_eq!(m.comment.as_ref().unwrap().value, "all eight types");
    assert_eq!(m.timeout_seconds.as_ref().unwrap().value, 300);
    assert_eq!(m.default_language, QueryLanguage::JsonPath);
    let names: Vec<&str> = m.scope.states.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["P", "T", "C", "W", "Par", "M", "S", "F"]);
    let kinds: Vec<&str> = m.scope.states.iter().map(|s| s.kind.type_name()).collect();
    assert_eq!(
        kinds,
        [
            "Pass", "Task", "Choice", "Wait", "Parallel", "Map", "Succeed", "Fail"
        ]
    );

    let t = state(&m.scope, "T");
    let StateKind::Task(task) = &t.kind else {
        panic!("T is a Task")
    };
    assert_eq!(
        task.resource.as_ref().unwrap().value,
        "arn:aws:states:::lambda:invoke"
    );
    assert_eq!(task.timeout_seconds.as_ref().unwrap().value, Dyn::Lit(30));
    assert_eq!(task.heartbeat_seconds_path.as_ref().unwrap().value, "$.hb");
    let retrier = &t.retry[0];
    assert_eq!(retrier.error_equals[0].value, "States.Timeout");
    assert_eq!(retrier.max_attempts.as_ref().unwrap().value, 3);
    assert_eq!(retrier.backoff_rate.as_ref().unwrap().value, 1.5);
    assert_eq!(retrier.max_delay_seconds.as_ref().unwrap().value, 10);
    assert_eq!(retrier.jitter_strategy.as_ref().unwrap().value, "FULL");
    assert_eq!(retrier.pointer.as_str(), "/States/T/Retry/0");
    let catcher = &t.catch[0];
    assert_eq!(catcher.next.as_ref().unwrap().value, "F");
    assert_eq!(catcher.result_path.as_ref().unwrap().value, None);
    match &t.transition {
        Transition::Next(next) => {
            assert_eq!(next.value, "C");
            assert_eq!(next.pointer.as_str(), "/States/T/Next");
        }
        other => panic!("unexpected transition {other:?}"),
    }

    let StateKind::Parallel(par) = &state(&m.scope, "Par").kind else {
        panic!("Par is a Parallel")
    };
    assert_eq!(par.branches[0].pointer.as_str(), "/States/Par/Branches/0");
    assert_eq!(
        par.branches[0].states[0].pointer.as_str(),
        "/States/Par/Branches/0/States/B"
    );

    let StateKind::Map(map) = &state(&m.scope, "M").kind else {
        panic!("M is a Map")
    };
    let processor = map.processor.as_ref().unwrap();
    assert_eq!(processor.field_name, "ItemProcessor");
    assert_eq!(
        processor.scope.states[0].pointer.as_str(),
        "/States/M/ItemProcessor/States/I"
    );
    assert_eq!(map.max_concurrency.as_ref().unwrap().value, Dyn::Lit(2));

    let StateKind::Fail(fail) = &state(&m.scope, "F").kind else {
        panic!("F is a Fail")
    };
    assert_eq!(fail.error.as_ref().unwrap().value, "Oops");
    assert!(matches!(state(&m.scope, "F").transition, Transition::None));
}

#[test]
fn spans_cover_the_text_of_keys_and_values() {
    let m = machine(EVERY_TYPE);
    let t = state(&m.scope, "T");
    assert_eq!(text_of(EVERY_TYPE, t.name_span), "\"T\"");
    let Transition::Next(next) = &t.transition else {
        panic!("T has Next")
    };
    assert_eq!(text_of(EVERY_TYPE, next.span), "\"C\"");
    assert_eq!(text_of(EVERY_TYPE, next.key_span), "\"Next\"");
    let StateKind::Task(task) = &t.kind else {
        panic!("T is a Task")
    };
    assert_eq!(
        text_of(EVERY_TYPE, task.timeout_seconds.as_ref().unwrap().span),
        "30"
    );
    assert!(text_of(EVERY_TYPE, t.span).starts_with('{'));
    assert!(text_of(EVERY_TYPE, t.span).ends_with('}'));
}

#[test]
fn choice_rules_nest_and_keep_their_operator() {
    let m = machine(EVERY_TYPE);
    let StateKind::Choice(choice) = &state(&m.scope, "C").kind else {
        panic!("C is a Choice")
    };
    assert_eq!(choice.default.as_ref().unwrap().value, "F");
    let rule = &choice.choices[0];
    assert_eq!(rule.next.as_ref().unwrap().value, "W");
    let ChoiceRuleKind::And(parts) = &rule.kind else {
        panic!("an And rule: {:?}", rule.kind)
    };
    let ChoiceRuleKind::Comparison {
        variable, operator, ..
    } = &parts[0].kind
    else {
        panic!("a comparison")
    };
    assert_eq!(variable.value, "$.n");
    assert_eq!(operator.name, "NumericGreaterThan");
    assert_eq!(operator.test, Test::NumericGreaterThan);
    assert!(!operator.path);
    let ChoiceRuleKind::Not(inner) = &parts[1].kind else {
        panic!("a Not rule")
    };
    assert_eq!(inner.pointer.as_str(), "/States/C/Choices/0/And/1/Not");
    let ChoiceRuleKind::Comparison { operator, .. } = &inner.kind else {
        panic!("a comparison")
    };
    assert_eq!(operator.test, Test::StringEquals);
    assert!(operator.path);
}

#[test]
fn jsonata_machines_lower_expressions_and_conditions() {
    let text = r#"{
      "QueryLanguage": "JSONata",
      "StartAt": "C",
      "States": {
        "C": {"Type": "Choice",
              "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "W",
                           "Assign": {"seen": true}}],
              "Default": "W"},
        "W": {"Type": "Wait", "Seconds": "{% $states.input.delay %}", "Next": "T"},
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"},
              "Output": "{% $states.result.Payload %}", "End": true}
      }
    }"#;
    let m = machine(text);
    assert_eq!(m.default_language, QueryLanguage::Jsonata);
    let c = state(&m.scope, "C");
    assert_eq!(c.language, QueryLanguage::Jsonata);
    let StateKind::Choice(choice) = &c.kind else {
        panic!("C is a Choice")
    };
    let ChoiceRuleKind::Condition(condition) = &choice.choices[0].kind else {
        panic!("a Condition rule")
    };
    assert_eq!(
        condition.value,
        Dyn::Expr("{% $states.input.n > 1 %}".to_string())
    );
    assert!(choice.choices[0].assign.is_some());
    let StateKind::Wait(wait) = &state(&m.scope, "W").kind else {
        panic!("W is a Wait")
    };
    assert_eq!(
        wait.seconds.as_ref().unwrap().value,
        Dyn::Expr("{% $states.input.delay %}".to_string())
    );
    let t = state(&m.scope, "T");
    assert!(t.io.arguments.is_some());
    assert!(t.io.output.is_some());
}

#[test]
fn distributed_map_fields_are_lowered() {
    let text = r#"{
      "StartAt": "M",
      "States": {
        "M": {
          "Type": "Map",
          "Label": "Files",
          "ToleratedFailurePercentage": 5.5,
          "ToleratedFailureCount": 10,
          "ItemReader": {
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 100},
            "Parameters": {"Bucket": "b", "Key": "k.csv"}
          },
          "ItemBatcher": {"MaxItemsPerBatch": 10, "BatchInput": {"job": "x"}},
          "ResultWriter": {
            "Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket": "out", "Prefix": "results"}
          },
          "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Work",
            "States": {"Work": {"Type": "Pass", "End": true}}
          },
          "End": true
        }
      }
    }"#;
    let m = machine(text);
    let StateKind::Map(map) = &state(&m.scope, "M").kind else {
        panic!("M is a Map")
    };
    assert_eq!(map.label.as_ref().unwrap().value, "Files");
    assert_eq!(
        map.tolerated_failure_percentage.as_ref().unwrap().value,
        Dyn::Lit(5.5)
    );
    assert_eq!(
        map.tolerated_failure_count.as_ref().unwrap().value,
        Dyn::Lit(10)
    );
    let processor = map.processor.as_ref().unwrap();
    assert_eq!(processor.mode.as_ref().unwrap().value, "DISTRIBUTED");
    assert_eq!(processor.execution_type.as_ref().unwrap().value, "EXPRESS");
    let reader = map.item_reader.as_ref().unwrap();
    assert_eq!(
        reader.resource.as_ref().unwrap().value,
        "arn:aws:states:::s3:getObject"
    );
    let config = reader.reader_config.as_ref().unwrap();
    assert_eq!(config.input_type.as_ref().unwrap().value, "CSV");
    assert_eq!(config.max_items.as_ref().unwrap().value, Dyn::Lit(100));
    assert_eq!(
        config.input_type.as_ref().unwrap().pointer.as_str(),
        "/States/M/ItemReader/ReaderConfig/InputType"
    );
    let batcher = map.item_batcher.as_ref().unwrap();
    assert_eq!(
        batcher.max_items_per_batch.as_ref().unwrap().value,
        Dyn::Lit(10)
    );
    assert!(batcher.batch_input.is_some());
    let writer = map.result_writer.as_ref().unwrap();
    assert_eq!(
        writer.resource.as_ref().unwrap().value,
        "arn:aws:states:::s3:putObject"
    );
}

#[test]
fn all_states_walks_nested_scopes_depth_first() {
    let m = machine(EVERY_TYPE);
    let names: Vec<&str> = m
        .scope
        .all_states()
        .iter()
        .map(|(_, s)| s.name.as_str())
        .collect();
    assert_eq!(names, ["P", "T", "C", "W", "Par", "B", "M", "I", "S", "F"]);
    let (scope, _) = m.scope.all_states()[5];
    assert_eq!(scope.kind, ScopeKind::Branch);
}
