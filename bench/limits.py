#!/usr/bin/env python3
"""Runs asl-lint on adversarial inputs, one per limit (issue 8, item 4), and prints what it
reported, the wall time and the peak memory (max RSS from /usr/bin/time -v) of each run.

Usage: bench/limits.sh   (builds the release binary, writes the inputs to bench/out/limits/)
"""
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "asl-lint")
OUT = os.path.join(ROOT, "bench", "out", "limits")


def write(name, text):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def machine(states):
    return json.dumps({"StartAt": next(iter(states)), "States": states})


def inputs():
    """(case, what asl-lint must report, arguments) for every limit."""
    cases = []
    big = os.path.join(OUT, "100mb.json")
    with open(big, "wb") as f:
        f.truncate(100 * 1024 * 1024)
    cases.append(("file of 100 MiB (file size: 16 MiB)", "the file is 100.0 MiB", ["check", big]))
    values = 7_500_000
    cases.append((
        f"Pass Result of {values:,} numbers, 15 MB (values: 1,048,576)",
        "too-many-values",
        ["check", write("values.json", '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true,"Result":['
                        + ",".join(["1"] * values) + "]}}}")],
    ))
    succeed = 520_000
    cases.append((
        f"{succeed:,} Succeed states, 15 MB (states: 50,000)",
        "too-many-states",
        ["check", write("states.json", '{"StartAt":"a1","States":{'
                        + ",".join('"a%d":{"Type":"Succeed"}' % i for i in range(1, succeed + 1)) + "}}")],
    ))
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), "50000", OUT],
                   check=True, stdout=subprocess.DEVNULL)
    cases.append(("50,000 generated states, 14.5 MB (just under the state limit)", "definition-too-large",
                  ["check", os.path.join(OUT, "gen-50000.asl.json")]))
    cases.append(("23,200 states x 23,200 variables (variable analysis: 2^29 pairs)", "variable-analysis-limit",
                  ["check", os.path.join(ROOT, "fixtures", "rules", "variable-analysis-limit",
                                         "bad-too-many-variables.json")]))
    cases.append(("10,000 undefined variable reads, 1,999 variables (suggestions: 1,000,000 comparisons)",
                  "undefined-variable",
                  ["check", os.path.join(ROOT, "fixtures", "fuzz", "check_json",
                                         "parameters-reading-thousands-of-undefined-variables")]))
    # Shapes that once made a rule compare every item with every earlier one.
    parts = [{"Variable": "$.x", "NumericGreaterThan": i} for i in range(90_000)]
    cases.append(("an And of 90,000 comparisons (100,000 was 45 s)", "definition-too-large",
                  ["check", write("and.json", machine({
                      "C": {"Type": "Choice", "Choices": [{"And": parts, "Next": "D"}], "Default": "D"},
                      "D": {"Type": "Succeed"}}))]))
    rules = [{"Variable": "$.x", "NumericEquals": i, "Next": "D"} for i in range(40_000)]
    cases.append(("a Choice of 40,000 rules (was 1.3 s)", "definition-too-large",
                  ["check", write("choices.json", machine({
                      "C": {"Type": "Choice", "Choices": rules, "Default": "D"}, "D": {"Type": "Succeed"}}))]))
    handlers = 20_000
    cases.append((f"{handlers:,} Retriers and {handlers:,} Catchers (was 4.1 s)", "definition-too-large",
                  ["check", write("handlers.json", machine({
                      "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Parameters": {"FunctionName": "f"}, "End": True,
                            "Retry": [{"ErrorEquals": [f"E{i}"]} for i in range(handlers)],
                            "Catch": [{"ErrorEquals": [f"E{i}"], "Next": "D"} for i in range(handlers)]},
                      "D": {"Type": "Succeed"}}))]))
    nots = 4_000
    text = '{"Next":"D","Not":' + '{"Not":' * 249 + '{"Variable":"$.x","IsPresent":true}' + "}" * 250
    cases.append((f"{nots:,} Choice rules each a Not nested 250 deep, 9 MB (Choice rules: 100,000)",
                  "too-many-choice-rules",
                  ["check", write("nots.json", '{"StartAt":"C","States":{"C":{"Type":"Choice","Default":"D","Choices":['
                                  + ",".join([text] * nots) + ']},"D":{"Type":"Succeed"}}}')]))
    machines = 3_000
    resources = {f"M{i}": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"Definition": {
        "StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}}} for i in range(machines)}
    cases.append((f"a template of {machines:,} state machines (was 2.95 s, 916 MB)", None,
                  ["check", write("template.json", json.dumps(
                      {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}))]))
    depth = 1_000_000
    cases.append((f"arrays nested {depth:,} deep (nesting: 256)", "nesting-too-deep",
                  ["check", write("deep.json", "[" * depth + "]" * depth)]))
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        bomb.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    bomb.append("StartAt: A\nStates: {A: {Type: Pass, End: true, Result: *a9}}")
    cases.append(("YAML alias bomb, 10^10 nodes (aliases: 100,000 nodes)", "yaml-alias-limit",
                  ["check", write("bomb.asl.yaml", "\n".join(bomb) + "\n")]))
    jsonata = lambda expr: machine({"P": {"Type": "Pass", "Output": expr, "End": True}}).replace(
        '{"StartAt"', '{"QueryLanguage":"JSONata","StartAt"', 1)
    cases.append(("simulate: JSONata range of 10,000,000 items (sequences: 1,000,000)", "D2015",
                  ["simulate", write("range.asl.json", jsonata("{% $count([1..10000000]) %}")), "--format", "json"]))
    cases.append(("simulate: JSONata endless recursion (time: 1 s)", "D1012",
                  ["simulate", write("loop.asl.json",
                                     jsonata("{% ($f := function($n){ $n > 0 ? $f($n - 1) + $f($n - 1) : 0 }; $f(40)) %}")),
                   "--format", "json"]))
    cases.append(("simulate: state output of 400 KB (payload: 256 KiB)", "States.DataLimitExceeded",
                  ["simulate", write("payload.asl.json", jsonata("{% [1..100000] %}")), "--format", "json"]))
    items = write("items.json", json.dumps([0] * 100_000))
    inline_map = machine({"M": {"Type": "Map", "End": True, "ItemProcessor": {
        "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": True}}}}})
    cases.append(("simulate: Map over 100,000 items (history: 25,000 events)", "asl-lint.MaxEventsExceeded",
                  ["simulate", write("map.asl.json", inline_map), "--input", "@" + items, "--format", "json"]))
    cases.append(("simulate: Pass/Choice loop without end (history: 25,000 events)", "asl-lint.MaxEventsExceeded",
                  ["simulate", write("forever.asl.json", machine({
                      "A": {"Type": "Pass", "Next": "B"},
                      "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": False, "Next": "A"}],
                            "Default": "Done"},
                      "Done": {"Type": "Succeed"}})), "--format", "json"]))
    return cases


def outcome(expect, stdout, stderr, code):
    """`expect` when asl-lint reported it (a rule name, an error name, a JSONata code or a
    message; `None`: no findings); else what it reported first, marked as unexpected."""
    text = stdout + stderr
    if expect is None and code == 0:
        return "no findings"
    if expect is not None and expect in text:
        return expect
    found = re.search(r"\b(error|warning)\[([a-z0-9-]+)\]", text) or re.search(r'"error": "([^"]+)"()', text)
    return "UNEXPECTED: " + (found.group(2) or found.group(1) if found else text.strip()[:60])


def main():
    os.makedirs(OUT, exist_ok=True)
    print("| input (limit) | asl-lint reports | exit | wall | peak memory |")
    print("|---|---|---:|---:|---:|")
    for case, expect, args in inputs():
        start = time.monotonic()
        run = subprocess.run(["/usr/bin/time", "-v", BIN, *args, "--format" if args[0] == "check" else "--seed",
                              "concise" if args[0] == "check" else "1"],
                             capture_output=True, text=True, errors="replace")
        wall = time.monotonic() - start
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
        memory = f"{int(rss.group(1)) / 1024:.0f} MiB" if rss else "?"
        print(f"| {case} | {outcome(expect, run.stdout, run.stderr, run.returncode)} | {run.returncode} | {wall:.2f} s | {memory} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
