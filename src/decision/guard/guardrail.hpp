#pragma once
// Guardrail evaluation: the thresholds of accepted decisions held against measured metrics.
//
// A guardrail states its *breach* condition (docs/design.md, "Records"): `metric = "recall", op =
// "<", value = 0.80` is breached when recall < 0.80. Rules:
// - `< <= > >=` compare exactly: both numbers come from decimal text, and the op the record
//   wrote is the condition.
// - `==` and `!=` treat two numbers as equal when they differ by at most 1e-9 of the larger
//   magnitude (or by 1e-12 near zero), so 0.1 + 0.2 written by an evaluation script equals 0.3.
// - `max_drop` (absolute) and `max_relative_drop` (fraction of |baseline|) are breached when
//   the drop *exceeds* the limit; a drop exactly at the limit is not a breach (computed drops
//   get the same 1e-9 tolerance, so 0.71 - 0.69 is a drop of 0.02). A drop is
//   `baseline - measured` for direction "higher_is_better" (the default) and
//   `measured - baseline` for "lower_is_better".
// - The baseline is the metric in the --baseline metrics if they hold it, else the record's
//   [[problem.baseline]] entry of the same metric name (or of the path after "<file>:").
// - A metric absent from every file, a baseline nowhere, a malformed guardrail: NotMeasured,
//   never Ok.
// A guardrail with several conditions (op and max_drop, say) is breached when any is.

#include "decision/guard/metrics.hpp"
#include "decision/record/record.hpp"
#include "decision/util/error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::guard {

enum class Verdict { Breached, Ok, NotMeasured };

// "breached", "ok", "not_measured" (the JSON spelling).
std::string_view to_string(Verdict v);

// Relative tolerance of `==`, `!=` and of drop limits.
inline constexpr double k_relative_epsilon = 1e-9;
inline constexpr double k_absolute_epsilon = 1e-12;

// What one guardrail came to. Strings may hold text from records and metrics files:
// renderers sanitise them.
struct GuardrailResult {
    std::string metric;    // as the record names it
    std::string condition; // the breach condition in words: "recall < 0.8"
    Verdict verdict = Verdict::NotMeasured;
    std::optional<double> measured;
    std::optional<double> threshold; // the bound the measured value is held to
    std::optional<double> baseline;  // relative guardrails only
    std::string baseline_source;     // a --baseline file's name, or "problem.baseline"
    std::string source;              // the metrics file the measured value came from
    std::string explanation;         // one line: "recall 0.78 < 0.8", or why not measured
    std::string action;              // "re-evaluate" when the record leaves it empty
    std::string kind;                // as the record has it, maybe empty
    record::Position position;       // of the guardrail in the record
};

// Evaluates one guardrail. `baseline` may be empty (no --baseline given); `recorded` is the
// record's problem.baseline.
GuardrailResult evaluate_guardrail(const record::Guardrail& guardrail, const MetricSet& metrics,
                                   const MetricSet& baseline,
                                   const std::vector<record::BaselineMetric>& recorded);

// Which decisions to evaluate. Empty fields match everything.
struct Filter {
    std::optional<std::string> id;    // one decision; case-insensitive
    std::optional<std::string> model; // a name in scope.models or [[models]].name;
                                      // "name@version" matches by name
};

struct DecisionResult {
    std::string id;
    std::string title;
    std::string path; // the record's file
    std::string owner_name;
    std::string owner_email;
    std::vector<GuardrailResult> guardrails; // in record order

    // Breached if any guardrail is, else NotMeasured if any is, else Ok.
    Verdict verdict() const;
};

struct GuardReport {
    std::vector<DecisionResult> decisions; // by id
    std::size_t breached = 0;
    std::size_t ok = 0;
    std::size_t not_measured = 0;
    Filter filter; // what was asked, for "nothing matched" messages

    std::size_t guardrails() const { return breached + ok + not_measured; }
};

// Evaluates the guardrails of the `accepted` records that pass the filter (records without
// guardrails are left out). With filter.id set, that record must exist and be accepted,
// otherwise a Usage error says what is there instead.
util::Result<GuardReport> evaluate(const std::vector<record::Record>& records,
                                   const MetricSet& metrics, const Filter& filter,
                                   const MetricSet& baseline = MetricSet{});

} // namespace decision::guard
