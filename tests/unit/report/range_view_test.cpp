// The CI renderers of `check --range`: GitHub workflow-command escaping, Markdown escaping,
// the Markdown size limit, the GitHub annotation limit and GitLab fingerprints.

#include "decision/guard/guardrail.hpp"
#include "decision/guard/report.hpp"
#include "decision/report/range_view.hpp"
#include "decision/util/markdown.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_report_range_view_test {

using namespace decision;

namespace {

check::Finding finding(std::string path, std::string message,
                       check::FindingSeverity severity = check::FindingSeverity::Error) {
    check::Finding f;
    f.severity = severity;
    f.kind = check::kind::k_uncovered;
    f.commit = "0123456789abcdef0123456789abcdef01234567";
    f.path = std::move(path);
    f.rule = "models";
    f.decision_ids = {"DEC-0001"};
    f.message = std::move(message);
    f.fix = "add the trailer 'Decision: DEC-0001'";
    return f;
}

check::RangeReport report_with(std::size_t findings) {
    check::RangeReport r;
    r.range = "main..HEAD";
    r.base = "1111111111111111111111111111111111111111";
    r.head = "2222222222222222222222222222222222222222";
    r.commits.push_back(
        {"0123456789abcdef0123456789abcdef01234567", "Retrain", "A <a@x>", {}, std::nullopt});
    for (std::size_t i = 0; i < findings; ++i)
        r.findings.push_back(finding(
            "models/m" + std::to_string(i) + ".onnx", "no decision is linked to this change",
            i % 2 ? check::FindingSeverity::Warning : check::FindingSeverity::Error));
    return r;
}

} // namespace

TEST(RangeView, GithubAnnotationOfHostileFinding) {
    auto r = report_with(0);
    r.findings.push_back(finding("models/x,y:z%0A.onnx", "evil \x1b[31mred\n::error::forged 100%"));
    EXPECT_EQ(report::render_range_github(r),
              "::error file=models/x%2Cy%3Az%250A.onnx,title=git-decision uncovered in "
              "0123456789ab::evil \\x1B[31mred\\x0A::error::forged 100%25%0ADecisions: "
              "DEC-0001%0ARule: models%0AFix: add the trailer 'Decision: DEC-0001'\n"
              "git-decision: checked 1 commit in 111111111111..222222222222: 1 error, 0 "
              "warnings\n");
}

TEST(RangeView, GithubShowsTenOfEachSeverityThenASummary) {
    auto r = report_with(30);
    std::string out = report::render_range_github(r);
    std::size_t errors = 0, warnings = 0;
    for (std::size_t at = out.find("::error "); at != std::string::npos;
         at = out.find("::error ", at + 1))
        ++errors;
    for (std::size_t at = out.find("::warning "); at != std::string::npos;
         at = out.find("::warning ", at + 1))
        ++warnings;
    EXPECT_EQ(errors, 10u);
    EXPECT_EQ(warnings, 10u);
    EXPECT_NE(out.find("git-decision: checked 1 commit in 111111111111..222222222222: 15 errors, "
                       "15 warnings (10 more findings not annotated; see the job summary)\n"),
              std::string::npos)
        << out;
}

TEST(RangeView, MarkdownStartsWithTheMarker) {
    std::string md = report::render_range_markdown(report_with(2));
    EXPECT_EQ(md.rfind("<!-- git-decision -->\n", 0), 0u) << md;
}

TEST(RangeView, MarkdownIsTruncatedUnderTheLimit) {
    auto r = report_with(5000);
    std::string md = report::render_range_markdown(r, 65000);
    EXPECT_LE(md.size(), 65000u);
    EXPECT_NE(md.find("… and "), std::string::npos);
    EXPECT_NE(md.find(" more findings; run `git decision check --range` for all of them\n"),
              std::string::npos);
    // Every finding is either shown or counted.
    std::size_t shown = 0;
    for (std::size_t at = md.find("\n- **"); at != std::string::npos;
         at = md.find("\n- **", at + 1))
        ++shown;
    auto more = md.substr(md.find("… and ") + std::string("… and ").size());
    EXPECT_EQ(shown + std::stoul(more), 5000u);
}

TEST(RangeView, SmallMarkdownIsNotTruncated) {
    std::string md = report::render_range_markdown(report_with(3));
    EXPECT_EQ(md.find("… and "), std::string::npos);
}

TEST(RangeView, FingerprintIsStableAndDistinguishesPaths) {
    auto a = finding("models/a.onnx", "x");
    auto b = finding("models/b.onnx", "x");
    EXPECT_EQ(report::fingerprint(a), report::fingerprint(finding("models/a.onnx", "other text")));
    EXPECT_NE(report::fingerprint(a), report::fingerprint(b));
    EXPECT_EQ(report::fingerprint(a).size(), 32u);
}

// The PR comment's decision table and guard say the same breach condition for every kind of
// guardrail, and the condition means what guard does: a value that satisfies the words is
// breached, one that does not is ok.
TEST(RangeView, GuardrailsReadAsGuardsBreachCondition) {
    using record::Guardrail;
    struct Case {
        std::string name;
        Guardrail guardrail;
        double baseline;
        double breaching;
        double holding;
        std::string condition;
    };
    auto op = [](std::string metric, record::Op o, double value) {
        Guardrail g;
        g.metric = std::move(metric);
        g.op = o;
        g.value = value;
        return g;
    };
    auto drop = [](std::string metric, std::optional<double> absolute,
                   std::optional<double> relative, std::string direction = "") {
        Guardrail g;
        g.metric = std::move(metric);
        g.max_drop = absolute;
        g.max_relative_drop = relative;
        g.direction = std::move(direction);
        return g;
    };
    const std::vector<Case> cases = {
        {"absolute op", op("recall", record::Op::Lt, 0.8), 0.84, 0.78, 0.81, "recall < 0.8"},
        {"written digits", op("recall", record::Op::Le, 0.123456789), 0.2, 0.1, 0.2,
         "recall <= 0.123456789"},
        {"max_drop", drop("recall", 0.02, std::nullopt), 0.84, 0.81, 0.83,
         "recall drops more than 0.02 below baseline"},
        {"max_relative_drop", drop("roc_auc.test", std::nullopt, 0.05), 0.91, 0.85, 0.9,
         "roc_auc.test drops more than 5% below baseline"},
        {"max_relative_drop as written", drop("auc", std::nullopt, 0.0125), 0.8, 0.78, 0.795,
         "auc drops more than 1.25% below baseline"},
        {"max_drop, lower is better", drop("p95_latency_ms", 3, std::nullopt, "lower_is_better"),
         31, 36.5, 32, "p95_latency_ms rises more than 3 above baseline"},
        {"max_relative_drop, lower is better", drop("cost", std::nullopt, 0.1, "lower_is_better"),
         2, 2.3, 2.1, "cost rises more than 10% above baseline"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        record::Record r;
        r.id = "DEC-0001";
        r.title = "T";
        r.status = record::Status::Accepted;
        r.guardrails = {c.guardrail};
        r.problem.baseline = {{c.guardrail.metric, c.baseline, ""}};

        auto range = report_with(0);
        range.decisions.push_back({"DEC-0001", r, {}, {}, {}, {}});
        std::string markdown = report::render_range_markdown(range);
        EXPECT_NE(markdown.find(util::markdown_cell(c.condition + " → re-evaluate")),
                  std::string::npos)
            << markdown;

        for (auto [value, verdict] : {std::pair{c.breaching, guard::Verdict::Breached},
                                      std::pair{c.holding, guard::Verdict::Ok}}) {
            guard::MetricSet m;
            m.add(guard::MetricSource{"m.json",
                                      "m.json",
                                      {{c.guardrail.metric, guard::MetricValue{value, {}}}},
                                      std::nullopt});
            auto result = guard::evaluate_guardrail(c.guardrail, m, {}, r.problem.baseline);
            EXPECT_EQ(result.condition, c.condition);
            EXPECT_EQ(result.verdict, verdict) << value << ": " << result.explanation;
            auto text = guard::render(*guard::evaluate({r}, m, {}), guard::OutputFormat::Text);
            EXPECT_NE(text.find("  " + c.condition + "  "), std::string::npos) << text;
        }
    }
}

} // namespace t_unit_report_range_view_test
