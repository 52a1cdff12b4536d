#!/usr/bin/env python3
"""Writes eval-cases.json and datasets.json: the evaluation cases of the JSONata reference test
suite (jsonata-js v2.2.2, MIT licence, see LICENSE-jsonata), one object per case with its
expression, input (`data`, or the name of a `dataset`, or neither for undefined), `bindings`,
`timelimit` and `depth` where given, and one outcome: `result`, `undefinedResult` or the
expected error `code`. Cases that expect a syntax error (S0 codes) are left to cases.json.

Usage: python3 tests/data/jsonata/extract_eval.py /path/to/jsonata-suite tests/data/jsonata
"""
import json
import pathlib
import re
import sys

KEEP = ("data", "dataset", "bindings", "timelimit", "depth", "result", "undefinedResult", "unordered")


def lone_surrogate(text):
    return re.search("[\ud800-\udfff]", text) is not None


def cases(root):
    groups = pathlib.Path(root) / "groups"
    for path in sorted(groups.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for n, case in enumerate(data if isinstance(data, list) else [data]):
            if "expr" in case:
                expr = case["expr"]
            else:
                expr = (path.parent / case["expr-file"]).read_text(encoding="utf-8")
            code = case.get("code") or case.get("error", {}).get("code", "")
            if code.startswith("S0"):
                continue
            # As in extract.py: a lone surrogate cannot be in a Rust string.
            expr = re.sub("[\ud800-\udfff]", lambda m: "\\u%04X" % ord(m.group()), expr)
            name = f"{path.parent.name}/{path.stem}"
            if isinstance(data, list):
                name += f"#{n}"
            out = {"case": name, "expr": expr}
            out.update({k: case[k] for k in KEEP if k in case})
            if code:
                out["code"] = code
            if lone_surrogate(json.dumps(out, ensure_ascii=False)):
                continue
            yield out


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/jsonata-suite")
    dest = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "tests/data/jsonata")
    out = list(cases(root))
    text = "[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in out) + "\n]\n"
    (dest / "eval-cases.json").write_text(text, encoding="utf-8")
    datasets = {p.stem: json.loads(p.read_text(encoding="utf-8"))
                for p in sorted((root / "datasets").glob("*.json"))}
    text = json.dumps(datasets, ensure_ascii=False, separators=(",", ":"))
    (dest / "datasets.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
