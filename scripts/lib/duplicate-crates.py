#!/usr/bin/env python3
"""Reads `cargo deny --format json check bans` on stdin and lists each crate found in more than
one version on one line, every version with the crates that depend on it directly (deny.toml
explains why each remains). Any other finding of the check is printed as it is; an error exits 1.

Usage: cargo deny --format json … check bans 2>&1 | duplicate-crates.py LABEL
"""
import json
import sys


def main():
    label = sys.argv[1]
    duplicates, others, failed = [], [], False
    for line in sys.stdin:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            others.append(line.rstrip())  # cargo-deny's own errors come as text
            failed = True
            continue
        if record.get("type") != "diagnostic":
            continue
        fields = record["fields"]
        failed |= fields["severity"] == "error"
        if fields["code"] != "duplicate":
            spans = ", ".join(mark["span"] for mark in fields.get("labels", []))
            others.append(f"  {fields['severity']}[{fields['code']}]: {fields['message']} ({spans})")
            continue
        versions = []
        for graph in fields["graphs"]:
            dependents = sorted({parent["Krate"]["name"] for parent in graph.get("parents", [])})
            versions.append(f"{graph['Krate']['version']} ({', '.join(dependents)})")
        duplicates.append(f"  {fields['graphs'][0]['Krate']['name']} " + ", ".join(versions))

    print(f"{label}: {len(duplicates)} crates in more than one version (see deny.toml)")
    print("\n".join(duplicates + others))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
