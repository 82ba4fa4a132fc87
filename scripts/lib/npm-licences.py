#!/usr/bin/env python3
"""Checks the licence of every npm package in end2end/package-lock.json against the allow-list
in deny.toml ([licenses] allow, the one the crates are checked against), offline: a v3 lock file
carries each package's licence. Names every package refused and the chain of dependencies from
end2end/package.json that pulls it in. Exits 1 if any is refused.

Usage: npm-licences.py DENY_TOML PACKAGE_LOCK
"""
import json
import re
import sys
import tomllib
from collections import Counter, deque

# Packages whose lock entry has no licence, as established by hand: name@version -> (SPDX, how).
# A new version is checked again.
CLARIFIED = {
    "xmlhttprequest-ssl@2.1.2": (
        "MIT",
        "its package.json gives MIT in the old `licenses` array, which npm does not copy; LICENSE is MIT",
    ),
}


def allowed(expression, allow):
    """Whether an SPDX expression is satisfied by licences on the list (OR: one side; AND: both)."""
    tokens = re.findall(r"\(|\)|[^\s()]+", expression)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def licence():
        token = take()
        if token == "(":
            value = either()
            if take() != ")":
                raise ValueError("unbalanced parentheses")
            return value
        if token in ("AND", "OR", "WITH", ")"):
            raise ValueError(f"unexpected {token}")
        if peek() == "WITH":
            take()
            # An exception only adds permissions, so the licence it qualifies decides.
            take()
        # `X+` is X or any later version: X itself will do.
        return token in allow or token.rstrip("+") in allow

    def joined(operator, operand, combine):
        value = operand()
        while peek() == operator:
            take()
            value = combine(operand(), value)  # the operand is read even when it cannot matter
        return value

    def both():
        return joined("AND", licence, lambda a, b: a and b)

    def either():
        return joined("OR", both, lambda a, b: a or b)

    try:
        value = either()
        if pos != len(tokens):
            raise ValueError("trailing tokens")
        return value
    except (IndexError, ValueError):
        return False  # not an SPDX expression ("SEE LICENSE IN …"): a person must look


def resolve(packages, location, name):
    """Where Node finds `name` required from the package at `location` (nearest node_modules up)."""
    while True:
        candidate = f"{location}/node_modules/{name}" if location else f"node_modules/{name}"
        if candidate in packages:
            return candidate
        if not location:
            return None
        location = location.rsplit("/node_modules/", 1)[0] if "/node_modules/" in location else ""


def chains(packages):
    """The shortest chain of package names from package.json to each installed package."""
    chain = {"": []}
    queue = deque([""])
    while queue:
        location = queue.popleft()
        entry = packages[location]
        # The lock file gives devDependencies for the project alone: only those are installed.
        for kind in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
            for name in entry.get(kind, {}):
                found = resolve(packages, location, name)
                if found is not None and found not in chain:
                    chain[found] = chain[location] + [name]
                    queue.append(found)
    return chain


def main():
    deny_toml, package_lock = sys.argv[1:3]
    with open(deny_toml, "rb") as f:
        allow = set(tomllib.load(f)["licenses"]["allow"])
    with open(package_lock) as f:
        packages = json.load(f)["packages"]
    chain = chains(packages)

    refused = []
    used = Counter()
    for location, entry in sorted(packages.items()):
        if not location or entry.get("link"):
            continue  # the project itself, or a link to a folder of it
        name = location.rsplit("node_modules/", 1)[1]
        spec = f"{name}@{entry.get('version')}"
        licence = entry.get("license") or CLARIFIED.get(spec, (None,))[0]
        if licence and allowed(licence, allow):
            used[licence] += 1
            continue
        via = " > ".join(chain[location]) if location in chain else "(not reached from package.json)"
        refused.append(f"  {spec}: licence {licence or 'not given'}, pulled in by {via}")

    if refused:
        print(f"{package_lock}: licences not on the allow-list in {deny_toml} ([licenses] allow):")
        print("\n".join(refused))
        sys.exit(1)
    summary = ", ".join(f"{licence} {count}" for licence, count in used.most_common())
    print(f"npm licences ok: {sum(used.values())} packages ({summary})")


if __name__ == "__main__":
    main()
