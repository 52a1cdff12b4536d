#!/usr/bin/env bash
# Times asl-lint beside the tools people use today, on the same files, in one run (issue 8):
# asl-validator (npm) and cfn-lint (PyPI), installed into bench/.peers/ (which this script owns),
# over the real-world corpus (../shared/corpus), a one-file run (a pre-commit hook's cost) and
# generated machines of 10 to 10,000 states. Prints a Markdown table of medians, ratios and peak
# memory, and the machine it ran on.
#
# Usage: bench/compare.sh [--quick]     (--quick: one run of each slow command, fewer of the rest)
# Needs: cargo, node + npm, python3; uses hyperfine when installed (tries apt-get), else a
# Python timer; /usr/bin/time -v for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

PEERS=bench/.peers
ASL_VALIDATOR_VERSION=4.0.0
CFN_LINT_VERSION=1.58.0
mkdir -p "$PEERS"

if [ ! -x "$PEERS/npm/node_modules/.bin/asl-validator" ]; then
    echo "installing asl-validator@$ASL_VALIDATOR_VERSION into $PEERS/npm" >&2
    npm install --prefix "$PEERS/npm" --no-audit --no-fund --silent "asl-validator@$ASL_VALIDATOR_VERSION" >&2
fi
if [ ! -x "$PEERS/venv/bin/cfn-lint" ]; then
    echo "installing cfn-lint==$CFN_LINT_VERSION into $PEERS/venv" >&2
    python3 -m venv "$PEERS/venv"
    "$PEERS/venv/bin/pip" install --quiet "cfn-lint==$CFN_LINT_VERSION" >&2
fi
if ! command -v hyperfine >/dev/null; then
    # Best effort: without it the driver times with its own loop.
    (apt-get install -y hyperfine >/dev/null 2>&1 || true)
fi
if [ ! -x /usr/bin/time ]; then
    (apt-get install -y time >/dev/null 2>&1 || true)
fi

cargo build --release --locked --quiet >&2

# The venv's python has PyYAML (a cfn-lint dependency), which sorting the corpus needs.
exec "$PEERS/venv/bin/python" bench/compare.py "$@"
