#!/usr/bin/env python3
"""Fails when an `#include "decision/<folder>/..."` reaches up the layers.

The order is the one docs/ARCHITECTURE.md gives under "Layers" (lowest first), read from
its `decision_fast:`, `decision_core:` and `binaries:` lines, so the map and the check
cannot disagree. A folder may include itself and the folders before it; decision_fast's
folders may never include a decision_core folder (the commit-time hooks link only
decision_fast); every folder of src/decision/ must be placed; and decision_fast's folders
must be the ones src/CMakeLists.txt builds into it (given on the command line).

Usage: layers.py <source dir> [<decision_fast folder>...]
"""

import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"decision/([^/"]+)/')
GROUP = re.compile(r"^\s*(decision_fast|decision_core|binaries):\s+(\S.*)$")


def read_layers(architecture):
    groups = {}
    for line in architecture.read_text(encoding="utf-8").splitlines():
        match = GROUP.match(line)
        if match:
            groups[match.group(1)] = match.group(2).split()
    missing = [g for g in ("decision_fast", "decision_core", "binaries") if g not in groups]
    if missing:
        sys.exit(f"{architecture}: no '{missing[0]}:' line under Layers")
    return groups


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = pathlib.Path(sys.argv[1])
    groups = read_layers(root / "docs" / "ARCHITECTURE.md")
    order = groups["decision_fast"] + groups["decision_core"] + groups["binaries"]
    rank = {folder: i for i, folder in enumerate(order)}
    fast = set(groups["decision_fast"])
    problems = []

    cmake_fast = sys.argv[2:]
    if cmake_fast and set(cmake_fast) != fast:
        problems.append(
            f"src/CMakeLists.txt builds decision_fast from {' '.join(cmake_fast)}, "
            f"docs/ARCHITECTURE.md says {' '.join(groups['decision_fast'])}")

    decision = root / "src" / "decision"
    for folder in sorted(p.name for p in decision.iterdir() if p.is_dir()):
        if folder not in rank:
            problems.append(f"src/decision/{folder}/ has no place in docs/ARCHITECTURE.md's Layers")

    sources = [(p, p.relative_to(decision).parts[0]) for p in decision.rglob("*")
               if p.suffix in (".cpp", ".hpp") and len(p.relative_to(decision).parts) > 1]
    for top in ("tools", "hooks"):
        sources += [(p, top) for p in (root / top).rglob("*") if p.suffix in (".cpp", ".hpp")]

    for path, folder in sorted(sources):
        if folder not in rank:
            continue  # reported above
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            included = match.group(1)
            where = f"{path.relative_to(root)}:{number}"
            if included not in rank:
                problems.append(f"{where}: includes decision/{included}/, which has no layer")
            elif folder in fast and included not in fast:
                problems.append(f"{where}: {folder}/ is in decision_fast but includes "
                                f"{included}/ of decision_core")
            elif rank[included] > rank[folder]:
                problems.append(f"{where}: {folder}/ includes {included}/, a higher layer")

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{len(sources)} files keep the layers: {' < '.join(order)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
