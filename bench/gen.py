#!/usr/bin/env python3
"""Writes a generated state machine of exactly N states (JSON) to stdout, or to DIR/gen-N.asl.json.

Usage: gen.py N [DIR] [--variables K]   (K: how many distinct variable names; default one per block)

The same shape as `benches/support/gen.rs` (keep them in step): a chain of blocks, each a Task
with Assign, Retry and Catch, a Choice on the assigned variable, a Parallel of two branches and
a Map over an array, so every pass (graph, variables, rules) has work; Pass states fill up to N,
then `Done` (Succeed) and `Failed` (Fail). N counts every state, nested ones included.
"""
import json
import os
import sys

BLOCK = 7  # states per block, nested ones included


def block(i, next_name, variables=None):
    var = f"ok{i % variables}" if variables else f"ok{i}"
    pass_state = {"Type": "Pass", "End": True}
    return {
        f"Task {i}": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {
                "FunctionName": "arn:aws:lambda:eu-west-1:123456789012:function:step",
                "Payload.$": "$",
            },
            "ResultSelector": {"ok.$": "$.Payload.ok"},
            "ResultPath": "$.result",
            "Assign": {f"{var}.$": "$.result.ok"},
            "TimeoutSeconds": 30,
            "Retry": [
                {
                    "ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
                    "IntervalSeconds": 1,
                    "MaxAttempts": 3,
                    "BackoffRate": 2,
                }
            ],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
            "Next": f"Choice {i}",
        },
        f"Choice {i}": {
            "Type": "Choice",
            "Choices": [{"Variable": f"${var}", "BooleanEquals": True, "Next": f"Parallel {i}"}],
            "Default": "Failed",
        },
        f"Parallel {i}": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": f"Left {i}", "States": {f"Left {i}": pass_state}},
                {"StartAt": f"Right {i}", "States": {f"Right {i}": pass_state}},
            ],
            "ResultPath": "$.branches",
            "Next": f"Map {i}",
        },
        f"Map {i}": {
            "Type": "Map",
            "ItemsPath": "$.items",
            "MaxConcurrency": 10,
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": f"Item {i}",
                "States": {f"Item {i}": pass_state},
            },
            "ResultPath": "$.mapped",
            "Next": next_name,
        },
    }


def machine(n, variables=None):
    if n < 3:
        raise SystemExit("N must be at least 3")
    blocks = (n - 2) // BLOCK
    fill = n - 2 - blocks * BLOCK
    names = [f"Task {i}" for i in range(blocks)] + [f"Pass {i}" for i in range(fill)] + ["Done"]
    states = {}
    for i in range(blocks):
        states.update(block(i, names[i + 1], variables))
    for j in range(fill):
        states[f"Pass {j}"] = {"Type": "Pass", "Next": names[blocks + j + 1]}
    states["Done"] = {"Type": "Succeed"}
    states["Failed"] = {"Type": "Fail", "Error": "Step.Failed", "Cause": "a step failed"}
    return {"Comment": f"generated: {n} states", "StartAt": names[0], "States": states}


def main():
    args = sys.argv[1:]
    variables = None
    if "--variables" in args:
        at = args.index("--variables")
        variables = int(args[at + 1])
        del args[at : at + 2]
    n = int(args[0])
    text = json.dumps(machine(n, variables), indent=2) + "\n"
    if len(args) > 1:
        suffix = f"-{variables}var" if variables else ""
        path = os.path.join(args[1], f"gen-{n}{suffix}.asl.json")
        with open(path, "w") as f:
            f.write(text)
        print(path)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
