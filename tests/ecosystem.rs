//! The files other tools read: the pre-commit hook definition (run the way pre-commit runs it),
//! the GitHub problem matcher (matched against real concise output) and the GitHub Action.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use asl_lint::syntax::{Format, Node, parse};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn yaml(path: &str) -> Node {
    let text = fs::read_to_string(Path::new(ROOT).join(path)).expect("the file exists");
    let parsed = parse(&text, Format::Yaml);
    assert!(
        parsed.diagnostics.is_empty(),
        "{path}: {:?}",
        parsed.diagnostics
    );
    parsed.root.expect("a document")
}

fn str_field<'a>(node: &'a Node, key: &str) -> &'a str {
    node.get(key)
        .and_then(|m| m.value.as_str())
        .unwrap_or_else(|| panic!("`{key}` is a string"))
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_asl-lint"))
}

const BAD: &str = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Nxt\": \"B\", \"End\": true}}}\n";
const GOOD: &str = "StartAt: A\nStates:\n  A:\n    Type: Succeed\n";

/// Runs the hook's `entry` on the staged files the way pre-commit does: the files that match
/// `files` are appended to the entry's arguments, and the hook passes when the exit status is 0.
fn run_hook(hook: &Node, staged: &[&str], dir: &Path) -> (bool, String) {
    let pattern = regex::Regex::new(str_field(hook, "files")).expect("`files` is a regex");
    let mut words = str_field(hook, "entry").split_whitespace();
    assert_eq!(
        words.next(),
        Some("asl-lint"),
        "the entry runs the installed binary"
    );
    let matched: Vec<&str> = staged
        .iter()
        .copied()
        .filter(|f| pattern.is_match(f))
        .collect();
    if matched.is_empty() {
        return (true, String::new());
    }
    let output = Command::new(binary())
        .args(words)
        .args(&matched)
        .current_dir(dir)
        .output()
        .expect("the hook runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn the_pre_commit_hook_runs_as_pre_commit_runs_it() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = hooks
        .as_array()
        .and_then(|h| h.iter().find(|h| str_field(h, "id") == "asl-lint"))
        .expect("a hook with id asl-lint");
    assert_eq!(str_field(hook, "language"), "rust");

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.asl.json"), BAD).unwrap();
    fs::write(dir.path().join("good.asl.yaml"), GOOD).unwrap();
    fs::write(dir.path().join("README.md"), "# not a state machine {").unwrap();
    fs::write(dir.path().join("package.json"), "{\"name\": \"x\"}").unwrap();

    let (passed, out) = run_hook(
        hook,
        &["bad.asl.json", "good.asl.yaml", "README.md", "package.json"],
        dir.path(),
    );
    assert!(!passed, "a finding fails the hook");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("bad.asl.json:1:51: error[unknown-field]"),
        "{out}"
    );

    let (passed, out) = run_hook(hook, &["good.asl.yaml", "README.md"], dir.path());
    assert!(passed, "{out}");
    assert_eq!(out, "");
}

#[test]
fn the_problem_matcher_reads_concise_output() {
    let text = fs::read_to_string(Path::new(ROOT).join(".github/asl-lint-matcher.json")).unwrap();
    let matcher: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pattern = &matcher["problemMatcher"][0]["pattern"][0];
    let regex = regex::Regex::new(pattern["regexp"].as_str().unwrap()).unwrap();
    let group = |name: &str| pattern[name].as_u64().unwrap() as usize;

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.asl.json"), BAD).unwrap();
    fs::write(
        dir.path().join("name: with colons.asl.yaml"),
        "StartAt: A\nStates:\n  A: {Type: Pass}\n",
    )
    .unwrap();
    let output = Command::new(binary())
        .args(["check", "--format", "concise", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 2, "{out}");
    for line in lines {
        let caps = regex
            .captures(line)
            .unwrap_or_else(|| panic!("no match: {line}"));
        let file = &caps[group("file")];
        assert!(dir.path().join(file).is_file(), "{file} from {line}");
        assert!(caps[group("line")].parse::<usize>().unwrap() >= 1);
        assert!(caps[group("column")].parse::<usize>().unwrap() >= 1);
        assert!(["error", "warning", "info"].contains(&&caps[group("severity")]));
        assert!(
            asl_lint::rules::find(&caps[group("code")]).is_some(),
            "{line}"
        );
        assert!(!caps[group("message")].is_empty());
    }
}

#[test]
fn the_github_action_runs_the_github_format() {
    let action = yaml("action.yml");
    let runs = &action.get("runs").expect("runs").value;
    assert_eq!(str_field(runs, "using"), "composite");
    let steps = runs
        .get("steps")
        .and_then(|m| m.value.as_array())
        .expect("steps");
    let scripts: Vec<&str> = steps.iter().map(|s| str_field(s, "run")).collect();
    assert!(
        scripts
            .iter()
            .any(|s| s.contains("cargo install --locked --path"))
    );
    assert!(scripts.iter().any(|s| s.contains("check --format")));
    let inputs = &action.get("inputs").expect("inputs").value;
    let format = &inputs.get("format").expect("a format input").value;
    assert_eq!(str_field(format, "default"), "github");
}
