#include "decision/record/lint.hpp"
#include "decision/record/parse.hpp"

#include <gtest/gtest.h>

using namespace decision;

namespace {
record::Record parse_ok(const std::string& text,
                        const std::string& path = "decisions/DEC-0001-x.toml") {
    auto r = record::parse(text, path);
    EXPECT_TRUE(r.ok());
    return *r.record;
}

const char* k_complete = R"(id = "DEC-0001"
title = "Ship the GBT model"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-02
review_date = 2027-01-15

[owner]
name = "Priya Raman"
role = "PM"

[problem]
statement = "Chargebacks rose 40%"

[[problem.baseline]]
metric = "recall"
value = 0.71

[[options]]
name = "GBT"
chosen = true

[[options]]
name = "Two-tower"
rejected_because = "needs GPUs"

[[options]]
name = "Logistic regression"
rejected_because = "recall tops out at 0.74"

[[guardrails]]
metric = "recall"
op = "<"
value = 0.8

[[links]]
kind = "evaluation"
url = "notebooks/eval.ipynb"
)";

std::string formatted(const std::vector<util::Diagnostic>& diags) {
    std::string out;
    for (const auto& d : diags)
        out += util::format(d) + "\n";
    return out;
}
} // namespace

TEST(Lint, CompleteRecordHasNoFindings) {
    EXPECT_EQ(formatted(record::lint(parse_ok(k_complete), {})), "");
}

TEST(Lint, MissingRejectedOptionIsReportedAtTheOptions) {
    std::string text = k_complete;
    text.replace(text.find("rejected_because = \"needs GPUs\""), 31, "");
    EXPECT_EQ(formatted(record::lint(parse_ok(text), {})),
              "decisions/DEC-0001-x.toml:19:3: warning: only 1 rejected option with a reason; "
              "record at least two "
              "alternatives under [[options]], each with rejected_because (1 option has no "
              "rejected_because) "
              "[rejected-options]\n");
}

TEST(Lint, LevelsComeFromTheConfig) {
    std::string text = k_complete;
    text.replace(text.find("role = \"PM\""), 11, "");
    record::LintConfig config;
    config.levels["owner-role"] = record::LintLevel::Error;
    auto diags = record::lint(parse_ok(text), config);
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(diags[0].severity, util::Severity::Error);
    config.levels["owner-role"] = record::LintLevel::Off;
    EXPECT_TRUE(record::lint(parse_ok(text), config).empty());
}

TEST(Lint, ReviewDateWindow) {
    std::string text = k_complete;
    text.replace(text.find("2027-01-15"), 10, "2026-11-10");
    EXPECT_EQ(
        formatted(record::lint(parse_ok(text), {})),
        "decisions/DEC-0001-x.toml:6:1: warning: review_date is 8 days after date; expected 30-90 "
        "[review-date]\n");
}

TEST(Lint, EthicalReviewNeedsFairnessMetrics) {
    std::string text = k_complete;
    text.replace(text.find("MODEL SELECTION"), 15, "ETHICAL REVIEW");
    auto diags = record::lint(parse_ok(text), {});
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(diags[0].rule, "fairness-metrics");
}

TEST(Collection, DuplicateIdsAreErrorsOnBothFiles) {
    auto a = parse_ok(k_complete, "decisions/DEC-0001-a.toml");
    auto b = parse_ok(k_complete, "decisions/DEC-0001-b.toml");
    EXPECT_EQ(formatted(record::check_collection({a, b}, "DEC")),
              "decisions/DEC-0001-a.toml:1:1: error: ID DEC-0001 is also used by "
              "decisions/DEC-0001-b.toml; give one "
              "of them the next free ID (git decision new allocates one) and rename its file "
              "[duplicate-id]\n"
              "decisions/DEC-0001-b.toml:1:1: error: ID DEC-0001 is also used by "
              "decisions/DEC-0001-a.toml; give one "
              "of them the next free ID (git decision new allocates one) and rename its file "
              "[duplicate-id]\n");
}

TEST(Collection, FileNameMustMatchId) {
    auto a = parse_ok(k_complete, "decisions/DEC-0002-a.toml");
    EXPECT_EQ(formatted(record::check_collection({a}, "DEC")),
              "decisions/DEC-0002-a.toml:1:1: error: ID DEC-0001 does not match the file name "
              "'DEC-0002-a.toml'; "
              "name the file DEC-0001-<slug>.toml [id-filename]\n");
}

TEST(Collection, SupersedeCycleAndDanglingLinks) {
    std::string one = k_complete;
    one.replace(one.find("status"), 0, "supersedes = [\"DEC-0002\"]\n");
    std::string two = k_complete;
    two.replace(two.find("DEC-0001"), 8, "DEC-0002");
    two.replace(two.find("status"), 0, "supersedes = [\"DEC-0001\", \"DEC-0009\"]\n");
    auto diags = record::check_collection(
        {parse_ok(one, "decisions/DEC-0001-a.toml"), parse_ok(two, "decisions/DEC-0002-b.toml")},
        "DEC");
    EXPECT_EQ(
        formatted(diags),
        "decisions/DEC-0002-b.toml:4:1: error: supersedes DEC-0009, but no record has that ID "
        "[supersedes]\n"
        "decisions/DEC-0001-a.toml:4:1: error: supersede cycle: DEC-0001 -> DEC-0002 -> DEC-0001 "
        "[supersede-cycle]\n");
}

TEST(Collection, SupersededNeedsAnAcceptedSuccessor) {
    std::string old = k_complete;
    old.replace(old.find("\"accepted\""), 10, "\"superseded\"");
    auto diags = record::check_collection({parse_ok(old)}, "DEC");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(diags[0].rule, "superseded-by");
}
