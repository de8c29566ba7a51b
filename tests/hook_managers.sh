#!/bin/sh
# The hooks under the hook managers teams already use, driven with the real tools: husky v9
# and lefthook from npm, pre-commit from Debian. Installs what is missing (npm packages into
# $TMPDIR/gd-hook-manager-tools, pre-commit with apt-get); exits 77 (CTest: skipped) with the reason
# only when the npm registry or the Debian mirror cannot be reached.
# Usage: hook_managers.sh <build dir> <source dir>
set -eu

build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gd-hook-managers.XXXXXX")
failures=0

skip() {
    echo "SKIPPED: $*"
    rm -rf "$work"
    exit 77
}

# ---- the tools --------------------------------------------------------------------------
# Outside every repository, and without install scripts: lefthook's postinstall runs
# `lefthook install` in the enclosing repository, and husky configures the repository it
# is run in, so neither may ever run where this tree is.
tools="${GD_HOOK_MANAGER_TOOLS:-${TMPDIR:-/tmp}/gd-hook-manager-tools}"
case "$tools/" in "$source_dir"/* | "$build"/*)
    echo "FAIL: GD_HOOK_MANAGER_TOOLS must be outside the source and build trees"
    exit 1
    ;;
esac
# Installs a Debian package (as root, or through password-less sudo).
apt_install() {
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo -n"
    if ! $sudo apt-get install -y -q "$1" >"$work/apt.log" 2>&1; then
        if grep -q -e 'Temporary failure' -e 'Could not resolve' -e 'Failed to fetch' \
            -e 'Unable to locate package' "$work/apt.log"; then
            skip "the Debian mirror cannot be reached for $1"
        fi
        cat "$work/apt.log"
        echo "FAIL: apt-get install $1"
        exit 1
    fi
}

if [ ! -x "$tools/node_modules/.bin/husky" ] || [ ! -x "$tools/node_modules/.bin/lefthook" ]; then
    command -v npm >/dev/null || apt_install npm
    mkdir -p "$tools"
    if ! (cd "$tools" && GIT_CEILING_DIRECTORIES="$(dirname "$tools")" npm install --prefix "$tools" \
        --no-save --no-audit --no-fund --ignore-scripts husky@9 lefthook) >"$work/npm.log" 2>&1; then
        npm ping >/dev/null 2>&1 || skip "the npm registry cannot be reached"
        cat "$work/npm.log"
        echo "FAIL: npm install husky lefthook"
        exit 1
    fi
fi
husky="$tools/node_modules/.bin/husky"
lefthook="$tools/node_modules/.bin/lefthook"
command -v pre-commit >/dev/null || apt_install pre-commit

# ---- a blank git environment ------------------------------------------------------------
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="A U Thor" GIT_AUTHOR_EMAIL=author@example.com
export GIT_COMMITTER_NAME="C O Mitter" GIT_COMMITTER_EMAIL=committer@example.com
export GIT_DECISION_TODAY=2026-11-27 TZ=UTC
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_DECISION_SKIP 2>/dev/null || true
export PATH="$build/tools:$PATH"
mkdir -p "$HOME"
git config --global init.defaultBranch main
cd "$work" # every tool below runs in a temporary repository, never in this tree
echo "husky $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$tools/node_modules/husky/package.json")," \
    "lefthook $("$lefthook" version), $(pre-commit --version)"

check() { # <description> <command...>: the command must succeed
    what=$1
    shift
    if "$@" >"$work/out" 2>&1; then
        echo "ok: $what"
    else
        echo "FAIL: $what"
        sed 's/^/    /' "$work/out"
        failures=$((failures + 1))
    fi
}

refuse() { # <description> <expected text> <command...>: must fail and print the text
    what=$1
    text=$2
    shift 2
    if "$@" >"$work/out" 2>&1; then
        echo "FAIL: $what (it succeeded)"
        sed 's/^/    /' "$work/out"
        failures=$((failures + 1))
    elif grep -q -F -- "$text" "$work/out"; then
        echo "ok: $what"
    else
        echo "FAIL: $what (no '$text')"
        sed 's/^/    /' "$work/out"
        failures=$((failures + 1))
    fi
}

contains() { # <description> <file> <text>
    if grep -q -F -- "$3" "$2" 2>/dev/null; then
        echo "ok: $1"
    else
        echo "FAIL: $1 ('$3' not in $2)"
        failures=$((failures + 1))
    fi
}

# A repository whose policy governs models/**, with DEC-0001 accepted and covering it,
# and a bare remote.
new_repo() {
    dir="$work/$1"
    git init -q "$dir"
    git init -q --bare "$dir.remote.git"
    git -C "$dir" remote add origin "$dir.remote.git"
    mkdir -p "$dir/decisions"
    printf '[[rules]]\nname = "models"\npaths = ["models/**"]\n' >"$dir/decisions/policy.toml"
    cat >"$dir/decisions/DEC-0001-ship-gbt.toml" <<'EOF'
id = "DEC-0001"
title = "Ship GBT"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-27
review_date = 2027-01-26

[owner]
name = "A U Thor"
email = "author@example.com"
role = "ML Engineer"

[scope]
paths = ["models/**"]

[decision]
summary = "Ship the GBT model"
rationale = "Best recall"
EOF
    echo "# project" >"$dir/README.md"
    git -C "$dir" add -A
    git -C "$dir" commit -q --no-verify -m "Policy and DEC-0001"
}

# The checks every manager must pass: an ordinary commit goes through, an uncovered model
# change is rejected at commit time, a covered one passes, and pre-push catches a commit
# made with --no-verify.
enforces() {
    manager=$1
    dir=$2
    echo "readme" >>"$dir/README.md"
    check "$manager: an ordinary commit goes through" \
        git -C "$dir" commit -q -am "Edit the README"
    mkdir -p "$dir/models"
    echo "weights v1" >"$dir/models/fraud.onnx"
    git -C "$dir" add models/fraud.onnx
    refuse "$manager: commit-msg rejects an uncovered model change" \
        "no decision is linked to this change" git -C "$dir" commit -q -m "Retrain"
    check "$manager: a covered model change goes through" \
        git -C "$dir" commit -q -m "Retrain" -m "Decision: DEC-0001"
    check "$manager: the first push goes through" git -C "$dir" push -q origin main
    echo "weights v2" >"$dir/models/fraud.onnx"
    git -C "$dir" commit -q --no-verify -am "Retrain again, unlinked" >/dev/null 2>&1
    refuse "$manager: pre-push rejects a commit made with --no-verify" \
        "not covered by an approved decision" git -C "$dir" push -q origin main
}

# ---- husky v9 ---------------------------------------------------------------------------
new_repo husky
r="$work/husky"
(cd "$r" && "$husky" >/dev/null)
printf 'echo "user pre-commit ran" >> "%s/husky.log"\n' "$work" >"$r/.husky/pre-commit"
check "husky: git decision install" git -C "$r" decision install
contains "husky: install adds the call to .husky/pre-commit" "$r/.husky/pre-commit" \
    'git decision hook pre-commit "$@"'
(cd "$r" && "$husky" >/dev/null) # what `npm install` does again through "prepare"
check "husky: install is idempotent" git -C "$r" decision install
contains "husky: a second install adds nothing" "$work/out" "already in"
enforces husky "$r"
contains "husky: the user's own .husky/pre-commit still runs" "$work/husky.log" \
    "user pre-commit ran"
check "husky: git decision uninstall" git -C "$r" decision uninstall
if grep -q "git decision" "$r/.husky/pre-commit" || [ -e "$r/.husky/commit-msg" ]; then
    echo "FAIL: husky: uninstall leaves our lines behind"
    failures=$((failures + 1))
else
    echo "ok: husky: uninstall removes our lines and keeps the user's"
fi
contains "husky: the user's script is kept" "$r/.husky/pre-commit" "user pre-commit ran"

# ---- lefthook ---------------------------------------------------------------------------
new_repo lefthook
r="$work/lefthook"
printf 'post-commit:\n  commands:\n    note:\n      run: echo "user post-commit ran" >> "%s/lefthook.log"\n' \
    "$work" >"$r/lefthook.yml"
check "lefthook: git decision install prints the snippet" git -C "$r" decision install
contains "lefthook: install names the file" "$work/out" "Add this to lefthook.yml"
contains "lefthook: install prints the commit-msg command" "$work/out" \
    "run: git decision hook commit-msg {1}"
if grep -q "git-decision hook" "$r/.git/hooks/commit-msg" 2>/dev/null; then
    echo "FAIL: lefthook: install wrote hooks that lefthook would set aside"
    failures=$((failures + 1))
else
    echo "ok: lefthook: install wrote no hooks"
fi
cat "$source_dir/scripts/lefthook.yml" >>"$r/lefthook.yml"
git -C "$r" add lefthook.yml
git -C "$r" commit -q --no-verify -m "lefthook"
check "lefthook: lefthook install" sh -c "cd '$r' && '$lefthook' install"
enforces lefthook "$r"
contains "lefthook: the user's own commands still run" "$work/lefthook.log" \
    "user post-commit ran"

# ---- pre-commit -------------------------------------------------------------------------
# pre-commit reads hooks from a git repository at a revision: this tree's manifest, committed.
hooks_repo="$work/hooks-repo"
git init -q "$hooks_repo"
cp "$source_dir/.pre-commit-hooks.yaml" "$hooks_repo/"
git -C "$hooks_repo" add .pre-commit-hooks.yaml
git -C "$hooks_repo" commit -q -m "manifest"
rev=$(git -C "$hooks_repo" rev-parse HEAD)
new_repo precommit
r="$work/precommit"
cat >"$r/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hooks_repo
    rev: $rev
    hooks:
      - id: git-decision-pre-commit
      - id: git-decision-prepare-commit-msg
      - id: git-decision-commit-msg
      - id: git-decision-pre-push
EOF
git -C "$r" add .pre-commit-config.yaml
git -C "$r" commit -q --no-verify -m "pre-commit"
check "pre-commit: pre-commit install" sh -c "cd '$r' && pre-commit install \
    --hook-type pre-commit --hook-type prepare-commit-msg --hook-type commit-msg \
    --hook-type pre-push"
enforces pre-commit "$r"
git -C "$r" decision use DEC-0001 >/dev/null
echo "weights v3" >"$r/models/fraud.onnx"
git -C "$r" add models/fraud.onnx
check "pre-commit: prepare-commit-msg adds the active decision" \
    git -C "$r" commit -q -m "Retrain with the active decision"
git -C "$r" log -1 --format=%B >"$work/message"
contains "pre-commit: the message has 'Decision: DEC-0001'" "$work/message" "Decision: DEC-0001"

# ---- a global core.hooksPath --------------------------------------------------------------
new_repo global
r="$work/global"
git config --global core.hooksPath "$work/global-hooks"
refuse "global core.hooksPath: install refuses" "git decision install --global" \
    git -C "$r" decision install
if [ -e "$work/global-hooks/commit-msg" ]; then
    echo "FAIL: global core.hooksPath: install wrote into it"
    failures=$((failures + 1))
else
    echo "ok: global core.hooksPath: nothing written"
fi
check "global core.hooksPath: install --global" git -C "$r" decision install --global
git config --global --unset core.hooksPath

if [ "$failures" -ne 0 ]; then
    echo "$failures failed; kept $work"
    exit 1
fi
rm -rf "$work"
echo "all hook-manager checks passed"
