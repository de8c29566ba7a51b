// git decision guard and review end to end, on the example record (docs/design.md) and DVC-shaped
// metrics.

#include "support/golden.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_guard_cli_test {

namespace {

class GuardCli : public ::testing::Test {
protected:
    test::TempRepo repo;

    void SetUp() override {
        repo.write("decisions/DEC-0042-recall.toml",
                   test::read_source("schema/examples/valid/design-example.toml"));
        repo.write("eval.json", test::read_source("tests/fixtures/guard/metrics.json"));
    }

    test::Output run(const std::vector<std::string>& args, const std::string& today = "2026-11-27",
                     const std::string& cwd = "") {
        test::RunOptions o;
        o.env = {{"GIT_DECISION_TODAY", today}};
        if (!cwd.empty())
            o.cwd = repo.path() + "/" + cwd;
        return repo.decision(args, o);
    }

    // The full fraud-detection example record with its guardrails replaced by `guardrails`
    // (TOML).
    void use_guardrails(const std::string& guardrails) {
        std::string toml = test::read_source("schema/examples/valid/design-example.toml");
        auto from = toml.find("[[guardrails]]");
        auto to = toml.find("[[stakeholders]]");
        ASSERT_NE(from, std::string::npos);
        ASSERT_NE(to, std::string::npos);
        repo.write("decisions/DEC-0042-recall.toml",
                   toml.substr(0, from) + guardrails + "\n" + toml.substr(to));
    }

    // Recall holds; the fairness metric sits under "fairness", where DVCLive-style files
    // nest it, so the guardrail naming it at the top level measures nothing.
    void write_nested_fairness() {
        repo.write("eval.json",
                   R"({"recall": 0.85, "fairness": {"demographic_parity_difference": 0.03}})");
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
        "2 guardrails in 1 decision: 1 breached, 0 ok, 1 not measured\n"
        "1 guardrail not measured: guard fails until every guardrail is measured. Give metrics "
        "that hold its metric (or correct the name in the record), or pass --allow-unmeasured "
        "to only report it.\n");
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

// ---------------------------------------------------------------- guard is a gate

TEST_F(GuardCli, UnmeasuredGuardrailFailsAndSaysWhatItLookedFor) {
    write_nested_fairness();
    auto out = run({"guard", "--metrics", "eval.json"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.err, "");
    test::expect_golden("guard-unmeasured.txt", out.out);
}

TEST_F(GuardCli, AllowUnmeasuredReportsButPasses) {
    write_nested_fairness();
    auto out = run({"guard", "--metrics", "eval.json", "--allow-unmeasured"});
    EXPECT_EQ(out.exit_code, 0);
    test::expect_golden("guard-allow-unmeasured.txt", out.out);
}

TEST_F(GuardCli, AllowUnmeasuredStillFailsOnABreach) {
    auto out = run({"guard", "--metrics", "eval.json", "--allow-unmeasured"});
    EXPECT_EQ(out.exit_code, 1);
}

TEST_F(GuardCli, EveryFormatSaysWhatWasNotMeasured) {
    write_nested_fairness();
    auto markdown = run({"guard", "--metrics", "eval.json", "--format", "markdown"});
    EXPECT_EQ(markdown.exit_code, 1);
    test::expect_golden("guard-unmeasured.md", markdown.out);
    auto github = run({"guard", "--metrics", "eval.json", "--format", "github"});
    EXPECT_EQ(github.exit_code, 1);
    test::expect_golden("guard-unmeasured-github.txt", github.out);
    auto json = run({"guard", "--metrics", "eval.json", "--format", "json"});
    EXPECT_EQ(json.exit_code, 1);
    test::expect_golden("guard-unmeasured.json", json.out);
    auto allowed =
        run({"guard", "--metrics", "eval.json", "--format", "github", "--allow-unmeasured"});
    EXPECT_EQ(allowed.exit_code, 0);
    test::expect_golden("guard-allow-unmeasured-github.txt", allowed.out);
}

// ---------------------------------------------------------------- DVC layouts, no flags

TEST_F(GuardCli, NestedDvcMetricsAreDottedPaths) {
    use_guardrails("[[guardrails]]\nmetric = \"test.precision\"\nop = \"<\"\nvalue = 0.6\n\n"
                   "[[guardrails]]\nmetric = \"eval/metrics.json:test.recall\"\nop = \"<\"\n"
                   "value = 0.8\naction = \"rollback\"\n");
    repo.write("eval/metrics.json", R"({"test": {"precision": 0.64, "recall": 0.83}})");
    auto out = run({"guard", "--metrics", "eval/metrics.json"});
    EXPECT_EQ(out.exit_code, 0);
    test::expect_golden("guard-dvc-nested.txt", out.out);
}

TEST_F(GuardCli, DvcYamlListsTheMetricsWhenNoneAreGiven) {
    use_guardrails("[[guardrails]]\nmetric = \"test.precision\"\nop = \"<\"\nvalue = 0.6\n\n"
                   "[[guardrails]]\nmetric = \"eval/latency.json:p95_latency_ms\"\nop = \">\"\n"
                   "value = 35\naction = \"page\"\n");
    repo.write("dvc.yaml", "stages:\n"
                           "  evaluate:\n"
                           "    cmd: python src/evaluate.py\n"
                           "    wdir: eval\n"
                           "    metrics:\n"
                           "      - metrics.json:\n"
                           "          cache: false\n"
                           "metrics:\n"
                           "  - eval/latency.json\n");
    repo.write("eval/metrics.json", R"({"test": {"precision": 0.64}})");
    repo.write("eval/latency.json", R"({"p95_latency_ms": 36.5})");
    repo.write("src/evaluate.py", "print('evaluate')\n");
    // From a subdirectory too: the nearest dvc.yaml up to the top of the working tree.
    auto out = run({"guard"}, "2026-11-27", "src");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.err, "");
    test::expect_golden("guard-dvc-yaml.txt", out.out);
}

TEST_F(GuardCli, DvcYamlNamingAMissingFileFailsClosed) {
    repo.write("dvc.yaml", "metrics:\n  - eval/metrics.json\n");
    auto out = run({"guard"});
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.err,
              "git-decision: error: cannot read 'eval/metrics.json': No such file or directory\n");
}

TEST_F(GuardCli, NoMetricsAndNoDvcYamlIsAUsageError) {
    auto out = run({"guard"});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_EQ(out.err, "git-decision: error: no metrics to check: give --metrics FILE..., or run "
                       "guard in a DVC project whose dvc.yaml lists its metrics files\n");
}

TEST_F(GuardCli, DvcMetricsDiffOldSideIsTheBaseline) {
    use_guardrails("[[guardrails]]\nmetric = \"recall\"\nmax_relative_drop = 0.05\n\n"
                   "[[guardrails]]\nmetric = \"roc_auc.test\"\nmax_relative_drop = 0.05\n\n"
                   "[[guardrails]]\nmetric = \"eval/latency.json:p95_latency_ms\"\nmax_drop = 3\n"
                   "direction = \"lower_is_better\"\naction = \"rollback\"\n");
    repo.write("diff.json", test::read_source("tests/fixtures/guard/dvc-metrics-diff.json"));
    auto out = run({"guard", "--metrics", "diff.json"});
    EXPECT_EQ(out.exit_code, 1);
    test::expect_golden("guard-dvc-diff-baseline.txt", out.out);
}

} // namespace t_integration_guard_cli_test
