//! A fuzzing driver that runs on stable Rust (cargo-fuzz needs nightly): feeds the targets of
//! `asl_lint_fuzz` random bytes and mutations of seed files (the corpus, the examples, the
//! fixtures) until the time is up, and counts executions, panics and slow inputs. No coverage
//! feedback: a blind mutator, cheaper to run anywhere.
//!
//! Usage: fuzz-stable SECONDS OUT_DIR SEED_DIR...
//! Each input is written to OUT_DIR/current-TARGET before it runs, so that a crash the process
//! cannot catch (stack overflow, abort) leaves its input behind for `bench/fuzz.sh`; a panic's
//! input is saved as OUT_DIR/crash-TARGET-HASH, a slow one (over 2 s) as OUT_DIR/slow-TARGET-HASH.

use std::collections::BTreeMap;
use std::io::Write;
use std::panic;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use asl_lint_fuzz::TARGETS;

const SLOW: Duration = Duration::from_secs(2);
const MAX_LEN: usize = 256 * 1024;
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b"\"$.",
    b"$$.",
    b"\"States.",
    b"{%",
    b"%}",
    b"\"Next\": \"",
    b"\"Type\": \"Map\"",
    b"\"Type\": \"Choice\"",
    b"\"Type\": \"Parallel\"",
    b"\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}]",
    b"States.Format('{}', $.a)",
    b"States.ArrayRange(0, 1000000, 1)",
    b"$states.input",
    b"&",
    b"*a",
    b"!Ref ",
    b"- ",
    b"\n  ",
    b"\t",
    b"\\u0000",
    b"\xff",
    b"\xe2\x82\xac",
    b"1e999",
    b"-0",
    b"..",
    b"[?(@.a)]",
    b"$x := ",
    b"function($a){$a}",
    b"~>",
    b"\"Assign\": {\"v\": 1}",
    b"${Sub}",
    b"#{x}",
];

/// xorshift64*: small, seeded, good enough for a blind mutator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, pool: &[Vec<u8>]) {
    for _ in 0..=rng.below(4) {
        let len = input.len();
        match rng.below(8) {
            0 if len > 0 => {
                let at = rng.below(len);
                input[at] ^= 1 << rng.below(8);
            }
            1 => {
                let at = rng.below(len + 1);
                let byte = rng.next() as u8;
                input.insert(at, byte);
            }
            2 if len > 0 => {
                let at = rng.below(len);
                let end = (at + 1 + rng.below(64)).min(len);
                input.drain(at..end);
            }
            3 if len > 0 => {
                let at = rng.below(len);
                let end = (at + 1 + rng.below(256)).min(len);
                let chunk = input[at..end].to_vec();
                let to = rng.below(len + 1);
                input.splice(
                    to..to,
                    chunk
                        .iter()
                        .copied()
                        .cycle()
                        .take(chunk.len() * (1 + rng.below(8))),
                );
            }
            4 if !pool.is_empty() => {
                let other = &pool[rng.below(pool.len())];
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(512)).min(other.len());
                let to = rng.below(len + 1);
                input.splice(to..to, other[from..end].iter().copied());
            }
            5 if len > 0 => input.truncate(rng.below(len)),
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                let at = rng.below(len + 1);
                input.splice(at..at, token.iter().copied());
            }
        }
    }
    input.truncate(MAX_LEN);
}

fn seed_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            seed_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
        {
            out.push(path);
        }
    }
}

/// Strings inside quotes that look like paths, intrinsics or JSONata: seeds for the parsers.
fn expressions(files: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut found = std::collections::BTreeSet::new();
    for file in files {
        for piece in file.split(|&b| b == b'"') {
            let looks = piece.starts_with(b"$")
                || piece.starts_with(b"States.")
                || piece.starts_with(b"{%");
            if looks && piece.len() < 2_000 {
                found.insert(piece.to_vec());
            }
        }
    }
    found.into_iter().collect()
}

fn hash(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, seconds, out_dir, seed_dirs @ ..] = args.as_slice() else {
        panic!("usage: fuzz-stable SECONDS OUT_DIR SEED_DIR...");
    };
    let deadline = Instant::now() + Duration::from_secs(seconds.parse().expect("SECONDS"));
    let out_dir = PathBuf::from(out_dir);
    std::fs::create_dir_all(&out_dir).expect("OUT_DIR");

    let mut paths = Vec::new();
    for dir in seed_dirs {
        seed_files(Path::new(dir), &mut paths);
    }
    let read: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|d| (p, d)))
        .collect();
    let yaml: Vec<Vec<u8>> = read
        .iter()
        .filter(|(p, _)| p.extension().is_none_or(|e| e != "json"))
        .map(|(_, d)| d.clone())
        .collect();
    let documents: Vec<Vec<u8>> = read.into_iter().map(|(_, d)| d).collect();
    let strings = expressions(&documents);
    eprintln!(
        "seeds: {} documents ({} YAML), {} expressions",
        documents.len(),
        yaml.len(),
        strings.len()
    );

    panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(hash(&std::process::id().to_le_bytes()) | 1);
    let mut runs: BTreeMap<&str, u64> = BTreeMap::new();
    let (mut crashes, mut slow) = (0u64, 0u64);
    let started = Instant::now();
    'outer: loop {
        for &(name, target) in TARGETS {
            if Instant::now() >= deadline {
                break 'outer;
            }
            let pool = match name {
                "check_yaml" => &yaml,
                "jsonpath" | "intrinsic" | "jsonata" => &strings,
                _ => &documents,
            };
            for _ in 0..64 {
                let mut input = if pool.is_empty() || rng.below(20) == 0 {
                    (0..rng.below(512)).map(|_| rng.next() as u8).collect()
                } else {
                    pool[rng.below(pool.len())].clone()
                };
                mutate(&mut rng, &mut input, pool);
                let current = out_dir.join(format!("current-{name}"));
                std::fs::write(&current, &input).expect("write the current input");
                let start = Instant::now();
                let result = panic::catch_unwind(|| target(&input));
                let took = start.elapsed();
                *runs.entry(name).or_default() += 1;
                if result.is_err() {
                    crashes += 1;
                    let path = out_dir.join(format!("crash-{name}-{:016x}", hash(&input)));
                    std::fs::write(&path, &input).expect("save the crash");
                    eprintln!("PANIC in {name}: input saved as {}", path.display());
                } else if took > SLOW {
                    slow += 1;
                    let path = out_dir.join(format!("slow-{name}-{:016x}", hash(&input)));
                    std::fs::write(&path, &input).expect("save the slow input");
                    eprintln!(
                        "SLOW ({took:?}) in {name}: input saved as {}",
                        path.display()
                    );
                }
            }
        }
    }
    let total: u64 = runs.values().sum();
    let mut out = std::io::stdout().lock();
    let per: Vec<String> = runs.iter().map(|(n, c)| format!("{n} {c}")).collect();
    writeln!(
        out,
        "executions: {total} in {:.0} s ({}); panics: {crashes}; slow (> 2 s): {slow}",
        started.elapsed().as_secs_f64(),
        per.join(", ")
    )
    .expect("stdout");
}
