//! `schemas/asl.schema.json`, the JSON Schema for editors: it is what
//! `asl_lint::ast::json_schema::generate` writes (`ASL_LINT_BLESS=1` rewrites it), it compiles as
//! draft-07, it accepts every definition of the shared corpus that the corpus calls valid and
//! asl-lint finds structurally sound, and it rejects the bad fixtures of the structural rules
//! except the defects listed in [`NOT_EXPRESSIBLE`].
#![allow(
    clippy::print_stdout,
    reason = "tests say what they skipped and counted"
)]

mod common;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use asl_lint::diagnostics::{Diagnostic, Severity};
use asl_lint::rules::groups::GROUPS;
use asl_lint::source::SourceFile;
use asl_lint::syntax::{self, Format};
use asl_lint::{CheckOptions, check_if_state_machine};
use common::{corpus, disagreements, files_under, known_invalid};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SCHEMA_PATH: &str = "schemas/asl.schema.json";

/// The structural rules whose `bad-*` fixtures the schema must reject.
const REJECTED: &[&str] = &[
    "conflicting-fields",
    "definition-not-object",
    "invalid-state-name",
    "invalid-type",
    "invalid-value",
    "missing-field",
    "out-of-range",
    "query-language-mismatch",
    "unknown-field",
    "unsupported-field",
];

/// Structural rules that only warn: the schema accepts their `bad-*` fixtures, as AWS does.
const WARNINGS: &[&str] = &["deprecated-field", "inline-map-distributed-field"];

/// Bad fixtures the schema accepts, each with the reason JSON Schema cannot express the defect.
/// Each must stay accepted, so the list cannot go stale.
const NOT_EXPRESSIBLE: &[(&str, &str)] = &[
    (
        "fixtures/rules/definition-too-large/bad-huge-result.json",
        "the quota counts the characters of the definition's text; a schema sees values, and \
         `maxLength` cannot measure a whole document",
    ),
    (
        "fixtures/rules/too-many-choice-rules/bad-nested-nots.json",
        "the limit counts Choice rules across nested `And`, `Or` and `Not`; no keyword counts \
         objects at every depth",
    ),
    (
        "fixtures/rules/too-many-states/bad-fifty-thousand-and-one.json",
        "the limit counts states across every nested scope; `maxProperties` bounds one object",
    ),
];

/// The rules whose `bad-*` fixtures are checked: [`REJECTED`] and those of [`NOT_EXPRESSIBLE`].
fn rules_with_bad_fixtures() -> Vec<&'static str> {
    let listed = NOT_EXPRESSIBLE
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("fixtures/rules/")?.split('/').next());
    let mut rules: Vec<&str> = REJECTED.iter().copied().chain(listed).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

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
    for rule in rules_with_bad_fixtures() {
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

/// The findings for a plain state machine definition; `None` for anything else, templates
/// (CloudFormation, SAM, Serverless) included: the schema describes a definition on its own.
fn lint(path: &Path) -> Option<Vec<Diagnostic>> {
    let bytes = fs::read(path).ok()?;
    let format = Format::from_path(path)?;
    let source = SourceFile::from_bytes(relative(path), bytes, format);
    let root = asl_lint::syntax::parse(&source.text, format).root?;
    if root.get("StartAt").is_none() || root.get("States").is_none() {
        return None;
    }
    check_if_state_machine(&source, &CheckOptions::default())
}

#[test]
fn every_structural_rule_is_classified() {
    let (_, structure) = GROUPS
        .iter()
        .find(|(group, _)| *group == "structure")
        .expect("a structure group");
    for rule in *structure {
        let listed = REJECTED.contains(rule)
            || WARNINGS.contains(rule)
            || NOT_EXPRESSIBLE
                .iter()
                .any(|(path, _)| path.contains(&format!("/{rule}/")));
        assert!(
            listed,
            "`{rule}` is a structural rule: list it in REJECTED, WARNINGS or NOT_EXPRESSIBLE"
        );
    }
}

/// `fixtures/accepted/*`, the `ok-*` fixtures of the structural rules, and every fixture of the
/// structural warnings.
fn sound_fixtures() -> Vec<PathBuf> {
    let rules = Path::new(ROOT).join("fixtures/rules");
    let mut files = files_in(&Path::new(ROOT).join("fixtures/accepted"));
    for rule in rules_with_bad_fixtures() {
        files.extend(files_in(&rules.join(rule)).into_iter().filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("ok"))
        }));
    }
    for rule in WARNINGS {
        files.extend(files_in(&rules.join(rule)));
    }
    files
}

#[test]
fn accepted_and_ok_fixtures_are_accepted() {
    let validator = validator();
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in sound_fixtures() {
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
    println!("{checked} sound fixtures accepted");
    assert!(checked >= 10, "found {checked} fixtures");
    assert!(
        failures.is_empty(),
        "the schema rejects sound fixtures:\n{}",
        failures.join("\n")
    );
}

/// A machine of one state `S` (and a `Done` state to go to), with `top` merged into the top level.
fn machine(state: Value, top: Value) -> Value {
    let mut machine = serde_json::json!({
        "StartAt": "S",
        "States": { "S": state, "Done": { "Type": "Succeed" } },
    });
    for (key, value) in top.as_object().into_iter().flatten() {
        machine[key] = value.clone();
    }
    machine
}

/// Small definitions, each one fact of the tables or of lowering's code: the schema must agree
/// with asl-lint on whether each is structurally sound. `true` = sound. One case per line.
#[rustfmt::skip]
fn agreement_cases() -> Vec<(&'static str, bool, Value)> {
    use serde_json::json;
    let with = |mut base: Value, extra: Value| {
        for (k, v) in extra.as_object().into_iter().flatten() {
            base[k] = v.clone();
        }
        base
    };
    let task = |extra: Value| with(json!({ "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done" }), extra);
    let choice = |rule: Value| json!({ "Type": "Choice", "Choices": [rule], "Default": "Done" });
    let map = |processor: Value, extra: Value| with(json!({ "Type": "Map", "End": true, "ItemProcessor": processor }), extra);
    let inline = json!({ "StartAt": "I", "States": { "I": { "Type": "Pass", "End": true } } });
    let processor = |config: Value| with(inline.clone(), json!({ "ProcessorConfig": config }));
    let dist = processor(json!({ "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }));
    let reader = |config: Value| json!({ "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": config } });
    let branch = |extra: Value| json!({ "Type": "Parallel", "End": true, "Branches": [with(inline.clone(), extra)] });
    let ata = json!({ "QueryLanguage": "JSONata" });
    let path = json!({});
    let m = |state: Value, top: &Value| machine(state, top.clone());
    vec![
        ("a task", true, m(task(json!({})), &path)),
        ("Next and End", false, m(task(json!({ "End": true })), &path)),
        ("neither Next nor End", false, m(json!({ "Type": "Pass" }), &path)),
        ("End false", false, m(json!({ "Type": "Pass", "End": false }), &path)),
        ("no Type", false, m(json!({ "End": true }), &path)),
        ("a placeholder Type", true, m(json!({ "Type": "${T}", "Anything": 1 }), &path)),
        ("timeout and its path", false, m(task(json!({ "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t" })), &path)),
        ("timeout 0", false, m(task(json!({ "TimeoutSeconds": 0 })), &path)),
        ("timeout 1.5", false, m(task(json!({ "TimeoutSeconds": 1.5 })), &path)),
        ("timeout placeholder", true, m(task(json!({ "TimeoutSeconds": "${Timeout}" })), &path)),
        ("timeout Ref", true, m(task(json!({ "TimeoutSeconds": { "Ref": "Timeout" } })), &path)),
        ("timeout two-key object", false, m(task(json!({ "TimeoutSeconds": { "Ref": "T", "X": 1 } })), &path)),
        ("JSONata timeout in JSONPath", false, m(task(json!({ "TimeoutSeconds": "{% 5 %}" })), &path)),
        ("JSONata timeout in JSONata", true, m(task(json!({ "TimeoutSeconds": "{% 5 %}" })), &ata)),
        ("JSONata state in JSONPath machine", true, m(task(json!({ "QueryLanguage": "JSONata", "Arguments": "{% $states.input %}" })), &path)),
        ("InputPath in JSONata state", false, m(task(json!({ "QueryLanguage": "JSONata", "InputPath": "$.a" })), &path)),
        ("JSONPath state in JSONata machine", false, m(task(json!({ "QueryLanguage": "JSONPath" })), &ata)),
        ("Arguments in JSONPath", false, m(task(json!({ "Arguments": {} })), &path)),
        ("Parameters in JSONata", false, m(task(json!({ "Parameters": {} })), &ata)),
        ("unknown field", false, m(task(json!({ "Nxet": "Done" })), &path)),
        ("Retry entry", true, m(task(json!({ "Retry": [{ "ErrorEquals": ["States.ALL"], "BackoffRate": 1.5, "MaxAttempts": 0 }] })), &path)),
        ("BackoffRate 0.5", false, m(task(json!({ "Retry": [{ "ErrorEquals": ["States.ALL"], "BackoffRate": 0.5 }] })), &path)),
        ("empty ErrorEquals", false, m(task(json!({ "Retry": [{ "ErrorEquals": [] }] })), &path)),
        ("Catch without Next", false, m(task(json!({ "Catch": [{ "ErrorEquals": ["States.ALL"] }] })), &path)),
        ("Catch Output in JSONPath", false, m(task(json!({ "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Done", "Output": {} }] })), &path)),
        ("Credentials RoleArn.$", true, m(task(json!({ "Credentials": { "RoleArn.$": "$.role" } })), &path)),
        ("Credentials RoleArn.$ in JSONata", false, m(task(json!({ "Credentials": { "RoleArn.$": "$.role" } })), &ata)),
        ("Credentials empty", false, m(task(json!({ "Credentials": {} })), &path)),
        ("a comparison", true, m(choice(json!({ "Variable": "$.a", "StringEquals": "x", "Next": "Done" })), &path)),
        ("two operators", false, m(choice(json!({ "Variable": "$.a", "StringEquals": "x", "IsPresent": true, "Next": "Done" })), &path)),
        ("operator without Variable", false, m(choice(json!({ "StringEquals": "x", "Next": "Done" })), &path)),
        ("Variable without operator", false, m(choice(json!({ "Variable": "$.a", "Next": "Done" })), &path)),
        ("Variable with And", false, m(choice(json!({ "Variable": "$.a", "And": [{ "Variable": "$.a", "IsNull": true }], "Next": "Done" })), &path)),
        ("rule without Next", false, m(choice(json!({ "Variable": "$.a", "IsNull": true })), &path)),
        ("nested rules", true, m(choice(json!({ "Or": [{ "Not": { "Variable": "$.a", "NumericLessThan": 3 } }, { "And": [{ "Variable": "$.t", "TimestampEquals": "2026-01-31T23:59:59Z" }] }], "Next": "Done" })), &path)),
        ("Next in a nested rule", false, m(choice(json!({ "Not": { "Variable": "$.a", "IsNull": true, "Next": "Done" }, "Next": "Done" })), &path)),
        ("empty And", false, m(choice(json!({ "And": [], "Next": "Done" })), &path)),
        ("wrong operand type", false, m(choice(json!({ "Variable": "$.a", "NumericEquals": "3", "Next": "Done" })), &path)),
        ("bad timestamp operand", false, m(choice(json!({ "Variable": "$.a", "TimestampEquals": "2026-01-31t23:59:59Z", "Next": "Done" })), &path)),
        ("JSONata condition", true, m(choice(json!({ "Condition": "{% $states.input.a %}", "Next": "Done" })), &ata)),
        ("JSONata rule without Condition", false, m(choice(json!({ "Next": "Done" })), &ata)),
        ("JSONata rule with an operator", false, m(choice(json!({ "Condition": true, "Variable": "$.a", "IsNull": true, "Next": "Done" })), &ata)),
        ("Wait seconds", true, m(json!({ "Type": "Wait", "Seconds": 0, "Next": "Done" }), &path)),
        ("Wait without duration", false, m(json!({ "Type": "Wait", "Next": "Done" }), &path)),
        ("Wait two durations", false, m(json!({ "Type": "Wait", "Seconds": 1, "Timestamp": "2026-01-31T23:59:59Z", "Next": "Done" }), &path)),
        ("Wait timestamp with offset", true, m(json!({ "Type": "Wait", "Timestamp": "2026-01-31T23:59:59.5+02:00", "Next": "Done" }), &path)),
        ("Wait lowercase timestamp", false, m(json!({ "Type": "Wait", "Timestamp": "2026-01-31T23:59:59z", "Next": "Done" }), &path)),
        ("Fail error and path", false, m(json!({ "Type": "Fail", "Error": "E", "ErrorPath": "$.e" }), &path)),
        ("Parallel", true, m(branch(json!({})), &path)),
        ("Parallel without branches", false, m(json!({ "Type": "Parallel", "End": true, "Branches": [] }), &path)),
        ("QueryLanguage in a branch", false, m(branch(json!({ "QueryLanguage": "JSONata" })), &path)),
        ("JSONata Parallel, JSONPath branch states", true, m(with(branch(json!({ "States": { "I": { "Type": "Pass", "InputPath": "$.a", "End": true } } })), ata.clone()), &path)),
        ("empty States", false, m(branch(json!({ "States": {} })), &path)),
        ("long state name", false, json!({ "StartAt": "S", "States": { "S".repeat(81): { "Type": "Succeed" } } })),
        ("inline Map", true, m(map(inline.clone(), json!({ "MaxConcurrency": 0 })), &path)),
        ("Map Iterator and ItemProcessor", false, m(map(inline.clone(), json!({ "Iterator": inline.clone() })), &path)),
        ("Map ItemSelector and Parameters", false, m(map(inline.clone(), json!({ "ItemSelector": {}, "Parameters": {} })), &path)),
        ("Map Arguments", false, m(map(inline.clone(), json!({ "Arguments": {} })), &ata)),
        ("distributed without ExecutionType", false, m(map(processor(json!({ "Mode": "DISTRIBUTED" })), json!({})), &path)),
        ("distributed Map", true, m(map(dist.clone(), json!({ "Label": "Run-1", "ToleratedFailurePercentage": 5 })), &path)),
        ("Label with a blank", false, m(map(dist.clone(), json!({ "Label": "Run 1" })), &path)),
        ("Label of 41 characters", false, m(map(dist.clone(), json!({ "Label": "L".repeat(41) })), &path)),
        ("tolerated 101 percent", false, m(map(dist.clone(), json!({ "ToleratedFailurePercentage": 101 })), &path)),
        ("CSV headers given", true, m(map(dist.clone(), reader(json!({ "InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a"] }))), &path)),
        ("GIVEN without CSVHeaders", false, m(map(dist.clone(), reader(json!({ "InputType": "CSV", "CSVHeaderLocation": "GIVEN" }))), &path)),
        ("CSVHeaders with FIRST_ROW", false, m(map(dist.clone(), reader(json!({ "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "CSVHeaders": ["a"] }))), &path)),
        ("ItemsPointer with CSV", false, m(map(dist.clone(), reader(json!({ "InputType": "CSV", "ItemsPointer": "/a" }))), &path)),
        ("ItemsPointer with JSON", true, m(map(dist.clone(), reader(json!({ "InputType": "JSON", "ItemsPointer": "/a" }))), &path)),
        ("ItemReader without Resource", false, m(map(dist.clone(), json!({ "ItemReader": {} })), &path)),
        ("WriterConfig without OutputType", false, m(map(dist.clone(), json!({ "ResultWriter": { "WriterConfig": { "Transformation": "NONE" } } })), &path)),
        ("batcher both sizes", false, m(map(dist.clone(), json!({ "ItemBatcher": { "MaxItemsPerBatch": 2, "MaxItemsPerBatchPath": "$.n" } })), &path)),
        ("top-level timeout 0", false, m(json!({ "Type": "Succeed" }), &json!({ "TimeoutSeconds": 0 }))),
        ("Version 2.0", false, m(json!({ "Type": "Succeed" }), &json!({ "Version": "2.0" }))),
        ("no StartAt", false, json!({ "States": { "S": { "Type": "Succeed" } } })),
    ]
}

#[test]
fn schema_agrees_with_asl_lint_on_small_definitions() {
    let validator = validator();
    let mut disagreements = Vec::new();
    for (name, sound, instance) in agreement_cases() {
        let text = serde_json::to_string_pretty(&instance).expect("serializable");
        let source = SourceFile::new(name, text, Format::Json);
        let diagnostics = asl_lint::check_source(&source, &CheckOptions::default());
        let errors_found = structural_errors(&diagnostics);
        assert_eq!(
            errors_found.is_empty(),
            sound,
            "case `{name}`: asl-lint finds {:?}",
            errors_found.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        if validator.is_valid(&instance) != sound {
            disagreements.push(format!("`{name}`: the schema says {}", !sound));
        }
    }
    assert!(
        disagreements.is_empty(),
        "the schema and asl-lint disagree:\n{}",
        disagreements.join("\n")
    );
}

// The shared corpus, read as `tests/corpus.rs` reads it.

/// Files the corpus marks invalid and the files of `tests/corpus-disagreements.tsv`.
fn excluded(corpus: &Path) -> HashSet<PathBuf> {
    let mut out = known_invalid(corpus);
    for (path, _) in disagreements() {
        out.insert(corpus.join(path));
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
