#!/usr/bin/env bash
# `git decision export` of a 1,000-record log in each format, against `git log` over the
# same history in the same run (a reader's baseline: the export walks that history once for
# links and once, or from the cache, for approvals).
#
# Generates with git fast-import a history of COMMITS commits (default 10,000): the first
# holds the policy and RECORDS records (default 1,000; every tenth superseded by the next,
# each with options, guardrails and links), every fifth commit after it links a decision by
# a Decision: trailer with an approval and a Model-Version, the rest link nothing.
# Prints the time of each format and the size of what it wrote (the HTML page, the MADR
# folder). Uses hyperfine (apt-get install hyperfine).
# Usage: scripts/bench/export.sh [build-dir] [commits] [records]
set -euo pipefail
. "$(dirname "$0")/common.sh"
commits=${2:-10000}
records=${3:-1000}
command -v hyperfine >/dev/null || { echo "export.sh: needs hyperfine" >&2; exit 128; }

repo=$work/repo
git init -q -b main "$repo"
cd "$repo"

python3 - "$commits" "$records" <<'PY' | git fast-import --quiet
import sys
commits, records = int(sys.argv[1]), int(sys.argv[2])
out = sys.stdout.buffer
def data(b):
    out.write(b"data %d\n" % len(b) + b + b"\n")
policy = b'''[[rules]]
name = "models"
paths = ["models/**"]
categories = ["MODEL SELECTION"]
signoffs = ["ml-lead"]

[roles]
ml-lead = ["lead@example.com"]
'''
record = '''id = "DEC-%(n)04d"
title = "Decision %(n)d: <model> & its *threshold*"
category = "MODEL SELECTION"
status = "%(status)s"
date = 2026-11-01
review_date = 2027-01-15
tags = ["bench", "t%(tag)d"]
%(supersedes)s
[owner]
name = "Lead"
email = "lead@example.com"
role = "ML Lead"

[scope]
paths = ["models/m%(model)d/**"]
models = ["m%(model)d"]

[[models]]
name = "m%(model)d"
version = "1.%(n)d.0"

[problem]
statement = "Recall fell on segment %(n)d while precision held."
trigger = "performance regression"
constraints = ["p95 latency under 50 ms"]

[[problem.baseline]]
metric = "recall"
value = 0.71
source = "https://dashboards.example.com/m%(model)d"

[[options]]
name = "Gradient-boosted trees"
chosen = true
metrics = { recall = 0.86, precision = 0.62 }

[[options]]
name = "Two-tower network"
rejected_because = "Needs GPU inference"
metrics = { recall = 0.88, precision = 0.60 }

[decision]
summary = "Ship the GBT model"
rationale = "Best recall within the latency budget"
tradeoffs = ["More manual reviews"]
priorities = { performance = 0.5, latency = 0.3, cost = 0.2 }

[[guardrails]]
metric = "recall"
op = "<"
value = 0.80

[[stakeholders]]
name = "Compliance"
stance = "approve"

[[links]]
kind = "mlflow-run"
url = "runs:/%(n)032x"
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
        for n in range(1, records + 1):
            superseded = n % 10 == 1 and n < records
            fields = {"n": n, "model": n % 50, "tag": n % 7,
                      "status": "superseded" if superseded else "accepted",
                      "supersedes": 'supersedes = ["DEC-%04d"]\n' % (n - 1) if n % 10 == 2 else ""}
            out.write(b"M 100644 inline decisions/DEC-%04d-r.toml\n" % n)
            data((record % fields).encode())
        continue
    if i % 5 == 0:
        n = (i // 5) % records + 1
        data(b"Retrain model %d\n\nDecision: DEC-%04d\nApproved-by: Lead <lead@example.com>\n"
             b"Model-Version: m%d@1.%d.0\n" % (n % 50, n, n % 50, n))
        path = b"models/m%d/model.onnx" % (n % 50)
    else:
        data(b"Change %d\n" % i)
        path = b"src/f%d/code.py" % (i % 200)
    out.write(b"from :%d\n" % (i - 1))
    out.write(b"M 100644 inline " + path + b"\n")
    data(b"version %d\n" % i)
PY
git checkout -q main
git repack -adfq
echo "history: $(git rev-list --count HEAD) commits, $records records"

# Each format once first, to see it works and to measure what it writes.
git decision export --format json -o "$work/log.json"
git decision export --format madr -o "$work/madr"
git decision export --format html -o "$work/log.html"
echo "json: $(stat -c %s "$work/log.json") bytes, $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['records']), 'records,', len(d['links']), 'linked commits')" "$work/log.json")"
echo "madr: $(ls "$work/madr" | wc -l) files, $(du -sb "$work/madr" | cut -f1) bytes"
echo "html: $(stat -c %s "$work/log.html") bytes"

hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json "$work/h.json" \
  -n 'git log' "git log '--format=%H %an %s%n%(trailers)' HEAD" \
  -n 'export json' "git decision export --format json -o $work/log.json" \
  -n 'export madr' "git decision export --format madr -o $work/madr" \
  -n 'export html' "git decision export --format html -o $work/log.html" >&2

# Wall-clock means, and CPU time (user + system), which a loaded machine does not inflate.
python3 - "$work/h.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
wall = {x["command"]: x["mean"] for x in results}
cpu = {x["command"]: x["user"] + x["system"] for x in results}
print(f"git log --format=%(trailers): {wall['git log']:.3f} s wall, {cpu['git log']:.3f} s CPU")
for name in ("export json", "export madr", "export html"):
    print(f"{name}: {wall[name]:.3f} s wall ({wall[name] / wall['git log']:.1f}x git log), "
          f"{cpu[name]:.3f} s CPU ({cpu[name] / cpu['git log']:.1f}x git log)")
PY
