//! Every input a fuzzer found a crash with, kept under `fixtures/fuzz/TARGET/` (the target's
//! name in `fuzz/`), runs through that target again and must return without panicking. (The
//! `.out` files beside `check_json` inputs are their expected findings, for `tests/fixtures.rs`.)

use std::path::Path;

use asl_lint::lang::path::{self, PathKind};
use asl_lint::lang::{intrinsic, jsonata};
use asl_lint::simulate::{self, Mocks, Options, Unmocked};
use asl_lint::source::SourceFile;
use asl_lint::syntax::Format;
use asl_lint::{CheckOptions, check_source};

fn run(target: &str, data: Vec<u8>) {
    let text = String::from_utf8_lossy(&data).into_owned();
    match target {
        "check_json" | "check_yaml" => {
            let format = if target == "check_json" {
                Format::Json
            } else {
                Format::Yaml
            };
            check_source(
                &SourceFile::from_bytes("fuzz", data, format),
                &CheckOptions::default(),
            );
        }
        "jsonpath" => {
            let _ = path::parse(&text, PathKind::Path);
            let _ = path::parse(&text, PathKind::Reference);
        }
        "intrinsic" => {
            if let Ok(expr) = intrinsic::parse(&text) {
                intrinsic::check(&expr);
            }
        }
        "jsonata" => {
            let _ = jsonata::parse(&text);
        }
        "simulate" => {
            let source = SourceFile::from_bytes("fuzz", data, Format::sniff(&text));
            let options = Options {
                max_events: 2_000,
                seed: Some(1),
                unmocked: Unmocked::Echo,
                ..Options::default()
            };
            let input = serde_json::json!({"count": 0, "items": [1, 2, 3]});
            let _ = simulate::simulate_source(&source, input, &Mocks::default(), &options);
        }
        other => panic!("fixtures/fuzz/{other}: no such fuzz target"),
    }
}

#[test]
fn fuzz_findings_no_longer_crash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz");
    let mut count = 0;
    for target in std::fs::read_dir(&root).expect("fixtures/fuzz") {
        let target = target.expect("entry").path();
        let name = target
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        for file in std::fs::read_dir(&target).expect("target directory") {
            let file = file.expect("entry").path();
            if file.extension().is_some_and(|e| e == "out") {
                continue;
            }
            run(&name, std::fs::read(&file).expect("fixture"));
            count += 1;
        }
    }
    assert!(count > 0, "no fixtures under {}", root.display());
}
