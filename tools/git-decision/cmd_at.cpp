// git decision at <rev|date>: the decisions accepted and in force at a revision, or on a
// day (YYYY-MM-DD: the last commit on HEAD's first-parent line whose committer date, in the
// committer's own time zone, is on or before that day), read from that commit's records.

#include "decision/git/history.hpp"
#include "decision/report/commit_view.hpp"
#include "decision/report/record_view.hpp"
#include "decision/util/date.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
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

// The last commit on HEAD's first-parent line committed on or before `day`.
Result<git::CommitInfo> commit_on_day(const git::History& history, const std::string& day) {
    if (auto head = history.commit("HEAD"); !head) {
        return tl::unexpected(head.error());
    } else {
        git::CommitInfo c = std::move(*head);
        for (;;) {
            if (report::short_date(c.committer.time, c.committer.offset) <= day)
                return c;
            if (c.parents.empty())
                break;
            auto parent = history.commit(c.parents.front());
            if (!parent)
                return tl::unexpected(parent.error());
            c = std::move(*parent);
        }
    }
    return fail(ErrorKind::Git, "no commit on HEAD's first-parent line was made on or before " +
                                    day + "; the history starts later");
}

// Accepted, and not superseded by another accepted record of the same tree.
std::vector<const record::Record*> in_force(const record::Catalog& cat) {
    std::vector<std::string> replaced;
    for (const auto& r : cat.records)
        if (r.status == record::Status::Accepted)
            replaced.insert(replaced.end(), r.supersedes.begin(), r.supersedes.end());
    std::vector<const record::Record*> out;
    for (const auto& r : cat.records)
        if (r.status == record::Status::Accepted &&
            std::find(replaced.begin(), replaced.end(), r.id) == replaced.end())
            out.push_back(&r);
    std::sort(out.begin(), out.end(), [](const record::Record* a, const record::Record* b) {
        return a->id.size() != b->id.size() ? a->id.size() < b->id.size() : a->id < b->id;
    });
    return out;
}

Result<int> run_at(Context& ctx, const AtOptions& o) {
    git::History history(*ctx.repo);
    Result<git::CommitInfo> commit = fail(ErrorKind::Git, "");
    if (shaped_like_date(o.target)) {
        if (!util::parse_date(o.target))
            return fail(ErrorKind::Usage, "'" + o.target + "' is not a valid date (YYYY-MM-DD)");
        commit = commit_on_day(history, o.target);
    } else {
        commit = history.commit(o.target);
        if (!commit && meant_as_date(o.target))
            return fail(ErrorKind::Usage, "cannot read '" + util::sanitize(o.target) +
                                              "' as a date; write YYYY-MM-DD, e.g. 2026-11-02");
    }
    if (!commit)
        return tl::unexpected(commit.error());

    ctx.at = commit->id;
    auto cat = ctx.catalog();
    if (!cat)
        return tl::unexpected(cat.error());
    for (const auto& d : cat->diagnostics)
        ctx.err << "git-decision: skipped: " << util::sanitize(util::format(d)) << "\n";
    auto shown = in_force(*cat);
    const std::string date = report::short_date(commit->committer.time, commit->committer.offset);
    const std::string title = report::title_of(commit->message);
    if (o.format == "json") {
        nlohmann::json doc{{"version", 1},         {"at", o.target},
                           {"commit", commit->id}, {"date", date},
                           {"title", title},       {"decisions", nlohmann::json::array()}};
        for (const auto* r : shown)
            doc["decisions"].push_back(report::to_json(*r));
        ctx.out << util::printable_json(
                       doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
                << "\n";
        return 0;
    }
    ctx.out << "commit " << commit->id.substr(0, 12) << "  " << date << "  "
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
