#!/usr/bin/env bash
# The HTML export at scale: a repository with N records (default 1,000; the full
# fraud record under new IDs, every tenth superseding the one before) and M linked commits
# (default 200), then
#   - `export --format json` (the same-run baseline: the document the page embeds),
#   - `export --format html`: time, size, gzipped size (what GitHub Pages serves),
#   - with Chromium on PATH: how long the page takes to load and render every record, and
#     to narrow the list after a search is typed (the DevTools driver of tests/html/).
# Uses hyperfine when installed, else the best of five runs.
# Usage: scripts/bench/export_html.sh [build-dir] [records] [commits]
set -euo pipefail
. "$(dirname "$0")/common.sh"
records=${2:-1000}
commits=${3:-200}
bin=$build/tools/git-decision

repo=$work/repo
git init -q -b main "$repo"
cd "$repo"
mkdir -p decisions
template=$root/schema/examples/valid/design-example.toml
for i in $(seq 1 "$records"); do
  id=$(printf 'DEC-%04d' "$i")
  supersedes='[]'
  if [ $((i % 10)) -eq 0 ]; then
    supersedes=$(printf '["DEC-%04d"]' $((i - 1)))
  fi
  sed -e "s/^id = .*/id = \"$id\"/" \
      -e "s/^title = \"\(.*\)\"/title = \"\1 (variant $i)\"/" \
      -e "s/^supersedes = .*/supersedes = $supersedes/" "$template" > "decisions/$id-r.toml"
done
git add decisions && git commit -q -m "Records"
# Linked commits through fast-import: one commit each, a Decision and Model-Version trailer.
{
  for i in $(seq 1 "$commits"); do
    id=$(printf 'DEC-%04d' $(( (i * 7) % records + 1 )))
    msg="Change $i\n\nDecision: $id\nModel-Version: fraud-detector@3.$i.0\nApproved-by: Lead <lead@example.com>\n"
    printf 'commit refs/heads/main\ncommitter Bench <lead@example.com> %d +0000\n' $((1700000000 + i))
    printf -v body "$msg"
    printf 'data %d\n%s\n' "${#body}" "$body"
    [ "$i" -eq 1 ] && printf 'from refs/heads/main^0\n'
    printf 'M 644 inline models/m%d.txt\ndata 2\n%d\n\n' "$i" $((i % 10))
  done
} | git fast-import --quiet --force
git reset -q --hard main

time_best() { # command... -> prints the best wall time of five runs in ms
  local best="" t0 t1 ms
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

echo "== $records records, $commits linked commits"
"$bin" export --format html -o "$work/site.html"
"$bin" export --format json -o "$work/log.json"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 5 \
    "'$bin' export --format json -o '$work/log.json'" \
    "'$bin' export --format html -o '$work/site.html'"
else
  echo "export --format json: $(time_best "$bin" export --format json -o "$work/log.json") ms (best of 5)"
  echo "export --format html: $(time_best "$bin" export --format html -o "$work/site.html") ms (best of 5)"
fi
size() { wc -c < "$1" | tr -d ' '; }
echo "JSON document: $(size "$work/log.json") bytes"
echo "HTML page:     $(size "$work/site.html") bytes, $(gzip -9c "$work/site.html" | wc -c | tr -d ' ') gzipped"

browser=""
for b in "${GD_CHROMIUM:-}" chromium chromium-browser google-chrome; do
  if [ -n "$b" ] && command -v "$b" >/dev/null; then browser=$(command -v "$b"); break; fi
done
if [ -z "$browser" ]; then
  echo "(no Chromium on PATH: page render time not measured)"
  exit 0
fi
python3 - "$root/tests/html" "$browser" "$work" "$work/site.html" <<'PY'
import os, sys, time
sys.path.insert(0, sys.argv[1])
from site_test import Browser
browser = Browser(sys.argv[2], sys.argv[3])
try:
    url = "file://" + sys.argv[4]
    loads = []
    for _ in range(3):
        t0 = time.monotonic()
        browser.load(url)
        loads.append((time.monotonic() - t0) * 1000)
    shown = browser.evaluate("document.querySelectorAll('#results li').length")
    search = browser.evaluate(
        "(() => { const s = document.getElementById('search'); const t0 = performance.now();"
        " s.value = 'variant 99'; s.dispatchEvent(new Event('input'));"
        " return [performance.now() - t0, document.querySelectorAll('#results li').length]; })()")
    print("Chromium: page load and render %.0f ms (best of 3; %d records listed);"
          " a search re-renders in %.0f ms (%d shown)" % (min(loads), shown, search[0], search[1]))
finally:
    browser.close()
PY
