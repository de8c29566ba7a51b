#pragma once
// Approvals found in history, indexed once and cached under the git directory so a hook
// does not walk the whole history on every commit.

#include "decision/check/coverage.hpp"
#include "decision/git/history.hpp"

#include <string>
#include <vector>

namespace decision::check {

// Trusted approvals in the history of `tip` (inclusive). The cache
// (<common dir>/decision-cache/approvals.json) is extended when `tip` descends from the
// cached tip and rebuilt otherwise; a corrupt cache is ignored.
util::Result<std::vector<Approval>> history_approvals(const git::Repository& repo,
                                                      const std::string& tip,
                                                      const policy::Policy& policy);

// Stores `approvals` as those of the history of `tip` in the cache history_approvals reads.
void remember_approvals(const git::Repository& repo, const std::string& tip,
                        const policy::Policy& policy, const std::vector<Approval>& approvals);

// The trailers vocabulary of a policy.
link::Vocabulary vocabulary(const policy::Policy& policy);

// A commit's links: trailers of its message plus its note, if any.
link::CommitLinks commit_links(const git::CommitInfo& commit, const std::string* note,
                               const policy::Policy& policy);

// Whether `commit` can link a decision at all: it has a note, or its message holds
// "decision" in some case (the trailer key). Most commits do not, and skip the parse.
bool may_link(const git::CommitInfo& commit, const std::string* note);

Actor actor_of(const git::CommitInfo& commit);

} // namespace decision::check
