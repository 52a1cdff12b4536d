#!/usr/bin/env bash
# Fuzzes asl-lint for MINUTES (default 10): `check` on arbitrary bytes as JSON and as YAML, the
# JSONPath, intrinsic and JSONata parsers, and `simulate` on fuzzed definitions (issue 8).
# The targets live in fuzz/ (a cargo-fuzz crate, fuzz/src/lib.rs). Two engines:
#   libfuzzer  coverage-guided, through cargo-fuzz (`cargo install cargo-fuzz`); runs on stable
#              Rust with `-s none` (no sanitizer: the crate forbids unsafe code) and keeps debug
#              assertions, so integer overflows are findings too. MINUTES are shared among the
#              targets; crashes land in fuzz/artifacts/TARGET/.
#   stable     fuzz/src/bin/fuzz_stable.rs: a blind mutator (random bytes, mutations and splices
#              of the corpus, examples and fixtures) over all targets in turn; panics, slow inputs
#              and process crashes land in bench/out/fuzz/, and the driver restarts after a crash.
# The default is libfuzzer when `cargo fuzz` is installed, else stable; FUZZ_ENGINE overrides.
# Keep each finding, once fixed, under fixtures/fuzz/.
#
# Usage: bench/fuzz.sh [MINUTES [TARGET...]]   (default: all six targets)
set -uo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
engine=${FUZZ_ENGINE:-$(cargo fuzz --version >/dev/null 2>&1 && echo libfuzzer || echo stable)}
targets=(check_json check_yaml jsonpath intrinsic jsonata simulate)
[ $# -gt 1 ] && targets=("${@:2}")
out=bench/out/fuzz
mkdir -p "$out"
echo "engine: $engine, $minutes minutes, started $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$engine" = libfuzzer ]; then
    per=$((minutes * 60 / ${#targets[@]}))
    status=0
    total=0
    for target in "${targets[@]}"; do
        case $target in
            check_json | check_yaml | simulate) seeds=(../examples ../fixtures ../../shared/corpus) ;;
            *) seeds=() ;;
        esac
        mkdir -p "fuzz/corpus/$target"
        # Build first, so that the time limit below counts fuzzing only.
        (cd fuzz && cargo fuzz build -s none -O "$target") >"$out/libfuzzer-$target.log" 2>&1
        # The targets panic on an input slower than 5 s (fuzz/src/lib.rs): libFuzzer's own
        # -timeout handler allocates inside a signal handler and can deadlock without a
        # sanitizer, so it is only the last resort, and `timeout` ends a run that hangs anyway.
        (cd fuzz && timeout -s KILL $((per + 300)) cargo fuzz run -s none -O "$target" "corpus/$target" "${seeds[@]}" -- \
            -max_total_time="$per" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1) \
            >>"$out/libfuzzer-$target.log" 2>&1
        code=$?
        runs=$(grep -m1 'stat::number_of_executed_units' "$out/libfuzzer-$target.log" | awk '{print $2}')
        total=$((total + ${runs:-0}))
        if [ "$code" -ne 0 ]; then
            status=1
            echo "$target: FOUND A CRASH, A SLOW INPUT OR A HANG (exit $code) after ${runs:-?} executions, see $out/libfuzzer-$target.log and fuzz/artifacts/$target/"
        else
            echo "$target: ${runs:-?} executions in $per s, no crash"
        fi
    done
    echo "executions: $total in all; finished $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    exit $status
fi

(cd fuzz && cargo build --release --quiet --target-dir ../target --no-default-features --bin fuzz-stable) || exit 2
driver=target/release/fuzz-stable
seeds=(examples fixtures ../shared/corpus)
end=$(($(date +%s) + minutes * 60))
status=0
while left=$((end - $(date +%s))); [ "$left" -gt 0 ]; do
    # A hang is a finding too: the driver gets 60 s of grace past its deadline.
    timeout $((left + 60)) "$driver" "$left" "$out" "${seeds[@]}" | tee -a "$out/summary.txt"
    code=${PIPESTATUS[0]}
    [ "$code" -eq 0 ] && break
    status=1
    # The newest current-* file is the input that was running when the process died.
    newest=$(ls -t "$out"/current-* | head -1)
    kept="$out/died-$code-$(basename "$newest" | sed 's/^current-//')-$(date +%s)"
    cp "$newest" "$kept"
    echo "PROCESS DIED (exit $code): input kept as $kept" | tee -a "$out/summary.txt"
done
ls "$out" | grep -E '^(crash|slow|died)-' && status=1
exit $status
