#!/usr/bin/env bash
# scripts/bootstrap on a machine that lacks packages, without root or network: stub `id`,
# `sudo`, `dpkg-query`, `apt-cache` (a long, realistic policy, so a reader that stops
# early makes it die of SIGPIPE), `apt-get`, `cmake` and `cpack` on PATH, run the real
# script, and check what it asked for. Each stub appends its command line to calls.log.
# Usage: bootstrap_test.sh <source dir>
set -euo pipefail

src="$(cd "$1" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/bootstrap-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

stub() { # name, body
    printf '#!/bin/bash\necho "%s $*" >>"$STUB_LOG"\n%s\n' "$1" "$2" >"$work/bin/$1"
    chmod +x "$work/bin/$1"
}
mkdir -p "$work/bin"
stub id 'echo "$STUB_UID"'
stub sudo 'exec "$@"'
# Installed: the packages listed in $STUB_INSTALLED, as dpkg-query prints them.
stub dpkg-query 'p="${@: -1}"
for i in $STUB_INSTALLED; do
    if [ "$i" = "$p" ]; then printf "install ok installed"; exit 0; fi
done
echo "dpkg-query: no packages found matching $p" >&2
exit 1'
# apt-cache policy: a candidate for every package but those in $STUB_UNKNOWN, then a
# version table long enough (~200 KB) to outlast any pipe buffer.
stub apt-cache 'p="${@: -1}"
for u in $STUB_UNKNOWN; do
    if [ "$u" = "$p" ]; then exit 0; fi
done
echo "$p:"
echo "  Installed: (none)"
echo "  Candidate: 1.5.1+ds-1"
echo "  Version table:"
for i in $(seq 1 2000); do
    echo "     1.5.1+ds-$i 500"
    echo "        500 http://deb.debian.org/debian bookworm/main amd64 Packages"
done'
stub apt-get ''
stub cmake ''
stub cpack ': >git-decision_0.1.0_amd64.deb'

# The script runs from a copy, so the stubs' work lands in $work/tree, not in the sources.
mkdir -p "$work/tree/scripts" "$work/tree/build"
cp "$src/scripts/bootstrap" "$work/tree/scripts/"
export STUB_LOG="$work/calls.log" PATH="$work/bin:$PATH"
# The packages scripts/bootstrap lists (without --ci), all but these three installed.
all="$(sed -n '/^packages=(/,/^)/p' "$src/scripts/bootstrap" | sed '1d;$d')"
absent="libgit2-dev ccache dpkg-dev"
installed_list=""
for p in $all; do
    case " $absent " in *" $p "*) ;; *) installed_list+="$p " ;; esac
done

run_bootstrap() { # expected exit code, then bootstrap's arguments
    local expected="$1" rc=0
    shift
    : >"$STUB_LOG"
    bash "$work/tree/scripts/bootstrap" "$@" >"$work/out.log" 2>&1 || rc=$?
    if [ "$rc" -ne "$expected" ]; then
        fail "bootstrap $* exited $rc, expected $expected"
        sed 's/^/    /' "$work/out.log" >&2
    fi
}
expect_call() { # a line calls.log must hold
    grep -qxF -- "$1" "$STUB_LOG" || fail "no call '$1'; calls were:$(printf '\n    %s' "$(cat "$STUB_LOG")")"
}
expect_no_call() { # a prefix no line of calls.log may start with
    if grep -q "^$1" "$STUB_LOG"; then fail "unexpected call '$(grep "^$1" "$STUB_LOG")'"; fi
}

# 1. As root: the missing packages, exactly, and the build as scripts/test configures it.
STUB_UID=0 STUB_INSTALLED="$installed_list" STUB_UNKNOWN="" run_bootstrap 0
expect_call "apt-get update"
expect_call "apt-get install -y --no-install-recommends ccache libgit2-dev dpkg-dev"
expect_call "cmake --preset default"
expect_call "cmake --build build -j2"
expect_no_call sudo
grep -q '"GD_WERROR": "ON"' "$src/CMakePresets.json" || fail "the default preset does not set GD_WERROR"
grep -qx 'preset=default dir=build' "$src/scripts/test" || fail "scripts/test does not configure with the default preset"

# 2. Not root: the same through sudo.
STUB_UID=1000 STUB_INSTALLED="$installed_list" STUB_UNKNOWN="" run_bootstrap 0
expect_call "sudo apt-get install -y --no-install-recommends ccache libgit2-dev dpkg-dev"

# 3. Everything installed: no apt-get at all, still the build.
STUB_UID=1000 STUB_INSTALLED="$all" STUB_UNKNOWN="" run_bootstrap 0
expect_no_call apt-get
expect_call "cmake --preset default"
grep -qxF "==> All $(echo $all | wc -w) packages are installed already" "$work/out.log" ||
    fail "no 'all installed' line: $(cat "$work/out.log")"

# 4. A name this Debian does not know: named, exit 128, nothing installed.
STUB_UID=0 STUB_INSTALLED="$installed_list" STUB_UNKNOWN="ccache" run_bootstrap 128
grep -qxF "bootstrap: Debian has no package 'ccache' here (is this Debian 12?)" "$work/out.log" ||
    fail "unknown package not named: $(cat "$work/out.log")"
expect_no_call "apt-get install"

# 5. --package builds the .deb in build/.
STUB_UID=0 STUB_INSTALLED="$all" STUB_UNKNOWN="" run_bootstrap 0 --package
expect_no_call "apt-get"
expect_call "cpack -G DEB"

# 6. --ci adds what .ci/run needs.
STUB_UID=0 STUB_INSTALLED="$all" STUB_UNKNOWN="" run_bootstrap 0 --ci
grep -q "^apt-get install -y --no-install-recommends zsh clang libclang-rt-14-dev chromium" "$STUB_LOG" ||
    fail "--ci did not install zsh, the fuzz build's clang and chromium: $(cat "$STUB_LOG")"

# 7. --install, not root: through sudo, stripped (the install is 238 MB with debug info).
STUB_UID=1000 STUB_INSTALLED="$all" STUB_UNKNOWN="" run_bootstrap 0 --install
expect_call "sudo cmake --install build --strip"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "bootstrap: all cases passed"
