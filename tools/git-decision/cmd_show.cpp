// git decision show: one record, every section; or, given a commit, the decisions that
// commit is linked to, how, and its sign-offs. A decision ID wins over a commit-ish of the
// same spelling; --id and --commit force one reading. With --model name@version: the
// version's commits (GTO tag, Model-Version trailers), stages and covering decisions.

#include "decision/check/approvals.hpp"
#include "decision/git/history.hpp"
#include "decision/git/tags.hpp"
#include "decision/link/links.hpp"
#include "decision/report/commit_view.hpp"
#include "decision/report/model_view.hpp"
#include "decision/report/record_view.hpp"
#include "decision/trailer/trailer.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct ShowOptions {
    std::string at;
    std::string format;
    std::string target;
    std::string model; // --model name@version
    std::string rev = "HEAD";
    bool as_commit = false;
    bool as_id = false;
};

Result<int> show_commit(Context& ctx, const ShowOptions& o, const std::string& sha) {
    git::History history(*ctx.repo);
    TRY_ASSIGN(auto commit, history.commit(sha));
    TRY_ASSIGN(auto linking, ctx.linking());
    const auto& [policy, records, notes] = linking;
    auto note = notes.find(commit.id);
    auto view = report::linked_commit(
        commit, check::commit_links(commit, note == notes.end() ? nullptr : &note->second, policy));
    if (o.format == "json") {
        auto doc = report::to_json(view, records, policy);
        doc["version"] = 1;
        ctx.out << util::printable_json(
                       doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
                << "\n";
        return 0;
    }
    ctx.out << "commit " << view.id.substr(0, 12) << "  " << util::sanitize(view.title) << "\n"
            << "Author: " << util::sanitize(view.author_name) << " <"
            << util::sanitize(view.author_email) << ">  " << view.date << "\n\n"
            << report::render_links(view, records, policy);
    return 0;
}
report::VersionCommit version_commit(const git::CommitInfo& c, std::string tag) {
    auto view = report::linked_commit(c, {});
    return {c.id, view.date, view.title, std::move(tag)};
}

// The version's commits: its GTO tag's, then those on `o.rev` whose Model-Version trailer
// names it (newest first). Records are read as of the tag's commit, else the newest trailer.
Result<int> show_model(Context& ctx, const ShowOptions& o) {
    auto ref = link::parse_model_ref(o.model);
    if (!ref)
        return util::fail(util::ErrorKind::Usage, "--model '" + util::sanitize(o.model) +
                                                      "' is not name@version, e.g. "
                                                      "fraud-detector@3.2.0");
    ref->version = model::plain_version(ref->version);
    TRY_ASSIGN(auto tag_refs, git::tags(*ctx.repo));
    model::Registry registry(tag_refs);
    git::History history(*ctx.repo);

    report::ModelVersionView view;
    view.name = ref->name;
    view.version = ref->version;
    std::vector<std::string> version_commits;
    if (auto tagged = registry.version(ref->name, ref->version)) {
        TRY_ASSIGN(auto c, history.commit(tagged->commit));
        view.commits.push_back(version_commit(c, tagged->tag));
        version_commits.push_back(c.id);
    }
    if (ctx.repo->has_commits() || o.rev != "HEAD") {
        trailer::ParseOptions options;
        options.mode = trailer::Mode::Commit;
        auto walked = history.walk(
            {o.rev},
            [&](const git::CommitInfo& c) {
                if (util::to_lower(c.message).find("model-version") == std::string::npos)
                    return true; // no such trailer can be there: skip the parse
                auto links = link::extract(trailer::parse(c.message, options), nullptr, {});
                for (const auto& m : links.models)
                    if (m.name == ref->name && model::plain_version(m.version) == ref->version) {
                        view.commits.push_back(version_commit(c, ""));
                        if (std::find(version_commits.begin(), version_commits.end(), c.id) ==
                            version_commits.end())
                            version_commits.push_back(c.id);
                        break;
                    }
                return true;
            },
            false, /*read_signatures=*/false);
        TRY(walked);
    }
    if (view.commits.empty())
        return util::fail(util::ErrorKind::Check,
                          "no version " + util::sanitize(ref->version) + " of model '" +
                              util::sanitize(ref->name) + "': no tag " + util::sanitize(ref->name) +
                              "@v" + util::sanitize(ref->version) + " and no commit on " +
                              util::sanitize(o.rev) + " with 'Model-Version: " +
                              util::sanitize(ref->name) + "@" + util::sanitize(ref->version) + "'");
    for (const auto& commit : version_commits)
        for (auto& s : registry.stages_at(ref->name, commit))
            view.stages.push_back({std::move(s), commit});

    view.records_at = view.commits.front().id;
    if (!o.at.empty()) { // --at picks the records explicitly
        TRY_ASSIGN(auto at, ctx.repo->resolve_commit(o.at));
        view.records_at = at;
    }
    ctx.at = view.records_at;
    auto records = ctx.catalog();
    TRY(records);
    view.decisions = report::covering_decisions(records->records, ref->name, ref->version);
    if (o.format == "json")
        ctx.out << util::printable_json(report::to_json(view).dump(
                       2, ' ', false, nlohmann::json::error_handler_t::replace))
                << "\n";
    else
        ctx.out << report::render_text(view);
    return 0;
}
} // namespace

Action setup_show(CLI::App& app) {
    auto o = std::make_shared<ShowOptions>();
    app.description("Show a decision record, or the decisions and sign-offs of a commit.");
    auto* target = app.add_option("target", o->target, "Decision ID (e.g. DEC-0042) or commit");
    app.add_option("--model", o->model,
                   "A model version, name@version: its commits, stages and decisions")
        ->excludes(target);
    app.add_option("--rev", o->rev,
                   "With --model: look for Model-Version trailers in this revision's history")
        ->capture_default_str();
    auto* as_commit =
        app.add_flag("--commit", o->as_commit, "Read the argument as a commit, never an ID");
    app.add_flag("--id", o->as_id, "Read the argument as a decision ID, never a commit")
        ->excludes(as_commit);
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        if (!o->model.empty())
            return show_model(ctx, *o);
        if (o->target.empty())
            return util::fail(util::ErrorKind::Usage,
                              "show needs a decision ID, a commit or --model name@version");
        if (o->as_commit) {
            TRY_ASSIGN(auto sha, ctx.repo->resolve_commit(o->target));
            return show_commit(ctx, *o, sha);
        }
        auto rec = ctx.record(o->target);
        if (!rec && !o->as_id) {
            // Not a known ID: a commit, if it names one; otherwise the ID error (it names
            // the closest ID, the likelier intent).
            if (auto sha = ctx.repo->resolve_commit(o->target))
                return show_commit(ctx, *o, *sha);
        }
        TRY(rec);
        if (o->format == "json")
            ctx.out << util::printable_json(report::to_json(*rec).dump(
                           2, ' ', false, nlohmann::json::error_handler_t::replace))
                    << "\n";
        else
            ctx.out << report::render_text(*rec, ctx.today());
        return 0;
    };
}

} // namespace cli
