#!/usr/bin/env bash
# Editor validation with the real Taplo (the engine of VS Code's Even Better TOML), from
# npm: in a repository set up by `git decision init`, a record from `git decision new`
# (through its `#:schema` line) and the policy (through .taplo.toml) validate, and an
# unknown key in either is reported. Needs npx; .ci/run runs it.
# Usage: check_taplo.sh <folder holding git-decision>
set -euo pipefail

tools="$(cd "$1" && pwd)"
taplo=(npx --yes @taplo/cli@0.7.0)
work="$(mktemp -d "${TMPDIR:-/tmp}/taplo-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export PATH="$tools:$PATH" HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 GIT_EDITOR=true
export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.com
mkdir -p "$HOME"
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

git init -q "$work/repo"
cd "$work/repo"
git decision init >/dev/null
git decision new --no-edit -c "MODEL SELECTION" -t "Pick a model" >/dev/null
# A status change rewrites the record; a template cannot be accepted (its checklist is
# empty), so reject it: the rewrite is the same.
git decision status DEC-0001 rejected >/dev/null
record="$(ls decisions/DEC-0001-*.toml)"
[ "$(head -n 1 "$record")" = "#:schema ./decision.schema.json" ] ||
    fail "$record does not start with its #:schema line after status"

check() { # expected exit status (0 or 1), files
    local expected="$1" rc=0
    shift
    "${taplo[@]}" check "$@" >"$work/taplo.log" 2>&1 || rc=$?
    if { [ "$expected" -eq 0 ] && [ "$rc" -ne 0 ]; } || { [ "$expected" -ne 0 ] && [ "$rc" -eq 0 ]; }; then
        fail "taplo check $* exited $rc, expected $([ "$expected" -eq 0 ] && echo 0 || echo non-zero)"
        sed 's/^/    /' "$work/taplo.log" >&2
    fi
}
check 0 "$record" decisions/policy.toml
cp "$record" "$work/record.toml"
sed -i 's/^status = .*/&\nbogus_key = 1/' "$record"
check 1 "$record"
grep -q "bogus_key" "$work/taplo.log" || fail "taplo did not name the unknown key in the record"
cp "$work/record.toml" "$record"
sed -i 's/^trust = "committer"/trust = "author"/' decisions/policy.toml
grep -q '^trust = "author"' decisions/policy.toml || fail "could not edit the policy's trust"
check 1 decisions/policy.toml
grep -q "author" "$work/taplo.log" || fail "taplo did not report the unknown trust mode"
if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "taplo: records and policy validate; unknown keys and values are reported"
