//! The rule pages under `docs/rules/` are generated from the rules' own documentation and must
//! not go stale: this test regenerates them and compares. `ASL_LINT_BLESS=1 cargo test --test
//! docs` rewrites them after a deliberate change.

use std::fs;
use std::path::Path;

use asl_lint::rules::{self, docs};

#[test]
fn rule_pages_match_the_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let bless = std::env::var("ASL_LINT_BLESS").is_ok_and(|v| v == "1");
    let mut expected: Vec<(String, String)> = rules::ALL
        .iter()
        .map(|r| (format!("{}.md", r.name), docs::page(r)))
        .collect();
    expected.push(("README.md".to_string(), docs::index()));
    if bless {
        fs::create_dir_all(&dir).unwrap();
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            fs::remove_file(entry.path()).unwrap();
        }
        for (name, text) in &expected {
            fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut problems = Vec::new();
    for (name, text) in &expected {
        match fs::read_to_string(dir.join(name)) {
            Ok(actual) if actual == *text => {}
            Ok(_) => problems.push(format!("docs/rules/{name} is out of date")),
            Err(_) => problems.push(format!("docs/rules/{name} is missing")),
        }
    }
    for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !expected.iter().any(|(n, _)| *n == name) {
            problems.push(format!("docs/rules/{name} belongs to no rule"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n(run `ASL_LINT_BLESS=1 cargo test --test docs` and review the diff)",
        problems.join("\n")
    );
}
