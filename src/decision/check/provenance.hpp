#pragma once
// Links a commit takes from the commits its message names in git's words
// (link/provenance.hpp), for every check of a commit (commit-msg, pre-push, ranges,
// pre-receive):
//  - a `git cherry-pick -x` copy is linked to what its original is linked to, by trailers
//    (copied with the message anyway) and by notes (which git does not copy);
//  - a `git revert` of a commit linked to decision X is linked to X when X is accepted
//    (still in force) in the records the revert is checked with: rolling back a change a
//    decision in force covered is covered by that decision, and reported as "rollback of X".
//    A revert of a commit no decision covered is judged like any change.
// Followed through up to a few reverts of reverts and picks of picks.

#include "decision/gate/coverage.hpp"
#include "decision/git/history.hpp"
#include "decision/link/links.hpp"

#include <map>
#include <string>
#include <vector>

namespace decision::check {

struct Followed {
    struct Rollback {
        std::string decision;
        std::string reverted; // full id
    };
    std::vector<Rollback> rollbacks;   // before settle_rollbacks(): every candidate
    std::vector<std::string> warnings; // named commits this repository lacks
};

// Whether `message` names commits in git's words at all (a cheap test before the rest).
bool may_follow(std::string_view message);

// Adds to `links` the links of the commits `message` names: the original's decisions (via
// CherryPick) and, as candidates, the reverted commit's (via Rollback). `notes`: the notes
// under refs/notes/decisions by commit id.
util::Result<Followed> follow_provenance(const git::History& history,
                                         const std::map<std::string, std::string>& notes,
                                         const std::string& message, const policy::Policy& policy,
                                         link::CommitLinks& links);

// Keeps the rollback links whose decision is accepted in `records` (the records the commit
// is checked with), and drops the others from `links` with a warning saying why.
void settle_rollbacks(Followed& followed, const record::Catalog& records, link::CommitLinks& links);

// After evaluation: "rollback of DEC-X (reverts <commit>)" for each rollback decision that
// covers a path of `coverage`, and the warnings follow_provenance() gathered.
void report_provenance(const Followed& followed, gate::Coverage& coverage);

} // namespace decision::check
