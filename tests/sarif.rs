//! The SARIF output validates against the published SARIF 2.1.0 schema (OASIS, draft-04), kept
//! in `../shared/schemas` beside the clone. Skipped, with a message, when it is absent.
#![allow(clippy::print_stdout, reason = "the test says when it skipped")]

use std::path::Path;

use assert_cmd::Command;

#[test]
fn sarif_output_validates_against_the_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        println!("skipped: {} not found", schema_path.display());
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("the schema is JSON");
    let validator = jsonschema::draft4::new(&schema).expect("the schema compiles");

    // Findings of several rules, with labels, help and an AWS code, in JSON and YAML.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let output = Command::cargo_bin("asl-lint")
        .unwrap()
        .current_dir(&fixtures)
        .args([
            "check",
            "--format",
            "sarif",
            "duplicate-key",
            "syntax-error",
            "unknown-field",
            "deprecated-field",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(results.len() >= 4);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");

    // The validator does reject a broken log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));

    // A clean run is a valid log too.
    let clean = Command::cargo_bin("asl-lint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "sarif", "examples"])
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert!(validator.is_valid(&log));
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
}
