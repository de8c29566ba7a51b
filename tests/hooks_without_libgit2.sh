#!/bin/sh
# Fails when a commit-time hook binary depends on libgit2: loading and initialising it is
# what made every hook cost ~6 ms (GitHub issue 4). Reads the ELF NEEDED entries (readelf,
# from binutils) rather than ldd, so nothing is loaded or run.
# Usage: hooks_without_libgit2.sh <binary>...
status=0
for binary in "$@"; do
    needed=$(readelf -d "$binary" | grep '(NEEDED)') || {
        echo "cannot read the dynamic section of $binary" >&2
        exit 1
    }
    if printf '%s\n' "$needed" | grep -q 'libgit2'; then
        echo "$binary depends on libgit2:" >&2
        printf '%s\n' "$needed" | grep libgit2 >&2
        status=1
    else
        echo "$(basename "$binary"): no libgit2"
    fi
done
exit $status
