#pragma once
// Shared inputs of the record-verb integration tests: a fixed "today", a complete record
// that passes every lint rule, and small helpers to vary it.

#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <map>
#include <string>

namespace test {

// RunOptions with these variables set. (Designated initializers would warn under -Wextra
// about the members left out.)
inline RunOptions with_env(std::map<std::string, std::string> env) {
    RunOptions o;
    o.env = std::move(env);
    return o;
}

// GIT_DECISION_TODAY pinned, so dates in templates and overdue checks are reproducible.
inline RunOptions on_day(std::map<std::string, std::string> env = {},
                         const std::string& day = "2026-11-27") {
    RunOptions o = with_env(std::move(env));
    o.env.emplace("GIT_DECISION_TODAY", day);
    return o;
}

// The fraud-detection example record (docs/design.md, "Records"), with every section filled
// in. It checks clean under the default policy (no errors, no warnings).
inline const std::string k_full_record = R"(id = "DEC-0001"
title = "Optimize for recall over precision in the fraud detection model"
category = "MODEL SELECTION"
status = "accepted"   # decided in the weekly model review
date = 2026-11-02
review_date = 2027-01-15
tags = ["fraud", "payments"]

[owner]
name = "Priya Raman"
role = "PM"
email = "priya@example.com"

[scope]
paths = ["models/fraud/**", "pipelines/fraud_features/**"]
models = ["fraud-detector"]

[[models]]
name = "fraud-detector"
version = "3.2.0"

[problem]
statement = "Chargebacks rose 40% quarter over quarter while the model's recall fell."
trigger = "performance regression"
constraints = ["p95 inference latency under 50 ms", "no GPU budget this quarter"]

[[problem.baseline]]
metric = "recall"
value = 0.71
source = "https://dashboards.example.com/fraud"

[[options]]
name = "Gradient-boosted trees, recall-weighted loss"
summary = "XGBoost with a recall-weighted loss, served on CPU"
chosen = true
metrics = { recall = 0.86, precision = 0.62, p95_latency_ms = 31.0 }
fairness = { demographic_parity_difference = 0.03 }
advocates = ["Data Science"]

[[options]]
name = "Two-tower neural network"
rejected_because = "Needs GPU inference; +2% recall does not pay for it"
metrics = { recall = 0.88, precision = 0.60, p95_latency_ms = 140.0 }

[[options]]
name = "Keep the logistic regression, tune the threshold"
rejected_because = "Recall tops out at 0.74 on the validation set"
metrics = { recall = 0.74, precision = 0.70, p95_latency_ms = 4.0 }

[decision]
summary = "Ship the recall-weighted GBT model"
rationale = "Missed fraud costs far more than a manual review, and the GBT model meets the latency budget on CPU."
tradeoffs = ["Lower precision means more manual reviews"]
priorities = { performance = 0.4, latency = 0.3, fairness = 0.2, cost = 0.1 }

[[guardrails]]
metric = "recall"
op = "<"
value = 0.80
action = "re-evaluate"

[[guardrails]]
metric = "demographic_parity_difference"
op = ">"
value = 0.05
kind = "fairness"

[[guardrails]]
metric = "eval/metrics.json:precision.test"
max_relative_drop = 0.1
window = "7d"
action = "page"
kind = "performance"

[[fairness]]
metric = "demographic_parity_difference"
method = "between_groups"
sensitive_features = ["merchant_region"]
value = 0.03
threshold = 0.05

[[stakeholders]]
name = "Jane Doe"
role = "Compliance"
stance = "approve"
concerns = ["Monitor false-positive rate for new merchants"]
reevaluate_when = "new merchant segment exceeds 10% of volume"

[[links]]
kind = "evaluation"
url = "notebooks/fraud_eval.ipynb"
title = "Model comparison notebook"
)";

// `text` with the first occurrence of `from` replaced by `to` (the test fails if absent).
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto pos = text.find(from);
    if (pos == std::string::npos) {
        ADD_FAILURE() << "no '" << from << "' in the text";
        return text;
    }
    return text.replace(pos, from.size(), to);
}

// The full record under another ID, with `extra` lines inserted after its tags line.
inline std::string full_record(const std::string& id, const std::string& extra = "") {
    std::string text = replaced(k_full_record, "id = \"DEC-0001\"", "id = \"" + id + "\"");
    if (!extra.empty())
        text = replaced(text, "tags = [\"fraud\", \"payments\"]\n",
                        "tags = [\"fraud\", \"payments\"]\n" + extra + "\n");
    return text;
}

// A record with only the required fields (it checks with lint warnings, no errors).
inline std::string minimal_record(const std::string& id, const std::string& title,
                                  const std::string& status = "proposed",
                                  const std::string& extra = "") {
    return "id = \"" + id + "\"\ntitle = \"" + title +
           "\"\ncategory = \"TRAINING STRATEGY\"\nstatus = \"" + status +
           "\"\ndate = 2026-11-01\n" + extra + (extra.empty() ? "" : "\n") +
           "\n[owner]\nname = \"A. N. Other\"\n";
}

} // namespace test
