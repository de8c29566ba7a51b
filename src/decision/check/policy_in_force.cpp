#include "decision/check/policy_in_force.hpp"

#include <algorithm>
#include <iterator>

namespace decision::check {

policy::Rule policy_change_rule(const policy::Policy& in_force) {
    policy::Rule rule;
    rule.name = k_policy_rule;
    rule.paths = {policy::k_policy_path};
    rule.statuses = {record::Status::Accepted};
    rule.signoffs = in_force.policy_signoffs();
    return rule;
}

gate::Coverage judge(const gate::CompiledPolicy& in_force, gate::CoverageInput input,
                     bool policy_changed) {
    if (!policy_changed)
        return gate::evaluate(in_force, input);
    bool had_waiver = !input.links.waivers.empty();
    input.links.waivers.clear();
    gate::Coverage out = gate::evaluate(in_force, input);
    if (had_waiver)
        out.warnings.push_back("a waiver does not apply to a change of " +
                               std::string(policy::k_policy_path) + "; it was not honoured");

    // The policy file under the implicit rule alone, through the same engine.
    policy::Policy only = in_force.policy();
    only.rules = {policy_change_rule(in_force.policy())};
    auto compiled = gate::CompiledPolicy::compile(only);
    gate::PathFinding f;
    if (!compiled) { // a literal path always compiles; fail closed all the same
        f.path = policy::k_policy_path;
        f.rule = k_policy_rule;
        f.problems.push_back(compiled.error().message);
        out.paths.insert(out.paths.begin(), std::move(f));
        return out;
    }
    input.changed_paths = {policy::k_policy_path};
    gate::Coverage policy_coverage = gate::evaluate(*compiled, input);
    // The policy change first: it is what decides how everything else is judged.
    out.paths.insert(out.paths.begin(), std::make_move_iterator(policy_coverage.paths.begin()),
                     std::make_move_iterator(policy_coverage.paths.end()));
    for (auto& w : policy_coverage.warnings)
        if (std::find(out.warnings.begin(), out.warnings.end(), w) == out.warnings.end())
            out.warnings.push_back(std::move(w));
    return out;
}

} // namespace decision::check
