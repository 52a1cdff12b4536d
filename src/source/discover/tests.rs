use std::fs;
use std::path::{Path, PathBuf};

use super::*;

/// A temporary tree: each entry is a relative path; a trailing `/` makes a directory.
fn tree(entries: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (path, content) in entries {
        let full = dir.path().join(path);
        if path.ends_with('/') {
            fs::create_dir_all(&full).expect("mkdir");
            continue;
        }
        fs::create_dir_all(full.parent().expect("a parent")).expect("mkdir");
        fs::write(&full, content).expect("write");
    }
    dir
}

fn run(root: &Path, inputs: &[&str], excludes: &[&str]) -> Discovery {
    let paths: Vec<PathBuf> = inputs.iter().map(|p| root.join(p)).collect();
    let options = DiscoverOptions {
        excludes: excludes.iter().map(|e| e.to_string()).collect(),
    };
    discover(&paths, &options).expect("valid excludes")
}

/// The files found, relative to `root`, with `?` marking those to sniff.
fn names(root: &Path, discovery: &Discovery) -> Vec<String> {
    discovery
        .files
        .iter()
        .map(|c| {
            let rel = c.path.strip_prefix(root).unwrap_or(&c.path);
            let mark = if c.must_sniff { "?" } else { "" };
            format!("{}{mark}", rel.display())
        })
        .collect()
}

const SAMPLE: &[(&str, &str)] = &[
    ("b.asl.json", "{}"),
    ("a.asl.yaml", ""),
    ("c.ASL.YML", ""),
    ("data.json", "{}"),
    ("config.yml", ""),
    ("readme.md", ""),
    ("notes.txt", ""),
    ("sub/z.asl.json", "{}"),
    ("sub/deeper/x.json", "{}"),
    ("sub/a.yaml", ""),
];

#[test]
fn walks_directories_in_sorted_order_and_flags_generic_names() {
    let dir = tree(SAMPLE);
    let found = run(dir.path(), &["."], &[]);
    assert_eq!(
        names(dir.path(), &found),
        [
            "a.asl.yaml",
            "b.asl.json",
            "c.ASL.YML",
            "config.yml?",
            "data.json?",
            "sub/a.yaml?",
            "sub/deeper/x.json?",
            "sub/z.asl.json",
        ]
    );
    assert!(found.errors.is_empty());
}

#[test]
fn given_files_are_always_checked_and_not_sniffed() {
    let dir = tree(SAMPLE);
    let found = run(
        dir.path(),
        &["readme.md", "data.json"],
        &["*.md", "data.json"],
    );
    assert_eq!(names(dir.path(), &found), ["readme.md", "data.json"]);
}

#[test]
fn gitignore_is_honoured_without_a_git_repository() {
    let dir = tree(&[
        (".gitignore", "cdk.out/\n*.template.json\n"),
        ("cdk.out/m.asl.json", "{}"),
        ("stack.template.json", "{}"),
        ("keep.asl.json", "{}"),
        ("other/.ignore", "skip.asl.json\n"),
        ("other/skip.asl.json", "{}"),
        ("other/take.asl.json", "{}"),
    ]);
    let found = run(dir.path(), &["."], &[]);
    assert_eq!(
        names(dir.path(), &found),
        ["keep.asl.json", "other/take.asl.json"]
    );
}

#[test]
fn hidden_entries_and_node_modules_are_skipped() {
    let dir = tree(&[
        (".hidden.asl.json", "{}"),
        (".github/workflow.asl.json", "{}"),
        ("node_modules/pkg/m.asl.json", "{}"),
        ("src/node_modules/m.asl.json", "{}"),
        ("m.asl.json", "{}"),
    ]);
    let found = run(dir.path(), &["."], &[]);
    assert_eq!(names(dir.path(), &found), ["m.asl.json"]);
    // Named explicitly, a hidden directory is walked.
    let found = run(dir.path(), &[".github"], &[]);
    assert_eq!(names(dir.path(), &found), [".github/workflow.asl.json"]);
}

#[test]
fn excludes_match_names_anywhere_and_paths_from_the_root() {
    let dir = tree(&[
        ("cdk.out/m.asl.json", "{}"),
        ("app/cdk.out/m.asl.json", "{}"),
        ("app/stack.template.json", "{}"),
        ("app/gen/m.asl.json", "{}"),
        ("gen/m.asl.json", "{}"),
        ("m.asl.json", "{}"),
    ]);
    let found = run(
        dir.path(),
        &["."],
        &["cdk.out", "*.template.json", "app/gen"],
    );
    assert_eq!(names(dir.path(), &found), ["gen/m.asl.json", "m.asl.json"]);
}

#[test]
fn excluded_directories_are_not_entered() {
    let dir = tree(&[("skip/m.asl.json", "{}"), ("keep/m.asl.json", "{}")]);
    // Were `skip/` entered, the negation (last match wins) would let its file through.
    let found = run(dir.path(), &["."], &["skip/", "!skip/m.asl.json"]);
    assert_eq!(names(dir.path(), &found), ["keep/m.asl.json"]);
}

#[test]
fn an_invalid_exclude_is_an_error() {
    let dir = tree(SAMPLE);
    for pattern in ["a[", "{a,b"] {
        let err = discover(
            &[dir.path().to_path_buf()],
            &DiscoverOptions {
                excludes: vec!["ok".to_string(), pattern.to_string()],
            },
        )
        .expect_err("not a glob");
        assert_eq!(err.pattern, pattern);
        assert!(
            err.to_string().starts_with(&format!("`{pattern}`: ")),
            "{err}"
        );
    }
}

#[test]
fn globs_are_expanded_and_matched_files_are_not_sniffed() {
    let dir = tree(SAMPLE);
    let found = run(dir.path(), &["*.json"], &[]);
    assert_eq!(names(dir.path(), &found), ["b.asl.json", "data.json"]);
    let found = run(dir.path(), &["**/*.json"], &[]);
    assert_eq!(
        names(dir.path(), &found),
        [
            "b.asl.json",
            "data.json",
            "sub/deeper/x.json",
            "sub/z.asl.json"
        ]
    );
    let found = run(dir.path(), &["sub/*"], &[]);
    assert_eq!(names(dir.path(), &found), ["sub/a.yaml", "sub/z.asl.json"]);
    let found = run(dir.path(), &["**/*.json"], &["deeper"]);
    assert_eq!(
        names(dir.path(), &found),
        ["b.asl.json", "data.json", "sub/z.asl.json"]
    );
}

#[test]
fn a_glob_matching_nothing_is_an_error() {
    let dir = tree(SAMPLE);
    let found = run(dir.path(), &["*.toml", "missing/*.json"], &[]);
    assert!(found.files.is_empty());
    let messages: Vec<&str> = found.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages, ["no files match", "no files match"]);
    assert!(found.errors[0].input.ends_with("*.toml"));
}

#[test]
fn a_missing_path_is_an_error_and_the_rest_still_runs() {
    let dir = tree(SAMPLE);
    let found = run(dir.path(), &["nope.asl.json", "b.asl.json"], &[]);
    assert_eq!(names(dir.path(), &found), ["b.asl.json"]);
    assert_eq!(found.errors.len(), 1);
    assert_eq!(found.errors[0].message, "no such file or directory");
    assert!(found.errors[0].input.ends_with("nope.asl.json"));
}

#[test]
fn files_reached_twice_are_listed_once_at_their_first_place() {
    let dir = tree(SAMPLE);
    let found = run(
        dir.path(),
        &["sub/z.asl.json", "sub", "sub/./a.yaml", "*.json"],
        &[],
    );
    assert_eq!(
        names(dir.path(), &found),
        [
            "sub/z.asl.json",
            // Found by the walk first, then named: kept in place but no longer sniffed.
            "sub/a.yaml",
            "sub/deeper/x.json?",
            "b.asl.json",
            "data.json",
        ]
    );
}

#[test]
fn walked_paths_under_dot_have_no_dot_prefix() {
    assert_eq!(
        display_path(Path::new("./a/b.json")),
        PathBuf::from("a/b.json")
    );
    assert_eq!(display_path(Path::new(".")), PathBuf::from("."));
    assert_eq!(
        display_path(Path::new("/x/a.json")),
        PathBuf::from("/x/a.json")
    );
    assert_eq!(
        normalized(Path::new("./a/./b.json")),
        PathBuf::from("a/b.json")
    );
}
