#include "decision/check/policy_in_force.hpp"
#include "decision/record/catalog.hpp"
#include "decision/record/normative.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_check_policy_in_force_test {

using namespace decision;

namespace {

const char* k_policy = R"([[rules]]
name = "models"
paths = ["models/**"]
signoffs = ["ml-lead"]

[roles]
ml-lead = ["alice@example.com"]
)";

gate::CompiledPolicy compiled(const std::string& text) {
    auto parsed = policy::parse(text);
    EXPECT_TRUE(parsed.diagnostics.empty());
    return *gate::CompiledPolicy::compile(parsed.policy);
}

const char* k_governance = "id = \"DEC-0002\"\ntitle = \"Policy\"\ncategory = \"MODEL "
                           "SELECTION\"\nstatus = \"accepted\"\ndate = 2026-11-01\n\n[owner]\n"
                           "name = \"A\"\n\n[scope]\npaths = [\"decisions/policy.toml\"]\n";

} // namespace

TEST(PolicyInForce, ChangeRuleTakesThePolicySignoffsOrEveryRuleRole) {
    auto rule = check::policy_change_rule(compiled(k_policy).policy());
    EXPECT_EQ(rule.name, "policy");
    EXPECT_EQ(rule.paths, std::vector<std::string>{"decisions/policy.toml"});
    EXPECT_EQ(rule.signoffs, std::vector<std::string>{"ml-lead"});
    auto own = check::policy_change_rule(
        compiled(std::string(k_policy) + "owner = []\n\n[policy]\nsignoffs = [\"owner\"]\n")
            .policy());
    EXPECT_EQ(own.signoffs, std::vector<std::string>{"owner"});
}

TEST(PolicyInForce, APolicyChangeIsAGovernedPathAndNoWaiverCoversIt) {
    auto pol = compiled(k_policy);
    record::Catalog records = record::load({{"decisions/DEC-0002-policy.toml", k_governance}});
    gate::CoverageInput input;
    input.records = &records;
    input.links.decisions.push_back({"DEC-0002", link::Via::Trailer});
    input.links.waivers.push_back("incident 7");
    auto unchanged = check::judge(pol, input, false);
    EXPECT_TRUE(unchanged.paths.empty());
    auto changed = check::judge(pol, input, true);
    ASSERT_EQ(changed.paths.size(), 1u);
    EXPECT_EQ(changed.paths[0].path, "decisions/policy.toml");
    EXPECT_EQ(changed.paths[0].rule, "policy");
    EXPECT_FALSE(changed.ok());
    EXPECT_EQ(changed.paths[0].problems,
              std::vector<std::string>{
                  "DEC-0002 has no approval from role 'ml-lead' (alice@example.com)"});
    EXPECT_EQ(changed.warnings.back(), "a waiver does not apply to a change of "
                                       "decisions/policy.toml; it was not honoured");
    // Approved by the role: covered.
    std::vector<gate::Approval> approvals{
        {"DEC-0002", "alice@example.com", "Alice", "", record::normative_hash(records.records[0])}};
    input.approvals = approvals;
    EXPECT_TRUE(check::judge(pol, input, true).ok());
}

} // namespace t_unit_check_policy_in_force_test
