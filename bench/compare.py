#!/usr/bin/env python3
"""The driver of bench/compare.sh: sorts the corpus, generates machines, times every command
and prints the table. Run it through compare.sh, which installs the peers and builds asl-lint.
"""
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import classify
import gen

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(ROOT, "bench", ".peers")
OUT = os.path.join(ROOT, "bench", "out")
ASL_LINT = os.path.join(ROOT, "target", "release", "asl-lint")
ASL_VALIDATOR = os.path.join(PEERS, "npm", "node_modules", ".bin", "asl-validator")
CFN_LINT = os.path.join(PEERS, "venv", "bin", "cfn-lint")
CORPUS = os.environ.get("CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
QUICK = "--quick" in sys.argv
SLOW_SECONDS = 3.0  # a command slower than this is timed with fewer runs


def load_average():
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    return f"{os.cpu_count()} cores ({model}), {mem_kb / 1048576:.0f} GiB, {platform.system()} {platform.release()}"


def version(cmd):
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def peak_memory(cmd):
    """(wall seconds, peak RSS in MiB) of one run under /usr/bin/time -v."""
    if not os.path.exists("/usr/bin/time"):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start, None
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *cmd], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return wall, int(found.group(1)) / 1024 if found else None


def python_timer(cmd, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return samples


def hyperfine(cmd, runs, warmup):
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        subprocess.run(
            ["hyperfine", "-N", "-i", "--style", "none", "--warmup", str(warmup),
             "--min-runs", str(runs), "--export-json", export.name, shlex.join(cmd)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(export.name) as f:
            return json.load(f)["results"][0]["times"]


def measure(cmd):
    """{median, runs, mib}: the memory run comes first and tells whether the command is slow."""
    probe, mib = peak_memory(cmd)
    if probe > SLOW_SECONDS:
        samples = [probe] + python_timer(cmd, 0 if QUICK else 2)
    elif shutil.which("hyperfine"):
        samples = hyperfine(cmd, 3 if QUICK else 10, 1 if QUICK else 3)
    else:
        python_timer(cmd, 1 if QUICK else 3)  # warm-up
        samples = python_timer(cmd, 3 if QUICK else 10)
    return {"median": statistics.median(samples), "runs": len(samples), "mib": mib}


def fmt_time(seconds):
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_mib(mib):
    return "?" if mib is None else f"{mib:.0f} MiB"


def validator_args(paths):
    args = []
    for path in paths:
        args += ["--json-path" if path.endswith(".json") else "--yaml-path", path]
    return args


def main():
    os.makedirs(OUT, exist_ok=True)
    definitions, templates = [], []
    for kind, path in classify.classify(CORPUS):
        (definitions if kind == "definition" else templates).append(path)
    generated = {}
    for n in (10, 100, 1000, 10000):
        path = os.path.join(OUT, f"gen-{n}.asl.json")
        with open(path, "w") as f:
            json.dump(gen.machine(n), f, indent=2)
        generated[n] = path
    one_definition = os.path.join(ROOT, "examples", "order-processing.asl.json")
    one_template = next(p for p in templates if "long-lived-transactions" in p)

    # (case, files, asl-lint command, [(peer, command)])
    cases = [
        (f"corpus: whole directory ({len(definitions) + len(templates)}+ files)", [ASL_LINT, "check", CORPUS], []),
        (f"corpus: {len(definitions)} definitions", [ASL_LINT, "check", *definitions],
         [("asl-validator", [ASL_VALIDATOR, *validator_args(definitions)])]),
        (f"corpus: {len(templates)} templates", [ASL_LINT, "check", *templates],
         [("cfn-lint", [CFN_LINT, *templates])]),
        ("one definition (pre-commit)", [ASL_LINT, "check", one_definition],
         [("asl-validator", [ASL_VALIDATOR, *validator_args([one_definition])])]),
        ("one template (pre-commit)", [ASL_LINT, "check", one_template],
         [("cfn-lint", [CFN_LINT, one_template])]),
        ("process start-up only (`--version`)", [ASL_LINT, "--version"], []),
    ] + [
        (f"generated: {n:,} states", [ASL_LINT, "check", path],
         [("asl-validator", [ASL_VALIDATOR, *validator_args([path])])])
        for n, path in generated.items()
    ]

    before = load_average()
    started = time.time()
    rows = []
    for case, ours, peers in cases:
        print(f"timing: {case}", file=sys.stderr)
        mine = measure(ours)
        row = [case, f"{fmt_time(mine['median'])} ({fmt_mib(mine['mib'])})"]
        for name in ("asl-validator", "cfn-lint"):
            command = dict(peers).get(name)
            if command is None:
                row += ["", ""]
                continue
            theirs = measure(command)
            row += [f"{fmt_time(theirs['median'])} ({fmt_mib(theirs['mib'])})",
                    f"{theirs['median'] / mine['median']:.0f}x"]
        rows.append(row)
    after = load_average()

    timer = "hyperfine (median of >= 10 runs after warm-up)" if shutil.which("hyperfine") else "a Python timer (median of 10 runs after warm-up)"
    print(f"Machine: {machine()}; load average (1/5/15 min) {before} before, {after} after; "
          f"{time.strftime('%Y-%m-%d', time.gmtime(started))}, {time.time() - started:.0f} s in all.")
    print(f"{version([ASL_LINT, '--version'])}; asl-validator {version([ASL_VALIDATOR, '--version'])}; "
          f"{version([CFN_LINT, '--version'])}; node {version(['node', '--version'])}.")
    print(f"Timer: {timer}; commands slower than {SLOW_SECONDS:.0f} s: median of 3 runs"
          f"{' (--quick: 1 run)' if QUICK else ''}. Peak memory (max RSS) from one run under /usr/bin/time -v.")
    print()
    print("| case | asl-lint (peak memory) | asl-validator | asl-lint faster by | cfn-lint | asl-lint faster by |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
