// git decision show: one record, every section; or, given a commit, the decisions that
// commit is linked to, how, and its sign-offs. A decision ID wins over a commit-ish of the
// same spelling; --id and --commit force one reading. With --model name@version: the
// version's commits (GTO tag, Model-Version trailers), stages and covering decisions.

#include "decision/check/approval_status.hpp"
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
#include <map>
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

// Where `rec` stands with its approvers: the trusted approvals in the history of --at (or
// HEAD; none before the first commit) against the roles the policy requires of it.
Result<check::Standing> standing(Context& ctx, const record::Record& rec) {
    TRY_ASSIGN(auto policy, ctx.policy());
    std::string tip;
    if (!ctx.at.empty() || ctx.repo->has_commits()) {
        TRY_ASSIGN(tip, ctx.repo->resolve_commit(ctx.at.empty() ? "HEAD" : ctx.at));
    }
    std::vector<gate::Approval> approvals;
    if (!tip.empty()) {
        TRY_ASSIGN(approvals, check::history_approvals(*ctx.repo, tip, policy));
    }
    auto out = check::standing_of(rec, policy, approvals);
    if (!tip.empty())
        TRY(check::find_stale_since(*ctx.repo, tip, rec, out.approvals));
    return out;
}

Result<int> show_record(Context& ctx, const ShowOptions& o, const record::Record& rec) {
    TRY_ASSIGN(auto stands, standing(ctx, rec));
    if (o.format == "json")
        ctx.out << util::pretty_json(report::to_json(rec, stands)) << "\n";
    else
        ctx.out << report::render_text(rec, ctx.today(), &stands);
    return 0;
}

// The standing of each decision `links` names, as of `commit`: its records then, the
// approvals in its history (the commit included), the roles the policy requires.
Result<std::vector<std::pair<record::Record, check::Standing>>>
standings_at(Context& ctx, const policy::Policy& policy, const std::string& commit,
             const link::CommitLinks& links) {
    std::vector<std::pair<record::Record, check::Standing>> out;
    if (links.decisions.empty())
        return out;
    TRY_ASSIGN(auto files,
               ctx.repo->read_dir_at(commit, policy.records_dir, record::is_record_file));
    auto then = record::load(files);
    TRY_ASSIGN(auto approvals, check::history_approvals(*ctx.repo, commit, policy));
    for (const auto& d : links.decisions) {
        const record::Record* r = then.find(d.id);
        if (!r)
            continue;
        auto standing = check::standing_of(*r, policy, approvals);
        TRY(check::find_stale_since(*ctx.repo, commit, *r, standing.approvals));
        out.emplace_back(*r, std::move(standing));
    }
    return out;
}

Result<int> show_commit(Context& ctx, const ShowOptions& o, const std::string& sha) {
    git::History history(*ctx.repo);
    TRY_ASSIGN(auto commit, history.commit(sha));
    TRY_ASSIGN(auto linking, ctx.linking());
    const auto& [policy, records, notes] = linking;
    auto note = notes.find(commit.id);
    auto view = report::linked_commit(
        commit, check::commit_links(commit, note == notes.end() ? nullptr : &note->second, policy));
    TRY_ASSIGN(auto standings, standings_at(ctx, policy, commit.id, view.links));
    if (o.format == "json") {
        auto doc = report::to_json(view, records, policy);
        doc["approvals"] = nlohmann::json::array();
        for (const auto& [r, standing] : standings) {
            auto item = report::to_json(standing);
            item["decision"] = r.id;
            doc["approvals"].push_back(std::move(item));
        }
        doc["version"] = 1;
        ctx.out << util::pretty_json(doc) << "\n";
        return 0;
    }
    ctx.out << "commit " << util::short_id(view.id) << "  " << util::sanitize(view.title) << "\n"
            << "Author: " << util::sanitize(view.author_name) << " <"
            << util::sanitize(view.author_email) << ">  " << view.date << "\n\n"
            << report::render_links(view, records, policy);
    if (!standings.empty()) {
        ctx.out << "Approvals of its decisions, as of this commit:\n";
        for (const auto& [r, standing] : standings) {
            if (standing.required_roles.empty()) {
                ctx.out << "  " << r.id << "  none required (no rule of the policy covers "
                        << record::to_string(r.category) << " decisions)\n";
                continue;
            }
            ctx.out << "  " << r.id << "\n"
                    << report::render_approval_rows(r.id, standing.approvals, 4);
        }
    }
    return 0;
}
// A model's views (its versions, or one version) as JSON or text.
template <class View> int print_view(Context& ctx, const ShowOptions& o, const View& view) {
    if (o.format == "json")
        ctx.out << util::pretty_json(report::to_json(view)) << "\n";
    else
        ctx.out << report::render_text(view);
    return 0;
}

report::VersionCommit version_commit(const git::CommitInfo& c, std::string tag) {
    auto view = report::linked_commit(c, {});
    return {c.id, view.date, view.title, std::move(tag)};
}

// Every version of the model `o.model` names (no version): tagged, named by Model-Version
// trailers on `o.rev`, or listed in a record's [[models]]; records as of --at or the
// working tree.
Result<int> show_model_versions(Context& ctx, const ShowOptions& o) {
    const std::string& name = o.model;
    TRY_ASSIGN(auto tag_refs, git::tags(*ctx.repo));
    model::Registry registry(tag_refs);
    git::History history(*ctx.repo);
    std::map<std::string, report::ModelVersionView> by_version;
    auto version_view = [&](const std::string& version) -> report::ModelVersionView& {
        auto& view = by_version[model::plain_version(version)];
        view.name = name;
        view.version = model::plain_version(version);
        return view;
    };
    for (const auto& tagged : registry.versions(name)) {
        auto tag = model::parse_tag(tagged.tag);
        TRY_ASSIGN(auto c, history.commit(tagged.commit));
        version_view(tag->version).commits.push_back(version_commit(c, tagged.tag));
    }
    if (ctx.repo->has_commits() || o.rev != "HEAD") {
        trailer::ParseOptions options;
        options.mode = trailer::Mode::Commit;
        TRY(history.walk(
            {o.rev},
            [&](const git::CommitInfo& c) {
                if (util::to_lower(c.message).find("model-version") == std::string::npos)
                    return true;
                auto links = link::extract(trailer::parse(c.message, options), nullptr, {});
                for (const auto& m : links.models)
                    if (m.name == name)
                        version_view(m.version).commits.push_back(version_commit(c, ""));
                return true;
            },
            false, /*read_signatures=*/false));
    }
    TRY_ASSIGN(auto records, ctx.catalog());
    for (const auto& r : records.records)
        for (const auto& m : r.models)
            if (m.name == name)
                version_view(m.version);
    if (by_version.empty())
        return util::fail(util::ErrorKind::Check,
                          "no versions of model '" + util::sanitize(name) + "': no tag " +
                              util::sanitize(name) + "@v<version>, no commit on " +
                              util::sanitize(o.rev) +
                              " with 'Model-Version: " + util::sanitize(name) +
                              "@<version>' and no record listing it under [[models]]");

    report::ModelView view;
    view.name = name;
    if (!o.at.empty()) {
        TRY_ASSIGN(view.records_at, ctx.repo->resolve_commit(o.at));
    }
    for (auto& [version, v] : by_version) {
        std::vector<std::string> seen;
        for (const auto& c : v.commits) {
            if (std::find(seen.begin(), seen.end(), c.id) != seen.end())
                continue;
            seen.push_back(c.id);
            for (auto& stage : registry.stages_at(name, c.id))
                v.stages.push_back({std::move(stage), c.id});
        }
        v.decisions = report::covering_decisions(records.records, name, version);
        v.records_at = view.records_at;
        view.versions.push_back(std::move(v));
    }
    std::sort(view.versions.begin(), view.versions.end(), [](const auto& a, const auto& b) {
        return report::version_less(b.version, a.version);
    });
    return print_view(ctx, o, view);
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
    return print_view(ctx, o, view);
}
} // namespace

Action setup_show(CLI::App& app) {
    auto o = std::make_shared<ShowOptions>();
    app.description("Show a decision record, or the decisions and sign-offs of a commit.");
    auto* target = app.add_option("target", o->target, "Decision ID (e.g. DEC-0042) or commit");
    app.add_option("--model", o->model,
                   "A model version, name@version: its commits, stages and decisions; or a "
                   "model name: every version of it")
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
            return o->model.find('@') == std::string::npos ? show_model_versions(ctx, *o)
                                                           : show_model(ctx, *o);
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
        return show_record(ctx, *o, *rec);
    };
}

} // namespace cli
