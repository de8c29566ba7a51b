#!/usr/bin/env bash
# `check --range` against `git log --name-only --format=%(trailers)` over the same range, in
# the same run (docs/design.md, "Performance budgets": no slower than git log; faster again the
# second time, from the cached results).
#
# Generates with git fast-import (then repacks, as a clone's pack would be) a history of
# COMMITS commits (default 100,000): 10% touch governed paths (models/**) with a Decision:
# trailer and an approval, the rest touch ungoverned files; the first commit holds the
# policy and RECORDS records (default 1,000).
# Uses hyperfine (apt-get install hyperfine).
# Usage: scripts/bench/range.sh [build-dir] [commits] [records]
set -euo pipefail
. "$(dirname "$0")/common.sh"
commits=${2:-100000}
records=${3:-1000}
command -v hyperfine >/dev/null || { echo "range.sh: needs hyperfine" >&2; exit 128; }

repo=$work/repo
git init -q -b main "$repo"
cd "$repo"

python3 - "$commits" "$records" <<'PY' | git fast-import --quiet
import sys
commits, records = int(sys.argv[1]), int(sys.argv[2])
out = sys.stdout.buffer
def data(b):
    out.write(b"data %d\n" % len(b) + b + b"\n")
policy = b'''[records]
dir = "decisions"
id_prefix = "DEC"

[[rules]]
name = "models"
paths = ["models/**"]
categories = ["MODEL SELECTION"]
signoffs = ["ml-lead"]

[roles]
ml-lead = ["lead@example.com"]

[signoffs]
trust = "committer"
'''
record = '''id = "DEC-%04d"
title = "Decision %d"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-01
review_date = 2027-01-15

[owner]
name = "Lead"
email = "lead@example.com"
role = "ML Lead"

[scope]
paths = ["models/m%d/**"]

[decision]
summary = "Ship model %d"
rationale = "Best recall"
'''
t = 1700000000
who = b"Lead <lead@example.com> %d +0000\n"
for i in range(1, commits + 1):
    out.write(b"commit refs/heads/main\nmark :%d\n" % i)
    out.write(b"author " + who % (t + i) + b"committer " + who % (t + i))
    if i == 1:
        data(b"Add the policy and the records\n")
        out.write(b"M 100644 inline decisions/policy.toml\n")
        data(policy)
        for r in range(1, records + 1):
            out.write(b"M 100644 inline decisions/DEC-%04d-r.toml\n" % r)
            data((record % (r, r, r % 50, r)).encode())
        out.write(b"M 100644 inline README.md\n")
        data(b"bench\n")
        continue
    if i % 10 == 0:
        r = (i // 10) % records + 1
        data(b"Retrain model %d\n\nDecision: DEC-%04d\nApproved-by: Lead <lead@example.com>\n"
             % (r % 50, r))
        path = b"models/m%d/model.onnx" % (r % 50)
    else:
        data(b"Change %d\n\nSigned-off-by: Lead <lead@example.com>\n" % i)
        path = b"src/f%d/code.py" % (i % 200)
    out.write(b"from :%d\n" % (i - 1))
    out.write(b"M 100644 inline " + path + b"\n")
    data(b"version %d\n" % i)
PY
git checkout -q main
# fast-import's pack deltifies each tree against its previous version; a clone (what CI
# checks) gets a pack made by git pack-objects, as this repack makes it.
git repack -adfq
first=$(git rev-list --max-parents=0 HEAD)
range="$first..main"
echo "history: $(git rev-list --count "$range") commits in $range, $records records"

# One check first, to see it works (exit 0: every governed commit is covered).
set +e
git decision check --range "$range" > "$work/check.txt"
code=$?
set -e
tail -n 1 "$work/check.txt"
[ "$code" -le 1 ] || { echo "check --range failed ($code)" >&2; exit "$code"; }

# One --prepare per command, in order: only the first-run case starts without the cache.
hyperfine --warmup 1 --runs "${RUNS:-3}" -i --export-json "$work/h.json" \
  --prepare true --prepare "rm -rf $repo/.git/decision-cache" --prepare true \
  -n 'git log' "git log --name-only '--format=%(trailers)' $range" \
  -n 'check --range (first run)' "git decision check --range $range" \
  -n 'check --range (second run)' "git decision check --range $range" >&2

python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
log = r["git log"]
first = r["check --range (first run)"]
second = r["check --range (second run)"]
print(f"git log --name-only --format=%(trailers): {log:.3f} s")
print(f"check --range, first run:  {first:.3f} s  ({first / log:.2f}x git log)")
print(f"check --range, second run: {second:.3f} s  ({second / log:.2f}x git log, "
      f"{first / second:.1f}x faster than the first)")
PY
