#!/usr/bin/zsh -f
# The zsh completion's answers, with zsh's completion builtins replaced by functions that
# print what they are given: verbs, formats, decision IDs, next statuses.
# Usage: zsh_completion_test.zsh <folder holding git-decision> <completion/_git-decision>
emulate -L zsh
setopt extendedglob
tools=${1:A} file=${2:A}
work=$(mktemp -d ${TMPDIR:-/tmp}/zsh-completion.XXXXXX)
trap 'rm -rf $work' EXIT
export PATH=$tools:$PATH HOME=$work GIT_CONFIG_NOSYSTEM=1 GIT_EDITOR=true
export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.com
git init -q -b main $work/repo && cd $work/repo || exit 1
git commit -q --allow-empty -m init
git decision init >/dev/null && git decision new --no-edit -c "MODEL SELECTION" -t First >/dev/null &&
    git decision new --no-edit -c "DATA PIPELINE" -t Second >/dev/null &&
    sed -i 's/^relax = \[\]$/relax = ["DATA PIPELINE"]/' decisions/policy.toml &&
    git decision status DEC-0002 accepted >/dev/null 2>&1 || exit 1

typeset -ga offered
compadd() {
    local a
    while (( $# )); do
        case $1 in
            -a) shift; offered+=(${(P)1}) ;;
            -*) ;;
            *) offered+=($1) ;;
        esac
        shift
    done
}
_describe() { offered+=(${${(P)@[-1]}%%:*}) }
__git_revisions() { offered+=(REFS) }
_files() { offered+=(FILES) }
_directories() { offered+=(DIRS) }
# As compinit would: autoloaded from its folder on fpath.
fpath=(${file:h} $fpath)
autoload -Uz _git-decision

failures=0
expect() { # expected (sorted, space-separated), then the words, the last being completed
    local want=$1; shift
    offered=()
    words=("$@") CURRENT=$#
    PREFIX=${@[-1]}
    _git-decision
    local got=${(j: :)${(ou)offered}}
    if [[ $got != $want ]]; then
        print "FAIL: '${(j: :)@}<TAB>' gave '$got', expected '$want'"
        (( failures++ ))
    else
        print "ok: '${(j: :)@}<TAB>' -> $got"
    fi
}
offered=() words=(decision '') CURRENT=2 PREFIX=''
_git-decision
for v in init new edit status supersede check list search show guard review link approve use \
    install uninstall log blame why at trailers export import hook; do
    if (( ! ${offered[(Ie)$v]} )); then
        print "FAIL: 'git decision <TAB>' lacks $v: $offered"
        (( failures++ ))
    fi
done
expect "DEC-0001 DEC-0002 REFS" decision show ''
expect "github gitlab json markdown text" decision check --format ''
expect "json text" git-decision list --format ''
expect "accepted rejected" decision status DEC-0001 ''
expect "deprecated" decision status DEC-0002 ''
expect "DEC-0001 DEC-0002" decision status ''
expect "DEC-0001 DEC-0002" decision new --supersedes ''
expect "DIRS" decision import ''
expect "commit-msg pre-commit pre-push prepare-commit-msg" decision hook ''
expect "FILES" decision export --format html -o ''
(( failures == 0 )) || { print "$failures failure(s)"; exit 1 }
print "zsh completion: all cases passed"
