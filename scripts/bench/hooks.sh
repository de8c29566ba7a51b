#!/usr/bin/env bash
# Hook wall time, measured against baselines in the same run (docs/design.md, "Performance budgets"):
#   - a C++ binary that only starts and exits (the floor for any compiled hook),
#   - a trivial shell-script commit-msg hook,
#   - git-decision's commit-msg on a commit touching no governed path (the fast path, no
#     libgit2; its warm-up runs fill the hook cache through the full hook),
#   - the same as the first hook after a fresh commit: each run gets a new commit whose
#     tree the cache knows only from the previous commit's hooks, as in real use,
#   - git-decision's commit-msg on a governed change with N records (default 10,000).
#   - the same trivial commit-msg hook run by pre-commit (Debian package) and by lefthook
#     (npm; installed into a temporary folder when not on PATH), when they can be had.
# Uses hyperfine when installed (apt-get install hyperfine), else a plain loop.
# Usage: scripts/bench/hooks.sh [build-dir] [records]
set -euo pipefail
. "$(dirname "$0")/common.sh"
records=${2:-10000}

printf 'int main(){return 0;}\n' > "$work/noop.cpp"
c++ -O2 -o "$work/noop" "$work/noop.cpp"
printf '#!/bin/sh\ngrep -q . "$1"\n' > "$work/shell-hook"
chmod +x "$work/shell-hook"

# Baselines under hook managers: each runs `true` as its commit-msg hook.
frameworks=()
if command -v pre-commit >/dev/null; then
  git init -q "$work/pc" && (cd "$work/pc" && cat > .pre-commit-config.yaml <<'YAML'
repos:
- repo: local
  hooks:
  - id: trivial
    name: trivial
    entry: "true"
    language: system
    stages: [commit-msg]
    always_run: true
    pass_filenames: false
YAML
  git add . && pre-commit install --hook-type commit-msg >/dev/null) && frameworks+=(pc)
fi
lefthook=$(command -v lefthook || true)
if [ -z "$lefthook" ] && command -v npm >/dev/null; then
  # --ignore-scripts: lefthook's postinstall would install hooks into the repository around the
  # current directory; the binary comes from an optional dependency and needs no script.
  (mkdir -p "$work/npm" && cd "$work/npm" && npm install --silent --ignore-scripts --prefix "$work/npm" lefthook \
    >/dev/null 2>&1) && lefthook=$work/npm/node_modules/.bin/lefthook
fi
if [ -n "$lefthook" ] && [ -x "$lefthook" ]; then
  git init -q "$work/lh" && (cd "$work/lh" && printf 'commit-msg:\n  commands:\n    trivial:\n      run: "true"\n' > lefthook.yml &&
    "$lefthook" install >/dev/null 2>&1) && frameworks+=(lh)
  export PATH="$(dirname "$lefthook"):$PATH"
fi

repo=$work/repo
git init -q "$repo"
cd "$repo"
mkdir -p decisions models
cat > decisions/policy.toml <<'TOML'
[[rules]]
name = "models"
paths = ["models/**"]
categories = ["MODEL SELECTION"]
signoffs = ["ml-lead"]
[roles]
ml-lead = ["lead@example.com"]
TOML
for i in $(seq 1 "$records"); do
  id=$(printf 'DEC-%04d' "$i")
  cat > "decisions/$id-r.toml" <<TOML
id = "$id"
title = "Decision $i"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-02
[owner]
name = "Bench"
[scope]
paths = ["models/m$i/**"]
TOML
done
echo readme > README.md
git add -A && git commit -qm "records" --no-verify
git commit -q --allow-empty -m "Approve

Decision: DEC-0001
Approved-by: Bench <lead@example.com>" --no-verify
echo change >> README.md && git add README.md
printf 'Touch the README\n' > "$work/msg-plain"
printf 'Update model 1\n\nDecision: DEC-0001\n' > "$work/msg-governed"

run_prepared() { # name, prepare command, command... (hyperfine only)
  command -v hyperfine >/dev/null || return 0
  hyperfine -N --warmup 3 --runs 30 --prepare "$2" --export-json "$work/$1.json" "${@:3}" >/dev/null
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f'{sys.argv[2]:<34} {r[\"mean\"]*1000:8.2f} ms  ± {r[\"stddev\"]*1000:.2f}')" "$work/$1.json" "$1"
}
run() { # name, command...
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs 30 --export-json "$work/$1.json" "${@:2}" >/dev/null
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f'{sys.argv[2]:<34} {r[\"mean\"]*1000:8.2f} ms  ± {r[\"stddev\"]*1000:.2f}')" "$work/$1.json" "$1"
  else
    local start end
    start=$(date +%s%N); for _ in $(seq 30); do "${@:2}" >/dev/null 2>&1 || true; done; end=$(date +%s%N)
    printf '%-34s %8.2f ms\n' "$1" "$(echo "($end - $start) / 30 / 1000000" | bc -l)"
  fi
}
echo "records: $records"
run noop-binary "$work/noop"
run shell-hook "$work/shell-hook $work/msg-plain"
for f in "${frameworks[@]}"; do
  (cd "$work/$f" && run "$([ "$f" = pc ] && echo pre-commit || echo lefthook)-trivial" "$work/$f/.git/hooks/commit-msg $work/msg-plain")
done
run commit-msg-ungoverned "$build/hooks/commit-msg $work/msg-plain"
# Before each run, what `git commit` does around our hooks: stage a change, refresh the
# cache-tree (git write-tree, as git commit does before running pre-commit), run pre-commit
# (which records the new tree in the cache), commit; then stage the next change the same way.
# The measured commit-msg then meets a HEAD it has never seen, found through its loose commit.
cat > "$work/fresh-commit" <<SH
#!/bin/sh
set -e
cd "$repo"
echo change >> README.md && git add README.md && git write-tree >/dev/null
"$build/hooks/pre-commit"
git commit -q --no-verify -m fresh
echo change >> README.md && git add README.md && git write-tree >/dev/null
SH
chmod +x "$work/fresh-commit"
run_prepared commit-msg-after-fresh-commit "$work/fresh-commit" "$build/hooks/commit-msg $work/msg-plain"
GIT_DECISION_TRACE=1 "$build/hooks/commit-msg" "$work/msg-plain" 2>&1 | sed 's/^/(last run: /; s/$/)/'
git reset -q README.md
mkdir -p models/m1 && echo weights > models/m1/model.onnx && git add models
run commit-msg-governed "$build/hooks/commit-msg $work/msg-governed"
"$build/hooks/commit-msg" "$work/msg-governed" && echo "(the governed change is covered: exit 0)"
