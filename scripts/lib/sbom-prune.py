#!/usr/bin/env python3
"""Keeps in a CycloneDX SBOM from cargo-cyclonedx only the crates that are compiled: those
`cargo tree --prefix none` lists on stdin for the same target and features. cargo-cyclonedx reads
`cargo metadata`, which also lists crates that only a feature we do not enable would bring in
(sqlx's MySQL driver and its `rsa`), and they are not in what we ship. Records the git commit.

Usage: cargo tree --prefix none … | sbom-prune.py SBOM COMMIT
"""
import json
import sys


def main():
    path, commit = sys.argv[1:3]
    # `name vX.Y.Z`, then `(proc-macro)`, `(/path)` or `(*)` for a crate already shown.
    compiled = set()
    for line in sys.stdin:
        name, version = line.split()[:2]
        compiled.add(f"{name}@{version.removeprefix('v')}")

    with open(path) as f:
        bom = json.load(f)
    keep = {c["bom-ref"] for c in bom["components"] if f"{c['name']}@{c['version']}" in compiled}
    left_out = sorted(c["bom-ref"].rsplit("#", 1)[-1] for c in bom["components"] if c["bom-ref"] not in keep)
    root = bom["metadata"]["component"]["bom-ref"]
    keep.add(root)
    bom["components"] = [c for c in bom["components"] if c["bom-ref"] in keep]
    bom["dependencies"] = [
        {**d, "dependsOn": [ref for ref in d.get("dependsOn", []) if ref in keep]}
        for d in bom["dependencies"]
        if d["ref"] in keep
    ]
    bom["metadata"].setdefault("properties", []).append({"name": "ccass-access:git-commit", "value": commit})
    with open(path, "w") as f:
        json.dump(bom, f, indent=2)
        f.write("\n")
    print(f"{path}: {len(bom['components'])} crates; left out, not compiled: {', '.join(left_out) or 'none'}")


if __name__ == "__main__":
    main()
