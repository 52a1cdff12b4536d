//! No input makes the binary panic or fail to run: the corpus, truncated copies of it, random
//! bytes, deep nesting and alias bombs all end with exit status 0 or 1 and a report.
#![allow(
    clippy::print_stdout,
    reason = "tests say what they skipped and counted"
)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn run_on(dir: &Path) -> serde_json::Value {
    let output = Command::cargo_bin("asl-lint")
        .expect("the binary is built")
        .current_dir(dir)
        .args(["check", "--format", "json", "."])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit status {code:?}: {stderr}"
    );
    serde_json::from_slice(&output.stdout).expect("the report is JSON")
}

/// A tiny deterministic generator (xorshift), so that failures can be reproduced.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn extension(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => "asl.json",
        _ => "asl.yaml",
    }
}

#[test]
fn the_corpus_and_truncated_copies_never_crash() {
    let files = corpus_files();
    if files.is_empty() {
        println!("skipped: ../shared/corpus not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut written = 0;
    for (i, path) in files.iter().enumerate() {
        let bytes = fs::read(path).expect("readable");
        let ext = extension(path);
        // The file itself, under a name that is always checked.
        fs::write(dir.path().join(format!("{i}-whole.{ext}")), &bytes).unwrap();
        // Three truncations at random places (often inside a string, a number or an escape).
        for cut in 0..3 {
            if bytes.is_empty() {
                break;
            }
            let at = rng.below(bytes.len());
            fs::write(dir.path().join(format!("{i}-cut{cut}.{ext}")), &bytes[..at]).unwrap();
            written += 1;
        }
        // One copy with a random byte replaced, one with a random span deleted.
        if bytes.len() > 2 {
            let mut flipped = bytes.clone();
            let at = rng.below(flipped.len());
            flipped[at] = rng.next() as u8;
            fs::write(dir.path().join(format!("{i}-flip.{ext}")), &flipped).unwrap();
            let mut holed = bytes.clone();
            let start = rng.below(holed.len());
            let end = (start + rng.below(64)).min(holed.len());
            holed.drain(start..end);
            fs::write(dir.path().join(format!("{i}-hole.{ext}")), &holed).unwrap();
            written += 2;
        }
    }
    let report = run_on(dir.path());
    let checked = report["summary"]["files"].as_u64().unwrap_or(0) as usize;
    assert_eq!(checked, files.len() + written, "every file got a report");
}

#[test]
fn random_bytes_never_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x0dd_ba11_c0ff_ee42);
    for i in 0..200 {
        let len = rng.below(4096);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let ext = if i % 2 == 0 { "asl.json" } else { "asl.yaml" };
        fs::write(dir.path().join(format!("random-{i}.{ext}")), bytes).unwrap();
        // Random text made of the language's own punctuation is nastier than random bytes.
        let alphabet = b"{}[]:,\"\\ \n\t-?*&!|>'#%@`0e.truefalsnul";
        let text: Vec<u8> = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        fs::write(dir.path().join(format!("punct-{i}.{ext}")), text).unwrap();
    }
    let report = run_on(dir.path());
    assert_eq!(report["summary"]["files"], 400);
}

#[test]
fn deep_nesting_and_alias_bombs_get_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let deep = 100_000;
    fs::write(dir.path().join("open.asl.json"), "[".repeat(deep)).unwrap();
    fs::write(
        dir.path().join("closed.asl.json"),
        format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
    )
    .unwrap();
    fs::write(
        dir.path().join("objects.asl.json"),
        format!("{}1{}", "{\"a\":".repeat(deep), "}".repeat(deep)),
    )
    .unwrap();
    fs::write(dir.path().join("flow.asl.yaml"), "[".repeat(deep)).unwrap();
    let block: String = (0..2_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    fs::write(dir.path().join("block.asl.yaml"), block).unwrap();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let prev = (b'a' + level - 1) as char;
        let this = (b'a' + level) as char;
        bomb.push_str(&format!(
            "{this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    fs::write(dir.path().join("bomb.asl.yaml"), bomb).unwrap();

    let report = run_on(dir.path());
    assert_eq!(report["summary"]["files"], 6);
    let rules_of = |file: &str| -> Vec<String> {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["file"].as_str().unwrap().ends_with(file))
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    for file in [
        "open.asl.json",
        "closed.asl.json",
        "objects.asl.json",
        "flow.asl.yaml",
    ] {
        assert!(
            rules_of(file).iter().any(|r| r == "nesting-too-deep"),
            "{file}: {:?}",
            rules_of(file)
        );
    }
    assert!(
        rules_of("bomb.asl.yaml")
            .iter()
            .any(|r| r == "yaml-alias-limit"),
        "{:?}",
        rules_of("bomb.asl.yaml")
    );
}
