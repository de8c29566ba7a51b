#!/usr/bin/env bash
# The Debian package as a user gets it: its metadata, its files, stripped binaries, and the
# demo run against the installed binary (extracted with dpkg-deb -x, so no root is needed
# and the machine is left as it was). Prints the package size and the installed size.
# Usage: check_deb.sh <git-decision_*.deb> <source dir>
set -euo pipefail

deb="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
src="$(cd "$2" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/deb-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = git-decision ] || fail "Package is '$(field Package)'"
depends="$(field Depends)"
for d in git libgit2 libc6 libstdc++6; do
    [[ "$depends" == *"$d"* ]] || fail "Depends lacks $d: $depends"
done
[[ "$(field Description)" == *"decisions"* ]] || fail "no Description"

root="$work/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/git-decision \
    usr/libexec/git-decision/pre-commit usr/libexec/git-decision/prepare-commit-msg \
    usr/libexec/git-decision/commit-msg usr/libexec/git-decision/pre-push \
    usr/libexec/git-decision/pre-receive usr/libexec/git-decision/git-decision-hook \
    usr/share/man/man1/git-decision.1.gz \
    usr/share/bash-completion/completions/git-decision \
    usr/share/zsh/vendor-completions/_git-decision \
    usr/share/git-decision/decision.schema.json usr/share/git-decision/policy.schema.json \
    usr/share/doc/git-decision/copyright; do
    [ -f "$root/$f" ] || fail "missing /$f"
done
gzip -t "$root/usr/share/man/man1/git-decision.1.gz" || fail "the man page is not gzip data"
cmp -s <(gzip -dc "$root/usr/share/man/man1/git-decision.1.gz") "$src/docs/man/man1/git-decision.1" ||
    fail "the installed man page is not docs/man/man1/git-decision.1"
for f in "$root"/usr/bin/* "$root"/usr/libexec/git-decision/*; do
    if readelf -S "$f" | grep -q '\.debug_info'; then fail "$f is not stripped"; fi
done

# The demo against the installed binary: PATH holds usr/bin only, so `git decision`, its
# hooks (usr/libexec/git-decision) and its man page (usr/share/man) come from the package.
if ! GIT_DECISION_DEMO_BIN="$root/usr/bin" bash "$src/scripts/demo" "$work/demo" >"$work/demo.log" 2>&1; then
    cat "$work/demo.log"
    fail "the demo failed against the installed binary"
elif ! grep -q "DEC-0001" "$work/demo.log"; then
    fail "the demo printed no decision"
fi
help="$(env -u MANPATH PATH="$root/usr/bin:$PATH" MANPAGER=cat MANWIDTH=80 \
    git -C "$work/demo/repo" decision --help 2>&1)" || true
[[ "$help" == "GIT-DECISION(1)"* ]] || fail "git decision --help does not find the installed man page: $help"

echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB; installed: $(field Installed-Size) KiB (Installed-Size), $(du -sk "$root" | cut -f1) KiB on disk"
if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "package: all checks passed"
