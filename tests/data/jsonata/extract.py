#!/usr/bin/env python3
"""Writes cases.json: the expressions of the JSONata reference test suite (jsonata-js v2.2.2,
MIT licence, see LICENSE-jsonata) with the parse outcome each one must have: "ok", or the
S-code of the syntax error. Cases that expect an evaluation error (T, D, U codes) must parse.

Usage: python3 tests/data/jsonata/extract.py /path/to/jsonata-suite > tests/data/jsonata/cases.json
"""
import json
import pathlib
import re
import sys


def cases(root):
    groups = pathlib.Path(root) / "groups"
    for path in sorted(groups.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for n, case in enumerate(data if isinstance(data, list) else [data]):
            if "expr" in case:
                expr = case["expr"]
            else:
                expr = (path.parent / case["expr-file"]).read_text(encoding="utf-8")
            # A lone surrogate cannot be in a Rust string: the two cases that hold one have it
            # inside a string literal, where the escape `\uD800` means the same.
            expr = re.sub("[\ud800-\udfff]", lambda m: "\\u%04X" % ord(m.group()), expr)
            code = case.get("code", "")
            expect = code if code.startswith("S0") else "ok"
            name = f"{path.parent.name}/{path.stem}"
            if isinstance(data, list):
                name += f"#{n}"
            yield {"case": name, "expr": expr, "expect": expect}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/jsonata-suite"
    out = list(cases(root))
    sys.stdout.write("[\n")
    sys.stdout.write(",\n".join(json.dumps(c, ensure_ascii=False) for c in out))
    sys.stdout.write("\n]\n")


if __name__ == "__main__":
    main()
