//! The command line as a user runs it: exit codes, standard input, formats, directories,
//! `explain` and `rules`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const CLEAN: &str = r#"{
  "StartAt": "Done",
  "States": {
    "Done": {"Type": "Succeed"}
  }
}
"#;

/// An unknown field on line 4, column 40 (`"Commnet"`).
const TYPO: &str = r#"{
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Next": "B", "Commnet": "x"},
    "B": {"Type": "Succeed"}
  }
}
"#;

fn asl_lint() -> Command {
    let mut cmd = Command::cargo_bin("asl-lint").expect("the binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

fn stdout_of(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().expect("the binary runs");
    (
        output.status.code().expect("exited normally"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create directory");
    }
    fs::write(path, text).expect("write file");
}

#[test]
fn a_clean_file_exits_0_and_prints_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.asl.json", CLEAN);
    let (code, out, err) = stdout_of(
        asl_lint()
            .current_dir(dir.path())
            .args(["check", "ok.asl.json"]),
    );
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out, "");
    assert!(err.contains("1 file"), "summary on stderr: {err}");
}

#[test]
fn an_error_exits_1_with_the_position_in_concise_format() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "typo.asl.json", TYPO);
    let (code, out, _) = stdout_of(asl_lint().current_dir(dir.path()).args([
        "check",
        "--format",
        "concise",
        "typo.asl.json",
    ]));
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].starts_with("typo.asl.json:4:40: error[unknown-field] "),
        "{out}"
    );
    assert!(lines[0].contains("Commnet"), "{out}");
}

#[test]
fn warnings_alone_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    // `Iterator` is deprecated in favour of `ItemProcessor`: a warning, not an error.
    write(
        dir.path(),
        "old.asl.json",
        r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#,
    );
    let (code, out, _) = stdout_of(asl_lint().current_dir(dir.path()).args([
        "check",
        "--format",
        "concise",
        "old.asl.json",
    ]));
    assert!(out.contains("warning[deprecated-field]"), "{out}");
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_missing_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = stdout_of(
        asl_lint()
            .current_dir(dir.path())
            .args(["check", "nope.asl.json"]),
    );
    assert_eq!(code, 2);
    assert!(err.contains("nope.asl.json"), "{err}");
}

#[test]
fn a_file_over_16_mib_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = fs::File::create(dir.path().join("big.asl.json")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap(); // sparse: nothing is written
    let (code, out, err) = stdout_of(
        asl_lint()
            .current_dir(dir.path())
            .args(["check", "big.asl.json"]),
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(
            "cannot read `big.asl.json`: the file is 100.0 MiB, larger than asl-lint reads (16 MiB"
        ),
        "{err}"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let (code, _, err) = stdout_of(asl_lint().args(["check", "--format", "xml", "."]));
    assert_eq!(code, 2);
    assert!(err.contains("xml"), "{err}");
    let (code, _, _) = stdout_of(asl_lint().args(["frobnicate"]));
    assert_eq!(code, 2);
}

#[test]
fn help_and_version_exit_0() {
    let (code, out, _) = stdout_of(asl_lint().arg("--help"));
    assert_eq!(code, 0);
    assert!(out.contains("check"));
    let (code, out, _) = stdout_of(asl_lint().arg("--version"));
    assert_eq!(code, 0);
    assert!(out.starts_with("asl-lint "));
}

#[test]
fn stdin_is_read_with_the_given_name_and_format() {
    let yaml = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Nxet: B\n    End: true\n";
    let (code, out, _) = stdout_of(
        asl_lint()
            .args([
                "check",
                "--format",
                "concise",
                "--stdin-filename",
                "machine.asl.yaml",
                "-",
            ])
            .write_stdin(yaml),
    );
    assert_eq!(code, 1);
    assert!(
        out.starts_with("machine.asl.yaml:5:5: error[unknown-field]"),
        "{out}"
    );

    // Without a name the format is sniffed and the file is called <stdin>.
    let (code, out, _) = stdout_of(
        asl_lint()
            .args(["check", "--format", "concise", "-"])
            .write_stdin(TYPO),
    );
    assert_eq!(code, 1);
    assert!(
        out.starts_with("<stdin>:4:40: error[unknown-field]"),
        "{out}"
    );
}

#[test]
fn json_format_is_one_document_with_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "typo.asl.json", TYPO);
    write(dir.path(), "ok.asl.json", CLEAN);
    let (code, out, err) = stdout_of(
        asl_lint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "."]),
    );
    assert_eq!(code, 1);
    assert_eq!(err, "", "no summary line outside human mode");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["files"], 2);
    assert_eq!(doc["summary"]["errors"], 1);
    let d = &doc["diagnostics"][0];
    assert_eq!(d["rule"], "unknown-field");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 4);
    assert_eq!(d["column"], 40);
    assert_eq!(d["pointer"], "/States/A/Commnet");
    assert!(d["file"].as_str().unwrap().ends_with("typo.asl.json"));
    for key in ["end_line", "end_column", "message", "aws_code", "help"] {
        assert!(d.get(key).is_some(), "missing key {key}: {d}");
    }
}

#[test]
fn human_format_shows_a_snippet_and_colour_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "typo.asl.json", TYPO);
    let (_, plain, _) = stdout_of(
        asl_lint()
            .current_dir(dir.path())
            .args(["check", "typo.asl.json"]),
    );
    assert!(plain.contains("error[unknown-field]"), "{plain}");
    assert!(
        plain.contains(r#""A": {"Type": "Pass", "Next": "B", "Commnet": "x"},"#),
        "{plain}"
    );
    assert!(plain.contains("did you mean `Comment`?"), "{plain}");
    assert!(!plain.contains('\x1b'), "not a terminal: no colour");

    let (_, coloured, _) = stdout_of(asl_lint().current_dir(dir.path()).args([
        "check",
        "--color",
        "always",
        "typo.asl.json",
    ]));
    assert!(coloured.contains('\x1b'), "--color always: {coloured}");
}

#[test]
fn directories_pick_asl_names_and_state_machines_by_content() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.asl.json", TYPO);
    write(dir.path(), "nested/b.json", TYPO); // a state machine under a generic name
    write(
        dir.path(),
        "nested/package.json",
        r#"{"name": "x", "States": 1}"#,
    ); // not one
    write(
        dir.path(),
        "nested/c.yml",
        "StartAt: A\nStates:\n  A: {Type: Pass, End: true, Nxet: B}\n",
    );
    write(dir.path(), "nested/config.yaml", "key: [unclosed\n"); // not one, and broken: ignored
    write(dir.path(), "ignored/d.asl.json", TYPO);
    write(dir.path(), ".gitignore", "ignored/\n");
    let (code, out, err) = stdout_of(
        asl_lint()
            .current_dir(dir.path())
            .args(["check", "--format", "concise"]),
    );
    assert_eq!(code, 1, "{err}");
    let files: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(
        files,
        [
            "a.asl.json".to_string(),
            format!("nested{sep}b.json"),
            format!("nested{sep}c.yml")
        ],
        "{out}"
    );
}

#[test]
fn exclude_leaves_out_matching_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.asl.json", TYPO);
    write(dir.path(), "skip/b.asl.json", TYPO);
    let (code, out, _) = stdout_of(asl_lint().current_dir(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--exclude",
        "skip",
        ".",
    ]));
    assert_eq!(code, 1);
    assert!(out.contains("a.asl.json"), "{out}");
    assert!(!out.contains("b.asl.json"), "{out}");
}

#[test]
fn output_order_is_stable_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(dir.path(), &format!("m{i:02}.asl.json"), TYPO);
    }
    let run = || {
        stdout_of(
            asl_lint()
                .current_dir(dir.path())
                .args(["check", "--format", "concise"]),
        )
        .1
    };
    let first = run();
    assert_eq!(first.lines().count(), 40);
    let mut sorted: Vec<&str> = first.lines().collect();
    sorted.sort();
    assert_eq!(first.lines().collect::<Vec<_>>(), sorted);
    assert_eq!(run(), first);
}

#[test]
fn explain_prints_a_rules_documentation() {
    let (code, out, _) = stdout_of(asl_lint().args(["explain", "unknown-field"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("# unknown-field"), "{out}");
    assert!(out.contains("## What it does"), "{out}");

    let (code, _, err) = stdout_of(asl_lint().args(["explain", "unknown-feild"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `unknown-field`?"), "{err}");
}

#[test]
fn rules_lists_every_rule() {
    let (code, out, _) = stdout_of(asl_lint().args(["rules", "--format", "json"]));
    assert_eq!(code, 0);
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(list.len(), asl_lint::rules::ALL.len());
    assert!(list.iter().any(|r| r["name"] == "duplicate-key"));
    assert!(
        list.iter()
            .all(|r| r["docs"].as_str().unwrap().contains("## What it does"))
    );
    let (code, out, _) = stdout_of(asl_lint().arg("rules"));
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), asl_lint::rules::ALL.len());
}

#[test]
fn the_shipped_examples_are_clean() {
    let root = env!("CARGO_MANIFEST_DIR");
    let (code, out, err) =
        stdout_of(
            asl_lint()
                .current_dir(root)
                .args(["check", "--format", "concise", "examples/"]),
        );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "");
}

const NO_DEFAULT: &str = r#"{"StartAt": "A", "States": {
  "A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "B"}]},
  "B": {"Type": "Pass", "Commnet": "typo", "End": true}
}}
"#;

fn rules_in(out: &str) -> Vec<String> {
    let mut rules: Vec<String> = out
        .lines()
        .filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0.to_string()))
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn select_and_ignore_take_rules_and_groups() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "m.asl.json", NO_DEFAULT);
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "concise", "--isolated"];
        args.extend_from_slice(extra);
        args.push("m.asl.json");
        stdout_of(asl_lint().current_dir(dir.path()).args(&args))
    };
    let (code, out, _) = run(&[]);
    assert_eq!(code, 1);
    assert_eq!(rules_in(&out), ["missing-choice-default", "unknown-field"]);

    let (code, out, _) = run(&["--select", "choice"]);
    assert_eq!(code, 0, "warnings only");
    assert_eq!(rules_in(&out), ["missing-choice-default"]);

    let (_, out, _) = run(&["--ignore", "structure,missing-choice-default"]);
    assert_eq!(out, "");

    let (code, out, _) = run(&["--select", "unknown-field", "--warnings-as-errors"]);
    assert_eq!(
        (code, rules_in(&out)),
        (1, vec!["unknown-field".to_string()])
    );
    let (code, out, _) = run(&["--select", "choice", "--warnings-as-errors"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[missing-choice-default]"), "{out}");

    let (code, _, err) = run(&["--select", "choice,unkown-field"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `unknown-field`?"), "{err}");
}

#[test]
fn the_nearest_configuration_file_applies_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "asl-lint.toml",
        "ignore = [\"choice\"]\n[severity]\nunknown-field = \"warning\"\n",
    );
    write(dir.path(), "m.asl.json", NO_DEFAULT);
    write(dir.path(), "sub/asl-lint.toml", "select = [\"choice\"]\n");
    write(dir.path(), "sub/n.asl.json", NO_DEFAULT);
    let (code, out, _) = stdout_of(
        asl_lint()
            .current_dir(dir.path())
            .args(["check", "--format", "concise"]),
    );
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("m.asl.json") && lines[0].contains("warning[unknown-field]"),
        "{out}"
    );
    assert!(
        lines[1].contains("sub") && lines[1].contains("warning[missing-choice-default]"),
        "{out}"
    );

    // --isolated ignores both files; --config uses one file for everything.
    let (code, out, _) = stdout_of(asl_lint().current_dir(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--isolated",
    ]));
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 4, "{out}");
    let (_, out, _) = stdout_of(asl_lint().current_dir(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--config",
        "sub/asl-lint.toml",
    ]));
    assert_eq!(rules_in(&out), ["missing-choice-default"]);

    // pyproject.toml with a [tool.asl-lint] table counts too.
    let py = tempfile::tempdir().unwrap();
    write(
        py.path(),
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.asl-lint]\nignore = [\"structure\"]\n",
    );
    write(py.path(), "m.asl.json", NO_DEFAULT);
    let (_, out, _) = stdout_of(
        asl_lint()
            .current_dir(py.path())
            .args(["check", "--format", "concise"]),
    );
    assert_eq!(rules_in(&out), ["missing-choice-default"]);
}

#[test]
fn an_invalid_configuration_stops_the_run_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "asl-lint.toml",
        "select = [\"all\"]\nignore = [\"missing-choice-defualt\"]\n",
    );
    write(dir.path(), "m.asl.json", NO_DEFAULT);
    let (code, out, err) = stdout_of(asl_lint().current_dir(dir.path()).args(["check"]));
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.contains("asl-lint.toml:2:11: error[invalid-config]"),
        "{err}"
    );
    assert!(err.contains("missing-choice-defualt"), "{err}");
}

#[test]
fn config_show_prints_the_effective_settings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "asl-lint.toml",
        "ignore = [\"choice\"]\ntype = \"express\"\n[severity]\nunknown-field = \"info\"\n",
    );
    let (code, out, _) = stdout_of(
        asl_lint()
            .current_dir(dir.path())
            .args(["config", "--show"]),
    );
    assert_eq!(code, 0);
    assert!(out.contains("asl-lint.toml"), "{out}");
    assert!(out.contains("type = \"express\""), "{out}");
    assert!(out.contains("\"unknown-field\",  # info"), "{out}");
    assert!(!out.contains("\"missing-choice-default\""), "{out}");
}

#[test]
fn exclude_in_the_configuration_applies_to_directory_search() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "asl-lint.toml", "exclude = [\"generated\"]\n");
    write(dir.path(), "a.asl.json", TYPO);
    write(dir.path(), "generated/b.asl.json", TYPO);
    let (_, out, _) = stdout_of(
        asl_lint()
            .current_dir(dir.path())
            .args(["check", "--format", "concise"]),
    );
    assert!(out.contains("a.asl.json"), "{out}");
    assert!(!out.contains("b.asl.json"), "{out}");
}

#[test]
fn type_express_makes_a_sync_integration_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sync.asl.json",
        r#"{"StartAt": "Run", "States": {"Run": {"Type": "Task", "End": true,
            "Resource": "arn:aws:states:::states:startExecution.sync:2", "TimeoutSeconds": 60,
            "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:c"}}}}"#,
    );
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "concise"];
        args.extend_from_slice(extra);
        args.push("sync.asl.json");
        stdout_of(asl_lint().current_dir(dir.path()).args(args))
    };
    let (code, out, _) = run(&["--type", "express"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[express-unsupported-integration]"),
        "{out}"
    );
    let (code, out, _) = run(&[]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("express-unsupported-integration"), "{out}");
}

/// A CloudFormation template whose state machine sets none of logging, tracing or encryption.
const BARE_MACHINE: &str = r#"Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt MachineRole.Arn
      Definition:
        StartAt: Done
        States:
          Done: {Type: Pass, End: true}
  MachineRole:
    Type: AWS::IAM::Role
"#;

#[test]
fn the_resource_config_pack_runs_only_when_selected() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "template.yaml", BARE_MACHINE);
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "concise", "--isolated"];
        args.extend_from_slice(extra);
        args.push("template.yaml");
        stdout_of(asl_lint().current_dir(dir.path()).args(&args))
    };
    let (code, out, err) = run(&[]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");

    let pack = [
        "state-machine-encryption",
        "state-machine-logging",
        "state-machine-tracing",
    ];
    for flag in ["--select", "--extend-select"] {
        let (code, out, err) = run(&[flag, "resource-config"]);
        assert_eq!(code, 0, "warnings only: {err}");
        assert_eq!(rules_in(&out), pack, "{flag}: {out}");
        for line in out.lines() {
            assert!(
                line.starts_with("template.yaml:4:5: warning[state-machine-")
                    && line.contains("] [Machine] "),
                "{line}"
            );
        }
    }
    let (_, out, _) = run(&["--select", "state-machine-tracing"]);
    assert_eq!(rules_in(&out), ["state-machine-tracing"]);
}
