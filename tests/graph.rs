//! `asl-lint graph`: DOT and Mermaid drawings pinned by snapshots, checked by Graphviz and by
//! Mermaid's own parser when they are installed (skipped with a message otherwise), and the
//! command's exit codes.
//!
//! Mermaid's parser runs in Node: `npm install --prefix target/mermaid mermaid` (or set
//! `ASL_LINT_MERMAID_DIR` to the `--prefix` used); see `tests/mermaid_parse.mjs`.
#![allow(clippy::print_stdout, reason = "tests say what they skipped")]

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use asl_lint::analysis::graph::render::GraphFormat;
use asl_lint::source::SourceFile;
use asl_lint::syntax::Format;
use assert_cmd::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Order processing (a Parallel with a Map inside) and names that need escaping (with an
/// unreachable state, a missing target and a placeholder).
const FILES: &[&str] = &[
    "examples/order-processing.asl.json",
    "tests/graph/tricky-names.asl.json",
];

fn draw(path: &str, format: GraphFormat) -> String {
    let full = Path::new(ROOT).join(path);
    let bytes = std::fs::read(&full).expect("the file is readable");
    let kind = Format::from_path(&full).expect("a known extension");
    let source = SourceFile::from_bytes(path, bytes, kind);
    asl_lint::draw_source(&source, format).expect("the file can be drawn")
}

fn snapshot_name(path: &str, ext: &str) -> String {
    let file = Path::new(path).file_name().expect("a file name");
    format!("{}.{ext}", file.to_string_lossy())
}

#[test]
fn dot_and_mermaid_snapshots() {
    for path in FILES {
        insta::assert_snapshot!(snapshot_name(path, "dot"), draw(path, GraphFormat::Dot));
        insta::assert_snapshot!(snapshot_name(path, "mmd"), draw(path, GraphFormat::Mermaid));
    }
}

/// Whether `program version_flag` runs and succeeds.
fn on_path(program: &str, version_flag: &str) -> bool {
    Process::new(program)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn graphviz_accepts_the_dot_output() {
    if !on_path("dot", "-V") {
        println!("skipped: `dot` (Graphviz) is not on PATH");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    for path in FILES {
        let file = dir.path().join(snapshot_name(path, "dot"));
        std::fs::write(&file, draw(path, GraphFormat::Dot)).expect("written");
        let out = Process::new("dot")
            .arg("-Tsvg")
            .arg(&file)
            .output()
            .expect("dot runs");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{path}: dot -Tsvg failed or warned: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn mermaid_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ASL_LINT_MERMAID_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(ROOT).join("target/mermaid"));
    dir.join("node_modules/mermaid/package.json")
        .is_file()
        .then_some(dir)
}

/// What Mermaid should find: every node declaration and every edge of our output.
fn expected_counts(text: &str) -> (usize, usize, usize) {
    let (mut vertices, mut edges, mut subgraphs) = (0, 0, 0);
    for line in text.lines().skip(1).map(str::trim) {
        if line.starts_with("subgraph ") {
            subgraphs += 1;
        } else if line.contains(" --> ") || line.contains(" -.-> ") || line.contains("| ") {
            edges += 1;
        } else if !(line == "end"
            || line.starts_with("direction ")
            || line.starts_with("classDef "))
        {
            vertices += 1;
        }
    }
    (vertices, edges, subgraphs)
}

#[test]
fn mermaid_parses_the_mermaid_output() {
    let Some(dir) = mermaid_dir().filter(|_| on_path("node", "--version")) else {
        println!(
            "skipped: needs `node` and the mermaid package: \
             `npm install --prefix target/mermaid mermaid` (or set ASL_LINT_MERMAID_DIR)"
        );
        return;
    };
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let mut files = Vec::new();
    for path in FILES {
        let file = tmp.path().join(snapshot_name(path, "mmd"));
        let text = draw(path, GraphFormat::Mermaid);
        std::fs::write(&file, &text).expect("written");
        files.push((file, expected_counts(&text)));
    }
    let out = Process::new("node")
        .arg(Path::new(ROOT).join("tests/mermaid_parse.mjs"))
        .args(files.iter().map(|(f, _)| f))
        .env("MERMAID_DIR", &dir)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "mermaid rejected the output:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for ((file, (vertices, edges, subgraphs)), line) in files.iter().zip(stdout.lines()) {
        let result: serde_json::Value = serde_json::from_str(line).expect("one JSON line");
        assert_eq!(result["type"], "flowchart-v2", "{}", file.display());
        assert_eq!(
            result["vertices"],
            *vertices,
            "{}: vertices",
            file.display()
        );
        assert_eq!(result["edges"], *edges, "{}: edges", file.display());
        assert_eq!(
            result["subgraphs"],
            *subgraphs,
            "{}: subgraphs",
            file.display()
        );
    }
}

fn asl_lint() -> Command {
    Command::cargo_bin("asl-lint").expect("the binary is built")
}

#[test]
fn the_command_prints_dot_by_default_and_mermaid_on_request() {
    let example = Path::new(ROOT).join(FILES[0]);
    let out = asl_lint()
        .arg("graph")
        .arg(&example)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("digraph "));
    let out = asl_lint()
        .args(["graph", "--format", "mermaid"])
        .arg(&example)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("flowchart TD\n"));
}

#[test]
fn an_unreadable_file_exits_2() {
    let out = asl_lint()
        .args(["graph", "does/not/exist.asl.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn a_definition_that_cannot_be_lowered_exits_1_with_its_findings() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("broken.asl.json");
    std::fs::write(&file, "[1, 2]\n").expect("written");
    let out = asl_lint().arg("graph").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.asl.json:1:1: error[definition-not-object]"),
        "{stderr}"
    );
}
