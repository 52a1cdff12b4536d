#!/usr/bin/env python3
"""Sorts the corpus files for bench/compare.sh: prints `definition PATH` for each file that
parses as JSON or YAML and whose top level has `StartAt` and `States` (what asl-validator
reads), and `template PATH` for each CloudFormation/SAM template (top level `Resources`, what
cfn-lint reads). Other files (Serverless Framework files, broken fixtures) are left out.

Usage: classify.py DIR  (needs PyYAML: run with the peers' venv python)
"""
import json
import os
import sys

import yaml


class AnyTagLoader(yaml.SafeLoader):
    """Reads CloudFormation's `!Ref`, `!Sub`... as plain values."""


def _any_tag(loader, _suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


AnyTagLoader.add_multi_constructor("!", _any_tag)


def _no_duplicates(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    if len(keys) != len(set(map(repr, keys))):
        raise ValueError("duplicate key")  # asl-validator's YAML parser stops on these
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


AnyTagLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    return yaml.load(text, Loader=AnyTagLoader)


def classify(corpus):
    """Yields (kind, path), kind `definition` or `template`, in a stable order."""
    for top, _dirs, files in sorted(os.walk(corpus)):
        for name in sorted(files):
            if not name.endswith((".json", ".yaml", ".yml")):
                continue
            path = os.path.join(top, name)
            try:
                doc = load(path)
            except Exception:  # noqa: BLE001 - broken fixtures are simply left out
                continue
            if not isinstance(doc, dict):
                continue
            if "StartAt" in doc and "States" in doc:
                yield "definition", path
            elif isinstance(doc.get("Resources"), dict):
                yield "template", path


def main():
    for kind, path in classify(sys.argv[1]):
        print(kind, path)


if __name__ == "__main__":
    main()
