#pragma once
// The commit a commit-msg hook is asked about, as git will make it: its parents. git hands
// commit-msg only the message file, so they are worked out here: HEAD and MERGE_HEAD's
// commits for a merge being concluded, HEAD's own parents for `git commit --amend` (told
// from the git command running the hook: fast/invocation.hpp), HEAD otherwise.

#include "decision/git/repository.hpp"
#include "decision/util/error.hpp"

#include <string>
#include <vector>

namespace decision::hook {

struct Making {
    std::vector<std::string> parents; // full ids, first parent first; none: a root commit
    bool merge = false;               // concluding a merge (MERGE_HEAD)
    bool amend = false;               // replacing HEAD: `parents` are HEAD's
    // When it cannot be told whether HEAD is amended (an alias that does not expand to a
    // git command, or a hook run outside git with git's author variables set), the commit
    // is taken as an amend and also checked against these (HEAD): fail closed.
    std::vector<std::string> also_against;
    std::string why; // how the amend was told, for messages
};

util::Result<Making> commit_being_made(const git::Repository& repo);

} // namespace decision::hook
