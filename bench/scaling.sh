#!/usr/bin/env bash
# Linearity check (issue 8): instructions executed by `asl-lint check` on generated machines of
# 1,000 and 10,000 states, counted by valgrind's callgrind, which counts the same on a busy or an
# idle machine. Linear growth means a ratio near 10; a quadratic pass shows as a ratio near 100.
# Two shapes: one variable name per block (the `bench/gen.py` default: the variable analysis has
# N/7 variables) and one shared variable name (its cost without the variable count).
# Then the same for the simulator on a Pass/Choice counter loop of 1,000 and 10,000 iterations.
#
# Usage: bench/scaling.sh        (needs valgrind; takes a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || apt-get install -y valgrind >/dev/null
cargo build --release --locked --quiet
out=bench/out/scaling
mkdir -p "$out"

instructions() { # the total instruction count of one command
    valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$@" >/dev/null 2>"$out/valgrind.log" || true
    grep -m1 '^summary:' "$out/callgrind.out" | awk '{print $2}'
}

row() { # label, command for 1k (with N), command for 10k
    local small large
    small=$(instructions "${@:2:$(($# / 2))}")
    large=$(instructions "${@:$(($# / 2 + 2))}")
    awk -v l="$1" -v s="$small" -v b="$large" \
        'BEGIN { printf "| %s | %\047.0f | %\047.0f | %.1f |\n", l, s, b, b / s }'
}

for n in 1000 10000; do
    python3 bench/gen.py "$n" "$out" >/dev/null
    python3 bench/gen.py "$n" "$out" --variables 1 >/dev/null
    python3 - "$n" "$out/loop-$n.asl.json" <<'PY'
import json, sys
n = int(sys.argv[1])
json.dump({"StartAt": "Increment", "States": {
    "Increment": {"Type": "Pass", "Parameters": {"count.$": "States.MathAdd($.count, 1)"}, "Next": "More?"},
    "More?": {"Type": "Choice", "Choices": [{"Variable": "$.count", "NumericLessThan": n, "Next": "Increment"}], "Default": "Done"},
    "Done": {"Type": "Succeed"}}}, open(sys.argv[2], "w"))
PY
done

bin=target/release/asl-lint
echo "Instructions counted by callgrind (valgrind $(valgrind --version | sed 's/valgrind-//')); ratio = 10k / 1k, linear = 10."
echo
echo "| run | 1k | 10k | ratio |"
echo "|---|---:|---:|---:|"
row "check, one variable per block" \
    "$bin" check "$out/gen-1000.asl.json" \
    "$bin" check "$out/gen-10000.asl.json"
row "check, one shared variable" \
    "$bin" check "$out/gen-1000-1var.asl.json" \
    "$bin" check "$out/gen-10000-1var.asl.json"
row "simulate, Pass/Choice loop (iterations)" \
    "$bin" simulate "$out/loop-1000.asl.json" --input '{"count":0}' --format json --max-events 100000000 --seed 1 \
    "$bin" simulate "$out/loop-10000.asl.json" --input '{"count":0}' --format json --max-events 100000000 --seed 1
