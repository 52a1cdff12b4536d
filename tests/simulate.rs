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
