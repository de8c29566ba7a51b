# bash completion for git-decision. Installed as
# /usr/share/bash-completion/completions/git-decision, where git's own completion loads it
# on demand the first time `git decision <TAB>` is completed (it looks for _git_decision),
# and where bash-completion loads it for `git-decision <TAB>`.
#
# Verbs, options and formats come from `git-decision --help` and `git-decision <verb>
# --help`, so they never drift from the binary; decision IDs come from the file names in
# the records folder (no parsing, no repository walk), commits from git's ref completion.

# The verbs `git-decision --help` lists.
__git_decision_verbs() {
    git-decision --help 2>/dev/null |
        sed -n '/^Subcommands:/,/^$/{s/^  \([a-z][a-z0-9-]*\) .*/\1/p}'
}

# The long options `git-decision <verb> --help` lists.
__git_decision_options() {
    git-decision "$1" --help 2>/dev/null |
        sed -n 's/^ *\(-[a-z], *\)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\2/p'
}

# The formats of a verb's --format, from its help line "--format TEXT:{text,json} ...".
__git_decision_formats() {
    git-decision "$1" --help 2>/dev/null |
        sed -n 's/^ *--format [A-Z]*:{\([^}]*\)}.*/\1/p' | tr ',' ' '
}

# The records folder: [records] dir of decisions/policy.toml, else "decisions".
__git_decision_records_dir() {
    local top dir=""
    top="$(__git rev-parse --show-toplevel 2>/dev/null)" || return
    if [ -f "$top/decisions/policy.toml" ]; then
        dir="$(sed -n '/^\[records\]/,/^\[/{s/^dir *= *"\([^"]*\)".*/\1/p}' "$top/decisions/policy.toml")"
    fi
    printf '%s/%s\n' "$top" "${dir:-decisions}"
}

# Decision IDs: the <PREFIX>-<number> at the start of each record's file name.
__git_decision_ids() {
    local dir f
    dir="$(__git_decision_records_dir)" || return
    for f in "$dir"/*.toml; do
        f="${f##*/}"
        [[ "$f" =~ ^([A-Z][A-Z0-9]*-[0-9]+)- ]] && printf '%s\n' "${BASH_REMATCH[1]}"
    done
}

# The statuses `git decision status <id>` may move the record to (supersede has its verb).
__git_decision_next_statuses() {
    local dir f status=""
    dir="$(__git_decision_records_dir)" || return
    for f in "$dir/$1"-*.toml; do
        [ -f "$f" ] || continue
        status="$(sed -n 's/^status *= *"\([a-z]*\)".*/\1/p' "$f" | head -n 1)"
        break
    done
    case "$status" in
    proposed) echo "accepted rejected" ;;
    accepted) echo "deprecated" ;;
    "") echo "accepted rejected deprecated" ;;
    esac
}

_git_decision() {
    # words[__git_cmd_idx] is "decision" under `git`, "git-decision" when called directly.
    local verb_idx=$((${__git_cmd_idx:-1} + 1))
    local verb="${words[verb_idx]:-}"
    if [ "$cword" -le "$verb_idx" ]; then
        __gitcomp "$(__git_decision_verbs)"
        return
    fi

    case "$prev" in
    --format)
        __gitcomp "$(__git_decision_formats "$verb")"
        return
        ;;
    --category | -c)
        __gitcomp_nl "MODEL SELECTION
DATA PIPELINE
FEATURE ENGINEERING
ETHICAL REVIEW
TRAINING STRATEGY
DEPLOYMENT THRESHOLD"
        return
        ;;
    --status)
        __gitcomp "proposed accepted rejected superseded deprecated"
        return
        ;;
    --id | --by | --supersedes)
        __gitcomp_nl "$(__git_decision_ids)"
        return
        ;;
    --at | --rev | --base)
        __git_complete_refs
        return
        ;;
    --range)
        __git_complete_revlist
        return
        ;;
    --hooks)
        # A comma-separated list: complete the word after the last comma.
        __gitcomp "pre-commit prepare-commit-msg commit-msg pre-push" "${cur%"${cur##*,}"}" "${cur##*,}"
        return
        ;;
    --metrics | --baseline | --path | -o | --output)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    esac

    case "$cur" in
    --*=*) return ;;
    -*)
        __gitcomp "$(__git_decision_options "$verb")"
        return
        ;;
    esac

    # The verb's positional arguments, counted without options and their values.
    local i npos=0
    for ((i = verb_idx + 1; i < cword; i++)); do
        case "${words[i]}" in
        --format | --category | -c | --title | -t | --status | --owner | --tag | --model | \
            --path | --due-within | --rev | --at | --base | --range | --metrics | --baseline | \
            --id | --within | --by | --supersedes | --trailer | --hooks | --email | --role | --date | \
            --review-in | -o | --output)
            ((i++)) ;;
        -*) ;;
        *) ((npos++)) ;;
        esac
    done

    case "$verb,$npos" in
    show,0)
        __gitcomp_nl "$(__git_decision_ids)
$(__git_refs "" "" "" "$cur")"
        ;;
    edit,0 | status,0 | supersede,0 | log,0 | approve,0 | use,0)
        __gitcomp_nl "$(__git_decision_ids)"
        ;;
    status,1)
        __gitcomp "$(__git_decision_next_statuses "${words[verb_idx + 1]}")"
        ;;
    link,0)
        __git_complete_refs
        ;;
    link,1)
        __gitcomp_nl "$(__git_decision_ids)"
        ;;
    at,0 | trailers,*)
        __git_complete_revlist
        ;;
    blame,0 | why,0)
        __git_complete_index_file "--cached"
        ;;
    hook,0)
        __gitcomp "pre-commit prepare-commit-msg commit-msg pre-push"
        ;;
    import,0)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -d -- "$cur"))
        ;;
    esac
}

# `git-decision <TAB>` directly: git's completion provides __git_complete; load it first.
if ! declare -F __git_complete >/dev/null 2>&1 && declare -F _completion_loader >/dev/null 2>&1; then
    _completion_loader git >/dev/null 2>&1
fi
if declare -F __git_complete >/dev/null 2>&1; then
    __git_complete git-decision _git_decision
fi
