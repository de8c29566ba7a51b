#!/bin/sh
# Fails when a binary's main() could let an exception escape (std::terminate, a core dump
# and no message): each main must catch std::exception itself, or be one call into a frame
# that does (decision::hook::run, decision::fast::front_end), and those frames must catch.
# Usage: binaries_catch_exceptions.sh <source>...
status=0
for file in "$@"; do
    if grep -q 'catch (const std::exception&' "$file"; then
        echo "$(basename "$file"): catches std::exception"
    elif tr -d '\n' <"$file" | grep -Eq 'int main\([^)]*\) \{ *return decision::(hook::run|fast::front_end)\('; then
        echo "$(basename "$file"): main is one call into a frame that catches"
    else
        echo "$file: an exception could leave main(); catch std::exception there" >&2
        status=1
    fi
done
exit $status
