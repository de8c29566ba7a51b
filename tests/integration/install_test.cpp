// git decision install's warnings about a policy that cannot govern anything.

#include "support/temp_repo.hpp"

#include <gtest/gtest.h>

TEST(Install, WarnsWhenThePolicyGovernsNothing) {
    test::TempRepo repo;
    repo.write("decisions/policy.toml", "[lint]\nguardrails = \"error\"\n");
    auto out = repo.decision({"install", "--hooks", "commit-msg"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "commit-msg: installed in " + repo.path() + "/.git/hooks\n");
    EXPECT_EQ(
        out.err,
        "git-decision: warning: decisions/policy.toml has no [[rules]], so the hooks require no "
        "decision for any change; add a rule with paths such as [\"models/**\"]\n");
}

TEST(Install, ReportsAnInvalidPolicyButStillInstalls) {
    test::TempRepo repo;
    repo.write("decisions/policy.toml",
               "[[rules]]\npaths = [\"models/**\"]\nsignoffs = [\"ml-lead\"]\n");
    auto out = repo.decision({"install", "--hooks", "commit-msg"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(
        out.err,
        "git-decision: warning: the policy is invalid:\n  decisions/policy.toml:3:13: error: rule "
        "'rule 1' requires sign-off from role 'ml-lead', which [roles] does not define\n");
}
