//! Runs every recorded AWS execution of `../shared/oracle` through the simulator and prints the
//! reproduction rate per folder; asserts floors just below what is reached, so a regression
//! fails. Skipped (with a message) when the oracle is absent.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the test prints its reproduction rate"
)]

use std::path::{Path, PathBuf};

use asl_lint::simulate::{self, Mocks, Options};
use asl_lint::source::SourceFile;
use asl_lint::syntax::Format;
use serde_json::Value;

/// (folder, floor of cases reproduced). The misses left are cases the recorder masked: outputs of
/// `$random`/UUID/ARN parts replaced by placeholders, and timestamps replaced by the word
/// `date` (21 Choice definitions then hold `TimestampEquals: "date"`, which the check rejects).
const FLOORS: &[(&str, usize)] = &[("executions", 219), ("choice", 328)];

fn oracle_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/oracle");
    dir.is_dir().then_some(dir)
}

/// Whether the simulator reproduced the case, as `tools/oracle_score.py` judges it.
fn reproduced(case: &Value) -> bool {
    let expected = &case["expected"];
    let text = serde_json::to_string(&case["definition"]).expect("serializable");
    let source = SourceFile::new("oracle.json", text, Format::Json);
    let input = case.get("input").cloned().unwrap_or(Value::Null);
    let options = Options {
        seed: Some(0),
        ..Options::default()
    };
    let Ok(execution) = simulate::simulate_source(&source, input, &Mocks::default(), &options)
    else {
        return false;
    };
    if execution.status.as_str() != expected["status"] {
        return false;
    }
    if expected["status"] == "SUCCEEDED" {
        let got = execution.output.unwrap_or(Value::Null);
        let want = &expected["output"];
        return &got == want || want.as_str() == Some(got.to_string().as_str());
    }
    execution.error.map_or(Value::Null, Value::String) == expected["error"]
}

fn run() {
    let Some(dir) = oracle_dir() else {
        eprintln!("skipped: ../shared/oracle is absent");
        return;
    };
    let mut short = Vec::new();
    for (folder, floor) in FLOORS {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
            .expect("oracle folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let mut ok = 0;
        for file in &files {
            let text = std::fs::read_to_string(file).expect("oracle case");
            let case: Value = serde_json::from_str(&text).expect("oracle case is JSON");
            ok += usize::from(reproduced(&case));
        }
        println!("{folder}: {ok}/{} reproduced", files.len());
        if ok < *floor {
            short.push(format!("{folder}: {ok} < floor {floor}"));
        }
    }
    assert!(short.is_empty(), "below the floor: {short:?}");
}

#[test]
fn oracle_reproduction_rate() {
    // Parallel and Map recurse per nesting level: give the run room.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(run)
        .expect("spawn")
        .join()
        .expect("the oracle run did not panic");
}
