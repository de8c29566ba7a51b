#!/usr/bin/env bash
# The bash completion as a user meets it: git's own completion (the git package's
# /usr/share/bash-completion/completions/git) completing `git decision ...`, with ours
# loaded on demand by bash-completion from a completions folder, as when installed.
# Each case sets COMP_WORDS/COMP_CWORD as bash does and calls git's completion function.
# Usage: bash_completion_test.sh <folder holding git-decision> <completion/git-decision.bash>
set -uo pipefail

tools="$(cd "$1" && pwd)"
ours="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
git_completion=/usr/share/bash-completion/completions/git
loader=/usr/share/bash-completion/bash_completion
for f in "$git_completion" "$loader"; do
    if [ ! -f "$f" ]; then
        echo "SKIP: $f is missing (scripts/bootstrap installs git and bash-completion)"
        exit 77
    fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/completion-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export PATH="$tools:$PATH" HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.com
export GIT_EDITOR=true
unset GIT_DIR GIT_WORK_TREE
mkdir -p "$HOME" "$work/xdg/bash-completion/completions"
cp "$ours" "$work/xdg/bash-completion/completions/git-decision"
export XDG_DATA_HOME="$work/xdg"

# A repository with two decisions: DEC-0001 proposed, DEC-0002 accepted.
repo="$work/repo"
git init -q -b main "$repo" && cd "$repo" || exit 1
git commit -q --allow-empty -m init
git tag v1
git decision init >/dev/null || exit 1
git decision new --no-edit -c "MODEL SELECTION" -t "First" >/dev/null || exit 1
git decision new --no-edit -c "DATA PIPELINE" -t "Second" >/dev/null || exit 1
# (a fresh template is incomplete: the policy relaxes the checklist for its category)
sed -i 's/^relax = \[\]$/relax = ["DATA PIPELINE"]/' decisions/policy.toml || exit 1
git decision status DEC-0002 accepted >/dev/null 2>&1 || exit 1

# bash-completion, then git's completion through its loader, as an interactive shell has
# them; ours is not sourced here: git's completion must load it when it needs _git_decision.
# shellcheck disable=SC1090
. "$loader"
_completion_loader git
if declare -F _git_decision >/dev/null; then
    echo "FAIL: _git_decision is defined before any completion asked for it"
    exit 1
fi

failures=0
# complete "<command line>": sets `got` to the completions of the word after the last
# space (sorted, space-separated). Not in a subshell: what git's completion loads stays.
complete_line() {
    local line="$1"
    read -r -a COMP_WORDS <<<"$line"
    [[ "$line" == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$line"
    COMP_POINT=${#line}
    COMPREPLY=()
    __git_wrap__git_main
    got="$(printf '%s\n' "${COMPREPLY[@]}" | sed 's/ $//' | sort -u | tr '\n' ' ' | sed 's/ $//')"
}
expect() { # command line, expected completions (sorted, space-separated)
    complete_line "$1"
    if [ "$got" != "$2" ]; then
        echo "FAIL: '$1<TAB>' gave '$got', expected '$2'"
        failures=$((failures + 1))
    else
        echo "ok: '$1<TAB>' -> $got"
    fi
}
expect_has() { # command line, words the completions must include
    local w
    complete_line "$1"
    for w in $2; do
        if [[ " $got " != *" $w "* ]]; then
            echo "FAIL: '$1<TAB>' gave '$got', which lacks '$w'"
            failures=$((failures + 1))
            return
        fi
    done
    echo "ok: '$1<TAB>' includes $2"
}

expect_has "git decision " "init new edit status supersede check list search show guard review link approve use install uninstall log blame why at trailers export import hook"
if ! declare -F _git_decision >/dev/null; then
    echo "FAIL: git's completion did not load _git_decision on demand"
    failures=$((failures + 1))
fi
expect "git decision sh" "show"
expect "git decision st" "status"
expect_has "git decision show " "DEC-0001 DEC-0002 HEAD main v1"
expect "git decision show DEC" "DEC-0001 DEC-0002"
expect "git decision check --format " "github gitlab json markdown text"
expect "git decision list --format " "json text"
expect "git decision guard --format " "github json markdown text"
expect "git decision status DEC-0001 " "accepted rejected"
expect "git decision status DEC-0002 " "deprecated"
expect "git decision status " "DEC-0001 DEC-0002"
expect "git decision check --ra" "--range"
expect "git decision new --category M" "MODEL SELECTION"
expect "git decision link HEAD " "DEC-0001 DEC-0002"
expect "git decision new --supersedes " "DEC-0001 DEC-0002"
expect "git decision new --supersedes DEC-0001 -t x --rol" "--role"
expect "git decision import de" "decisions"
expect "git decision install --hooks pre-commit,comm" "pre-commit,commit-msg"
# the hooks `git decision hook` runs (pre-receive is a binary of its own, not one of them)
expect "git decision hook " "commit-msg pre-commit pre-push prepare-commit-msg"
expect_has "git decision export --format html -o de" "decisions"

# Called directly, as `git-decision`, after the file is loaded.
COMP_WORDS=(git-decision show "")
COMP_CWORD=2 COMP_LINE="git-decision show " COMP_POINT=18 COMPREPLY=()
if complete -p git-decision >/dev/null 2>&1; then
    "$(complete -p git-decision | sed 's/.* -F \([^ ]*\) .*/\1/')"
    got="$(printf '%s\n' "${COMPREPLY[@]}" | grep -c '^DEC-000[12]')"
    if [ "$got" -ne 2 ]; then
        echo "FAIL: 'git-decision show <TAB>' gave '${COMPREPLY[*]}'"
        failures=$((failures + 1))
    else
        echo "ok: 'git-decision show <TAB>' includes DEC-0001 DEC-0002"
    fi
else
    echo "FAIL: no completion registered for git-decision"
    failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "bash completion: all cases passed"
