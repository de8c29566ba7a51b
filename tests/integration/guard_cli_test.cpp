// git decision guard and review end to end, on the example record (docs/design.md) and DVC-shaped
// metrics.

#include "support/temp_repo.hpp"

#include <gtest/gtest.h>

namespace {

class GuardCli : public ::testing::Test {
protected:
    test::TempRepo repo;

    void SetUp() override {
        repo.write("decisions/DEC-0042-recall.toml",
                   test::read_source("schema/examples/valid/design-example.toml"));
        repo.write("eval.json", test::read_source("tests/fixtures/guard/metrics.json"));
    }

    test::Output run(const std::vector<std::string>& args,
                     const std::string& today = "2026-11-27") {
        test::RunOptions o;
        o.env = {{"GIT_DECISION_TODAY", today}};
        return repo.decision(args, o);
    }
};

} // namespace

TEST_F(GuardCli, BreachedAndUnmeasuredGuardrailsNameTheOwnerAndAction) {
    auto out = run({"guard", "--metrics", "eval.json"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(
        out.out,
        "DEC-0042  Optimize for recall over precision in the fraud detection model\n"
        "  owner: Priya Raman <priya@example.com>  (decisions/DEC-0042-recall.toml)\n"
        "  BREACHED      recall < 0.8                          recall 0.78 < 0.8  (action: "
        "re-evaluate)\n"
        "  NOT MEASURED  demographic_parity_difference > 0.05  'demographic_parity_difference' is "
        "in none of "
        "the metrics files (eval.json) (did you mean 'fairness.demographic_parity_difference'?)\n"
        "\n"
        "2 guardrails in 1 decision: 1 breached, 0 ok, 1 not measured\n");
}

TEST_F(GuardCli, DvcMetricsDiffUsesTheNewValues) {
    repo.write("diff.json", test::read_source("tests/fixtures/guard/dvc-metrics-diff.json"));
    auto out = run({"guard", "--metrics", "diff.json", "--format", "json"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_NE(
        out.out.find(
            "\"condition\": \"recall < 0.8\",\n          \"status\": \"breached\",\n          "
            "\"measured\": 0.78,"),
        std::string::npos)
        << out.out;
}

TEST_F(GuardCli, MissingMetricsFileIsAnEnvironmentError) {
    auto out = run({"guard", "--metrics", "nope.json"});
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.err, "git-decision: error: cannot read 'nope.json': No such file or directory\n");
}

TEST_F(GuardCli, ReviewListsOverdueDecisionsAndCanFail) {
    auto out = run({"review"}, "2027-01-20");
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Review as of 2027-01-20\n\nOverdue for review (1):\n"
                       "  DEC-0042  2027-01-15  5 days overdue  accepted  Optimize for recall over "
                       "precision in the "
                       "fraud detection model  (owner: Priya Raman <priya@example.com>)\n");
    EXPECT_EQ(run({"review", "--fail-overdue"}, "2027-01-20").exit_code, 1);
    EXPECT_EQ(run({"review", "--fail-overdue"}, "2026-12-01").exit_code, 0);
}

TEST_F(GuardCli, ReviewRejectsAJunkWindow) {
    auto out = run({"review", "--within", "soon"});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_EQ(
        out.err,
        "git-decision: error: invalid review window 'soon': expected a number of days or weeks, "
        "such as 14d, 2w or 30, up to 10000 days\n");
}
