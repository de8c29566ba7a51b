# Sourced by the benchmarks in this folder, with the caller's arguments: sets `root` (the
# checkout), `build` (the build folder to measure: $1, default build/) and `work` (a scratch
# folder, removed on exit), pins git's configuration, identity and git-decision's date, and
# puts the build's git-decision first on PATH.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME=$work GIT_AUTHOR_NAME=Lead GIT_AUTHOR_EMAIL=lead@example.com \
       GIT_COMMITTER_NAME=Lead GIT_COMMITTER_EMAIL=lead@example.com GIT_DECISION_TODAY=2026-11-27
export PATH="$build/tools:$PATH"
