#pragma once
// Which git command runs a commit hook, told from the process tree, so commit-msg knows
// whether the commit being made replaces HEAD (`git commit --amend`). git tells hooks
// nothing about an amend: prepare-commit-msg hears "message" for `--amend -m` (and
// "commit HEAD" for `-C HEAD` too), commit-msg hears only the message file. Without
// libgit2: the commit-time fast path asks this too.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::fast {

// The command line (argv) of the nearest ancestor process that is git running a command
// other than `git decision` (the pre-commit framework's entry point runs the hooks through
// it); nullopt when there is none within a few levels, or /proc cannot tell.
std::optional<std::vector<std::string>> invoking_git();

enum class Amending { No, Yes, Unknown };

struct Invocation {
    Amending amend = Amending::Unknown;
    std::string command; // the git command named (after git's own options), e.g. "commit"
};

// What `argv` (a git command line, argv[0] included) asks, parsed as git parses it: `git
// [options] commit ... --amend` (or an unambiguous abbreviation, the last of --amend and
// --no-amend winning, values of -m/-F/-C/-c/-t and the long options taking one skipped,
// nothing after `--`) amends; `git commit` without it and `git merge` do not; any other
// command (an alias, most often) is Unknown, for the caller to expand.
Invocation parse_invocation(const std::vector<std::string>& argv);

// `argv` with its command replaced by the words of `alias` (a git alias's value, not a
// shell alias), split as git splits it (whitespace, quotes, backslashes).
std::vector<std::string> expand_alias(const std::vector<std::string>& argv, std::string_view alias);

} // namespace decision::fast
