#!/usr/bin/env bash
# Trailer parsing on huge and degenerate commit messages, measured against git in the same
# run (what tests/unit/trailer/trailer_test.cpp's HugeMessages and ManyContinuationLines
# feed the parser; the tests check the answers, this checks that the time stays linear):
#   block     a 200,000-line trailer block (8 MB)
#   blank     10 MB of blank lines
#   line      one 10 MB line
#   comment   a 5 MB comment line
#   cont      one trailer with 1,000,000 continuation lines
# Each shape is one commit; hyperfine times `git log -1 --format=%(trailers)` and
# `git decision trailers` on it and the ratios against git are printed.
# Usage: scripts/bench/huge_messages.sh [build-dir] [runs]
set -euo pipefail
. "$(dirname "$0")/common.sh"
runs=${2:-5}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

git init -q "$work/repo"
cd "$work/repo"
tree=$(git mktree </dev/null)
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
block = "".join(f"Key-{i % 10}: {'v' * 30}\n" for i in range(200_000))
shapes = {
    "block": "T\n\n" + block,
    "blank": "T\n\n" + "\n" * 10_000_000,
    "line": "T\n\n" + "x" * 10_000_000,
    "comment": "T\n\n" + "#" * 5_000_000 + "\n",
    "cont": "T\n\nKey: a\n" + " b\n" * 1_000_000,
}
for name, text in shapes.items():
    with open(f"{work}/{name}.msg", "w") as f:
        f.write(text)
PY
gd=$build/tools/git-decision
args=()
for shape in block blank line comment cont; do
  commit=$(GIT_AUTHOR_DATE='1112354055 +0200' GIT_COMMITTER_DATE='1112354055 +0200' \
    git -c user.name=Bench -c user.email=bench@example.com commit-tree "$tree" -F "$work/$shape.msg")
  args+=(-n "git-$shape" "git log -1 '--format=%(trailers)' $commit"
         -n "gd-$shape" "$gd trailers $commit")
done
hyperfine --warmup 1 --runs "$runs" --export-json "$work/times.json" "${args[@]}"
python3 - "$work/times.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
for shape in ("block", "blank", "line", "comment", "cont"):
    base, ours = r["git-" + shape], r["gd-" + shape]
    print(f"{shape}: {ours:.3f} s, {ours / base:.2f}x git log --format=%(trailers) ({base:.3f} s)")
PY
