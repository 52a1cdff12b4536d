//! The fuzz targets of asl-lint (issue 8), shared by the libFuzzer binaries in `fuzz_targets/`
//! (`cargo fuzz run NAME`, nightly) and the stable driver `fuzz-stable` (`bench/fuzz.sh`).
//! Each takes arbitrary bytes and must return without panicking, overflowing the stack or
//! hanging.

use std::time::{Duration, Instant};

use asl_lint::lang::path::PathKind;
use asl_lint::lang::{intrinsic, jsonata, path};
use asl_lint::simulate::{self, Mocks, Options, Unmocked};
use asl_lint::source::SourceFile;
use asl_lint::syntax::Format;
use asl_lint::{CheckOptions, check_source};

/// A fuzz target: arbitrary bytes in, nothing out.
pub type Target = fn(&[u8]);

/// An input that takes longer than this is a finding. The targets check it themselves and
/// panic, which libFuzzer reports as a crash with the input saved: its own `-timeout` handler
/// allocates inside a signal handler and can deadlock without a sanitizer. (Generous: fuzz
/// builds carry coverage counters and debug assertions.)
pub const SLOW: Duration = Duration::from_secs(5);

fn timed(target: &str, run: impl FnOnce()) {
    let start = Instant::now();
    run();
    let took = start.elapsed();
    assert!(took < SLOW, "slow input: {target} took {took:?}");
}

/// Every target, by name.
pub const TARGETS: &[(&str, Target)] = &[
    ("check_json", check_json),
    ("check_yaml", check_yaml),
    ("jsonpath", jsonpath),
    ("intrinsic", intrinsic),
    ("jsonata", jsonata),
    ("simulate", simulate),
];

fn check(data: &[u8], format: Format) {
    let source = SourceFile::from_bytes("fuzz", data.to_vec(), format);
    let _ = check_source(&source, &CheckOptions::default());
}

/// `check` on the bytes read as a JSON file.
pub fn check_json(data: &[u8]) {
    timed("check_json", || check(data, Format::Json));
}

/// `check` on the bytes read as a YAML file.
pub fn check_yaml(data: &[u8]) {
    timed("check_yaml", || check(data, Format::Yaml));
}

/// The JSONPath parser, as a path and as a reference path.
pub fn jsonpath(data: &[u8]) {
    timed("jsonpath", || jsonpath_untimed(data));
}

fn jsonpath_untimed(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = path::parse(&text, PathKind::Path);
    if let Ok(parsed) = path::parse(&text, PathKind::Reference) {
        let _ = path::unknown_context_field(&parsed);
    }
}

/// The intrinsic function parser and its argument checks.
pub fn intrinsic(data: &[u8]) {
    timed("intrinsic", || intrinsic_untimed(data));
}

fn intrinsic_untimed(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(expr) = intrinsic::parse(&text) {
        let _ = intrinsic::check(&expr);
        let _ = intrinsic::calls(&expr);
    }
}

/// The JSONata parser.
pub fn jsonata(data: &[u8]) {
    timed("jsonata", || {
        let _ = jsonata::parse(&String::from_utf8_lossy(data));
    });
}

/// A simulated execution of the bytes as a definition (JSON, or YAML when it does not start
/// with `{`), tasks echoing their input, at most 2,000 history events.
pub fn simulate(data: &[u8]) {
    timed("simulate", || simulate_untimed(data));
}

fn simulate_untimed(data: &[u8]) {
    let format = match data.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Format::Json,
        _ => Format::Yaml,
    };
    let source = SourceFile::from_bytes("fuzz", data.to_vec(), format);
    let input = serde_json::json!({"count": 0, "items": [1, 2, 3], "name": "fuzz", "ok": true});
    let options = Options {
        max_events: 2_000,
        seed: Some(1),
        unmocked: Unmocked::Echo,
        ..Options::default()
    };
    let _ = simulate::simulate_source(&source, input, &Mocks::default(), &options);
}
