#pragma once
// The accepted MODEL SELECTION decision the enforcement tests (hooks, pre-receive,
// pipeline staleness) govern `models/**` with, approved by the fixture's author.

#include <string>

namespace test {

inline constexpr const char* k_ship_gbt_path = "decisions/DEC-0001-ship-gbt.toml";
inline constexpr const char* k_author_approval = "Approved-by: A U Thor <author@example.com>";

// What DEC-0001 carries so that its checklist is met (docs/checklist.md): a record must
// meet it to become accepted in a commit judged by a policy.
inline const std::string k_ship_gbt_checklist = R"(priorities = { performance = 0.7, cost = 0.3 }

[problem]
statement = "Fraud recall is too low"

[[problem.baseline]]
metric = "recall"
value = 0.71

[[options]]
name = "GBT"
chosen = true
metrics = { recall = 0.86 }
fairness = { demographic_parity_difference = 0.02 }

[[options]]
name = "Logistic regression"
rejected_because = "Recall tops out at 0.74"
metrics = { recall = 0.74 }

[[guardrails]]
metric = "recall"
op = "<"
value = 0.8
action = "re-evaluate"

[[stakeholders]]
name = "Jane Doe"
role = "Compliance"
stance = "approve"
concerns = ["Monitor false positives"]

[[links]]
kind = "evaluation"
url = "notebooks/eval.ipynb"
)";

// DEC-0001 with `scope.paths` set to `paths` (a TOML array's contents).
inline std::string ship_gbt_record(const std::string& paths = "\"models/**\"") {
    return "id = \"DEC-0001\"\n"
           "title = \"Ship GBT\"\n"
           "category = \"MODEL SELECTION\"\n"
           "status = \"accepted\"\n"
           "date = 2026-11-27\n"
           "review_date = 2027-01-26\n"
           "\n"
           "[owner]\n"
           "name = \"A U Thor\"\n"
           "email = \"author@example.com\"\n"
           "role = \"ML Engineer\"\n"
           "\n"
           "[scope]\n"
           "paths = [" +
           paths +
           "]\n"
           "\n"
           "[decision]\n"
           "summary = \"Ship the GBT model\"\n"
           "rationale = \"Best recall\"\n" +
           k_ship_gbt_checklist;
}

} // namespace test
