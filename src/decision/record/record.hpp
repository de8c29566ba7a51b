#pragma once
// The decision record: one TOML file per decision (docs/design.md, "Records").
// Plain values; parsing and validation live in parse.hpp and lint.hpp.

#include "decision/util/diagnostic.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::record {

enum class Category {
    ModelSelection,
    DataPipeline,
    FeatureEngineering,
    EthicalReview,
    TrainingStrategy,
    DeploymentThreshold,
};

// The closed lifecycle: proposed -> accepted | rejected; accepted -> superseded | deprecated.
enum class Status { Proposed, Accepted, Rejected, Superseded, Deprecated };

const std::vector<std::string>& category_names(); // "MODEL SELECTION", ... in enum order
const std::vector<std::string>& status_names();   // "proposed", ... in enum order
std::string_view to_string(Category c);
std::string_view to_string(Status s);
std::optional<Category> parse_category(std::string_view s); // exact spelling only
std::optional<Status> parse_status(std::string_view s);     // exact spelling only
// Whether the lifecycle allows moving from `from` to `to`.
bool transition_allowed(Status from, Status to);

using Date = std::chrono::year_month_day;
std::string to_string(Date d); // YYYY-MM-DD
// Today's date on the local calendar.
Date local_today();

using Position = util::Position;

struct Person {
    std::string name;
    std::string role;
    std::string email;
};

struct Scope {
    std::vector<std::string> paths;  // gitignore-style globs
    std::vector<std::string> models; // model names
};

struct ModelVersion {
    std::string name;
    std::string version;
};

struct BaselineMetric {
    std::string metric;
    double value = 0;
    std::string source;
};

struct Problem {
    std::string statement;
    std::string trigger;
    std::vector<std::string> constraints;
    std::vector<BaselineMetric> baseline;
};

using Metrics = std::map<std::string, double>;

struct Option {
    std::string name;
    std::string summary;
    bool chosen = false;
    std::string rejected_because;
    Metrics metrics;
    Metrics fairness;
    std::vector<std::string> advocates;
};

struct Outcome {
    std::string summary;
    std::string rationale;
    std::vector<std::string> tradeoffs;
    Metrics priorities; // weights, e.g. performance = 0.4
};

enum class Op { Lt, Le, Gt, Ge, Eq, Ne };
std::string_view to_string(Op op);
std::optional<Op> parse_op(std::string_view s);

// A threshold that triggers re-evaluation. Either absolute (op + value) or relative to a
// baseline (max_drop / max_relative_drop with a direction).
struct Guardrail {
    std::string metric; // "recall" or "eval/metrics.json:roc_auc.test"
    std::optional<Op> op;
    std::optional<double> value;
    std::optional<double> max_drop;          // absolute drop allowed from the baseline
    std::optional<double> max_relative_drop; // fraction of the baseline, e.g. 0.05
    std::string direction;                   // "higher_is_better" | "lower_is_better" | ""
    std::string action;                      // re-evaluate | rollback | page
    std::string kind;                        // performance | latency | fairness | ...
    std::string window;                      // free text, e.g. "7d"
    Position position;
};

struct Stakeholder {
    std::string name;
    std::string role;
    std::string stance; // approve | concern | object | abstain
    std::vector<std::string> concerns;
    std::string reevaluate_when;
};

struct Link {
    std::string kind; // evaluation | data-quality | bias-report | ...
    std::string url;
    std::string title;
};

// Fairness evidence carried by ETHICAL REVIEW decisions.
struct FairnessAssessment {
    std::string metric; // e.g. demographic_parity_difference
    std::string method; // e.g. between_groups | to_overall
    std::vector<std::string> sensitive_features;
    std::vector<std::string> slices;
    std::optional<double> value;
    std::optional<double> threshold;
};

struct Record {
    std::string path; // where it was read from, relative to the repository root
    std::string id;
    std::string title;
    Category category = Category::ModelSelection;
    Status status = Status::Proposed;
    std::optional<Date> date;
    std::optional<Date> review_date;
    std::vector<std::string> tags;
    std::vector<std::string> supersedes;
    Person owner;
    Scope scope;
    std::vector<ModelVersion> models;
    Problem problem;
    std::vector<Option> options;
    Outcome decision;
    std::vector<Guardrail> guardrails;
    std::vector<Stakeholder> stakeholders;
    std::vector<Link> links;
    std::vector<FairnessAssessment> fairness;
    // Where each top-level key (and "options", "guardrails", ... sections) starts, for
    // diagnostics about a field; missing keys are reported at line 1.
    std::map<std::string, Position> positions;
    std::string text; // the file's text as read

    Position position_of(const std::string& key) const;
};

} // namespace decision::record
