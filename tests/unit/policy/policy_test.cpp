#include "decision/policy/policy.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_policy_policy_test {

using namespace decision;

namespace {
std::string formatted(const std::vector<util::Diagnostic>& diags) {
    std::string out;
    for (const auto& d : diags)
        out += util::format(d) + "\n";
    return out;
}
} // namespace

TEST(Policy, DefaultPolicyTextParsesCleanly) {
    auto r = policy::parse(policy::default_policy_text());
    EXPECT_EQ(formatted(r.diagnostics), "");
    ASSERT_EQ(r.policy.rules.size(), 1u);
    EXPECT_EQ(r.policy.rules[0].name, "models");
    EXPECT_EQ(r.policy.rules[0].signoffs, std::vector<std::string>{"ml-lead"});
    EXPECT_EQ(r.policy.trust, policy::Trust::Committer);
    EXPECT_EQ(r.policy.policy_signoffs(), std::vector<std::string>{"ml-lead"});
}

TEST(Policy, FullPolicy) {
    auto r = policy::parse(R"([records]
dir = "adr"
id_prefix = "ML"

[[rules]]
name = "models"
paths = ["models/**"]
categories = ["MODEL SELECTION"]
statuses = ["accepted", "proposed"]
signoffs = ["ml-lead"]

[roles]
ml-lead = ["Alice@Example.com"]

[signoffs]
trust = "any"

[review]
overdue = "fail"

[lint]
guardrails = "error"
)");
    ASSERT_EQ(formatted(r.diagnostics), "");
    EXPECT_EQ(r.policy.records_dir, "adr");
    EXPECT_EQ(r.policy.id_prefix, "ML");
    EXPECT_EQ(r.policy.rules[0].statuses.size(), 2u);
    EXPECT_EQ(r.policy.roles_of("alice@EXAMPLE.com"), std::vector<std::string>{"ml-lead"});
    EXPECT_EQ(r.policy.trust, policy::Trust::Any);
    EXPECT_TRUE(r.policy.fail_overdue);
    EXPECT_EQ(r.policy.lint.level("guardrails"), record::LintLevel::Error);
}

TEST(Policy, UnknownRoleInRuleIsAnError) {
    auto r = policy::parse("[[rules]]\npaths = [\"models/**\"]\nsignoffs = [\"ml-lead\"]\n");
    EXPECT_EQ(formatted(r.diagnostics),
              "decisions/policy.toml:3:13: error: rule 'rule 1' requires sign-off from role "
              "'ml-lead', which [roles] does not define\n");
}

TEST(Policy, UnknownCategoryAndKey) {
    auto r = policy::parse(
        "[[rules]]\npaths = [\"models/**\"]\ncategories = [\"MODEL SELECTON\"]\nsignof = []\n");
    EXPECT_EQ(formatted(r.diagnostics), "decisions/policy.toml:4:1: error: unknown key 'signof' in "
                                        "[[rules]]; did you mean 'signoffs'?\n"
                                        "decisions/policy.toml:3:15: error: 'rules.categories' is "
                                        "'MODEL SELECTON'; did you mean 'MODEL "
                                        "SELECTION'?\n");
}

TEST(Policy, RecordsDirMustStayInside) {
    auto r = policy::parse("[records]\ndir = \"../elsewhere\"\n");
    EXPECT_EQ(formatted(r.diagnostics), "decisions/policy.toml:2:7: error: 'records.dir' must be a "
                                        "relative path inside the repository\n");
}

TEST(Policy, MergesAreCheckedForWhatTheyIntroduceByDefault) {
    EXPECT_EQ(policy::parse("").policy.merges, policy::MergeMode::Introduced);
    EXPECT_EQ(policy::parse("[merges]\nmode = \"introduced\"\n").policy.merges,
              policy::MergeMode::Introduced);
    EXPECT_EQ(policy::parse("[merges]\nmode = \"first-parent\"\n").policy.merges,
              policy::MergeMode::FirstParent);
    // The older "skip" is gone: "introduced" checks what it missed.
    EXPECT_EQ(formatted(policy::parse("[merges]\nmode = \"skip\"\n").diagnostics),
              "decisions/policy.toml:2:8: error: 'merges.mode' is 'skip'; expected one of: "
              "introduced, first-parent\n");
    // What `init` writes parses, with the default spelled out.
    auto written = policy::parse(policy::default_policy_text());
    EXPECT_EQ(written.policy.merges, policy::MergeMode::Introduced);
}

TEST(Policy, PolicySectionNamesWhoApprovesPolicyChanges) {
    auto r = policy::parse("[[rules]]\npaths = [\"models/**\"]\nsignoffs = [\"ml-lead\"]\n\n"
                           "[[rules]]\npaths = [\"data/**\"]\nsignoffs = [\"compliance\", "
                           "\"ml-lead\"]\n\n[roles]\nml-lead = []\ncompliance = []\nowner = []\n");
    EXPECT_EQ(formatted(r.diagnostics), "");
    EXPECT_EQ(r.policy.policy_signoffs(), (std::vector<std::string>{"ml-lead", "compliance"}));
    r = policy::parse("[roles]\nowner = []\n\n[policy]\nsignoffs = [\"owner\"]\n");
    EXPECT_EQ(formatted(r.diagnostics), "");
    EXPECT_EQ(r.policy.policy_signoffs(), std::vector<std::string>{"owner"});
    r = policy::parse("[policy]\nsignoffs = [\"nobody\"]\nsignof = 1\n");
    EXPECT_EQ(formatted(r.diagnostics),
              "decisions/policy.toml:3:1: error: unknown key 'signof' in [policy]; did you mean "
              "'signoffs'?\n"
              "decisions/policy.toml:2:13: error: [policy] signoffs names role 'nobody', which "
              "[roles] does not define\n");
}

} // namespace t_unit_policy_policy_test
