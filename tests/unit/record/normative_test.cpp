#include "decision/record/normative.hpp"
#include "decision/record/parse.hpp"
#include "decision/util/digest.hpp"

#include <functional>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_record_normative_test {

using namespace decision;

namespace {

const char* k_record = R"(id = "DEC-0042"
title = "Optimize for \"recall\" over precision"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-02
review_date = 2027-01-15
tags = ["fraud", "payments"]
supersedes = ["DEC-0017"]

[owner]
name = "Priya Raman"
role = "PM"
email = "priya@example.com"

[scope]
paths = ["models/fraud/**"]
models = ["fraud-detector"]

[[models]]
name = "fraud-detector"
version = "3.2.0"

[problem]
statement = "Chargebacks rose 40%"
trigger = "performance regression"
constraints = ["p95 under 50 ms"]

[[problem.baseline]]
metric = "recall"
value = 0.71

[[options]]
name = "GBT"
chosen = true
metrics = { recall = 0.86, precision = 0.62 }
fairness = { demographic_parity_difference = 0.03 }

[[options]]
name = "Two-tower"
rejected_because = "Needs GPU"
metrics = { recall = 0.88 }

[decision]
summary = "Ship the GBT"
rationale = "Line one\nline two"
tradeoffs = ["More manual reviews"]
priorities = { performance = 0.4, latency = 0.3 }

[[guardrails]]
metric = "recall"
op = "<"
value = 0.8

[[stakeholders]]
name = "Jane Doe"
role = "Compliance"
stance = "approve"
concerns = ["False positives"]

[[links]]
kind = "evaluation"
url = "notebooks/eval.ipynb"
)";

record::Record parsed(const std::string& text) {
    auto r = record::parse(text, "decisions/DEC-0042-x.toml");
    EXPECT_TRUE(r.ok()) << text;
    return r.record ? *r.record : record::Record{};
}

} // namespace

TEST(Sha256, KnownAnswer) {
    EXPECT_EQ(util::sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(util::sha256_hex(""),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// The format is a contract: approvals given today must still match after an upgrade.
// Changing this text means a new k_normative_version (docs/approvals.md).
TEST(Normative, GoldenText) {
    EXPECT_EQ(record::normative_text(parsed(k_record)),
              R"(git-decision normative v1
id = "DEC-0042"
title = "Optimize for \"recall\" over precision"
category = "MODEL SELECTION"
date = 2026-11-02
tags = ["fraud", "payments"]
supersedes = ["DEC-0017"]
owner.name = "Priya Raman"
owner.role = "PM"
owner.email = "priya@example.com"
scope.paths = ["models/fraud/**"]
scope.models = ["fraud-detector"]
models.size = 1
models[0].name = "fraud-detector"
models[0].version = "3.2.0"
problem.statement = "Chargebacks rose 40%"
problem.trigger = "performance regression"
problem.constraints = ["p95 under 50 ms"]
problem.baseline.size = 1
problem.baseline[0].metric = "recall"
problem.baseline[0].value = 0.71
options.size = 2
options[0].name = "GBT"
options[0].chosen = true
options[0].metrics["precision"] = 0.62
options[0].metrics["recall"] = 0.86
options[0].fairness["demographic_parity_difference"] = 0.03
options[1].name = "Two-tower"
options[1].rejected_because = "Needs GPU"
options[1].metrics["recall"] = 0.88
decision.summary = "Ship the GBT"
decision.rationale = "Line one\x0aline two"
decision.tradeoffs = ["More manual reviews"]
decision.priorities["latency"] = 0.3
decision.priorities["performance"] = 0.4
guardrails.size = 1
guardrails[0].metric = "recall"
guardrails[0].op = "<"
guardrails[0].value = 0.8
guardrails[0].action = "re-evaluate"
stakeholders.size = 1
stakeholders[0].name = "Jane Doe"
stakeholders[0].role = "Compliance"
stakeholders[0].concerns = ["False positives"]
)");
    EXPECT_EQ(record::normative_hash(parsed(k_record)),
              util::sha256_hex(record::normative_text(parsed(k_record))));
    EXPECT_EQ(record::normative_hash(parsed(k_record)).size(), 64u);
}

TEST(Normative, EveryNormativeFieldChangesTheHash) {
    const record::Record base = parsed(k_record);
    const std::string before = record::normative_hash(base);
    const std::vector<std::pair<const char*, std::function<void(record::Record&)>>> edits = {
        {"id", [](record::Record& r) { r.id = "DEC-0043"; }},
        {"title", [](record::Record& r) { r.title += "!"; }},
        {"category", [](record::Record& r) { r.category = record::Category::DataPipeline; }},
        {"date", [](record::Record& r) { r.date = record::Date{}; }},
        {"tags", [](record::Record& r) { r.tags.pop_back(); }},
        {"supersedes", [](record::Record& r) { r.supersedes.clear(); }},
        {"owner email", [](record::Record& r) { r.owner.email = "eve@example.com"; }},
        {"scope paths", [](record::Record& r) { r.scope.paths = {"docs/**"}; }},
        {"scope models", [](record::Record& r) { r.scope.models.push_back("other"); }},
        {"model version", [](record::Record& r) { r.models[0].version = "3.2.1"; }},
        {"empty model entry", [](record::Record& r) { r.models.emplace_back(); }},
        {"statement", [](record::Record& r) { r.problem.statement.clear(); }},
        {"baseline", [](record::Record& r) { r.problem.baseline[0].value = 0.72; }},
        {"option chosen", [](record::Record& r) { r.options[1].chosen = true; }},
        {"option metric", [](record::Record& r) { r.options[0].metrics["recall"] = 0.9; }},
        {"rationale", [](record::Record& r) { r.decision.rationale = "new"; }},
        {"priorities", [](record::Record& r) { r.decision.priorities["cost"] = 0.1; }},
        {"guardrail value", [](record::Record& r) { r.guardrails[0].value = 0.7; }},
        {"guardrail op", [](record::Record& r) { r.guardrails[0].op = record::Op::Le; }},
        {"stakeholder concerns", [](record::Record& r) { r.stakeholders[0].concerns.clear(); }},
        {"fairness", [](record::Record& r) { r.fairness.emplace_back(); }},
    };
    for (const auto& [what, edit] : edits) {
        record::Record r = base;
        edit(r);
        EXPECT_NE(record::normative_hash(r), before) << what;
    }
}

TEST(Normative, NonNormativeEditsKeepTheHash) {
    const record::Record base = parsed(k_record);
    const std::string before = record::normative_hash(base);
    const std::vector<std::pair<const char*, std::function<void(record::Record&)>>> edits = {
        {"status", [](record::Record& r) { r.status = record::Status::Deprecated; }},
        {"review_date", [](record::Record& r) { r.review_date.reset(); }},
        {"links", [](record::Record& r) { r.links.clear(); }},
        {"stance", [](record::Record& r) { r.stakeholders[0].stance = "object"; }},
        {"path", [](record::Record& r) { r.path = "elsewhere/DEC-0042-y.toml"; }},
        {"text", [](record::Record& r) { r.text += "\n# a comment\n"; }},
        {"default action spelled out",
         [](record::Record& r) { r.guardrails[0].action = "re-evaluate"; }},
    };
    for (const auto& [what, edit] : edits) {
        record::Record r = base;
        edit(r);
        EXPECT_EQ(record::normative_hash(r), before) << what;
    }
}

// One field per line whatever the values hold: a value cannot forge another field's line.
TEST(Normative, ValuesCannotInjectLines) {
    record::Record a = parsed(k_record);
    record::Record b = a;
    a.title = "x\nscope.paths = [\"docs/**\"]";
    b.title = "x";
    b.scope.paths = {"docs/**"};
    EXPECT_NE(record::normative_text(a), record::normative_text(b));
    EXPECT_EQ(record::normative_text(a).find("\nscope.paths = [\"docs/**\"]"), std::string::npos);
}

// Reformatting the TOML (order, spacing, comments, quoting) is not a content change.
TEST(Normative, TomlLayoutIsNotContent) {
    std::string reordered = R"(# reformatted
title = 'Optimize for "recall" over precision'
id = "DEC-0042"
category = "MODEL SELECTION"
status = "proposed"
date = 2026-11-02
tags = [ "fraud",   "payments" ]
supersedes = ["DEC-0017"]
owner = { name = "Priya Raman", role = "PM", email = "priya@example.com" }
)";
    std::string original = R"(id = "DEC-0042"
title = "Optimize for \"recall\" over precision"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-02
tags = ["fraud", "payments"]
supersedes = ["DEC-0017"]

[owner]
name = "Priya Raman"
role = "PM"
email = "priya@example.com"
)";
    EXPECT_EQ(record::normative_hash(parsed(reordered)), record::normative_hash(parsed(original)));
}

} // namespace t_unit_record_normative_test
