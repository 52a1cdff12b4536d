//! The shared corpus of real definitions (`../shared/corpus`, beside the clone in CI): no
//! definition that AWS accepts may get a parse or structural error. Skipped, with a message, when
//! the corpus is absent.
#![allow(
    clippy::print_stdout,
    reason = "tests say what they skipped and counted"
)]

mod common;

use std::fs;

use common::{corpus, disagreements, files_under, known_invalid, on_big_stack};

use asl_lint::diagnostics::Severity;
use asl_lint::source::SourceFile;
use asl_lint::syntax::Format;
use asl_lint::{CheckOptions, check_if_state_machine};

#[test]
fn definitions_aws_accepts_get_no_errors() {
    let Some(corpus) = corpus() else {
        println!("skipped: ../shared/corpus not found");
        return;
    };
    on_big_stack(move || {
        let invalid = known_invalid(&corpus);
        let disagreements = disagreements();
        let mut checked = 0;
        let mut false_errors = Vec::new();
        let mut confirmed = 0;
        for path in files_under(&corpus) {
            if invalid.contains(&path) {
                continue;
            }
            let bytes = fs::read(&path).expect("readable");
            let format = Format::from_path(&path).expect("known extension");
            let name = path.strip_prefix(&corpus).unwrap().display().to_string();
            let source = SourceFile::from_bytes(name, bytes, format);
            let Some(diagnostics) = check_if_state_machine(&source, &CheckOptions::default())
            else {
                continue;
            };
            checked += 1;
            if let Some((_, rule)) = disagreements.iter().find(|(p, _)| *p == source.name) {
                assert!(
                    diagnostics.iter().any(|d| d.name() == rule),
                    "{} is listed in tests/corpus-disagreements.tsv for `{rule}`, which it no longer gets",
                    source.name
                );
                confirmed += 1;
                continue;
            }
            for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
                let (line, column) = source.line_col(d.span.start);
                false_errors.push(format!(
                    "{}:{line}:{column}: [{}] {}",
                    source.name,
                    d.name(),
                    d.message
                ));
            }
        }
        println!("{checked} state machines checked");
        assert_eq!(
            confirmed,
            disagreements.len(),
            "every listed disagreement was checked"
        );
        assert!(
            checked > 500,
            "the corpus holds hundreds of definitions, found {checked}"
        );
        assert!(
            false_errors.is_empty(),
            "{} false errors:\n{}",
            false_errors.len(),
            false_errors.join("\n")
        );
    });
}

#[test]
fn definitions_marked_invalid_by_their_structure_are_caught() {
    // asl-validator's fixtures are named for what is wrong with them; the structural ones among
    // them (schema-level problems) must get an error. Flow problems (unreachable states, missing
    // targets) are another issue's work and are not asserted here.
    let Some(corpus) = corpus() else {
        println!("skipped: ../shared/corpus not found");
        return;
    };
    on_big_stack(move || {
        let dir = corpus.join("asl-validator/src/__tests__/definitions");
        let structural = [
            "invalid-error-equals-type.json",
            "invalid-exercise-ajv-additional-properties.asl.json",
            "invalid-fail-dupe-cause.json",
            "invalid-fail-dupe-error.json",
            "invalid-jsonata-fields.json",
            "invalid-jsonata-path-fields.asl.json",
            "invalid-map-missing-iterator.json",
            "invalid-map-tolerated-value.json",
            "invalid-next-with-end.json",
            "invalid-parallel-branch-type.json",
            "invalid-parallel-missing-branches.json",
            "invalid-state-name-too-long.json",
            "invalid-task-credentials-null.json",
            "invalid-task-heartbeat.json",
            "invalid-task-timout.json",
        ];
        let mut seen = 0;
        for name in structural {
            let path = dir.join(name);
            let Ok(bytes) = fs::read(&path) else {
                continue;
            };
            seen += 1;
            let source = SourceFile::from_bytes(name, bytes, Format::Json);
            let diagnostics = asl_lint::check_source(&source, &CheckOptions::default());
            assert!(
                diagnostics.iter().any(|d| d.severity == Severity::Error),
                "{name} should get an error"
            );
        }
        assert_eq!(
            seen,
            structural.len(),
            "every named fixture is in the corpus"
        );
    });
}
