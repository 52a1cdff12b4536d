//! What the corpus tests share: where `../shared/corpus` is, its files, its verdict tables and
//! our own list of disagreements with them.
#![allow(dead_code, reason = "each test file uses a different part")]

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use asl_lint::syntax::Format;

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `../shared/corpus` beside the clone, when it is there.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(ROOT).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// Every JSON and YAML file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
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

/// The rows of a tab-separated file after its header line.
pub fn tsv_rows(path: &Path) -> Vec<Vec<String>> {
    let Ok(text) = fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Files the corpus marks invalid: `KNOWN_INVALID.tsv` and the `EXPECTED.tsv` verdicts.
pub fn known_invalid(corpus: &Path) -> HashSet<PathBuf> {
    let mut invalid = HashSet::new();
    for row in tsv_rows(&corpus.join("KNOWN_INVALID.tsv")) {
        if row.len() >= 2 {
            invalid.insert(corpus.join(&row[0]).join(&row[1]));
        }
    }
    for source in fs::read_dir(corpus).into_iter().flatten().flatten() {
        for row in tsv_rows(&source.path().join("EXPECTED.tsv")) {
            if row.len() >= 2 && row[1] == "invalid" {
                invalid.insert(source.path().join(&row[0]));
            }
        }
    }
    invalid
}

/// Files the corpus calls valid on which we report an error on purpose, each with the rule we
/// report (`tests/corpus-disagreements.tsv`, which also says why).
pub fn disagreements() -> Vec<(String, String)> {
    tsv_rows(&Path::new(ROOT).join("tests/corpus-disagreements.tsv"))
        .into_iter()
        .filter(|row| row.len() >= 3)
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect()
}

/// Runs `f` on a thread with the stack the CLI's workers have.
pub fn on_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the check did not panic");
}
