#pragma once
// The fast hook path: can a commit-time hook tell, from the index, HEAD and the hook cache
// alone (no libgit2), that the staged change touches no governed path? It answers "yes,
// exit 0" or "cannot tell" with the reason; "cannot tell" always means the full hook runs,
// so every doubt falls that way.

#include <string>
#include <string_view>
#include <vector>

namespace decision::fast {

enum class Hook { PreCommit, PrepareCommitMsg, CommitMsg };

struct Verdict {
    bool decided = false; // true: the hook exits 0 without the full check
    std::string reason;   // what decided it, or why the full hook must run (one line)
};

// `args` are the hook's arguments as git passed them (argv[1...]).
//  - all three: the staged policy is HEAD's (per the cache entry for HEAD), no staged path
//    the policy governs differs from HEAD (added, changed, deleted), and the root dvc.lock
//    is HEAD's when pipeline staleness is checked; no unmerged or intent-to-add entries;
//  - pre-commit: and the records folder is HEAD's (its cache-tree node);
//  - commit-msg: and no message line starts with "Decision:", and the commit is not an
//    amend (fast/invocation.hpp; one that may be is left to the full hook);
//  - prepare-commit-msg: and there is no active decision (merge, squash and reused
//    messages are left alone at once, as the full hook does).
// No policy staged decides at once, as the full hooks exit 0 then.
Verdict decide(Hook hook, const std::vector<std::string>& args);

} // namespace decision::fast
