// git decision guard / review: the guardrails of accepted decisions against metrics
// files, and the decisions due for review.

#include "decision/guard/guardrail.hpp"
#include "decision/guard/metrics.hpp"
#include "decision/guard/report.hpp"
#include "decision/guard/review.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct GuardOptions {
    std::string at;
    std::string format;
    std::vector<std::string> metrics;
    std::vector<std::string> baseline;
    std::string id;
    std::string model;
};

struct ReviewOptions {
    std::string at;
    std::string format;
    std::string within = "14d";
    bool fail_overdue = false;
};
} // namespace

Action setup_guard(CLI::App& app) {
    auto o = std::make_shared<GuardOptions>();
    app.description(
        "Evaluate the guardrails of accepted decisions against metrics files (JSON, TOML, YAML, "
        "`dvc metrics diff --json`). Exit 1 when a guardrail is breached.");
    app.add_option("--metrics", o->metrics, "Metrics files")->required();
    app.add_option("--baseline", o->baseline,
                   "Metrics files holding the baseline for relative guardrails");
    app.add_option("--id", o->id, "Only this decision");
    app.add_option("--model", o->model,
                   "Only decisions governing this model (name or name@version)");
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json", "markdown", "github"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        TRY_ASSIGN(auto format, guard::parse_output_format(o->format));
        TRY_ASSIGN(auto measured, guard::load_metrics(o->metrics));
        guard::MetricSet baseline;
        if (!o->baseline.empty()) {
            TRY_ASSIGN(auto b, guard::load_metrics(o->baseline, guard::DiffSide::Old));
            baseline = std::move(b);
        }
        TRY_ASSIGN(auto cat, ctx.catalog());
        guard::Filter filter;
        if (!o->id.empty())
            filter.id = o->id;
        if (!o->model.empty())
            filter.model = o->model;
        TRY_ASSIGN(auto report, guard::evaluate(cat.records, measured, filter, baseline));
        ctx.out << guard::render(report, format);
        return report.breached > 0 ? 1 : 0;
    };
}

Action setup_review(CLI::App& app) {
    auto o = std::make_shared<ReviewOptions>();
    app.description(
        "Decisions whose review date has passed or comes within the window, and those with none.");
    app.add_option("--within", o->within, "Window ahead of today: 14d, 2w, 30")
        ->capture_default_str();
    app.add_flag("--fail-overdue", o->fail_overdue, "Exit 1 when a decision is overdue");
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json", "markdown", "github"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        TRY_ASSIGN(auto format, guard::parse_output_format(o->format));
        TRY_ASSIGN(auto window, guard::parse_window(o->within));
        TRY_ASSIGN(auto cat, ctx.catalog());
        auto report = guard::review(cat.records, ctx.today(), window);
        ctx.out << guard::render(report, format);
        return o->fail_overdue && !report.overdue.empty() ? 1 : 0;
    };
}

} // namespace cli
