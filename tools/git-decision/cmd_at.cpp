// git decision at <rev|date>: the decisions accepted and in force at a revision, or on a
// day (YYYY-MM-DD: the last commit on HEAD's first-parent line whose committer date, in the
// committer's own time zone, is on or before that day), read from that commit's records.

#include "decision/git/history.hpp"
#include "decision/record/filter.hpp"
#include "decision/report/commit_view.hpp"
#include "decision/report/record_view.hpp"
#include "decision/util/date.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>

namespace cli {

using namespace decision;
using util::ErrorKind;
using util::fail;

namespace {

struct AtOptions {
    std::string target;
    std::string format;
};

bool shaped_like_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

// Digits and dashes with a dash: meant as a date, whatever else it is not.
bool meant_as_date(const std::string& s) {
    return s.find('-') != std::string::npos &&
           s.find_first_not_of("0123456789-") == std::string::npos;
}

Result<int> run_at(Context& ctx, const AtOptions& o) {
    git::History history(*ctx.repo);
    Result<git::CommitInfo> commit = fail(ErrorKind::Git, "");
    if (shaped_like_date(o.target)) {
        auto day = util::parse_date(o.target);
        if (!day)
            return fail(ErrorKind::Usage, "'" + o.target + "' is not a valid date (YYYY-MM-DD)");
        commit = history.last_on_or_before(*day);
    } else {
        commit = history.commit(o.target);
        if (!commit && meant_as_date(o.target))
            return fail(ErrorKind::Usage, "cannot read '" + util::sanitize(o.target) +
                                              "' as a date; write YYYY-MM-DD, e.g. 2026-11-02");
    }
    TRY(commit);

    ctx.at = commit->id;
    TRY_ASSIGN(auto cat, ctx.catalog());
    print_skipped(ctx.err, cat);
    auto shown = record::in_force(cat);
    const std::string date = report::short_date(commit->committer.time, commit->committer.offset);
    const std::string title = report::title_of(commit->message);
    if (o.format == "json") {
        nlohmann::json doc{{"version", 1},         {"at", o.target},
                           {"commit", commit->id}, {"date", date},
                           {"title", title},       {"decisions", nlohmann::json::array()}};
        for (const auto* r : shown)
            doc["decisions"].push_back(report::to_json(*r));
        ctx.out << util::pretty_json(doc) << "\n";
        return 0;
    }
    ctx.out << "commit " << util::short_id(commit->id) << "  " << date << "  "
            << util::sanitize(title) << "\n";
    if (shown.empty()) {
        ctx.out << "No decisions were accepted and in force.\n";
        return 0;
    }
    ctx.out << report::render_table(shown, 0);
    return 0;
}

} // namespace

Action setup_at(CLI::App& app) {
    auto o = std::make_shared<AtOptions>();
    app.description("The decisions accepted and in force at a revision, or on a day "
                    "(YYYY-MM-DD: the last commit on HEAD's first-parent line by then).");
    app.add_option("when", o->target, "A revision (v1.2, HEAD~3, a sha) or a date YYYY-MM-DD")
        ->required();
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) { return run_at(ctx, *o); };
}

} // namespace cli
