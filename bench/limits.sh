#!/usr/bin/env bash
# Runs asl-lint on one adversarial input per limit (file size, values, states, variable
# analysis, nesting, YAML aliases, JSONata sequences and time, payloads, history length) and
# prints a Markdown table of what it reported, its exit code, wall time and peak memory.
#
# Usage: bench/limits.sh        (about a minute; writes its inputs to bench/out/limits/)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    (apt-get install -y time >/dev/null 2>&1 || true)
fi
cargo build --release --locked --quiet
exec python3 bench/limits.py
