#!/usr/bin/env bash
# Fuzzes asl-lint for MINUTES (default 10): `check` on arbitrary bytes as JSON and as YAML, the
# JSONPath, intrinsic and JSONata parsers, and `simulate` on fuzzed definitions (issue 8).
# The targets live in fuzz/ (a cargo-fuzz crate). With a nightly toolchain and cargo-fuzz,
# `cargo +nightly fuzz run TARGET` runs them under libFuzzer; this script runs them on stable
# through fuzz/src/bin/fuzz_stable.rs: random bytes and mutations of the corpus, the examples
# and the fixtures. A process crash (stack overflow, abort) is caught here: its input is kept
# and the driver restarts for the time left. Findings land in bench/out/fuzz/; keep each one,
# once fixed, under fixtures/fuzz/.
#
# Usage: bench/fuzz.sh [MINUTES]
set -uo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
out=bench/out/fuzz
mkdir -p "$out"
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
    stamp=$(date +%s)
    newest=$(ls -t "$out"/current-* | head -1)
    cp "$newest" "$out/died-$code-$(basename "$newest" | sed 's/^current-//')-$stamp"
    echo "PROCESS DIED (exit $code) in $(basename "$newest"): input kept as $out/died-$code-...-$stamp" | tee -a "$out/summary.txt"
done
ls "$out" | grep -E '^(crash|slow|died)-' && status=1
exit $status
