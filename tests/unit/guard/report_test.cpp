#include "decision/guard/report.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_guard_report_test {

using namespace decision::guard;
using namespace decision::record;
using namespace std::chrono;
using decision::util::ErrorKind;

namespace {

// Two accepted decisions: one breached, one ok, one not measured (no baseline), and a
// relative guardrail that holds.
std::vector<Record> records() {
    Record a;
    a.id = "DEC-0042";
    a.title = "Optimize for recall over precision in the fraud detection model";
    a.path = "decisions/DEC-0042-recall-over-precision.toml";
    a.status = Status::Accepted;
    a.owner = {"Priya Raman", "PM", "priya@example.com"};
    Guardrail recall;
    recall.metric = "recall";
    recall.op = Op::Lt;
    recall.value = 0.8;
    recall.kind = "performance";
    recall.position = {40, 1};
    Guardrail parity;
    parity.metric = "demographic_parity_difference";
    parity.op = Op::Gt;
    parity.value = 0.05;
    parity.kind = "fairness";
    parity.action = "page";
    parity.position = {46, 1};
    Guardrail latency;
    latency.metric = "p95_latency_ms";
    latency.max_drop = 3;
    latency.direction = "lower_is_better";
    latency.action = "rollback";
    latency.position = {52, 1};
    a.guardrails = {recall, parity, latency};

    Record b;
    b.id = "DEC-0007";
    b.title = "Retrain churn model monthly";
    b.path = "decisions/DEC-0007-retrain.toml";
    b.status = Status::Accepted;
    b.owner = {"Li Wei", "", "li@example.com"};
    Guardrail auc;
    auc.metric = "auc";
    auc.max_relative_drop = 0.05;
    auc.position = {30, 1};
    b.problem.baseline = {{"auc", 0.84, ""}};
    b.guardrails = {auc};
    return {a, b};
}

GuardReport guard_report() {
    MetricSet m;
    m.add(*parse_metrics(R"({"recall": 0.78, "demographic_parity_difference": 0.03, "auc": 0.83})",
                         "eval/metrics.json"));
    return *evaluate(records(), m, Filter{});
}

ReviewReport review_report() {
    auto rs = records();
    Record overdue = rs[0];
    overdue.review_date = 2026y / December / 1d;
    Record due = rs[1];
    due.review_date = 2027y / January / 12d;
    due.status = Status::Proposed;
    Record undated = rs[1];
    undated.id = "DEC-0050";
    undated.title = "Adopt feature store";
    undated.owner = {};
    undated.path = "decisions/DEC-0050-feature-store.toml";
    return review({overdue, due, undated}, 2027y / January / 10d, 14);
}

const char* const k_GuardText = R"golden(DEC-0007  Retrain churn model monthly
  owner: Li Wei <li@example.com>  (decisions/DEC-0007-retrain.toml)
  ok            auc drops more than 5% below baseline            auc 0.83 fell 1.2% below baseline 0.84 (problem.baseline), within max_relative_drop 5%

DEC-0042  Optimize for recall over precision in the fraud detection model
  owner: Priya Raman <priya@example.com>  (decisions/DEC-0042-recall-over-precision.toml)
  BREACHED      recall < 0.8                                     recall 0.78 < 0.8  (action: re-evaluate)
  ok            demographic_parity_difference > 0.05             demographic_parity_difference 0.03, not > 0.05
  NOT MEASURED  p95_latency_ms rises more than 3 above baseline  no baseline for 'p95_latency_ms': not in problem.baseline (or give --baseline)

4 guardrails in 2 decisions: 1 breached, 2 ok, 1 not measured
1 guardrail not measured: guard fails until every guardrail is measured. Give metrics that hold its metric (or correct the name in the record), or pass --allow-unmeasured to only report it.
)golden";

const char* const k_GuardJson = R"golden({
  "version": 1,
  "summary": {
    "decisions": 2,
    "guardrails": 4,
    "breached": 1,
    "ok": 2,
    "not_measured": 1,
    "allow_unmeasured": false,
    "passed": false
  },
  "decisions": [
    {
      "id": "DEC-0007",
      "title": "Retrain churn model monthly",
      "path": "decisions/DEC-0007-retrain.toml",
      "owner": {
        "name": "Li Wei",
        "email": "li@example.com"
      },
      "status": "ok",
      "guardrails": [
        {
          "metric": "auc",
          "condition": "auc drops more than 5% below baseline",
          "status": "ok",
          "measured": 0.83,
          "threshold": 0.798,
          "baseline": 0.84,
          "baseline_source": "problem.baseline",
          "source": "eval/metrics.json",
          "explanation": "auc 0.83 fell 1.2% below baseline 0.84 (problem.baseline), within max_relative_drop 5%",
          "action": "re-evaluate",
          "kind": null,
          "line": 30
        }
      ]
    },
    {
      "id": "DEC-0042",
      "title": "Optimize for recall over precision in the fraud detection model",
      "path": "decisions/DEC-0042-recall-over-precision.toml",
      "owner": {
        "name": "Priya Raman",
        "email": "priya@example.com"
      },
      "status": "breached",
      "guardrails": [
        {
          "metric": "recall",
          "condition": "recall < 0.8",
          "status": "breached",
          "measured": 0.78,
          "threshold": 0.8,
          "baseline": null,
          "baseline_source": null,
          "source": "eval/metrics.json",
          "explanation": "recall 0.78 < 0.8",
          "action": "re-evaluate",
          "kind": "performance",
          "line": 40
        },
        {
          "metric": "demographic_parity_difference",
          "condition": "demographic_parity_difference > 0.05",
          "status": "ok",
          "measured": 0.03,
          "threshold": 0.05,
          "baseline": null,
          "baseline_source": null,
          "source": "eval/metrics.json",
          "explanation": "demographic_parity_difference 0.03, not > 0.05",
          "action": "page",
          "kind": "fairness",
          "line": 46
        },
        {
          "metric": "p95_latency_ms",
          "condition": "p95_latency_ms rises more than 3 above baseline",
          "status": "not_measured",
          "measured": null,
          "threshold": null,
          "baseline": null,
          "baseline_source": null,
          "source": null,
          "explanation": "no baseline for 'p95_latency_ms': not in problem.baseline (or give --baseline)",
          "action": "rollback",
          "kind": null,
          "line": 52
        }
      ]
    }
  ]
}
)golden";

const char* const k_GuardMarkdown = R"golden(## Guardrails

4 guardrails in 2 decisions: 1 breached, 2 ok, 1 not measured

❌ 1 guardrail not measured: guard fails until every guardrail is measured. Give metrics that hold its metric (or correct the name in the record), or pass --allow-unmeasured to only report it.

### DEC-0007: Retrain churn model monthly

Owner: Li Wei \<li@example.com\> · decisions/DEC-0007-retrain.toml

| Status | Guardrail | Measured | Threshold | Result | Action |
| --- | --- | --- | --- | --- | --- |
| ✅ ok | auc drops more than 5% below baseline | 0.83 | 0.798 | auc 0.83 fell 1.2% below baseline 0.84 (problem.baseline), within max\_relative\_drop 5% | re-evaluate |

### DEC-0042: Optimize for recall over precision in the fraud detection model

Owner: Priya Raman \<priya@example.com\> · decisions/DEC-0042-recall-over-precision.toml

| Status | Guardrail | Measured | Threshold | Result | Action |
| --- | --- | --- | --- | --- | --- |
| ❌ breached | recall \< 0.8 | 0.78 | 0.8 | recall 0.78 \< 0.8 | re-evaluate |
| ✅ ok | demographic\_parity\_difference \> 0.05 | 0.03 | 0.05 | demographic\_parity\_difference 0.03, not \> 0.05 | page |
| ❌ not measured | p95\_latency\_ms rises more than 3 above baseline | — | — | no baseline for 'p95\_latency\_ms': not in problem.baseline (or give --baseline) | rollback |
)golden";

const char* const k_GuardGithub =
    R"golden(::error title=DEC-0042 guardrail breached%3A recall,file=decisions/DEC-0042-recall-over-precision.toml,line=40::recall 0.78 < 0.8 (action: re-evaluate; owner: Priya Raman <priya@example.com>)
::error title=DEC-0042 guardrail not measured%3A p95_latency_ms,file=decisions/DEC-0042-recall-over-precision.toml,line=52::no baseline for 'p95_latency_ms': not in problem.baseline (or give --baseline)
guard: 4 guardrails in 2 decisions: 1 breached, 2 ok, 1 not measured
1 guardrail not measured: guard fails until every guardrail is measured. Give metrics that hold its metric (or correct the name in the record), or pass --allow-unmeasured to only report it.
)golden";

const char* const k_ReviewText = R"golden(Review as of 2027-01-10

Overdue for review (1):
  DEC-0042  2026-12-01  40 days overdue  accepted  Optimize for recall over precision in the fraud detection model  (owner: Priya Raman <priya@example.com>)

Due within 14 days (1):
  DEC-0007  2027-01-12  in 2 days        proposed  Retrain churn model monthly  (owner: Li Wei <li@example.com>)

No review date (1):
  DEC-0050                               accepted  Adopt feature store  (owner: (no owner))
)golden";

const char* const k_ReviewJson = R"golden({
  "version": 1,
  "today": "2027-01-10",
  "within_days": 14,
  "overdue": [
    {
      "id": "DEC-0042",
      "title": "Optimize for recall over precision in the fraud detection model",
      "path": "decisions/DEC-0042-recall-over-precision.toml",
      "status": "accepted",
      "owner": {
        "name": "Priya Raman",
        "email": "priya@example.com"
      },
      "review_date": "2026-12-01",
      "days_overdue": 40
    }
  ],
  "due": [
    {
      "id": "DEC-0007",
      "title": "Retrain churn model monthly",
      "path": "decisions/DEC-0007-retrain.toml",
      "status": "proposed",
      "owner": {
        "name": "Li Wei",
        "email": "li@example.com"
      },
      "review_date": "2027-01-12",
      "days_left": 2
    }
  ],
  "no_review_date": [
    {
      "id": "DEC-0050",
      "title": "Adopt feature store",
      "path": "decisions/DEC-0050-feature-store.toml",
      "status": "accepted",
      "owner": {
        "name": null,
        "email": null
      },
      "review_date": null
    }
  ]
}
)golden";

const char* const k_ReviewMarkdown = R"golden(## Decision reviews

As of 2027-01-10.

### Overdue for review (1)

| Decision | Title | Status | Review date | When | Owner |
| --- | --- | --- | --- | --- | --- |
| DEC-0042 | Optimize for recall over precision in the fraud detection model | accepted | 2026-12-01 | 40 days overdue | Priya Raman \<priya@example.com\> |

### Due within 14 days (1)

| Decision | Title | Status | Review date | When | Owner |
| --- | --- | --- | --- | --- | --- |
| DEC-0007 | Retrain churn model monthly | proposed | 2027-01-12 | in 2 days | Li Wei \<li@example.com\> |

### No review date (1)

| Decision | Title | Status | Review date | When | Owner |
| --- | --- | --- | --- | --- | --- |
| DEC-0050 | Adopt feature store | accepted | — | — | (no owner) |
)golden";

const char* const k_ReviewGithub =
    R"golden(::warning title=DEC-0042 overdue for review,file=decisions/DEC-0042-recall-over-precision.toml::Optimize for recall over precision in the fraud detection model (review date 2026-12-01, 40 days overdue); owner: Priya Raman <priya@example.com>
::notice title=DEC-0007 due for review,file=decisions/DEC-0007-retrain.toml::Retrain churn model monthly (review date 2027-01-12, in 2 days); owner: Li Wei <li@example.com>
::notice title=DEC-0050 has no review date,file=decisions/DEC-0050-feature-store.toml::Adopt feature store; owner: (no owner)
review: 1 overdue, 1 due within 14 days, 1 without a review date
)golden";

} // namespace

TEST(GuardReportRender, Text) {
    EXPECT_EQ(render(guard_report(), OutputFormat::Text), k_GuardText);
}

TEST(GuardReportRender, Json) {
    EXPECT_EQ(render(guard_report(), OutputFormat::Json), k_GuardJson);
}

TEST(GuardReportRender, Markdown) {
    EXPECT_EQ(render(guard_report(), OutputFormat::Markdown), k_GuardMarkdown);
}

TEST(GuardReportRender, Github) {
    EXPECT_EQ(render(guard_report(), OutputFormat::Github), k_GuardGithub);
}

TEST(GuardReportRender, AllowUnmeasuredWarnsInsteadOfFailing) {
    auto r = guard_report();
    r.breached = 0; // as if recall held: only the unmeasured guardrail is left
    EXPECT_FALSE(r.passed());
    r.allow_unmeasured = true;
    EXPECT_TRUE(r.passed());
    auto github = render(r, OutputFormat::Github);
    EXPECT_NE(github.find("::warning title=DEC-0042 guardrail not measured%3A p95_latency_ms,"),
              std::string::npos)
        << github;
    EXPECT_NE(github.find("\n1 guardrail not measured, allowed by --allow-unmeasured; in CI "
                          "guard fails on it.\n"),
              std::string::npos)
        << github;
    auto json = render(r, OutputFormat::Json);
    EXPECT_NE(json.find("\"allow_unmeasured\": true,\n    \"passed\": true\n"), std::string::npos)
        << json;
}

TEST(GuardReportRender, NothingMatched) {
    GuardReport empty;
    empty.filter = Filter{"DEC-0001", "ranker"};
    EXPECT_EQ(render(empty, OutputFormat::Text),
              "No accepted decision with guardrails has id 'DEC-0001' and covers model "
              "'ranker'.\n");
    EXPECT_EQ(render(GuardReport{}, OutputFormat::Markdown),
              "## Guardrails\n\nNo accepted decision with guardrails.\n");
    EXPECT_EQ(render(GuardReport{}, OutputFormat::Github),
              "No accepted decision with guardrails.\n");
    EXPECT_EQ(render(GuardReport{}, OutputFormat::Json),
              "{\n  \"version\": 1,\n  \"summary\": {\n    \"decisions\": 0,\n    \"guardrails\": "
              "0,\n    \"breached\": 0,\n    \"ok\": 0,\n    \"not_measured\": 0,\n    "
              "\"allow_unmeasured\": false,\n    \"passed\": true\n  },\n  \"decisions\": []\n}\n");
}

namespace {

// A record whose strings try to break out of each format.
GuardReport hostile_report() {
    Record r;
    r.id = "DEC-0001";
    r.title = "Pipes | *stars* <b>html</b>\x1b[31m red\nnext line";
    r.path = "decisions/a,b:c%.toml";
    r.status = Status::Accepted;
    r.owner = {"Mallory \x07", "", ""};
    Guardrail g;
    g.metric = "acc|uracy%\r";
    g.op = Op::Lt;
    g.value = 0.9;
    g.position = {7, 3};
    r.guardrails = {g};
    MetricSet m;
    m.add(MetricSource{"m.json", "m.json", {{"acc|uracy%\r", MetricValue{0.5, {}}}}, std::nullopt});
    return *evaluate({r}, m, Filter{});
}

} // namespace

TEST(GuardReportRender, TextSanitizesControlCharacters) {
    EXPECT_EQ(render(hostile_report(), OutputFormat::Text),
              "DEC-0001  Pipes | *stars* <b>html</b>\\x1B[31m red\\x0Anext line\n"
              "  owner: Mallory \\x07  (decisions/a,b:c%.toml)\n"
              "  BREACHED      acc|uracy%\\x0D < 0.9  acc|uracy%\\x0D 0.5 < 0.9  (action: "
              "re-evaluate)\n"
              "\n"
              "1 guardrail in 1 decision: 1 breached, 0 ok, 0 not measured\n");
}

TEST(GuardReportRender, MarkdownEscapesMarkupAndHtml) {
    EXPECT_EQ(
        render(hostile_report(), OutputFormat::Markdown),
        "## Guardrails\n\n1 guardrail in 1 decision: 1 breached, 0 ok, 0 not measured\n\n"
        "### DEC-0001: Pipes \\| \\*stars\\* \\<b\\>html\\</b\\>\\\\x1B\\[31m red\\\\x0Anext "
        "line\n\n"
        "Owner: Mallory \\\\x07 · decisions/a,b:c%.toml\n\n"
        "| Status | Guardrail | Measured | Threshold | Result | Action |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| ❌ breached | acc\\|uracy%\\\\x0D \\< 0.9 | 0.5 | 0.9 | acc\\|uracy%\\\\x0D 0.5 \\< "
        "0.9 | re-evaluate |\n");
}

TEST(GuardReportRender, GithubEscapesDataAndProperties) {
    EXPECT_EQ(render(hostile_report(), OutputFormat::Github),
              "::error title=DEC-0001 guardrail breached%3A acc|uracy%25\\x0D,"
              "file=decisions/a%2Cb%3Ac%25.toml,line=7::acc|uracy%25\\x0D 0.5 < 0.9 (action: "
              "re-evaluate; owner: Mallory \\x07)\n"
              "guard: 1 guardrail in 1 decision: 1 breached, 0 ok, 0 not measured\n");
}

TEST(GuardReportRender, JsonSanitizesStrings) {
    auto json = render(hostile_report(), OutputFormat::Json);
    EXPECT_NE(json.find(R"("title": "Pipes | *stars* <b>html</b>\\x1B[31m red\\x0Anext line")"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find(R"("metric": "acc|uracy%\\x0D")"), std::string::npos) << json;
}

TEST(OutputFormatName, ParsesTheFourFormats) {
    EXPECT_EQ(parse_output_format("text"), OutputFormat::Text);
    EXPECT_EQ(parse_output_format("json"), OutputFormat::Json);
    EXPECT_EQ(parse_output_format("markdown"), OutputFormat::Markdown);
    EXPECT_EQ(parse_output_format("github"), OutputFormat::Github);
    auto bad = parse_output_format("yaml\x1b");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().kind, ErrorKind::Usage);
    EXPECT_EQ(bad.error().message,
              "unknown format 'yaml\\x1B': expected text, json, markdown or github");
}

TEST(ReviewReportRender, Text) {
    EXPECT_EQ(render(review_report(), OutputFormat::Text), k_ReviewText);
}

TEST(ReviewReportRender, Json) {
    EXPECT_EQ(render(review_report(), OutputFormat::Json), k_ReviewJson);
}

TEST(ReviewReportRender, Markdown) {
    EXPECT_EQ(render(review_report(), OutputFormat::Markdown), k_ReviewMarkdown);
}

TEST(ReviewReportRender, Github) {
    EXPECT_EQ(render(review_report(), OutputFormat::Github), k_ReviewGithub);
}

TEST(ReviewReportRender, NothingDue) {
    auto empty = review({}, 2027y / January / 10d, 1);
    EXPECT_EQ(render(empty, OutputFormat::Text),
              "Nothing due for review within 1 day (as of 2027-01-10).\n");
    EXPECT_EQ(render(empty, OutputFormat::Markdown),
              "## Decision reviews\n\nNothing due for review within 1 day (as of 2027-01-10).\n");
    EXPECT_EQ(render(empty, OutputFormat::Github),
              "Nothing due for review within 1 day (as of 2027-01-10).\n");
    EXPECT_EQ(render(empty, OutputFormat::Json),
              "{\n  \"version\": 1,\n  \"today\": \"2027-01-10\",\n  \"within_days\": 1,\n  "
              "\"overdue\": [],\n  \"due\": [],\n  \"no_review_date\": []\n}\n");
}

TEST(ReviewReportRender, DueTodayAndOneDay) {
    Record today;
    today.id = "DEC-0001";
    today.title = "T";
    today.status = Status::Accepted;
    today.review_date = 2027y / January / 10d;
    Record yesterday = today;
    yesterday.id = "DEC-0002";
    yesterday.review_date = 2027y / January / 9d;
    Record tomorrow = today;
    tomorrow.id = "DEC-0003";
    tomorrow.review_date = 2027y / January / 11d;
    EXPECT_EQ(
        render(review({today, yesterday, tomorrow}, 2027y / January / 10d, 7), OutputFormat::Text),
        "Review as of 2027-01-10\n"
        "\n"
        "Overdue for review (1):\n"
        "  DEC-0002  2027-01-09  1 day overdue  accepted  T  (owner: (no owner))\n"
        "\n"
        "Due within 7 days (2):\n"
        "  DEC-0001  2027-01-10  due today      accepted  T  (owner: (no owner))\n"
        "  DEC-0003  2027-01-11  in 1 day       accepted  T  (owner: (no owner))\n");
}

} // namespace t_unit_guard_report_test
