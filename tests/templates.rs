//! Definitions inside templates (issue 7): positions in the template, discovery by content.

use std::path::Path;

use asl_lint::CheckOptions;
use asl_lint::source::SourceFile;
use asl_lint::syntax::Format;
use assert_cmd::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn findings(rel: &str) -> Vec<(String, usize, usize, String)> {
    let path = Path::new(ROOT).join(rel);
    let bytes = std::fs::read(&path).expect("fixture");
    let format = Format::from_path(&path).expect("extension");
    let source = SourceFile::from_bytes(rel, bytes, format);
    asl_lint::check_source(&source, &CheckOptions::default())
        .into_iter()
        .map(|d| {
            let (line, col) = source.line_col(d.span.start);
            let text = source.text[d.span.start..d.span.end].to_string();
            (d.name().to_string(), line, col, text)
        })
        .collect()
}

#[test]
fn an_error_planted_in_a_sub_definition_string_is_reported_at_its_template_line() {
    let found = findings("fixtures/templates/cfn-yaml/sub-definition-string.yaml");
    let target = found
        .iter()
        .find(|f| f.0 == "missing-transition-target")
        .expect("the planted error is found");
    // Line 29 of the template: `              "Next": "Finish"`.
    assert_eq!((target.1, target.2), (29, 23));
    assert_eq!(target.3, "\"Finish\"");
}

#[test]
fn positions_inside_escaped_json_strings_map_to_the_template() {
    let found = findings("fixtures/templates/cfn-json/template.json");
    let target = found
        .iter()
        .find(|f| f.0 == "missing-transition-target")
        .expect("the planted error is found");
    assert_eq!(target.1, 11);
    assert_eq!(target.3, "\\\"Nowhere\\\"");
    let cdk = findings("fixtures/templates/cdk/cdk.out/Stack.template.json");
    let path = cdk.iter().find(|f| f.0 == "invalid-path").expect("found");
    // The finding points at the first character that is not a path, inside the long string.
    assert_eq!((path.1, path.3.as_str()), (19, "b"));
}

#[test]
fn directories_yield_templates_by_content_and_skip_other_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("stack.yaml"),
        "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n        StartAt: A\n        States:\n          A: { Type: Pass, Next: B }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bucket.yaml"),
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: !Ref StateMachineTags\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("config.yml"), "name: x\nitems: [1, 2]\n").unwrap();
    let out = Command::cargo_bin("asl-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        "stack.yaml:8:34: error[missing-transition-target] [M] `Next` names `B`, but there is no state `B` at the top level\n"
    );
}
