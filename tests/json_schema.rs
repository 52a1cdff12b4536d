//! `schemas/asl.schema.json`, the JSON Schema for editors: it is what
//! `asl_lint::ast::json_schema::generate` writes (`ASL_LINT_BLESS=1` rewrites it), it compiles as
//! draft-07, it accepts every definition of the shared corpus that the corpus calls valid and
//! asl-lint finds structurally sound, and it rejects the bad fixtures of the structural rules
//! except the defects listed in [`NOT_EXPRESSIBLE`].
#![allow(
    clippy::print_stdout,
    reason = "tests say what they skipped and counted"
)]

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use asl_lint::diagnostics::{Diagnostic, Severity};
use asl_lint::rules::groups::GROUPS;
use asl_lint::source::SourceFile;
use asl_lint::syntax::{self, Format};
use asl_lint::{CheckOptions, check_if_state_machine};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SCHEMA_PATH: &str = "schemas/asl.schema.json";

/// The structural rules whose `bad-*` fixtures the schema must reject.
const STRUCTURAL_FIXTURES: &[&str] = &[
    "conflicting-fields",
    "invalid-type",
    "invalid-value",
    "missing-field",
    "out-of-range",
    "unknown-field",
    "unsupported-field",
];

/// Bad fixtures the schema accepts, each with the reason JSON Schema cannot express the defect.
/// Each must stay accepted, so the list cannot go stale.
const NOT_EXPRESSIBLE: &[(&str, &str)] = &[];

fn schema() -> Value {
    asl_lint::ast::json_schema::generate()
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("the schema compiles as draft-07")
}

/// The document as JSON, read with asl-lint's own parsers (YAML included).
fn to_json(path: &Path) -> Option<Value> {
    let bytes = fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let format = Format::from_path(path)?;
    syntax::parse(&text, format).root.map(|root| root.to_json())
}

/// The first few reasons the schema gives for rejecting `instance`, one per line.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .take(3)
        .map(|e| format!("  at `{}`: {e}", e.instance_path()))
        .collect()
}

fn run_on_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(32 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the test thread did not panic");
}

#[test]
fn committed_schema_is_up_to_date() {
    let path = Path::new(ROOT).join(SCHEMA_PATH);
    let generated = serde_json::to_string_pretty(&schema()).expect("serializable") + "\n";
    if std::env::var_os("ASL_LINT_BLESS").is_some() {
        fs::create_dir_all(path.parent().expect("schemas/")).expect("create schemas/");
        fs::write(&path, &generated).expect("write the schema");
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA_PATH} is stale: run `ASL_LINT_BLESS=1 cargo test --test json_schema` and commit it"
    );
}

#[test]
fn schema_declares_draft_07() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["$id"], asl_lint::ast::json_schema::SCHEMA_ID);
    // Compiles, and every `$ref` names a definition.
    validator();
    let text = schema.to_string();
    for reference in text.split("\"$ref\":\"#/definitions/").skip(1) {
        let name = reference.split('"').next().unwrap_or_default();
        assert!(
            schema["definitions"].get(name).is_some(),
            "`$ref` to missing definition `{name}`"
        );
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| Format::from_path(p).is_some());
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(ROOT)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn bad_fixtures_of_structural_rules_are_rejected() {
    let validator = validator();
    let mut accepted = Vec::new();
    let mut listed_seen = HashSet::new();
    let mut rejected = 0;
    for rule in STRUCTURAL_FIXTURES {
        let dir = Path::new(ROOT).join("fixtures/rules").join(rule);
        for path in files_in(&dir) {
            let name = relative(&path);
            let is_bad = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("bad-"));
            if !is_bad {
                continue;
            }
            let instance = to_json(&path).unwrap_or_else(|| panic!("{name} parses"));
            let valid = validator.is_valid(&instance);
            match NOT_EXPRESSIBLE.iter().find(|(n, _)| *n == name) {
                Some(_) => {
                    listed_seen.insert(name.clone());
                    assert!(
                        valid,
                        "{name} is listed as not expressible, but the schema rejects it: remove it from NOT_EXPRESSIBLE"
                    );
                }
                None if valid => accepted.push(name),
                None => rejected += 1,
            }
        }
    }
    println!("{rejected} bad fixtures rejected");
    assert!(
        accepted.is_empty(),
        "the schema accepts bad fixtures:\n{}",
        accepted.join("\n")
    );
    for (name, _) in NOT_EXPRESSIBLE {
        assert!(listed_seen.contains(*name), "{name} is not a bad fixture");
    }
}

/// Error findings of the structure group (and syntax errors): what the schema also checks.
fn structural_errors(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let structural: Vec<&str> = GROUPS
        .iter()
        .filter(|(group, _)| matches!(*group, "structure" | "syntax"))
        .flat_map(|(_, rules)| rules.iter().copied())
        .collect();
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && structural.contains(&d.name()))
        .collect()
}

fn lint(path: &Path) -> Option<Vec<Diagnostic>> {
    let bytes = fs::read(path).ok()?;
    let format = Format::from_path(path)?;
    let source = SourceFile::from_bytes(relative(path), bytes, format);
    check_if_state_machine(&source, &CheckOptions::default())
}

#[test]
fn accepted_and_ok_fixtures_are_accepted() {
    let validator = validator();
    let mut dirs = vec![Path::new(ROOT).join("fixtures/accepted")];
    dirs.extend(
        STRUCTURAL_FIXTURES
            .iter()
            .map(|rule| Path::new(ROOT).join("fixtures/rules").join(rule)),
    );
    let mut failures = Vec::new();
    let mut checked = 0;
    for (i, dir) in dirs.iter().enumerate() {
        for path in files_in(dir) {
            let is_ok = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("ok"));
            if i > 0 && !is_ok {
                continue;
            }
            let diagnostics = lint(&path).unwrap_or_else(|| panic!("{path:?} is a definition"));
            assert!(
                structural_errors(&diagnostics).is_empty(),
                "{} has structural errors",
                relative(&path)
            );
            let instance = to_json(&path).expect("parses");
            checked += 1;
            let reasons = errors(&validator, &instance);
            if !reasons.is_empty() {
                failures.push(format!("{}:\n{}", relative(&path), reasons.join("\n")));
            }
        }
    }
    assert!(checked >= 10, "found {checked} fixtures");
    assert!(
        failures.is_empty(),
        "the schema rejects sound fixtures:\n{}",
        failures.join("\n")
    );
}

// The shared corpus, read as `tests/corpus.rs` reads it.

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(ROOT).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if Format::from_path(&path).is_some() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn tsv_rows(path: &Path) -> Vec<Vec<String>> {
    let Ok(text) = fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Files the corpus marks invalid (`KNOWN_INVALID.tsv`, `EXPECTED.tsv` verdicts) and the files
/// of `tests/corpus-disagreements.tsv`.
fn excluded(corpus: &Path) -> HashSet<PathBuf> {
    let mut out = HashSet::new();
    for row in tsv_rows(&corpus.join("KNOWN_INVALID.tsv")) {
        if row.len() >= 2 {
            out.insert(corpus.join(&row[0]).join(&row[1]));
        }
    }
    for source in fs::read_dir(corpus).into_iter().flatten().flatten() {
        for row in tsv_rows(&source.path().join("EXPECTED.tsv")) {
            if row.len() >= 2 && row[1] == "invalid" {
                out.insert(source.path().join(&row[0]));
            }
        }
    }
    let disagreements = Path::new(ROOT).join("tests/corpus-disagreements.tsv");
    for row in tsv_rows(&disagreements) {
        out.insert(corpus.join(&row[0]));
    }
    out
}

#[test]
fn corpus_definitions_asl_lint_accepts_are_accepted() {
    let Some(corpus) = corpus() else {
        println!("skipped: ../shared/corpus not found");
        return;
    };
    run_on_big_stack(move || {
        let validator = validator();
        let excluded = excluded(&corpus);
        let mut validated = 0;
        let mut structurally_unsound = 0;
        let mut failures = Vec::new();
        for path in files_under(&corpus) {
            if excluded.contains(&path) {
                continue;
            }
            let Some(diagnostics) = lint(&path) else {
                continue;
            };
            if !structural_errors(&diagnostics).is_empty() {
                structurally_unsound += 1;
                continue;
            }
            let instance = to_json(&path).expect("a definition parses");
            validated += 1;
            let reasons = errors(&validator, &instance);
            if !reasons.is_empty() {
                let name = path.strip_prefix(&corpus).unwrap_or(&path).display();
                failures.push(format!("{name}:\n{}", reasons.join("\n")));
            }
        }
        println!(
            "{validated} corpus definitions validated ({structurally_unsound} skipped: asl-lint reports structural errors)"
        );
        assert!(
            validated > 500,
            "the corpus holds hundreds of definitions, found {validated}"
        );
        assert!(
            failures.is_empty(),
            "the schema rejects {} definitions:\n{}",
            failures.len(),
            failures.join("\n")
        );
    });
}
