// git decision export: the whole log as JSON, a MADR folder or one self-contained HTML page,
// as of the working tree or --at <rev>.

#include "decision/guard/guardrail.hpp"
#include "decision/guard/metrics.hpp"
#include "decision/guard/report.hpp"
#include "decision/report/export.hpp"
#include "decision/report/log_document.hpp"
#include "decision/util/date.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct ExportOptions {
    std::string at;
    std::string format;
    std::string output;
    std::vector<std::string> metrics;
    std::vector<std::string> baseline;
};

// The document every format is rendered from, with links and approvals from the history of
// --at (default HEAD; none before the first commit).
Result<nlohmann::json> log_document(Context& ctx) {
    TRY_ASSIGN(auto policy, ctx.policy());
    TRY_ASSIGN(auto catalog, ctx.catalog());
    print_skipped(ctx.err, catalog);
    std::string tip;
    if (!ctx.at.empty() || ctx.repo->has_commits()) {
        TRY_ASSIGN(tip, ctx.repo->resolve_commit(ctx.at.empty() ? "HEAD" : ctx.at));
    }
    return report::log_document(*ctx.repo, catalog, policy, tip);
}
// What the HTML page shows besides the log: today's date (for "review overdue") and, with
// --metrics (and --baseline), the guardrails of accepted decisions evaluated and written as
// `guard --format json` does.
Result<report::SiteContext> site_context(Context& ctx, const ExportOptions& o) {
    report::SiteContext site;
    site.generated = util::format_date(ctx.today());
    if (o.metrics.empty())
        return site;
    TRY_ASSIGN(auto measured, guard::load_metrics(o.metrics));
    guard::MetricSet baseline;
    if (!o.baseline.empty()) {
        TRY_ASSIGN(baseline, guard::load_metrics(o.baseline, guard::DiffSide::Old));
    }
    TRY_ASSIGN(auto catalog, ctx.catalog());
    TRY_ASSIGN(auto evaluated,
               guard::evaluate(catalog.records, measured, guard::Filter{}, baseline));
    site.guardrails = nlohmann::json::parse(guard::render(evaluated, guard::OutputFormat::Json));
    return site;
}
} // namespace

Action setup_export(CLI::App& app) {
    auto o = std::make_shared<ExportOptions>();
    app.description("The decision log for readers outside git: JSON, MADR Markdown or one "
                    "self-contained HTML page.");
    add_format_option(app, o->format, {"json", "madr", "html"});
    app.add_option("-o,--output", o->output,
                   "Write here (a folder for madr, a file otherwise; default: standard output)");
    app.add_option("--metrics", o->metrics,
                   "Metrics files (JSON, TOML, YAML): the HTML page shows the guardrails of "
                   "accepted decisions against them");
    app.add_option("--baseline", o->baseline,
                   "With --metrics: metrics files holding the baseline for relative guardrails");
    add_at_option(app, o->at);
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        if (!o->metrics.empty() && o->format != "html")
            return util::fail(util::ErrorKind::Usage, "--metrics goes with --format html");
        if (!o->baseline.empty() && o->metrics.empty())
            return util::fail(util::ErrorKind::Usage, "--baseline goes with --metrics");
        TRY_ASSIGN(auto log, log_document(ctx));
        if (o->format == "madr") {
            if (o->output.empty())
                return util::fail(util::ErrorKind::Usage, "--format madr needs --output <folder>");
            TRY(report::write_madr(log, o->output));
            return 0;
        }
        std::string text;
        if (o->format == "html") {
            TRY_ASSIGN(auto site, site_context(ctx, *o));
            text = report::render_html(log, site);
        } else {
            text = util::pretty_json(log) + "\n";
        }
        if (o->output.empty() || o->output == "-") {
            ctx.out << text;
            return 0;
        }
        TRY(util::write_file_atomic(o->output, text));
        return 0;
    };
}

} // namespace cli
