#pragma once
// Approvals found in history, indexed once and cached under the git directory so a hook
// does not walk the whole history on every commit.

#include "decision/gate/coverage.hpp"
#include "decision/git/history.hpp"

#include <string>
#include <vector>

namespace decision::check {

// Trusted approvals in the history of `tip` (inclusive): commits whose own message names a
// decision and carries a trusted sign-off. The cache
// (<common dir>/decision-cache/approvals.json) names the approving commits up to its tip,
// keyed by the policy's approval settings and checksummed; it is extended when `tip`
// descends from the cached tip, and each approval it names is read again from its commit,
// so a cache can spare the walk but never make an approval. A damaged cache is a miss.
util::Result<std::vector<gate::Approval>> history_approvals(const git::Repository& repo,
                                                            const std::string& tip,
                                                            const policy::Policy& policy);

// Stores `approvals` as those of the history of `tip` in the cache history_approvals reads.
void remember_approvals(const git::Repository& repo, const std::string& tip,
                        const policy::Policy& policy, const std::vector<gate::Approval>& approvals);

// The trailers vocabulary of a policy.
link::Vocabulary vocabulary(const policy::Policy& policy);

// A commit's links: trailers of its message plus its note, if any.
link::CommitLinks commit_links(const git::CommitInfo& commit, const std::string* note,
                               const policy::Policy& policy);

// Whether `commit` can link a decision at all: it has a note, or its message holds
// "decision" in some case (the trailer key). Most commits do not, and skip the parse.
bool may_link(const git::CommitInfo& commit, const std::string* note);

// Who made `commit`. Under trust = "signed", when `links` carry sign-offs to weigh and the
// commit is signed, `signer` is who git verifies signed it (git::verified_signer); an error
// only when git cannot be run.
util::Result<gate::Actor> actor_of(const git::Repository& repo, const git::CommitInfo& commit,
                                   const link::CommitLinks& links, const policy::Policy& policy);

} // namespace decision::check
