#pragma once
// Where a decision stands with its approvers: for each role the policy requires of it, who
// approved, whether that approval still holds (fresh) or binds to older content (stale),
// or who could give the missing one; and its quick-start checklist, item by item. What
// `show` prints and `--format json` carries.

#include "decision/gate/coverage.hpp"
#include "decision/git/repository.hpp"
#include "decision/policy/policy.hpp"
#include "decision/record/lint.hpp"
#include "decision/record/record.hpp"

#include <span>
#include <string>
#include <vector>

namespace decision::check {

enum class ApprovalState { Fresh, Stale, Missing };
const char* to_string(ApprovalState s); // "fresh", "stale", "missing"

// One row: an approval by a holder of `role`, or the role's missing approval.
struct RoleApproval {
    std::string role;
    ApprovalState state = ApprovalState::Missing;
    std::string name;   // the approver (fresh, stale)
    std::string email;  // lower case
    std::string commit; // the approving commit, full hex
    // Stale: the first commit after the approval whose content of the record differs from
    // what was approved; empty when that change is not committed (the working tree's record).
    std::string stale_since;
    // Stale and missing: who holds the role and can approve (again).
    std::vector<std::string> can_give;

    // "Name <email>", or the email alone.
    std::string by() const;
};

// The roles a decision needs approvals from: the sign-offs of every policy rule whose
// categories include the record's (a rule naming no category applies to all), each once,
// in rule order.
std::vector<std::string> required_roles(const record::Record& r, const policy::Policy& policy);

// The rows for `r` (as read now) from the trusted `approvals` found in history: per
// required role, each holder's approval (fresh when it binds to `r`'s normative content,
// else stale: the newest of theirs), or one missing row. `stale_since` is left empty.
std::vector<RoleApproval> approval_status(const record::Record& r, const policy::Policy& policy,
                                          std::span<const gate::Approval> approvals);

// Fills `stale_since` of the stale rows: walks the history of `tip` down to each
// approving commit and finds where the record at `r.path` last changed to content other
// than what was approved.
util::Result<void> find_stale_since(const git::Repository& repo, const std::string& tip,
                                    const record::Record& r, std::vector<RoleApproval>& rows);

// Approvals of `r` by people who hold none of its required roles: they count for nothing.
std::vector<gate::Approval> approvals_without_role(const record::Record& r,
                                                   const policy::Policy& policy,
                                                   std::span<const gate::Approval> approvals);

// A stakeholder whose stance and sign-off disagree: the record says `approve` but they
// never approved, or they approved while the record gives another stance. Stakeholders
// carry no email, so an approval is theirs when its approver's name or email equals the
// stakeholder's name (case-insensitively).
struct StanceMismatch {
    std::string stakeholder; // the name as the record spells it
    std::string role;        // the stakeholder's role in the record
    std::string stance;      // the record's stance ("" when none)
    bool signed_off = false; // true: approved with another stance; false: approve, never signed
    std::string commit;      // the approval, when signed_off
};

std::vector<StanceMismatch> stance_mismatches(const record::Record& r,
                                              std::span<const gate::Approval> approvals);

// All of the above for one record: what `show` prints below the record.
struct Standing {
    bool policy_has_rules = false; // false: no policy (or one without rules) asks anything
    std::vector<std::string> required_roles;
    std::vector<RoleApproval> approvals;
    std::vector<gate::Approval> without_role;
    std::vector<StanceMismatch> stance;
    std::vector<record::ChecklistItem> checklist; // the nine items under the policy's levels
};

// The standing of `r` from the trusted approvals in history (stale_since left empty:
// find_stale_since fills it).
Standing standing_of(const record::Record& r, const policy::Policy& policy,
                     std::span<const gate::Approval> approvals);

} // namespace decision::check
