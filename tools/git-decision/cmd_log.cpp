// git decision log <ID>: the commits linked to a decision, by trailer or note, newest first,
// with their sign-offs.

#include "decision/check/approvals.hpp"
#include "decision/git/history.hpp"
#include "decision/report/commit_view.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct LogOptions {
    std::string at;
    std::string format;
    std::string id;
    std::string rev = "HEAD";
};
} // namespace

Action setup_log(CLI::App& app) {
    auto o = std::make_shared<LogOptions>();
    app.description("The commits linked to a decision (trailer or note), newest first.");
    app.add_option("id", o->id, "Decision ID, e.g. DEC-0042")->required();
    app.add_option("--rev", o->rev, "Walk the history of this revision")->capture_default_str();
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        TRY_ASSIGN(auto rec, ctx.record(o->id));
        TRY_ASSIGN(auto linking, ctx.linking());
        const auto& policy = linking.policy;
        const auto& records = linking.records;
        const auto& notes = linking.notes;
        git::History history(*ctx.repo);
        std::vector<report::LinkedCommit> found;
        if (ctx.repo->has_commits() || o->rev != "HEAD") {
            TRY(history.walk(
                {o->rev},
                [&](const git::CommitInfo& c) {
                    auto note = notes.find(c.id);
                    auto links = check::commit_links(
                        c, note == notes.end() ? nullptr : &note->second, policy);
                    if (links.links(rec.id))
                        found.push_back(report::linked_commit(c, std::move(links)));
                    return true;
                },
                false, /*read_signatures=*/false)); // log shows no trust verdicts
        }
        auto via_of = [&](const report::LinkedCommit& c) {
            for (const auto& d : c.links.decisions)
                if (d.id == rec.id)
                    return link::to_string(d.via);
            return "trailer";
        };
        if (o->format == "json") {
            nlohmann::json doc{
                {"decision", rec.id}, {"version", 1}, {"commits", nlohmann::json::array()}};
            for (const auto& c : found) {
                auto item = report::to_json(c, records, policy);
                item["via"] = via_of(c);
                doc["commits"].push_back(std::move(item));
            }
            ctx.out << util::pretty_json(doc) << "\n";
            return 0;
        }
        if (found.empty()) {
            ctx.out << "No commits linked to " << rec.id << ".\n";
            return 0;
        }
        for (const auto& c : found) {
            ctx.out << util::short_id(c.id) << "  " << c.date << "  via " << via_of(c) << "  "
                    << util::sanitize(c.author_name) << " <" << util::sanitize(c.author_email)
                    << ">  " << util::sanitize(c.title) << "\n";
            for (const auto& s : c.links.signoffs)
                ctx.out << "    " << report::render_signoff(s, policy) << "\n";
        }
        return 0;
    };
}

} // namespace cli
