#pragma once
// The coverage engine: is a change governed, and is it covered? One engine behind every
// hook, `check --range` and the server hook (docs/design.md, "The gate"; docs/policy.md).

#include "decision/link/links.hpp"
#include "decision/policy/policy.hpp"
#include "decision/record/catalog.hpp"
#include "decision/record/normative.hpp"
#include "decision/util/pathmatch.hpp"

#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace decision::gate {

// A policy with its globs compiled once.
class CompiledPolicy {
public:
    static util::Result<CompiledPolicy> compile(const policy::Policy& policy);

    const policy::Policy& policy() const { return m_policy; }
    // The rules governing `path`, in policy order.
    std::vector<const policy::Rule*> rules_for(std::string_view path) const;
    // Whether any rule could govern a path beneath `dir` (for pruning tree walks).
    bool may_govern_under(const std::string& dir) const;
    bool governs(std::string_view path) const { return !rules_for(path).empty(); }

private:
    policy::Policy m_policy;
    std::vector<util::PathSet> m_sets; // one per rule
};

// One approval of a decision found in history (or in the message being committed).
struct Approval {
    std::string decision_id;
    std::string email; // the approver
    std::string name;
    std::string commit;         // where it was given ("" for the commit being made)
    std::string normative_hash; // record::normative_hash of the record as of that commit
};

// Who made a commit, for trust checks.
struct Actor {
    std::string author_email; // anyone sets it (git commit --author): never trusted
    std::string committer_email;
    // Who signed the commit, as git verified it (git::verified_signer); empty when it is
    // unsigned, the signature does not verify, or the trust mode does not need it.
    std::string signer;
};

// Whether the policy's trust mode lets `signoff` in a commit by `actor` count: `any`, every
// sign-off; `committer`, the approver committed it (a social control: anyone can set a
// committer identity); `signed`, git verified the commit's signature as the approver's.
bool trusted(const link::SignOff& signoff, const Actor& actor, const policy::Policy& policy);

struct PathFinding {
    std::string path;
    std::string rule; // the rule that governs it
    bool covered = false;
    std::vector<std::string> covered_by; // decision IDs
    std::vector<std::string> problems;   // what is missing, one sentence each
    std::vector<std::string> fixes;      // the trailer or command that would fix it
};

struct Coverage {
    std::vector<PathFinding> paths; // governed paths only
    bool waived = false;
    std::string waiver_reason;
    std::string waiver_by;
    std::vector<std::string> warnings; // overdue decisions, unknown IDs, bad notes

    bool ok() const;
};

// Normative hashes already computed, by record (records must outlive the memo).
using HashMemo = std::unordered_map<const record::Record*, std::string>;

struct CoverageInput {
    std::vector<std::string> changed_paths;
    link::CommitLinks links;
    Actor actor;
    const record::Catalog* records = nullptr; // as of the change
    std::span<const Approval> approvals; // trusted approvals in history, this change's included
    record::Date today{};
    HashMemo* hashes = nullptr; // when set, records' normative hashes are computed once
    // The commit checked when it exists already (pre-push, ranges, the server): fixes then
    // say `git decision link <commit> <ID>` rather than a trailer. Empty at commit time.
    std::string commit;
};

Coverage evaluate(const CompiledPolicy& policy, const CoverageInput& input);

// Approvals given by a commit's own sign-offs, for each decision its own message names
// (`Decision:` trailers; decisions linked only by a note get none).
std::vector<Approval> approvals_in(const link::CommitLinks& links, const Actor& actor,
                                   const std::string& commit, const record::Catalog& records,
                                   const policy::Policy& policy, HashMemo* memo = nullptr);

} // namespace decision::gate
