#include "decision/guard/guardrail.hpp"

#include "decision/util/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace decision::guard {

using record::Op;
using util::ErrorKind;
using util::fail;
using util::format_number;

namespace {

// Kept here rather than using record.hpp's declarations, whose definitions live with the
// record parser.
std::string_view op_symbol(Op op) {
    switch (op) {
    case Op::Lt:
        return "<";
    case Op::Le:
        return "<=";
    case Op::Gt:
        return ">";
    case Op::Ge:
        return ">=";
    case Op::Eq:
        return "==";
    case Op::Ne:
        return "!=";
    }
    return "?";
}

std::string_view status_name(record::Status s) {
    switch (s) {
    case record::Status::Proposed:
        return "proposed";
    case record::Status::Accepted:
        return "accepted";
    case record::Status::Rejected:
        return "rejected";
    case record::Status::Superseded:
        return "superseded";
    case record::Status::Deprecated:
        return "deprecated";
    }
    return "unknown";
}

bool nearly_equal(double a, double b) {
    double scale = std::max(std::fabs(a), std::fabs(b));
    return std::fabs(a - b) <= std::max(k_relative_epsilon * scale, k_absolute_epsilon);
}

bool holds(double measured, Op op, double value) {
    switch (op) {
    case Op::Lt:
        return measured < value;
    case Op::Le:
        return measured <= value;
    case Op::Gt:
        return measured > value;
    case Op::Ge:
        return measured >= value;
    case Op::Eq:
        return nearly_equal(measured, value);
    case Op::Ne:
        return !nearly_equal(measured, value);
    }
    return false;
}

// A computed amount (a drop, a percentage) to six significant digits: 0.71 - 0.68 reads
// "0.03", not "0.030000000000000027".
std::string format_amount(double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", d);
    return buf;
}

// A computed bound rounded to 12 significant digits, so 0.84 * 0.95 reads 0.798, not
// 0.7979999999999999; far below any metric's real precision.
double round_bound(double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.12g", d);
    return std::strtod(buf, nullptr);
}

// A computed relative drop as people write it ("6.3%"), with more digits when the rounding
// would make it read as the limit it is held to ("fell 5% ..., more than ... 5%").
std::string drop_share(double fraction, double limit, const std::string& shown_limit) {
    std::string shown = util::format_percent(fraction);
    if (shown == shown_limit && !nearly_equal(fraction, limit))
        return format_amount(fraction * 100) + "%";
    return shown;
}

bool higher_is_better(const record::Guardrail& g) {
    return g.direction.empty() || g.direction == "higher_is_better";
}

// The limit of a drop condition as the record wrote it: "0.02", or "5%" for a relative one.
std::string shown_limit(const record::Guardrail& g, bool relative) {
    return relative ? util::format_written_percent(*g.max_relative_drop)
                    : format_number(*g.max_drop);
}

std::string op_condition(const record::Guardrail& g) {
    if (!g.op)
        return g.metric + " ? " + (g.value ? format_number(*g.value) : "?");
    std::string sym(op_symbol(*g.op));
    return g.metric + " " + sym + " " + (g.value ? format_number(*g.value) : "?");
}

// "recall drops more than 5% below baseline": the breach, whatever the direction.
std::string drop_condition(const record::Guardrail& g, bool relative) {
    bool higher = higher_is_better(g);
    return g.metric + (higher ? " drops more than " : " rises more than ") +
           shown_limit(g, relative) + (higher ? " below" : " above") + " baseline";
}

// One condition of a guardrail, evaluated.
struct Outcome {
    Verdict verdict = Verdict::NotMeasured;
    std::string explanation;
    std::optional<double> threshold;
    std::optional<double> baseline;
    std::string baseline_source;
};

Outcome not_measured(std::string why) {
    return {Verdict::NotMeasured, std::move(why), {}, {}, {}};
}

Outcome op_outcome(const record::Guardrail& g, const Lookup& m) {
    if (!g.op)
        return not_measured("the guardrail has a value but no op (< <= > >= == !=)");
    if (!g.value)
        return not_measured("the guardrail has an op but no value");
    std::string sym(op_symbol(*g.op));
    Outcome out;
    out.threshold = g.value;
    if (!m.value) {
        out.explanation = m.problem;
        return out;
    }
    bool breached = holds(*m.value, *g.op, *g.value);
    out.verdict = breached ? Verdict::Breached : Verdict::Ok;
    out.explanation = g.metric + " " + format_number(*m.value) + (breached ? " " : ", not ") + sym +
                      " " + format_number(*g.value);
    return out;
}

struct Baseline {
    std::optional<double> value;
    std::string source;
    std::string problem;
};

// The path after "<file>:" in a file-qualified metric name, or the name itself.
std::string_view bare_path(std::string_view metric) {
    auto colon = metric.rfind(':');
    return colon == std::string_view::npos ? metric : metric.substr(colon + 1);
}

Baseline find_baseline(const std::string& metric, const MetricSet& baseline,
                       const std::vector<record::BaselineMetric>& recorded) {
    auto b = baseline.find(metric);
    if (!b.exists && bare_path(metric) != metric)
        b = baseline.find(bare_path(metric));
    if (b.value)
        return {b.value, b.source, {}};
    if (b.exists)
        return {std::nullopt, {}, "baseline: " + b.problem};
    for (const auto& r : recorded)
        if (r.metric == metric)
            return {r.value, "problem.baseline", {}};
    for (const auto& r : recorded)
        if (r.metric == bare_path(metric))
            return {r.value, "problem.baseline", {}};
    return {std::nullopt,
            {},
            "no baseline for '" + metric + "': not in " +
                (baseline.empty() ? std::string("problem.baseline (or give --baseline)")
                                  : "the --baseline metrics nor in problem.baseline")};
}

Outcome drop_outcome(const record::Guardrail& g, const Lookup& m, const MetricSet& baseline,
                     const std::vector<record::BaselineMetric>& recorded, bool relative) {
    double limit = relative ? *g.max_relative_drop : *g.max_drop;
    std::string field = relative ? "max_relative_drop" : "max_drop";
    bool higher = higher_is_better(g);
    std::string limit_text = shown_limit(g, relative);
    if (!higher && g.direction != "lower_is_better")
        return not_measured("direction '" + g.direction +
                            "' is neither higher_is_better nor lower_is_better");
    if (!(limit >= 0))
        return not_measured(field + " is " + format_number(limit) +
                            "; give the largest drop allowed, 0 or more");
    auto base = find_baseline(g.metric, baseline, recorded);
    Outcome out;
    out.baseline = base.value;
    out.baseline_source = base.source;
    if (!base.value) {
        out.explanation = base.problem;
        return out;
    }
    if (relative && *base.value == 0) {
        out.explanation =
            "the baseline of '" + g.metric + "' is 0, so a relative drop is undefined";
        return out;
    }
    double allowed = relative ? limit * std::fabs(*base.value) : limit;
    out.threshold = round_bound(higher ? *base.value - allowed : *base.value + allowed);
    if (!m.value) {
        out.explanation = m.problem;
        return out;
    }
    double measured = *m.value;
    double drop = higher ? *base.value - measured : measured - *base.value;
    double tolerance =
        std::max(k_relative_epsilon * std::max(std::fabs(*base.value), std::fabs(measured)),
                 k_absolute_epsilon);
    bool breached = drop > allowed + tolerance;
    out.verdict = breached ? Verdict::Breached : Verdict::Ok;
    std::string against = "baseline " + format_number(*base.value) + " (" + base.source + ")";
    if (drop <= tolerance) {
        out.explanation = g.metric + " " + format_number(measured) + ", not " +
                          (higher ? "below " : "above ") + against;
        return out;
    }
    std::string amount = relative ? drop_share(drop / std::fabs(*base.value), limit, limit_text)
                                  : format_amount(drop);
    out.explanation = g.metric + " " + format_number(measured) + (higher ? " fell " : " rose ") +
                      amount + (higher ? " below " : " above ") + against +
                      (breached ? ", more than " : ", within ") + field + " " + limit_text;
    return out;
}

std::string join(const std::vector<Outcome>& outcomes, std::string Outcome::*field,
                 std::string_view sep, std::optional<Verdict> only = std::nullopt) {
    std::string out;
    for (const auto& o : outcomes) {
        if (only && o.verdict != *only)
            continue;
        if (!out.empty())
            out += sep;
        out += o.*field;
    }
    return out;
}

bool matches_model(const record::Record& r, std::string_view wanted) {
    auto name = wanted.substr(0, wanted.find('@'));
    return std::find(r.scope.models.begin(), r.scope.models.end(), name) != r.scope.models.end() ||
           std::any_of(r.models.begin(), r.models.end(),
                       [&](const record::ModelVersion& m) { return m.name == name; });
}

} // namespace

std::string_view to_string(Verdict v) {
    switch (v) {
    case Verdict::Breached:
        return "breached";
    case Verdict::Ok:
        return "ok";
    case Verdict::NotMeasured:
        return "not_measured";
    }
    return "unknown";
}

std::string breach_condition(const record::Guardrail& g) {
    if (g.metric.empty())
        return "?";
    std::vector<std::string> conditions;
    if (g.op || g.value)
        conditions.push_back(op_condition(g));
    if (g.max_drop)
        conditions.push_back(drop_condition(g, false));
    if (g.max_relative_drop)
        conditions.push_back(drop_condition(g, true));
    if (conditions.empty())
        return g.metric + " ?";
    std::string out;
    for (const auto& c : conditions)
        out += (out.empty() ? "" : " or ") + c;
    return out;
}

GuardrailResult evaluate_guardrail(const record::Guardrail& g, const MetricSet& metrics,
                                   const MetricSet& baseline,
                                   const std::vector<record::BaselineMetric>& recorded) {
    GuardrailResult r;
    r.metric = g.metric;
    r.action = g.action.empty() ? "re-evaluate" : g.action;
    r.kind = g.kind;
    r.position = g.position;
    r.condition = breach_condition(g);
    if (g.metric.empty()) {
        r.explanation = "the guardrail names no metric";
        return r;
    }
    auto m = metrics.find(g.metric);
    r.measured = m.value;
    r.source = m.source;

    std::vector<Outcome> outcomes;
    if (g.op || g.value)
        outcomes.push_back(op_outcome(g, m));
    if (g.max_drop)
        outcomes.push_back(drop_outcome(g, m, baseline, recorded, false));
    if (g.max_relative_drop)
        outcomes.push_back(drop_outcome(g, m, baseline, recorded, true));
    if (outcomes.empty()) {
        r.explanation = "the guardrail has no condition: give op and value, max_drop or "
                        "max_relative_drop";
        return r;
    }

    auto has = [&](Verdict v) {
        return std::any_of(outcomes.begin(), outcomes.end(),
                           [&](const Outcome& o) { return o.verdict == v; });
    };
    r.verdict = has(Verdict::Breached)      ? Verdict::Breached
                : has(Verdict::NotMeasured) ? Verdict::NotMeasured
                                            : Verdict::Ok;
    r.explanation = join(outcomes, &Outcome::explanation, "; ",
                         r.verdict == Verdict::Ok ? std::nullopt : std::optional(r.verdict));
    const auto& deciding = *std::find_if(outcomes.begin(), outcomes.end(),
                                         [&](const Outcome& o) { return o.verdict == r.verdict; });
    r.threshold = deciding.threshold;
    r.baseline = deciding.baseline;
    r.baseline_source = deciding.baseline_source;
    return r;
}

Verdict DecisionResult::verdict() const {
    auto has = [&](Verdict v) {
        return std::any_of(guardrails.begin(), guardrails.end(),
                           [&](const GuardrailResult& g) { return g.verdict == v; });
    };
    return has(Verdict::Breached)      ? Verdict::Breached
           : has(Verdict::NotMeasured) ? Verdict::NotMeasured
                                       : Verdict::Ok;
}

util::Result<GuardReport> evaluate(const std::vector<record::Record>& records,
                                   const MetricSet& metrics, const Filter& filter,
                                   const MetricSet& baseline) {
    auto id_matches = [&](const record::Record& r) {
        return !filter.id || util::iequals(r.id, *filter.id);
    };
    if (filter.id) {
        auto it = std::find_if(records.begin(), records.end(), id_matches);
        if (it == records.end()) {
            std::vector<std::string> ids;
            for (const auto& r : records)
                ids.push_back(r.id);
            auto near = util::closest(*filter.id, ids);
            return fail(ErrorKind::Usage,
                        "no decision '" + util::sanitize(*filter.id) + "'" +
                            (near ? "; did you mean '" + util::sanitize(*near) + "'?" : ""));
        }
        bool any_accepted = std::any_of(records.begin(), records.end(), [&](const auto& r) {
            return id_matches(r) && r.status == record::Status::Accepted;
        });
        if (!any_accepted)
            return fail(ErrorKind::Usage, util::sanitize(it->id) + " is " +
                                              std::string(status_name(it->status)) +
                                              "; guard evaluates accepted decisions only");
    }

    GuardReport report;
    report.filter = filter;
    for (const auto& r : records) {
        if (r.status != record::Status::Accepted || r.guardrails.empty() || !id_matches(r))
            continue;
        if (filter.model && !matches_model(r, *filter.model))
            continue;
        DecisionResult d{r.id, r.title, r.path, r.owner.name, r.owner.email, {}};
        for (const auto& g : r.guardrails) {
            d.guardrails.push_back(evaluate_guardrail(g, metrics, baseline, r.problem.baseline));
            auto v = d.guardrails.back().verdict;
            ++(v == Verdict::Breached ? report.breached
               : v == Verdict::Ok     ? report.ok
                                      : report.not_measured);
        }
        report.decisions.push_back(std::move(d));
    }
    std::stable_sort(report.decisions.begin(), report.decisions.end(),
                     [](const DecisionResult& a, const DecisionResult& b) { return a.id < b.id; });
    return report;
}

} // namespace decision::guard
