//! The simulator end to end: golden traces of a machine with Parallel, Map, Retry and Catch,
//! both mock forms, a Task without a mock, `--max-events`, and mock-file validation.

use std::path::Path;

use asl_lint::simulate::{self, Mocks, Options, SimulateError, Status, Stopped, Unmocked};
use asl_lint::source::SourceFile;
use asl_lint::syntax::Format;
use assert_cmd::Command;
use serde_json::{Value, json};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/simulate");

fn source(name: &str) -> SourceFile {
    let path = Path::new(DIR).join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    SourceFile::new(name, text, Format::Json)
}

fn options() -> Options {
    Options {
        seed: Some(7),
        machine_name: "order".into(),
        ..Options::default()
    }
}

fn run(mocks: &Mocks, options: &Options) -> simulate::Execution {
    simulate::simulate_source(
        &source("order.asl.json"),
        json!({"orderId": "o-1"}),
        mocks,
        options,
    )
    .expect("the simulation runs")
}

fn local_mocks(case: &str) -> Mocks {
    let selection = simulate::mocks::Selection {
        machine: None,
        file_stem: Some("order"),
        test_case: Some(case),
    };
    Mocks::load(&source("mocks-local.json"), &selection).expect("valid mock file")
}

fn short_mocks() -> Mocks {
    Mocks::load(
        &source("mocks-short.json"),
        &simulate::mocks::Selection::default(),
    )
    .expect("valid mock file")
}

#[test]
fn golden_human_trace() {
    let execution = run(&short_mocks(), &options());
    insta::assert_snapshot!("order_human", simulate::trace::render_human(&execution));
}

#[test]
fn golden_json_events() {
    let execution = run(&short_mocks(), &options());
    let text = serde_json::to_string_pretty(&execution.to_json()).expect("serializable");
    insta::assert_snapshot!("order_json", text);
}

#[test]
fn the_trace_is_optional_and_changes_nothing_else() {
    let traced = run(&short_mocks(), &options());
    let untraced = run(
        &short_mocks(),
        &Options {
            trace: false,
            ..options()
        },
    );
    assert!(!traced.trace.is_empty());
    assert!(untraced.trace.is_empty());
    assert_eq!(traced.to_json(), untraced.to_json());
    // The text `--format json` writes (straight from `Serialize`) is the same as `to_json`'s.
    assert_eq!(
        serde_json::to_string_pretty(&untraced).expect("serializable"),
        serde_json::to_string_pretty(&traced.to_json()).expect("serializable")
    );
}

#[test]
fn both_mock_forms_give_the_same_execution() {
    let short = run(&short_mocks(), &options());
    let local = run(&local_mocks("HappyPath"), &options());
    assert_eq!(short.status, Status::Succeeded);
    assert_eq!(short.output, local.output);
    assert_eq!(
        short.output,
        Some(
            json!({"prices": [10, 20], "notification": {"Error": "SNS.AuthorizationErrorException", "Cause": "denied"}})
        )
    );
    let kinds =
        |e: &simulate::Execution| e.events.iter().map(|e| e.kind.clone()).collect::<Vec<_>>();
    assert_eq!(kinds(&short), kinds(&local));
}

#[test]
fn local_form_selects_the_test_case() {
    let execution = run(&local_mocks("NoItems"), &options());
    assert_eq!(execution.status, Status::Succeeded);
    assert_eq!(execution.output.unwrap()["prices"], json!([]));
}

#[test]
fn retries_move_the_virtual_clock() {
    let execution = run(&short_mocks(), &options());
    // One retry after IntervalSeconds = 2.
    assert!((execution.duration_seconds - 2.0).abs() < 1e-9);
    let scheduled = execution
        .events
        .iter()
        .filter(|e| e.kind == "TaskScheduled")
        .count();
    assert_eq!(scheduled, 5, "Fetch twice, Price twice, Notify once");
}

#[test]
fn task_without_mock_stops_with_a_message() {
    let err = simulate::simulate_source(
        &source("order.asl.json"),
        json!({}),
        &Mocks::default(),
        &options(),
    )
    .unwrap_err();
    let SimulateError::Stopped(stopped @ Stopped::Unmocked { .. }) = err else {
        panic!("expected an unmocked task");
    };
    let message = stopped.to_string();
    assert!(message.contains("`Fetch`"), "{message}");
    assert!(message.contains("--mocks"), "{message}");
    assert!(message.contains("--unmocked echo"), "{message}");
}

#[test]
fn unmocked_echo_returns_the_task_input() {
    let options = Options {
        unmocked: Unmocked::Echo,
        ..options()
    };
    let execution = run(&Mocks::default(), &options);
    // Fetch echoes {"FunctionName", "Payload"}: no `items`, so the Map's ItemsPath fails.
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn max_events_ends_an_infinite_loop() {
    let options = Options {
        max_events: 500,
        ..options()
    };
    let execution = simulate::simulate_source(
        &source("loop.asl.json"),
        json!({"done": false}),
        &Mocks::default(),
        &options,
    )
    .expect("runs");
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some(simulate::MAX_EVENTS_ERROR));
    assert!(execution.events.len() <= 501);
}

#[test]
fn cli_exit_codes_and_messages() {
    let bin = || Command::cargo_bin("asl-lint").expect("binary");
    let def = format!("{DIR}/order.asl.json");
    let ok = bin()
        .args([
            "simulate",
            &def,
            "--input",
            r#"{"orderId":"o-1"}"#,
            "--format",
            "json",
        ])
        .args([
            "--mocks",
            &format!("{DIR}/mocks-local.json"),
            "--test-case",
            "HappyPath",
        ])
        .assert()
        .code(0);
    let out: Value = serde_json::from_slice(&ok.get_output().stdout).expect("JSON");
    assert_eq!(out["status"], "SUCCEEDED");

    let unmocked = bin().args(["simulate", &def]).assert().code(2);
    let stderr = String::from_utf8_lossy(&unmocked.get_output().stderr).into_owned();
    assert!(stderr.contains("Task state `Fetch`"), "{stderr}");

    let bad = bin()
        .args([
            "simulate",
            &def,
            "--mocks",
            &format!("{DIR}/bad-mocks.json"),
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&bad.get_output().stderr).into_owned();
    assert!(
        stderr.contains("bad-mocks.json:5:"),
        "points into the mock file: {stderr}"
    );
    assert!(
        stderr.contains("/MockedResponses/Items/0/Throw/Error"),
        "{stderr}"
    );

    bin()
        .args([
            "simulate",
            &format!("{DIR}/loop.asl.json"),
            "--input",
            r#"{"done":false}"#,
        ])
        .args(["--max-events", "100"])
        .assert()
        .code(1);
    bin()
        .args(["simulate", &def, "--input", "{not json"])
        .assert()
        .code(2);
}

// --- Task timeouts on the virtual clock (mock `Delay`) ---

fn run_timeouts(mocks: &Mocks, input: Value) -> simulate::Execution {
    let options = Options {
        machine_name: "timeouts".into(),
        ..options()
    };
    simulate::simulate_source(&source("timeouts.asl.json"), input, mocks, &options)
        .expect("the simulation runs")
}

fn timeout_mocks() -> Mocks {
    Mocks::load(
        &source("timeout-mocks.json"),
        &simulate::mocks::Selection::default(),
    )
    .expect("valid mock file")
}

fn kinds(execution: &simulate::Execution) -> Vec<&str> {
    execution.events.iter().map(|e| &*e.kind).collect()
}

#[test]
fn task_timeout_is_retried_then_caught() {
    let execution = run_timeouts(&timeout_mocks(), json!({"approvalTimeout": 300}));
    assert_eq!(execution.status, Status::Succeeded);
    let output = execution.output.clone().unwrap();
    assert_eq!(output["chargeError"], json!({"Error": "States.Timeout"}));
    // Approve's callback never heartbeats: HeartbeatSeconds (60) < Delay (120) < timeout (300).
    assert_eq!(
        output["approvalError"],
        json!({"Error": "States.HeartbeatTimeout"})
    );
    let timed_out: Vec<_> = execution
        .events
        .iter()
        .filter(|e| e.kind == "TaskTimedOut")
        .map(|e| e.details().error.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(
        timed_out,
        [
            "States.Timeout",
            "States.Timeout",
            "States.HeartbeatTimeout"
        ]
    );
    // 10 s, a 1 s retry delay, 10 s, then 60 s of waiting for a heartbeat.
    assert!((execution.duration_seconds - 81.0).abs() < 1e-9);
}

#[test]
fn golden_timeout_trace() {
    let execution = run_timeouts(&timeout_mocks(), json!({"approvalTimeout": 300}));
    insta::assert_snapshot!("timeouts_human", simulate::trace::render_human(&execution));
    let events: Vec<Value> = execution
        .events
        .iter()
        .map(simulate::Event::to_json)
        .collect();
    let text = serde_json::to_string_pretty(&events).expect("serializable");
    insta::assert_snapshot!("timeouts_events", text);
}

#[test]
fn timeout_before_heartbeat_is_not_caught_by_a_heartbeat_catcher() {
    let execution = run_timeouts(&timeout_mocks(), json!({"approvalTimeout": 30}));
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert_eq!(execution.cause, None);
    assert_eq!(
        kinds(&execution).last().copied(),
        Some("ExecutionFailed"),
        "a task timeout fails the execution; it does not time it out"
    );
}

#[test]
fn delays_within_the_limits_only_move_the_clock() {
    let mocks = Mocks::from_short_form(&json!({
        "Charge": {"Return": {"charged": true}, "Delay": 10},
        "Approve": {"Return": "approved", "Delay": 60}
    }));
    let execution = run_timeouts(&mocks, json!({"approvalTimeout": 300}));
    assert_eq!(execution.status, Status::Succeeded);
    let output = execution.output.unwrap();
    assert_eq!(output["charge"], json!({"charged": true}));
    assert_eq!(output["approval"], json!("approved"));
    assert!((execution.duration_seconds - 70.0).abs() < 1e-9);
}

#[test]
fn heartbeat_applies_only_to_callback_and_activity_tasks() {
    let definition = json!({
        "StartAt": "Work",
        "States": {
            "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Parameters": {"FunctionName": "f"},
                     "HeartbeatSeconds": 5, "TimeoutSeconds": 100, "Next": "Poll"},
            "Poll": {"Type": "Task",
                     "Resource": "arn:aws:states:us-east-1:123456789012:activity:poll",
                     "HeartbeatSeconds": 5, "TimeoutSeconds": 100, "End": true}
        }
    });
    let source = SourceFile::new("inline.asl.json", definition.to_string(), Format::Json);
    let mocks = Mocks::from_short_form(&json!({
        "Work": {"Return": 1, "Delay": 50},
        "Poll": {"Return": 2, "Delay": 50}
    }));
    let execution =
        simulate::simulate_source(&source, json!({}), &mocks, &options()).expect("runs");
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.HeartbeatTimeout"));
    // Work ran its 50 s; Poll gave up after 5 s without a heartbeat.
    assert!((execution.duration_seconds - 55.0).abs() < 1e-9);
}

#[test]
fn execution_timeout_still_ends_the_run_during_a_slow_task() {
    let definition = json!({
        "TimeoutSeconds": 20,
        "StartAt": "Work",
        "States": {
            "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Parameters": {"FunctionName": "f"}, "End": true}
        }
    });
    let source = SourceFile::new("inline.asl.json", definition.to_string(), Format::Json);
    let mocks = Mocks::from_short_form(&json!({"Work": {"Return": 1, "Delay": 30}}));
    let execution =
        simulate::simulate_source(&source, json!({}), &mocks, &options()).expect("runs");
    assert_eq!(execution.status, Status::TimedOut);
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert_eq!(kinds(&execution).last().copied(), Some("ExecutionTimedOut"));
}

#[test]
fn jsonata_timeout_expression() {
    let definition = json!({
        "QueryLanguage": "JSONata",
        "StartAt": "Work",
        "States": {
            "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Arguments": {"FunctionName": "f"},
                     "TimeoutSeconds": "{% $states.input.limit %}", "End": true}
        }
    });
    let source = SourceFile::new("inline.asl.json", definition.to_string(), Format::Json);
    let mocks = Mocks::from_short_form(&json!({"Work": {"Return": 1, "Delay": 30}}));
    let run = |limit: i64| {
        simulate::simulate_source(&source, json!({"limit": limit}), &mocks, &options())
            .expect("runs")
    };
    assert_eq!(run(60).status, Status::Succeeded);
    assert_eq!(run(10).error.as_deref(), Some("States.Timeout"));
}

#[test]
fn local_form_reads_delay() {
    let selection = simulate::mocks::Selection {
        machine: None,
        file_stem: Some("timeouts"),
        test_case: Some("SlowCharge"),
    };
    let mocks = Mocks::load(&source("timeout-mocks-local.json"), &selection).expect("valid");
    let execution = run_timeouts(&mocks, json!({"approvalTimeout": 300}));
    assert_eq!(execution.status, Status::Succeeded);
    let output = execution.output.unwrap();
    assert_eq!(
        output["charge"],
        json!({"charged": true}),
        "second call in time"
    );
    assert_eq!(output["approval"], json!("approved"));
    // 10 s (timed out), 1 s, 9 s, 59 s.
    assert!((execution.duration_seconds - 79.0).abs() < 1e-9);
}

#[test]
fn bad_delay_points_into_the_mock_file() {
    let err = Mocks::load(
        &source("bad-delay-mocks.json"),
        &simulate::mocks::Selection::default(),
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(message.contains("bad-delay-mocks.json:5:"), "{message}");
    assert!(message.contains("/MockedResponses/R/0"), "{message}");
}

#[test]
fn a_result_object_with_other_keys_beside_delay_stays_a_result() {
    let mocks = Mocks::from_short_form(&json!({"S": {"Delay": 3, "Other": 1}}));
    let response = mocks.response("S", 0).unwrap();
    assert_eq!(response.delay_seconds, 0.0);
    assert_eq!(
        response.outcome,
        simulate::mocks::Outcome::Return(json!({"Delay": 3, "Other": 1}))
    );
}

// --- Distributed Map: ItemReader from a mock, ResultWriter ---

/// `reader.asl.json`, changed by `edit` (the Map state is `States.Rows`).
fn reader_machine(edit: impl FnOnce(&mut Value)) -> SourceFile {
    let mut definition: Value =
        serde_json::from_str(&source("reader.asl.json").text).expect("fixture JSON");
    edit(&mut definition["States"]["Rows"]);
    SourceFile::new("reader.asl.json", definition.to_string(), Format::Json)
}

fn run_reader(source: &SourceFile, mocks: &Mocks, input: Value) -> simulate::Execution {
    let options = Options {
        machine_name: "reader".into(),
        ..options()
    };
    simulate::simulate_source(source, input, mocks, &options).expect("the simulation runs")
}

fn reader_mocks() -> Mocks {
    Mocks::load(
        &source("reader-mocks.json"),
        &simulate::mocks::Selection::default(),
    )
    .expect("valid mock file")
}

#[test]
fn golden_item_reader_and_result_writer() {
    let execution = run_reader(
        &source("reader.asl.json"),
        &reader_mocks(),
        json!({"key": "rows.csv"}),
    );
    assert_eq!(execution.status, Status::Succeeded);
    insta::assert_snapshot!("reader_human", simulate::trace::render_human(&execution));
    let text = serde_json::to_string_pretty(&execution.to_json()).expect("serializable");
    insta::assert_snapshot!("reader_json", text);
}

#[test]
fn result_writer_output_is_the_map_run_and_manifest() {
    let execution = run_reader(
        &source("reader.asl.json"),
        &reader_mocks(),
        json!({"key": "rows.csv"}),
    );
    let written = &execution.output.unwrap()["written"];
    let arn = written["MapRunArn"].as_str().unwrap();
    assert!(
        arn.starts_with("arn:aws:states:us-east-1:123456789012:mapRun:reader/Rows:"),
        "{arn}"
    );
    let run_id = arn.rsplit(':').next().unwrap();
    assert_eq!(
        written["ResultWriterDetails"],
        json!({"Bucket": "out-bucket", "Key": format!("runs/{run_id}/manifest.json")})
    );
}

#[test]
fn item_reader_csv_max_items_and_item_selector() {
    let source = reader_machine(|map| {
        map.as_object_mut().unwrap().remove("ResultWriter");
    });
    let execution = run_reader(&source, &reader_mocks(), json!({"key": "rows.csv"}));
    assert_eq!(execution.status, Status::Succeeded);
    assert_eq!(
        execution.output.unwrap()["written"],
        json!([{"score": 10}, {"score": 20}]),
        "MaxItems 2 of 3 rows"
    );
    let scheduled: Vec<_> = execution
        .events
        .iter()
        .filter(|e| e.kind == "MapStateStarted")
        .map(|e| e.details().length)
        .collect();
    assert_eq!(scheduled, [Some(2)]);
}

#[test]
fn item_reader_given_headers_max_items_path_and_json_arrays() {
    let given = reader_machine(|map| {
        map["ItemReader"]["ReaderConfig"] = json!({
            "InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["n", "word"],
            "CSVDelimiter": "PIPE", "MaxItemsPath": "$.max"
        });
        map.as_object_mut().unwrap().remove("ResultWriter");
        map["ItemProcessor"]["States"]["Score"] = json!({"Type": "Pass", "End": true});
    });
    let mocks = Mocks::from_short_form(&json!({"Rows": "1|one\n2|two\n3|three"}));
    let execution = run_reader(&given, &mocks, json!({"key": "k", "max": 1}));
    assert_eq!(
        execution.output.unwrap()["written"],
        json!([{"row": {"n": "1", "word": "one"}, "index": 0}])
    );

    let json_reader = reader_machine(|map| {
        map["ItemReader"]["ReaderConfig"] = json!({"InputType": "JSON"});
        map["ResultWriter"] =
            json!({"WriterConfig": {"OutputType": "JSON", "Transformation": "FLATTEN"}});
        map["ItemSelector"] = json!({"v.$": "$$.Map.Item.Value"});
        map["ItemProcessor"]["States"]["Score"] =
            json!({"Type": "Pass", "OutputPath": "$.v", "End": true});
    });
    // A JSON object's text, or (as here) the array itself with `Return`.
    for mock in [json!({"Return": [[1, 2], [3]]}), json!("[[1, 2], [3]]")] {
        let mocks = Mocks::from_short_form(&json!({ "Rows": mock }));
        let execution = run_reader(&json_reader, &mocks, json!({"key": "k"}));
        assert_eq!(
            execution.output.unwrap()["written"],
            json!([1, 2, 3]),
            "WriterConfig alone: the results, flattened"
        );
    }

    let jsonl = reader_machine(|map| {
        map["ItemReader"]["ReaderConfig"] = json!({"InputType": "JSONL"});
        map.as_object_mut().unwrap().remove("ResultWriter");
        map["ItemProcessor"]["States"]["Score"] = json!({"Type": "Pass", "End": true});
        map.as_object_mut().unwrap().remove("ItemSelector");
    });
    let mocks = Mocks::from_short_form(&json!({"Rows": "{\"a\":1}\n{\"a\":2}\n"}));
    let execution = run_reader(&jsonl, &mocks, json!({"key": "k"}));
    assert_eq!(
        execution.output.unwrap()["written"],
        json!([{"a": 1}, {"a": 2}])
    );
}

#[test]
fn item_reader_failures() {
    let source = source("reader.asl.json");
    // The mock throws: the Map fails with that error.
    let mocks = Mocks::from_short_form(&json!({
        "Rows": {"Throw": {"Error": "S3.NoSuchKey", "Cause": "no such key"}}
    }));
    let execution = run_reader(&source, &mocks, json!({"key": "k"}));
    assert_eq!(execution.error.as_deref(), Some("S3.NoSuchKey"));
    // CSV that is not CSV-shaped for the headers.
    let mocks = Mocks::from_short_form(&json!({"Rows": "a,b\n1,2,3\n"}));
    let execution = run_reader(&source, &mocks, json!({"key": "k"}));
    assert_eq!(execution.error.as_deref(), Some("States.ItemReaderFailed"));
    let cause = execution.cause.unwrap();
    assert!(
        cause.starts_with("An error occurred while executing the state 'Rows'"),
        "{cause}"
    );
    assert!(cause.contains("row 2 has 3 fields"), "{cause}");
    // A CSV reader mocked with an array.
    let mocks = Mocks::from_short_form(&json!({"Rows": {"Return": [1]}}));
    let execution = run_reader(&source, &mocks, json!({"key": "k"}));
    assert_eq!(execution.error.as_deref(), Some("States.ItemReaderFailed"));
}

#[test]
fn item_reader_without_mock_stops_with_a_message() {
    let mocks = Mocks::from_short_form(&json!({"Score": {"Payload": 1}}));
    let options = Options {
        unmocked: Unmocked::Echo,
        ..options()
    };
    let err = simulate::simulate_source(
        &source("reader.asl.json"),
        json!({"key": "k"}),
        &mocks,
        &options,
    )
    .unwrap_err();
    let SimulateError::Stopped(stopped @ Stopped::UnmockedItemReader { .. }) = err else {
        panic!("expected an unmocked ItemReader");
    };
    let message = stopped.to_string();
    assert!(message.contains("Map state `Rows`"), "{message}");
    assert!(message.contains("--mocks"), "{message}");
}

#[test]
fn item_reader_in_the_local_form() {
    let text = json!({
        "StateMachines": {"reader": {"TestCases": {"Csv": {"Rows": "RowsCsv", "Score": "Scores"}}}},
        "MockedResponses": {
            "RowsCsv": {"0": {"Return": "id,name\n7,x\n"}},
            "Scores": {"0": {"Return": {"Payload": 1}}}
        }
    })
    .to_string();
    let mocks = Mocks::load(
        &SourceFile::new("local.json", text, Format::Json),
        &simulate::mocks::Selection::default(),
    )
    .expect("valid");
    let source = reader_machine(|map| {
        map.as_object_mut().unwrap().remove("ResultWriter");
    });
    let execution = run_reader(&source, &mocks, json!({"key": "k"}));
    assert_eq!(execution.output.unwrap()["written"], json!([{"score": 1}]));
}

#[test]
fn choice_without_match_or_default_fails_as_aws_does() {
    let definition = json!({
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice",
                      "Choices": [{"Variable": "$.x", "StringEquals": "never", "Next": "Done"}]},
            "Done": {"Type": "Pass", "End": true}
        }
    });
    let source = SourceFile::new("inline.asl.json", definition.to_string(), Format::Json);
    let execution =
        simulate::simulate_source(&source, json!({"x": "a"}), &Mocks::default(), &options())
            .expect("runs");
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'Route' (entered at the event id #2). \
             Failed to transition out of the state. The state does not point to a next state."
        )
    );
    assert_eq!(
        kinds(&execution),
        ["ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed"]
    );
}

#[test]
fn parallel_branch_failure_keeps_the_branch_error_and_cause() {
    // As the oracle records it (scenarios test_parallel_state_fail): no States.BranchFailed.
    let definition = json!({
        "StartAt": "Both",
        "States": {
            "Both": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "E", "Cause": "C"}}}
            ]}
        }
    });
    let source = SourceFile::new("inline.asl.json", definition.to_string(), Format::Json);
    let execution =
        simulate::simulate_source(&source, json!({}), &Mocks::default(), &options()).expect("runs");
    assert_eq!(execution.error.as_deref(), Some("E"));
    assert_eq!(execution.cause.as_deref(), Some("C"));
    assert_eq!(
        kinds(&execution)[kinds(&execution).len() - 2..],
        ["ParallelStateFailed", "ExecutionFailed"]
    );
}

// --- Limits (issue 8): every one ends the run with an error, never a hang or a crash ---

fn run_text(text: &str, input: Value) -> simulate::Execution {
    let source = SourceFile::new("limits.asl.json", text.to_string(), Format::Json);
    simulate::simulate_source(
        &source,
        input,
        &Mocks::default(),
        &Options {
            seed: Some(1),
            ..Options::default()
        },
    )
    .expect("the simulation runs")
}

fn jsonata_pass(output: &str) -> String {
    json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Pass", "Output": output, "End": true}}})
    .to_string()
}

#[test]
fn a_state_output_over_256_kib_fails_with_data_limit_exceeded() {
    let execution = run_text(&jsonata_pass("{% [1..100000] %}"), json!({}));
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.DataLimitExceeded"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "The state/task 'P' returned a result with a size exceeding the maximum number of bytes service limit."
        )
    );
    // Just under the quota: 262,144 bytes of JSON text ("[" + 52,428 x "1000," - "," + "]").
    let under = run_text(&jsonata_pass("{% [1..52428].(1000) %}"), json!({}));
    assert_eq!(under.status, Status::Succeeded, "{:?}", under.cause);
}

#[test]
fn a_task_result_over_the_quota_is_caught_by_name_only() {
    let machine = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "f", "Payload.$": "$"},
              "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "Next": "Caught"}],
              "End": true},
        "Caught": {"Type": "Pass", "End": true}}});
    let source = SourceFile::new("t.asl.json", machine.to_string(), Format::Json);
    let big = "x".repeat(300_000);
    let mocks = Mocks::load(
        &SourceFile::new(
            "m.json",
            json!({"T": {"Return": big}}).to_string(),
            Format::Json,
        ),
        &simulate::mocks::Selection::default(),
    )
    .expect("valid mocks");
    let execution =
        simulate::simulate_source(&source, json!({}), &mocks, &Options::default()).expect("runs");
    assert_eq!(execution.status, Status::Succeeded);
    let output = execution.output.expect("output");
    assert_eq!(output["Error"], json!("States.DataLimitExceeded"));
    assert!(
        output["Cause"]
            .as_str()
            .is_some_and(|c| c.contains("'arn:aws:states:::lambda:invoke'")),
        "{output}"
    );
}

#[test]
fn jsonata_recursion_stops_at_the_depth_limit() {
    let execution = run_text(
        &jsonata_pass("{% ($f := function($n){ 1 + $f($n + 1) }; $f(0)) %}"),
        json!({}),
    );
    assert_eq!(
        execution.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert!(execution.cause.unwrap_or_default().contains("D1011"));
}

#[test]
fn jsonata_evaluation_stops_at_the_time_limit() {
    let start = std::time::Instant::now();
    let execution = run_text(
        &jsonata_pass("{% ($f := function($n){ $n > 0 ? $f($n - 1) + $f($n - 1) : 0 }; $f(40)) %}"),
        json!({}),
    );
    assert_eq!(
        execution.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert!(execution.cause.unwrap_or_default().contains("D1012"));
    // One second of evaluation time; generous for a loaded machine.
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn jsonata_sequences_stop_at_a_million_items() {
    let execution = run_text(&jsonata_pass("{% $count([1..10000000]) %}"), json!({}));
    assert_eq!(
        execution.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert!(execution.cause.unwrap_or_default().contains("D2015"));
    let execution = run_text(&jsonata_pass("{% $count([1..1000000]) %}"), json!({}));
    assert_eq!(execution.output, Some(json!(1_000_000)));
}

#[test]
fn a_map_over_many_items_stops_at_the_event_limit() {
    let machine = json!({"StartAt": "M", "States": {"M": {"Type": "Map",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I",
                          "States": {"I": {"Type": "Pass", "End": true}}},
        "End": true}}});
    let execution = run_text(&machine.to_string(), json!(vec![0; 100_000]));
    assert_eq!(execution.status, Status::Failed);
    assert_eq!(execution.error.as_deref(), Some(simulate::MAX_EVENTS_ERROR));
    assert_eq!(execution.events.len(), simulate::DEFAULT_MAX_EVENTS + 1);
    // The human trace cuts long values instead of printing 200 KB lines.
    let text = simulate::trace::render_human(&execution);
    assert!(text.contains("... (200001 bytes in all; --format json shows it whole)"));
    assert!(
        text.lines()
            .all(|line| line.len() < simulate::trace::MAX_SHOWN_CHARS + 100)
    );
}
