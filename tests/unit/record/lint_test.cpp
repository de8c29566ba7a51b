#include "decision/record/lint.hpp"
#include "decision/record/parse.hpp"
#include "decision/util/text.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_record_lint_test {

using namespace decision;

namespace {
record::Record parse_ok(const std::string& text,
                        const std::string& path = "decisions/DEC-0001-x.toml") {
    auto r = record::parse(text, path);
    EXPECT_TRUE(r.ok());
    return *r.record;
}

// Every checklist item met (line numbers matter to the tables below).
const char* k_complete = R"(id = "DEC-0001"
title = "Ship the GBT model"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-02
review_date = 2027-01-15

[owner]
name = "Priya Raman"
role = "PM"

[scope]
paths = ["models/fraud/**"]

[problem]
statement = "Chargebacks rose 40%"

[[problem.baseline]]
metric = "recall"
value = 0.71

[[options]]
name = "GBT"
chosen = true
metrics = { recall = 0.86 }
fairness = { demographic_parity_difference = 0.03 }

[[options]]
name = "Two-tower"
rejected_because = "needs GPUs"
metrics = { recall = 0.88 }

[decision]
summary = "Ship GBT"
rationale = "Best recall on CPU"
priorities = { performance = 0.6, cost = 0.4 }

[[guardrails]]
metric = "recall"
op = "<"
value = 0.8
action = "re-evaluate"

[[stakeholders]]
name = "Jane Doe"
role = "Compliance"
stance = "approve"
concerns = ["new merchants"]

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

// `text` with `from` (which must be there) replaced by `to`.
std::string edited(std::string text, const std::string& from, const std::string& to) {
    auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    return pos == std::string::npos ? text : text.replace(pos, from.size(), to);
}

struct ItemCase {
    const char* name;
    const char* from;
    const char* to;
    int item;             // the checklist item left unmet
    const char* expected; // lint() output
};

const char* const k_file = "decisions/DEC-0001-x.toml";

// One unmet item at a time: what lint() says, where, under which rule.
const ItemCase k_items[] = {
    {"NoStatement", "statement = \"Chargebacks rose 40%\"", "statement = \"\"", 2,
     ":16:1: warning: the problem is not stated; say in problem.statement what is wrong, for "
     "whom, measured how [problem-baseline]\n"},
    {"NoBaseline", "[[problem.baseline]]\nmetric = \"recall\"\nvalue = 0.71\n", "", 2,
     ":15:2: warning: no baseline metrics; record the metrics before the decision under "
     "[[problem.baseline]] [problem-baseline]\n"},
    {"OneOption",
     "[[options]]\nname = \"Two-tower\"\nrejected_because = \"needs GPUs\"\nmetrics "
     "= { recall = 0.88 }\n",
     "", 3,
     ":22:3: warning: 1 option evaluated; compare at least two under [[options]]: the chosen one "
     "and what it was chosen over [options-evaluated]\n"},
    {"OptionWithoutMetrics", "metrics = { recall = 0.88 }\n", "", 3,
     ":28:1: warning: option 2 ('Two-tower') has no metrics; add metrics = { ... } measured like "
     "the baseline [options-evaluated]\n"},
    {"LoserWithoutReason", "rejected_because = \"needs GPUs\"", "rejected_because = \"\"", 3,
     ":30:1: warning: option 2 ('Two-tower') is not chosen and says no reason; add "
     "rejected_because [options-evaluated]\n"},
    {"NoneChosenAtAcceptance", "chosen = true\n", "", 3,
     ":22:1: warning: option 1 ('GBT') is not chosen and says no reason; add rejected_because "
     "[options-evaluated]\n"
     ":22:3: warning: no option is marked chosen = true; an accepted decision chooses exactly one "
     "[options-evaluated]\n"},
    {"NoFairness", "fairness = { demographic_parity_difference = 0.03 }\n", "", 4,
     ":3:1: warning: fairness is not assessed; add fairness metrics to the options (fairness = { "
     "... }), a guardrail with kind = \"fairness\", [[fairness]], or fairness_not_applicable = "
     "\"why it does not apply\" [fairness-assessed]\n"},
    {"NoRationale", "rationale = \"Best recall on CPU\"\n", "", 5,
     ":33:2: warning: no rationale; say in decision.rationale why the chosen option wins "
     "[decision-rationale]\n"},
    {"NoPriorities", "priorities = { performance = 0.6, cost = 0.4 }\n", "", 5,
     ":33:2: warning: no priority weights; add decision.priorities = { performance = 0.4, ... } "
     "summing to 100% [decision-rationale]\n"},
    {"PrioritiesOff", "cost = 0.4", "cost = 0.38", 5,
     ":36:1: warning: decision.priorities weights add up to 98%, not 100% (±1%) "
     "[decision-rationale]\n"},
    {"NoGuardrails",
     "[[guardrails]]\nmetric = \"recall\"\nop = \"<\"\nvalue = 0.8\naction = "
     "\"re-evaluate\"\n",
     "", 6,
     ":2:1: warning: no guardrails; add a [[guardrails]] threshold that triggers re-evaluation "
     "[guardrails]\n"},
    {"GuardrailWithoutAction", "action = \"re-evaluate\"\n", "", 6,
     ":38:1: warning: guardrail 1 ('recall') has no action; add action = \"re-evaluate\" (or "
     "rollback, page) [guardrails]\n"},
    {"ReviewTooSoon", "2027-01-15", "2026-11-10", 7,
     ":6:1: warning: review_date is 8 days after date; expected 30-90 [review-date]\n"},
    {"NoStakeholders",
     "[[stakeholders]]\nname = \"Jane Doe\"\nrole = \"Compliance\"\nstance = "
     "\"approve\"\nconcerns = [\"new merchants\"]\n",
     "", 8,
     ":2:1: warning: no stakeholders; add [[stakeholders]] with name, role, stance and concerns, "
     "objections included [stakeholders]\n"},
    {"StakeholderWithoutConcerns", "concerns = [\"new merchants\"]\n", "", 8,
     ":44:1: warning: stakeholder 1 ('Jane Doe') lists no concerns; add concerns = [\"...\"] "
     "[stakeholders]\n"},
    {"NoLinks", "[[links]]\nkind = \"evaluation\"\nurl = \"notebooks/eval.ipynb\"\n", "", 9,
     ":2:1: warning: no evidence links; add [[links]] to the evaluation, dashboard or report "
     "behind this decision [evidence-links]\n"},
};
} // namespace

TEST(Lint, CompleteRecordHasNoFindings) {
    auto rec = parse_ok(k_complete);
    EXPECT_EQ(formatted(record::lint(rec, {})), "");
    for (const auto& item : record::checklist(rec, {}))
        EXPECT_TRUE(item.met) << item.name;
    auto gate = record::acceptance(rec, {});
    EXPECT_TRUE(gate.ok()) << formatted(gate.errors);
    EXPECT_TRUE(gate.notes.empty());
}

TEST(Lint, EachChecklistItemUnmetIsReportedAtItsLine) {
    for (const auto& c : k_items) {
        SCOPED_TRACE(c.name);
        auto rec = parse_ok(edited(k_complete, c.from, c.to));
        std::string expected;
        for (const auto& line : util::split(c.expected, '\n'))
            if (!line.empty())
                expected += k_file + line + "\n";
        EXPECT_EQ(formatted(record::lint(rec, {})), expected);
        auto items = record::checklist(rec, {});
        ASSERT_EQ(items.size(), 9u);
        for (const auto& item : items) {
            EXPECT_EQ(item.met, item.number != c.item) << item.name;
            if (item.number == c.item) {
                EXPECT_EQ(formatted(item.findings), expected);
            }
        }
        auto gate = record::acceptance(rec, {});
        ASSERT_FALSE(gate.ok());
        EXPECT_EQ(gate.errors.front().severity, util::Severity::Error);
    }
}

TEST(Lint, ChecklistNamesAndSummaries) {
    auto items = record::checklist(parse_ok(k_complete), {});
    std::string names;
    for (const auto& item : items)
        names += std::to_string(item.number) + " " + item.name + "\n";
    EXPECT_EQ(names, "1 category\n2 problem-baseline\n3 options-evaluated\n4 fairness-assessed\n"
                     "5 decision-rationale\n6 guardrails\n7 review-date\n8 stakeholders\n"
                     "9 evidence-links\n");
    EXPECT_EQ(items[4].summary,
              "the decision with its rationale and priority weights that sum to 100% (±1%)");
}

TEST(Lint, FairnessIsMetAnyOfFourWays) {
    std::string none =
        edited(k_complete, "fairness = { demographic_parity_difference = 0.03 }\n", "");
    for (const auto& text :
         {edited(none, "category = \"MODEL SELECTION\"\n",
                 "category = \"MODEL SELECTION\"\nfairness_not_applicable = \"No people are "
                 "scored\"\n"),
          edited(none, "action = \"re-evaluate\"\n",
                 "action = \"re-evaluate\"\nkind = \"fairness\"\n"),
          none + "\n[[fairness]]\nmetric = \"demographic_parity_difference\"\n"}) {
        auto items = record::checklist(parse_ok(text), {});
        EXPECT_TRUE(items[3].met) << text;
    }
    // For every category, not only ETHICAL REVIEW.
    auto data = parse_ok(edited(none, "MODEL SELECTION", "DATA PIPELINE"));
    EXPECT_FALSE(record::checklist(data, {})[3].met);
}

TEST(Lint, PrioritiesWithinOnePercentAreMet) {
    auto rec = parse_ok(edited(k_complete, "cost = 0.4", "cost = 0.395"));
    EXPECT_TRUE(record::checklist(rec, {})[4].met);
}

TEST(Lint, NoChosenOptionIsFineWhileProposed) {
    auto rec = parse_ok(edited(edited(k_complete, "chosen = true\n", "rejected_because = \"x\"\n"),
                               "status = \"accepted\"", "status = \"proposed\""));
    EXPECT_EQ(formatted(record::lint(rec, {})), "");
    // ... but acceptance judges it as accepted.
    EXPECT_EQ(formatted(record::acceptance(rec, {}).errors),
              std::string(k_file) +
                  ":22:3: error: no option is marked chosen = true; an accepted decision chooses "
                  "exactly one [options-evaluated]\n");
}

TEST(Lint, MissingScopeIsAWarningAndBlocksAcceptance) {
    auto rec = parse_ok(edited(k_complete, "[scope]\npaths = [\"models/fraud/**\"]\n", ""));
    EXPECT_EQ(formatted(record::lint(rec, {})),
              std::string(k_file) +
                  ":2:1: warning: no scope.paths: this decision governs no paths; list them "
                  "under [scope], e.g. paths = [\"models/fraud/**\"] [scope]\n");
    EXPECT_FALSE(record::acceptance(rec, {}).ok());
}

TEST(Lint, TemplatePlaceholdersAreReportedAndBlockAcceptance) {
    auto rec = parse_ok(edited(k_complete, "paths = [\"models/fraud/**\"]",
                               "paths = [\"<the paths this decision governs>\"]"));
    EXPECT_EQ(formatted(record::lint(rec, {})),
              std::string(k_file) +
                  ":13:1: warning: 'scope.paths' is still the template's placeholder "
                  "([\"<the paths this decision governs>\"]); fill it in or delete it [scope]\n");
    EXPECT_EQ(formatted(record::acceptance(rec, {}).errors),
              std::string(k_file) +
                  ":13:1: error: 'scope.paths' is still the template's placeholder "
                  "([\"<the paths this decision governs>\"]); fill it in or delete it [scope]\n");
}

TEST(Lint, TemplateEmptyListsLeftInAreReported) {
    // The ETHICAL REVIEW template ships sensitive_features = [] to fill in.
    std::string text = edited(k_complete, "MODEL SELECTION", "ETHICAL REVIEW") +
                       "\n[[fairness]]\nmetric = \"demographic_parity_difference\"\n"
                       "sensitive_features = []\n";
    auto diags = record::lint(parse_ok(text), {});
    ASSERT_EQ(diags.size(), 1u) << formatted(diags);
    EXPECT_EQ(diags[0].rule, "fairness-assessed");
    EXPECT_EQ(diags[0].line, 56);
}

TEST(Lint, RelaxedCategoryTurnsAcceptanceErrorsIntoNotes) {
    auto rec = parse_ok(edited(k_complete, "rationale = \"Best recall on CPU\"\n", ""));
    record::LintConfig config;
    config.relaxed = {record::Category::ModelSelection};
    auto gate = record::acceptance(rec, config);
    EXPECT_TRUE(gate.ok());
    EXPECT_EQ(formatted(gate.notes),
              std::string(k_file) +
                  ":33:2: note: no rationale; say in decision.rationale why the chosen option "
                  "wins [decision-rationale]\n");
    config.relaxed = {record::Category::DataPipeline};
    EXPECT_FALSE(record::acceptance(rec, config).ok());
}

TEST(Lint, LevelsComeFromTheConfig) {
    std::string text = edited(k_complete, "role = \"PM\"", "");
    record::LintConfig config;
    config.levels["owner-role"] = record::LintLevel::Error;
    auto diags = record::lint(parse_ok(text), config);
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(diags[0].severity, util::Severity::Error);
    config.levels["owner-role"] = record::LintLevel::Off;
    EXPECT_TRUE(record::lint(parse_ok(text), config).empty());
    // Levels never relax acceptance.
    config.levels["decision-rationale"] = record::LintLevel::Off;
    auto no_rationale = parse_ok(edited(k_complete, "rationale = \"Best recall on CPU\"\n", ""));
    EXPECT_TRUE(record::lint(no_rationale, config).empty());
    EXPECT_FALSE(record::acceptance(no_rationale, config).ok());
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

} // namespace t_unit_record_lint_test
