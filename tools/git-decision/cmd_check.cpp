// git decision check: validate the records and the policy; with --range or --base, check
// every commit of a range (the CI entry point, docs/ci.md).

#include "decision/check/range.hpp"
#include "decision/check/validate.hpp"
#include "decision/report/range_view.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct CheckOptions {
    std::string at;
    std::string format;
    std::string range;
    std::string base;
    bool no_cache = false;
};

// Appends the Markdown report to the file GitHub Actions names in GITHUB_STEP_SUMMARY.
Result<void> append_step_summary(const std::string& markdown) {
    const char* path = std::getenv("GITHUB_STEP_SUMMARY");
    if (!path || !*path)
        return {};
    std::ofstream out(path, std::ios::app | std::ios::binary);
    if (!out || !(out << markdown << "\n") || !out.flush())
        return util::fail(util::ErrorKind::Git, std::string("cannot append the job summary to ") +
                                                    path + " (GITHUB_STEP_SUMMARY)");
    return {};
}

Result<int> run_range(Context& ctx, const CheckOptions& o) {
    std::string base, head, target;
    if (!o.base.empty()) {
        TRY_ASSIGN(auto merge_base, git::History(*ctx.repo).merge_base(o.base, "HEAD"));
        base = merge_base;
        head = "HEAD";
        target = o.base;
    } else {
        TRY_ASSIGN(auto parsed, check::parse_range(o.range));
        std::tie(base, head) = parsed;
    }
    auto report = check::check_range(*ctx.repo, base, head, ctx.today(), target, !o.no_cache);
    TRY(report);
    report->range = o.base.empty() ? o.range : o.base + "..HEAD";
    const auto& r = *report;
    auto dump = [](const nlohmann::json& j) { return util::pretty_json(j); };
    if (r.commits.empty() && (o.format == "text" || o.format == "github")) {
        ctx.out << "no commits in " << util::sanitize(r.range) << "\n";
        return 0;
    }
    if (o.format == "json") {
        ctx.out << dump(report::range_to_json(r)) << "\n";
    } else if (o.format == "gitlab") {
        ctx.out << dump(report::range_to_gitlab(r)) << "\n";
    } else if (o.format == "markdown") {
        ctx.out << report::render_range_markdown(r);
    } else if (o.format == "github") {
        ctx.out << report::render_range_github(r);
        TRY(append_step_summary(report::render_range_markdown(r)));
    } else {
        ctx.out << report::render_range_text(r);
    }
    return r.failed() ? 1 : 0;
}

} // namespace

Action setup_check(CLI::App& app) {
    auto o = std::make_shared<CheckOptions>();
    app.description(
        "Validate the decision records (structure, lint rules, duplicate IDs, supersede links) "
        "and the policy. Exit 1 when anything is an error. With --range or --base: check every "
        "commit of the range (coverage, sign-offs, waivers) and the records it changes, in the "
        "formats CI consumes (docs/ci.md).");
    add_at_option(app, o->at);
    auto* range = app.add_option("--range", o->range,
                                 "Check the commits of <base>..<head> (e.g. origin/main..HEAD)");
    app.add_option("--base", o->base,
                   "Check merge-base(<ref>, HEAD)..HEAD, what a pull request into <ref> adds")
        ->excludes(range);
    add_format_option(app, o->format, {"text", "json", "markdown", "github", "gitlab"});
    app.add_flag("--no-cache", o->no_cache,
                 "With --range or --base: recompute every result, reading and writing no "
                 "result cache (for audits)");
    return [o](Context& ctx) -> Result<int> {
        if (!o->range.empty() || !o->base.empty())
            return run_range(ctx, *o);
        if (o->format != "text" && o->format != "json")
            return util::fail(util::ErrorKind::Usage,
                              "--format " + o->format + " needs --range or --base");
        ctx.at = o->at;
        TRY_ASSIGN(auto pol, ctx.policy_result());
        std::vector<util::Diagnostic> diags = pol.diagnostics;
        std::size_t records = 0;
        if (!util::has_errors(pol.diagnostics)) {
            TRY_ASSIGN(auto cat, ctx.catalog());
            records = cat.records.size();
            auto found = check::validate_catalog(cat, pol.policy);
            diags.insert(diags.end(), found.begin(), found.end());
        }
        std::size_t errors = 0, warnings = 0;
        for (const auto& d : diags)
            (d.severity == util::Severity::Error ? errors : warnings)++;
        if (o->format == "json") {
            nlohmann::json j{{"records", records}, {"errors", errors}, {"warnings", warnings}};
            j["diagnostics"] = nlohmann::json::array();
            for (const auto& d : diags)
                j["diagnostics"].push_back({{"file", d.file},
                                            {"line", d.line},
                                            {"column", d.column},
                                            {"severity", util::severity_name(d.severity)},
                                            {"rule", d.rule},
                                            {"message", d.message}});
            ctx.out << util::pretty_json(j) << "\n";
        } else {
            for (const auto& d : diags)
                ctx.out << util::sanitize(util::format(d)) << "\n";
            ctx.out << "checked " << records << " record" << (records == 1 ? "" : "s") << ": "
                    << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings
                    << " warning" << (warnings == 1 ? "" : "s") << "\n";
        }
        return errors ? 1 : 0;
    };
}

} // namespace cli
