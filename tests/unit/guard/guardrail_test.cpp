#include "decision/guard/guardrail.hpp"
#include "decision/util/text.hpp"

#include <cmath>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_guard_guardrail_test {

using namespace decision::guard;
using decision::record::BaselineMetric;
using decision::record::Guardrail;
using decision::record::Op;
using decision::record::Record;
using decision::record::Status;
using decision::util::ErrorKind;
using decision::util::format_number;

namespace {

MetricSet metrics(std::string_view json, const std::string& name = "metrics.json") {
    auto sources = parse_metrics(json, name);
    EXPECT_TRUE(sources.has_value()) << (sources ? "" : sources.error().message);
    MetricSet set;
    if (sources)
        set.add(std::move(*sources));
    return set;
}

MetricSet one(const std::string& metric, double value) {
    MetricSet set;
    set.add(MetricSource{
        "metrics.json", "metrics.json", {{metric, MetricValue{value, {}}}}, std::nullopt});
    return set;
}

Guardrail op_guardrail(const std::string& metric, Op op, double value) {
    Guardrail g;
    g.metric = metric;
    g.op = op;
    g.value = value;
    return g;
}

Guardrail drop_guardrail(const std::string& metric, std::optional<double> max_drop,
                         std::optional<double> max_relative_drop,
                         const std::string& direction = "") {
    Guardrail g;
    g.metric = metric;
    g.max_drop = max_drop;
    g.max_relative_drop = max_relative_drop;
    g.direction = direction;
    return g;
}

GuardrailResult eval(const Guardrail& g, const MetricSet& m,
                     const std::vector<BaselineMetric>& recorded = {},
                     const MetricSet& baseline = MetricSet{}) {
    return evaluate_guardrail(g, m, baseline, recorded);
}

double below(double d) {
    return std::nextafter(d, -INFINITY);
}
double above(double d) {
    return std::nextafter(d, INFINITY);
}

struct OpCase {
    Op op;
    double measured;
    Verdict expected;
};

} // namespace

// ---------------------------------------------------------------- operators

TEST(Guardrail, EveryOperatorAtAndAroundItsBoundary) {
    const double t = 0.8;
    const std::vector<OpCase> cases{
        {Op::Lt, t, Verdict::Ok},
        {Op::Lt, below(t), Verdict::Breached},
        {Op::Lt, above(t), Verdict::Ok},
        {Op::Le, t, Verdict::Breached},
        {Op::Le, below(t), Verdict::Breached},
        {Op::Le, above(t), Verdict::Ok},
        {Op::Gt, t, Verdict::Ok},
        {Op::Gt, below(t), Verdict::Ok},
        {Op::Gt, above(t), Verdict::Breached},
        {Op::Ge, t, Verdict::Breached},
        {Op::Ge, below(t), Verdict::Ok},
        {Op::Ge, above(t), Verdict::Breached},
        // == and != : equal within 1e-9 of the larger magnitude.
        {Op::Eq, t, Verdict::Breached},
        {Op::Eq, t * (1 - 0.5e-9), Verdict::Breached},
        {Op::Eq, t * (1 + 0.5e-9), Verdict::Breached},
        {Op::Eq, t * (1 - 2e-9), Verdict::Ok},
        {Op::Eq, t * (1 + 2e-9), Verdict::Ok},
        {Op::Ne, t, Verdict::Ok},
        {Op::Ne, t * (1 - 0.5e-9), Verdict::Ok},
        {Op::Ne, t * (1 + 0.5e-9), Verdict::Ok},
        {Op::Ne, t * (1 - 2e-9), Verdict::Breached},
        {Op::Ne, t * (1 + 2e-9), Verdict::Breached},
    };
    for (const auto& c : cases) {
        auto r = eval(op_guardrail("recall", c.op, t), one("recall", c.measured));
        EXPECT_EQ(r.verdict, c.expected)
            << "op " << static_cast<int>(c.op) << " measured " << format_number(c.measured);
        EXPECT_EQ(r.measured, c.measured);
        EXPECT_EQ(r.threshold, t);
    }
}

TEST(Guardrail, EqualityNearZeroUsesAnAbsoluteFloor) {
    EXPECT_EQ(eval(op_guardrail("gap", Op::Eq, 0), one("gap", 1e-13)).verdict, Verdict::Breached);
    EXPECT_EQ(eval(op_guardrail("gap", Op::Eq, 0), one("gap", 1e-11)).verdict, Verdict::Ok);
}

TEST(Guardrail, EqualityToleratesFloatingPointNoise) {
    auto r = eval(op_guardrail("share", Op::Eq, 0.3), one("share", 0.1 + 0.2));
    EXPECT_EQ(r.verdict, Verdict::Breached);
    EXPECT_EQ(r.explanation, "share 0.30000000000000004 == 0.3");
}

TEST(Guardrail, BreachExplanationNamesValueAndThreshold) {
    auto r = eval(op_guardrail("recall", Op::Lt, 0.80), metrics(R"({"recall": 0.78})"));
    EXPECT_EQ(r.verdict, Verdict::Breached);
    EXPECT_EQ(r.condition, "recall < 0.8");
    EXPECT_EQ(r.explanation, "recall 0.78 < 0.8");
    EXPECT_EQ(r.source, "metrics.json");
    EXPECT_EQ(r.action, "re-evaluate");
}

TEST(Guardrail, OkExplanationSaysTheConditionDoesNotHold) {
    auto r = eval(op_guardrail("demographic_parity_difference", Op::Gt, 0.05),
                  metrics(R"({"demographic_parity_difference": 0.03})"));
    EXPECT_EQ(r.verdict, Verdict::Ok);
    EXPECT_EQ(r.explanation, "demographic_parity_difference 0.03, not > 0.05");
}

TEST(Guardrail, ActionAndKindComeFromTheRecord) {
    auto g = op_guardrail("p95_latency_ms", Op::Gt, 50);
    g.action = "rollback";
    g.kind = "latency";
    g.position = {42, 1};
    auto r = eval(g, one("p95_latency_ms", 51));
    EXPECT_EQ(r.action, "rollback");
    EXPECT_EQ(r.kind, "latency");
    EXPECT_EQ(r.position.line, 42);
}

// ---------------------------------------------------------------- not measured

TEST(Guardrail, AbsentMetricIsNotMeasuredNeverOk) {
    auto r = eval(op_guardrail("recall", Op::Lt, 0.8), metrics(R"({"precision": 0.6})"));
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.measured, std::nullopt);
    EXPECT_EQ(r.threshold, 0.8);
    EXPECT_EQ(r.condition, "recall < 0.8");
    EXPECT_EQ(r.explanation, "'recall' is in none of the metrics files (metrics.json)");
}

TEST(Guardrail, StringMetricIsNotMeasured) {
    auto r = eval(op_guardrail("recall", Op::Lt, 0.8), metrics(R"({"recall": "0.9"})"));
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.explanation, "'recall' in metrics.json is a string (\"0.9\"), not a number");
}

TEST(Guardrail, ObjectMetricIsNotMeasured) {
    auto r = eval(op_guardrail("roc_auc", Op::Lt, 0.9), metrics(R"({"roc_auc": {"test": 0.93}})"));
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.explanation, "'roc_auc' in metrics.json is an object (roc_auc.test), not a number");
}

TEST(Guardrail, FileQualifiedMetric) {
    MetricSet set;
    set.add(*parse_metrics(R"({"roc_auc": {"test": 0.88}})", "eval/metrics.json"));
    set.add(*parse_metrics(R"({"roc_auc": {"test": 0.99}})", "train/metrics.json"));
    auto r = eval(op_guardrail("eval/metrics.json:roc_auc.test", Op::Lt, 0.9), set);
    EXPECT_EQ(r.verdict, Verdict::Breached);
    EXPECT_EQ(r.explanation, "eval/metrics.json:roc_auc.test 0.88 < 0.9");
    EXPECT_EQ(r.source, "eval/metrics.json");
    auto ambiguous = eval(op_guardrail("roc_auc.test", Op::Lt, 0.9), set);
    EXPECT_EQ(ambiguous.verdict, Verdict::NotMeasured);
    EXPECT_EQ(ambiguous.explanation,
              "'roc_auc.test' is in eval/metrics.json (0.88) and train/metrics.json (0.99); "
              "name the file, e.g. 'eval/metrics.json:roc_auc.test'");
}

TEST(Guardrail, MalformedGuardrailsAreNotMeasured) {
    Guardrail no_value;
    no_value.metric = "recall";
    no_value.op = Op::Lt;
    auto r = eval(no_value, one("recall", 0.1));
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.condition, "recall < ?");
    EXPECT_EQ(r.explanation, "the guardrail has an op but no value");

    Guardrail no_op;
    no_op.metric = "recall";
    no_op.value = 0.8;
    r = eval(no_op, one("recall", 0.1));
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.condition, "recall ? 0.8");
    EXPECT_EQ(r.explanation, "the guardrail has a value but no op (< <= > >= == !=)");

    Guardrail nothing;
    nothing.metric = "recall";
    r = eval(nothing, one("recall", 0.1));
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.explanation,
              "the guardrail has no condition: give op and value, max_drop or max_relative_drop");

    Guardrail no_metric;
    no_metric.op = Op::Lt;
    no_metric.value = 1;
    r = eval(no_metric, one("recall", 0.1));
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.explanation, "the guardrail names no metric");
}

// ---------------------------------------------------------------- relative guardrails

TEST(Guardrail, MaxDropHigherIsBetterBoundaries) {
    std::vector<BaselineMetric> base{{"recall", 0.71, "dashboard"}};
    auto g = drop_guardrail("recall", 0.02, std::nullopt);
    auto at = eval(g, one("recall", 0.69), base);
    EXPECT_EQ(at.verdict, Verdict::Ok);
    EXPECT_EQ(at.explanation,
              "recall 0.69 fell 0.02 below baseline 0.71 (problem.baseline), within max_drop 0.02");
    EXPECT_EQ(at.condition, "recall drops more than 0.02 below baseline");
    EXPECT_EQ(at.baseline, 0.71);
    EXPECT_EQ(at.baseline_source, "problem.baseline");
    EXPECT_DOUBLE_EQ(*at.threshold, 0.69);

    auto breached = eval(g, one("recall", 0.6899), base);
    EXPECT_EQ(breached.verdict, Verdict::Breached);
    EXPECT_EQ(breached.explanation, "recall 0.6899 fell 0.0201 below baseline 0.71 "
                                    "(problem.baseline), more than max_drop 0.02");
    EXPECT_EQ(eval(g, one("recall", 0.6901), base).verdict, Verdict::Ok);

    auto improved = eval(g, one("recall", 0.75), base);
    EXPECT_EQ(improved.verdict, Verdict::Ok);
    EXPECT_EQ(improved.explanation, "recall 0.75, not below baseline 0.71 (problem.baseline)");
}

TEST(Guardrail, MaxDropLowerIsBetterBoundaries) {
    std::vector<BaselineMetric> base{{"p95_latency_ms", 31, ""}};
    auto g = drop_guardrail("p95_latency_ms", 3, std::nullopt, "lower_is_better");
    EXPECT_EQ(eval(g, one("p95_latency_ms", 34), base).verdict, Verdict::Ok);
    EXPECT_EQ(eval(g, one("p95_latency_ms", 33.99), base).verdict, Verdict::Ok);
    auto breached = eval(g, one("p95_latency_ms", 34.01), base);
    EXPECT_EQ(breached.verdict, Verdict::Breached);
    EXPECT_EQ(breached.condition, "p95_latency_ms rises more than 3 above baseline");
    EXPECT_EQ(breached.explanation, "p95_latency_ms 34.01 rose 3.01 above baseline 31 "
                                    "(problem.baseline), more than max_drop 3");
    EXPECT_EQ(breached.threshold, 34.0);
    auto faster = eval(g, one("p95_latency_ms", 20), base);
    EXPECT_EQ(faster.verdict, Verdict::Ok);
    EXPECT_EQ(faster.explanation, "p95_latency_ms 20, not above baseline 31 (problem.baseline)");
}

TEST(Guardrail, MaxRelativeDropHigherIsBetterBoundaries) {
    std::vector<BaselineMetric> base{{"recall", 0.8, ""}};
    auto g = drop_guardrail("recall", std::nullopt, 0.05);
    auto at = eval(g, one("recall", 0.76), base);
    EXPECT_EQ(at.verdict, Verdict::Ok);
    EXPECT_EQ(at.condition, "recall drops more than 5% below baseline");
    EXPECT_EQ(at.explanation, "recall 0.76 fell 5% below baseline 0.8 (problem.baseline), within "
                              "max_relative_drop 5%");
    EXPECT_DOUBLE_EQ(*at.threshold, 0.76);
    auto breached = eval(g, one("recall", 0.7599), base);
    EXPECT_EQ(breached.verdict, Verdict::Breached);
    EXPECT_EQ(breached.explanation, "recall 0.7599 fell 5.0125% below baseline 0.8 "
                                    "(problem.baseline), more than max_relative_drop 5%");
    EXPECT_EQ(eval(g, one("recall", 0.7601), base).verdict, Verdict::Ok);
}

TEST(Guardrail, MaxRelativeDropLowerIsBetterBoundaries) {
    std::vector<BaselineMetric> base{{"cost_per_1k", 40, ""}};
    auto g = drop_guardrail("cost_per_1k", std::nullopt, 0.1, "lower_is_better");
    EXPECT_EQ(eval(g, one("cost_per_1k", 44), base).verdict, Verdict::Ok);
    EXPECT_EQ(eval(g, one("cost_per_1k", 43.99), base).verdict, Verdict::Ok);
    auto breached = eval(g, one("cost_per_1k", 44.01), base);
    EXPECT_EQ(breached.verdict, Verdict::Breached);
    EXPECT_EQ(breached.condition, "cost_per_1k rises more than 10% above baseline");
    EXPECT_EQ(breached.explanation, "cost_per_1k 44.01 rose 10.025% above baseline 40 "
                                    "(problem.baseline), more than max_relative_drop 10%");
}

TEST(Guardrail, RelativeDropOfANegativeBaselineUsesItsMagnitude) {
    std::vector<BaselineMetric> base{{"margin", -2, ""}};
    auto g = drop_guardrail("margin", std::nullopt, 0.5);
    EXPECT_EQ(eval(g, one("margin", -3), base).verdict, Verdict::Ok);
    EXPECT_EQ(eval(g, one("margin", -3.01), base).verdict, Verdict::Breached);
}

TEST(Guardrail, BaselineFileIsPreferredOverTheRecord) {
    std::vector<BaselineMetric> recorded{{"recall", 0.71, ""}};
    auto baseline = metrics(R"({"recall": 0.9})", "main/metrics.json");
    auto r =
        eval(drop_guardrail("recall", 0.02, std::nullopt), one("recall", 0.87), recorded, baseline);
    EXPECT_EQ(r.verdict, Verdict::Breached);
    EXPECT_EQ(r.baseline, 0.9);
    EXPECT_EQ(r.baseline_source, "main/metrics.json");
    EXPECT_EQ(r.explanation, "recall 0.87 fell 0.03 below baseline 0.9 (main/metrics.json), "
                             "more than max_drop 0.02");
}

TEST(Guardrail, RecordBaselineIsUsedWhenTheBaselineFileLacksTheMetric) {
    std::vector<BaselineMetric> recorded{{"recall", 0.71, ""}};
    auto baseline = metrics(R"({"precision": 0.6})", "main/metrics.json");
    auto r =
        eval(drop_guardrail("recall", 0.02, std::nullopt), one("recall", 0.70), recorded, baseline);
    EXPECT_EQ(r.verdict, Verdict::Ok);
    EXPECT_EQ(r.baseline_source, "problem.baseline");
}

TEST(Guardrail, BaselineThatIsNotANumberIsNotMeasured) {
    auto baseline = metrics(R"({"recall": "n/a"})", "main.json");
    auto r = eval(drop_guardrail("recall", 0.02, std::nullopt), one("recall", 0.70), {}, baseline);
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.measured, 0.70);
    EXPECT_EQ(r.explanation, "baseline: 'recall' in main.json is a string (\"n/a\"), not a number");
}

TEST(Guardrail, FileQualifiedMetricFindsABareBaseline) {
    MetricSet set;
    set.add(*parse_metrics(R"({"roc_auc": {"test": 0.88}})", "eval/metrics.json"));
    auto baseline = metrics(R"({"roc_auc": {"test": 0.9}})", "previous.json");
    auto g = drop_guardrail("eval/metrics.json:roc_auc.test", 0.01, std::nullopt);
    auto from_file = eval(g, set, {}, baseline);
    EXPECT_EQ(from_file.verdict, Verdict::Breached);
    EXPECT_EQ(from_file.baseline_source, "previous.json");
    auto from_record = eval(g, set, {{"roc_auc.test", 0.885, ""}});
    EXPECT_EQ(from_record.verdict, Verdict::Ok);
    EXPECT_EQ(from_record.baseline, 0.885);
}

TEST(Guardrail, DvcDiffOldSideAsBaseline) {
    auto diff = std::string(GD_SOURCE_DIR) + "/tests/fixtures/guard/dvc-metrics-diff.json";
    auto current = load_metrics({diff});
    auto previous = load_metrics({diff}, DiffSide::Old);
    ASSERT_TRUE(current && previous);
    auto r = eval(drop_guardrail("recall", 0.05, std::nullopt), *current, {}, *previous);
    EXPECT_EQ(r.verdict, Verdict::Breached);
    EXPECT_EQ(r.explanation, "recall 0.78 fell 0.08 below baseline 0.86 (eval/metrics.json), "
                             "more than max_drop 0.05");
}

TEST(Guardrail, NoBaselineIsNotMeasured) {
    auto g = drop_guardrail("recall", 0.02, std::nullopt);
    auto r = eval(g, one("recall", 0.7));
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.measured, 0.7);
    EXPECT_EQ(r.threshold, std::nullopt);
    EXPECT_EQ(r.explanation,
              "no baseline for 'recall': not in problem.baseline (or give --baseline)");
    auto with_file = eval(g, one("recall", 0.7), {{"precision", 0.6, ""}},
                          metrics(R"({"precision": 0.6})", "main.json"));
    EXPECT_EQ(with_file.explanation,
              "no baseline for 'recall': not in the --baseline metrics nor in problem.baseline");
}

TEST(Guardrail, RelativeDropFromZeroIsNotMeasured) {
    auto r = eval(drop_guardrail("errors", std::nullopt, 0.1, "lower_is_better"), one("errors", 3),
                  {{"errors", 0, ""}});
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.explanation, "the baseline of 'errors' is 0, so a relative drop is undefined");
}

TEST(Guardrail, AbsoluteDropFromZeroWorks) {
    auto r = eval(drop_guardrail("errors", 2, std::nullopt, "lower_is_better"), one("errors", 3),
                  {{"errors", 0, ""}});
    EXPECT_EQ(r.verdict, Verdict::Breached);
}

TEST(Guardrail, UnknownDirectionIsNotMeasured) {
    auto r = eval(drop_guardrail("recall", 0.02, std::nullopt, "up"), one("recall", 0.1),
                  {{"recall", 0.7, ""}});
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.explanation, "direction 'up' is neither higher_is_better nor lower_is_better");
}

TEST(Guardrail, NegativeLimitIsNotMeasured) {
    auto r = eval(drop_guardrail("recall", -0.02, std::nullopt), one("recall", 0.1),
                  {{"recall", 0.7, ""}});
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.explanation, "max_drop is -0.02; give the largest drop allowed, 0 or more");
}

TEST(Guardrail, MissingMetricWithBaselineIsNotMeasured) {
    auto r = eval(drop_guardrail("recall", 0.02, std::nullopt), one("precision", 0.1),
                  {{"recall", 0.7, ""}});
    EXPECT_EQ(r.verdict, Verdict::NotMeasured);
    EXPECT_EQ(r.explanation, "'recall' is in none of the metrics files (metrics.json)");
}

TEST(Guardrail, SeveralConditionsBreachWhenAnyDoes) {
    auto g = op_guardrail("recall", Op::Lt, 0.6);
    g.max_drop = 0.02;
    std::vector<BaselineMetric> base{{"recall", 0.71, ""}};
    auto breached = eval(g, one("recall", 0.65), base);
    EXPECT_EQ(breached.verdict, Verdict::Breached);
    EXPECT_EQ(breached.condition, "recall < 0.6 or recall drops more than 0.02 below baseline");
    EXPECT_EQ(breached.explanation, "recall 0.65 fell 0.06 below baseline 0.71 "
                                    "(problem.baseline), more than max_drop 0.02");
    EXPECT_EQ(breached.baseline, 0.71);
    auto ok = eval(g, one("recall", 0.7), base);
    EXPECT_EQ(ok.verdict, Verdict::Ok);
    EXPECT_EQ(ok.explanation, "recall 0.7, not < 0.6; recall 0.7 fell 0.01 below baseline 0.71 "
                              "(problem.baseline), within max_drop 0.02");
    auto half = eval(g, one("recall", 0.7), {});
    EXPECT_EQ(half.verdict, Verdict::NotMeasured);
    EXPECT_EQ(half.explanation,
              "no baseline for 'recall': not in problem.baseline (or give --baseline)");
}

TEST(Guardrail, VerdictNames) {
    EXPECT_EQ(to_string(Verdict::Breached), "breached");
    EXPECT_EQ(to_string(Verdict::Ok), "ok");
    EXPECT_EQ(to_string(Verdict::NotMeasured), "not_measured");
}

// ---------------------------------------------------------------- evaluate()

namespace {

Record make_record(const std::string& id, Status status, std::vector<Guardrail> guardrails) {
    Record r;
    r.id = id;
    r.title = "Decision " + id;
    r.path = "decisions/" + id + "-x.toml";
    r.status = status;
    r.owner = {"Priya Raman", "PM", "priya@example.com"};
    r.guardrails = std::move(guardrails);
    return r;
}

std::vector<Record> corpus() {
    auto fraud =
        make_record("DEC-0042", Status::Accepted,
                    {op_guardrail("recall", Op::Lt, 0.8),
                     op_guardrail("demographic_parity_difference", Op::Gt, 0.05),
                     drop_guardrail("p95_latency_ms", 3, std::nullopt, "lower_is_better")});
    fraud.scope.models = {"fraud-detector"};
    fraud.problem.baseline = {{"p95_latency_ms", 31, ""}};
    auto churn = make_record("DEC-0007", Status::Accepted, {op_guardrail("auc", Op::Lt, 0.7)});
    churn.models = {{"churn-model", "1.4.0"}};
    auto proposed =
        make_record("DEC-0050", Status::Proposed, {op_guardrail("recall", Op::Lt, 0.99)});
    auto superseded =
        make_record("DEC-0001", Status::Superseded, {op_guardrail("recall", Op::Lt, 0.99)});
    auto unguarded = make_record("DEC-0060", Status::Accepted, {});
    return {fraud, churn, proposed, superseded, unguarded};
}

MetricSet corpus_metrics() {
    return metrics(R"({"recall": 0.78, "demographic_parity_difference": 0.03,
                       "p95_latency_ms": 33.5})");
}

} // namespace

TEST(GuardEvaluate, OnlyAcceptedDecisionsWithGuardrailsSortedById) {
    auto report = evaluate(corpus(), corpus_metrics(), Filter{});
    ASSERT_TRUE(report.has_value()) << report.error().message;
    ASSERT_EQ(report->decisions.size(), 2u);
    EXPECT_EQ(report->decisions[0].id, "DEC-0007");
    EXPECT_EQ(report->decisions[1].id, "DEC-0042");
    EXPECT_EQ(report->breached, 1u);
    EXPECT_EQ(report->ok, 2u);
    EXPECT_EQ(report->not_measured, 1u);
    EXPECT_EQ(report->guardrails(), 4u);
    const auto& fraud = report->decisions[1];
    EXPECT_EQ(fraud.title, "Decision DEC-0042");
    EXPECT_EQ(fraud.path, "decisions/DEC-0042-x.toml");
    EXPECT_EQ(fraud.owner_name, "Priya Raman");
    EXPECT_EQ(fraud.owner_email, "priya@example.com");
    ASSERT_EQ(fraud.guardrails.size(), 3u);
    EXPECT_EQ(fraud.guardrails[0].verdict, Verdict::Breached);
    EXPECT_EQ(fraud.guardrails[1].verdict, Verdict::Ok);
    EXPECT_EQ(fraud.guardrails[2].verdict, Verdict::Ok);
    EXPECT_EQ(fraud.verdict(), Verdict::Breached);
    EXPECT_EQ(report->decisions[0].verdict(), Verdict::NotMeasured);
}

TEST(GuardEvaluate, FilterByIdIsCaseInsensitive) {
    auto report = evaluate(corpus(), corpus_metrics(), Filter{"dec-0042", std::nullopt});
    ASSERT_TRUE(report.has_value());
    ASSERT_EQ(report->decisions.size(), 1u);
    EXPECT_EQ(report->decisions[0].id, "DEC-0042");
}

TEST(GuardEvaluate, UnknownIdIsAUsageErrorWithASuggestion) {
    auto report = evaluate(corpus(), corpus_metrics(), Filter{"DEC-0043", std::nullopt});
    ASSERT_FALSE(report.has_value());
    EXPECT_EQ(report.error().kind, ErrorKind::Usage);
    EXPECT_EQ(report.error().message, "no decision 'DEC-0043'; did you mean 'DEC-0042'?");
    auto far = evaluate(corpus(), corpus_metrics(), Filter{"zzz\x1b", std::nullopt});
    ASSERT_FALSE(far.has_value());
    EXPECT_EQ(far.error().message, "no decision 'zzz\\x1B'");
}

TEST(GuardEvaluate, IdOfADecisionNotAcceptedIsAUsageError) {
    auto report = evaluate(corpus(), corpus_metrics(), Filter{"DEC-0050", std::nullopt});
    ASSERT_FALSE(report.has_value());
    EXPECT_EQ(report.error().kind, ErrorKind::Usage);
    EXPECT_EQ(report.error().message,
              "DEC-0050 is proposed; guard evaluates accepted decisions only");
}

TEST(GuardEvaluate, FilterByModelMatchesScopeAndModelVersions) {
    auto by_scope = evaluate(corpus(), corpus_metrics(), Filter{std::nullopt, "fraud-detector"});
    ASSERT_TRUE(by_scope.has_value());
    ASSERT_EQ(by_scope->decisions.size(), 1u);
    EXPECT_EQ(by_scope->decisions[0].id, "DEC-0042");

    auto by_version = evaluate(corpus(), corpus_metrics(), Filter{std::nullopt, "churn-model@2.0"});
    ASSERT_TRUE(by_version.has_value());
    ASSERT_EQ(by_version->decisions.size(), 1u);
    EXPECT_EQ(by_version->decisions[0].id, "DEC-0007");

    auto none = evaluate(corpus(), corpus_metrics(), Filter{std::nullopt, "ranker"});
    ASSERT_TRUE(none.has_value());
    EXPECT_TRUE(none->decisions.empty());
    EXPECT_EQ(none->guardrails(), 0u);
}

TEST(Guardrail, RelativeDropsReadAsPeopleWriteThem) {
    std::vector<BaselineMetric> base{{"recall", 0.95, ""}};
    auto g = drop_guardrail("recall", std::nullopt, 0.0125);
    auto breached = eval(g, one("recall", 0.89), base);
    EXPECT_EQ(breached.condition, "recall drops more than 1.25% below baseline");
    EXPECT_EQ(breached.explanation, "recall 0.89 fell 6.3% below baseline 0.95 "
                                    "(problem.baseline), more than max_relative_drop 1.25%");
}

TEST(Guardrail, BreachConditionIsTheWordingOfEveryOutput) {
    EXPECT_EQ(breach_condition(op_guardrail("recall", Op::Lt, 0.123456789)),
              "recall < 0.123456789");
    EXPECT_EQ(breach_condition(drop_guardrail("auc", 0.02, 0.07)),
              "auc drops more than 0.02 below baseline or auc drops more than 7% below baseline");
    EXPECT_EQ(breach_condition(drop_guardrail("p95", 3, std::nullopt, "lower_is_better")),
              "p95 rises more than 3 above baseline");
    EXPECT_EQ(breach_condition(Guardrail{}), "?");
}

} // namespace t_unit_guard_guardrail_test
