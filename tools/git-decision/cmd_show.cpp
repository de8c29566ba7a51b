// git decision show: one record, every section; or, given a commit, the decisions that
// commit is linked to, how, and its sign-offs. A decision ID wins over a commit-ish of the
// same spelling; --id and --commit force one reading.

#include "decision/check/approvals.hpp"
#include "decision/git/history.hpp"
#include "decision/link/links.hpp"
#include "decision/report/commit_view.hpp"
#include "decision/report/record_view.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct ShowOptions {
    std::string at;
    std::string format;
    std::string target;
    bool as_commit = false;
    bool as_id = false;
};

Result<int> show_commit(Context& ctx, const ShowOptions& o, const std::string& sha) {
    git::History history(*ctx.repo);
    auto commit = history.commit(sha);
    if (!commit)
        return tl::unexpected(commit.error());
    auto policy = ctx.policy();
    if (!policy)
        return tl::unexpected(policy.error());
    auto records = ctx.catalog();
    if (!records)
        return tl::unexpected(records.error());
    auto notes = history.notes(link::k_notes_ref);
    if (!notes)
        return tl::unexpected(notes.error());
    auto note = notes->find(commit->id);
    auto view = report::linked_commit(
        *commit,
        check::commit_links(*commit, note == notes->end() ? nullptr : &note->second, *policy));
    if (o.format == "json") {
        auto doc = report::to_json(view, *records, *policy);
        doc["version"] = 1;
        ctx.out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    ctx.out << "commit " << view.id.substr(0, 12) << "  " << util::sanitize(view.title) << "\n"
            << "Author: " << util::sanitize(view.author_name) << " <"
            << util::sanitize(view.author_email) << ">  " << view.date << "\n\n"
            << report::render_links(view, *records, *policy);
    return 0;
}
} // namespace

Action setup_show(CLI::App& app) {
    auto o = std::make_shared<ShowOptions>();
    app.description("Show a decision record, or the decisions and sign-offs of a commit.");
    app.add_option("target", o->target, "Decision ID (e.g. DEC-0042) or commit")->required();
    auto* as_commit =
        app.add_flag("--commit", o->as_commit, "Read the argument as a commit, never an ID");
    app.add_flag("--id", o->as_id, "Read the argument as a decision ID, never a commit")
        ->excludes(as_commit);
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        if (o->as_commit) {
            auto sha = ctx.repo->resolve_commit(o->target);
            if (!sha)
                return tl::unexpected(sha.error());
            return show_commit(ctx, *o, *sha);
        }
        auto rec = ctx.record(o->target);
        if (!rec && !o->as_id) {
            // Not a known ID: a commit, if it names one; otherwise the ID error (it names
            // the closest ID, the likelier intent).
            if (auto sha = ctx.repo->resolve_commit(o->target))
                return show_commit(ctx, *o, *sha);
        }
        if (!rec)
            return tl::unexpected(rec.error());
        if (o->format == "json")
            ctx.out << report::to_json(*rec).dump(2, ' ', false,
                                                  nlohmann::json::error_handler_t::replace)
                    << "\n";
        else
            ctx.out << report::render_text(*rec, ctx.today());
        return 0;
    };
}

} // namespace cli
