// git decision guard / review: the guardrails of accepted decisions against metrics
// files, and the decisions due for review.

#include "decision/guard/guardrail.hpp"
#include "decision/guard/metrics.hpp"
#include "decision/guard/report.hpp"
#include "decision/guard/review.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
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
    bool allow_unmeasured = false;
};

// The dvc.yaml guard reads metrics from when none are given: the nearest one from the
// current directory up to the top of the working tree (DVC projects may sit in a
// subdirectory), as a path from the current directory; nullopt when there is none.
Result<std::optional<std::filesystem::path>> find_dvc_yaml(const git::Repository& repo) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (ec)
        return util::fail(util::ErrorKind::Git,
                          "cannot read the current directory: " + ec.message());
    fs::path top = repo.is_bare() ? cwd : fs::weakly_canonical(repo.workdir(), ec);
    fs::path here = fs::weakly_canonical(cwd, ec);
    for (fs::path dir = here;; dir = dir.parent_path()) {
        if (fs::exists(dir / guard::k_dvc_yaml, ec))
            return (dir.lexically_relative(here) / guard::k_dvc_yaml).lexically_normal();
        auto rel = dir.lexically_relative(top);
        if (rel.empty() || rel == "." || *rel.begin() == ".." || dir == dir.parent_path())
            return std::nullopt;
    }
}

// The metrics to check: the --metrics files, else those the nearest dvc.yaml lists.
Result<guard::MetricSet> measured_metrics(const GuardOptions& o, Context& ctx) {
    if (!o.metrics.empty())
        return guard::load_metrics(o.metrics);
    TRY_ASSIGN(auto dvc_yaml, find_dvc_yaml(*ctx.repo));
    if (!dvc_yaml)
        return util::fail(util::ErrorKind::Usage,
                          "no metrics to check: give --metrics FILE..., or run guard in a DVC "
                          "project whose dvc.yaml lists its metrics files");
    return guard::load_dvc_yaml_metrics(*dvc_yaml);
}

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
        "`dvc metrics diff --json`; without --metrics, those the nearest dvc.yaml lists). Exit 1 "
        "when a guardrail is breached or not measured.");
    app.add_option("--metrics", o->metrics,
                   "Metrics files (default: the metrics files dvc.yaml lists)");
    app.add_option("--baseline", o->baseline,
                   "Metrics files holding the baseline for relative guardrails (default: the "
                   "old side of a `dvc metrics diff --json` given as --metrics)");
    app.add_option("--id", o->id, "Only this decision");
    app.add_option("--model", o->model,
                   "Only decisions governing this model (name or name@version)");
    app.add_flag("--allow-unmeasured", o->allow_unmeasured,
                 "Report guardrails not measured without failing (for local runs; CI is the gate)");
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json", "markdown", "github"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        TRY_ASSIGN(auto format, guard::parse_output_format(o->format));
        TRY_ASSIGN(auto measured, measured_metrics(*o, ctx));
        guard::MetricSet baseline;
        if (!o->baseline.empty()) {
            TRY_ASSIGN(baseline, guard::load_metrics(o->baseline, guard::DiffSide::Old));
        } else {
            baseline = measured.diff_baseline();
        }
        TRY_ASSIGN(auto cat, ctx.catalog());
        guard::Filter filter;
        if (!o->id.empty())
            filter.id = o->id;
        if (!o->model.empty())
            filter.model = o->model;
        TRY_ASSIGN(auto report, guard::evaluate(cat.records, measured, filter, baseline));
        report.allow_unmeasured = o->allow_unmeasured;
        ctx.out << guard::render(report, format);
        return report.passed() ? 0 : 1;
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
