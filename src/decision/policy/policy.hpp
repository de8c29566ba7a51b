#pragma once
// The repository's governance rules, decisions/policy.toml (docs/policy.md).

#include "decision/record/lint.hpp"
#include "decision/record/record.hpp"
#include "decision/util/diagnostic.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::policy {

// Where the policy lives, relative to the repository root.
inline constexpr const char* k_policy_path = "decisions/policy.toml";

enum class Trust { Any, Committer, Signed };
// How a merge commit is checked ([merges] mode): `Introduced` (the default) checks only the
// governed paths where the merge's result differs from every parent (conflict resolutions,
// "evil merges"), since what each parent brings is checked with that parent's own commits;
// `FirstParent` checks everything the merge brings to its first parent, like a squash.
enum class MergeMode { Introduced, FirstParent };
// What `check` and the commit-msg hook do when a dvc.lock stage's inputs change under an
// accepted or proposed decision's scope ([review] pipeline_staleness).
enum class PipelineStaleness { Warn, Fail, Off };

// Paths a rule governs, and what a decision must be to cover them.
struct Rule {
    std::string name;
    std::vector<std::string> paths; // gitignore-style globs
    std::vector<record::Category> categories;
    std::vector<record::Status> statuses{record::Status::Accepted};
    std::vector<std::string> signoffs; // roles that must approve
    util::Position position;
};

struct Policy {
    std::string records_dir = "decisions";
    std::string id_prefix = "DEC";
    std::vector<Rule> rules;
    std::map<std::string, std::vector<std::string>> roles; // role -> lower-cased emails
    std::vector<std::string> signoff_trailers{"Approved-by", "Reviewed-by", "Signed-off-by"};
    Trust trust = Trust::Committer;
    std::string waiver_trailer = "Decision-Waiver";
    std::vector<std::string> waiver_roles;
    bool fail_overdue = false; // [review] overdue = "fail"
    // [review] pipeline_staleness
    PipelineStaleness pipeline_staleness = PipelineStaleness::Warn;
    record::LintConfig lint;
    MergeMode merges = MergeMode::Introduced;
    std::vector<std::string> enforced_refs{"refs/heads/*"}; // server hook: which refs are checked
    // Not part of the file: the repository's core.ignorecase, set by whoever reads the policy
    // for a repository, so paths are matched the way git matches .gitignore there.
    bool ignore_case = false;
    // [policy] signoffs: the roles that must approve a change to the policy itself; absent
    // means every role any rule requires (policy_signoffs() resolves it).
    std::optional<std::vector<std::string>> change_signoffs;

    // The roles that must approve a change to this policy (edit, deletion, moving the
    // records folder): [policy] signoffs, else every role any rule requires, in rule order.
    std::vector<std::string> policy_signoffs() const;

    // The roles held by `email` (compared case-insensitively).
    std::vector<std::string> roles_of(std::string_view email) const;
};

struct PolicyResult {
    Policy policy;
    std::vector<util::Diagnostic> diagnostics;
};

// Parses a policy file; unknown keys, wrong types, unknown categories and rules naming
// roles the roster lacks are diagnostics at their line and column.
PolicyResult parse(std::string_view text, const std::string& path = k_policy_path);

// The commented policy `git decision init` writes.
std::string default_policy_text();

} // namespace decision::policy
