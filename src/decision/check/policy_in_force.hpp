#pragma once
// Which policy judges a change, and how a change to the policy itself is judged.
//
// A change is judged by the policy in force before it: a commit by its first parent's
// policy (a root commit: none), the commit being made by HEAD's, a push by the old tip's
// (docs/ARCHITECTURE.md, "The policy in force"). A change to the policy file — an edit,
// its deletion, a new [records] dir — is governed by that policy in force through one
// implicit rule: it must link an accepted decision whose scope covers the policy file, with
// fresh approvals from every role of `[policy] signoffs`. With no policy in force, a change
// that adds one needs nothing: it starts enforcement.

#include "decision/gate/coverage.hpp"

namespace decision::check {

// The name of the implicit rule, as findings show it.
inline constexpr const char* k_policy_rule = "policy";

// The implicit rule `in_force` applies to a change of the policy file: it governs
// policy::k_policy_path, any category may cover it, the decision must be accepted, and
// every role of in_force.policy_signoffs() must approve.
policy::Rule policy_change_rule(const policy::Policy& in_force);

// The coverage of a change under the policy in force. `input.changed_paths` are the paths
// the rules of `in_force` govern; `policy_changed` says whether the change edits, deletes
// or replaces the policy file, which then is one more governed path under
// policy_change_rule(). A waiver never lets a policy change through: when the policy
// changed, the waiver trailer is ignored, with a warning.
gate::Coverage judge(const gate::CompiledPolicy& in_force, gate::CoverageInput input,
                     bool policy_changed);

} // namespace decision::check
