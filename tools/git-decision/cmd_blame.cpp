// git decision blame <path> (alias why): for each commit that changed the path, newest
// first, the blob and the artifact fingerprints it carries (LFS pointer, .dvc md5, MLflow
// ids; text only, never weights) and the decisions and sign-offs linked to that commit.

#include "decision/artifact/fingerprint.hpp"
#include "decision/check/approvals.hpp"
#include "decision/git/history.hpp"
#include "decision/report/commit_view.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct BlameOptions {
    std::string at;
    std::string format;
    std::string path;
    std::string rev = "HEAD";
};

// Tracked text read for fingerprints; pointers and metadata files are far smaller.
constexpr std::size_t k_fingerprint_limit = 256 * 1024;

struct Entry {
    report::LinkedCommit commit;
    std::optional<std::string> blob; // nullopt: the commit deleted the path
    std::vector<artifact::Fingerprint> fingerprints;
};

// "./a//b/" -> "a/b": the form tree paths take.
std::string normalize(std::string path) {
    std::string out;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto end = path.find('/', pos);
        if (end == std::string::npos)
            end = path.size();
        std::string part = path.substr(pos, end - pos);
        if (!part.empty() && part != ".")
            out += (out.empty() ? "" : "/") + part;
        pos = end + 1;
    }
    return out;
}
} // namespace

Action setup_blame(CLI::App& app) {
    auto o = std::make_shared<BlameOptions>();
    app.description("For each commit that changed a path, newest first: its artifact "
                    "fingerprint and the decisions and sign-offs behind it.");
    app.add_option("path", o->path, "A path in the repository, from its top")->required();
    app.add_option("--rev", o->rev, "Walk the history of this revision")->capture_default_str();
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        const std::string path = normalize(o->path);
        if (path.empty())
            return util::fail(util::ErrorKind::Usage, "blame needs a file path");
        auto policy = ctx.policy();
        if (!policy)
            return tl::unexpected(policy.error());
        auto records = ctx.catalog();
        if (!records)
            return tl::unexpected(records.error());
        git::History history(*ctx.repo);
        auto notes = history.notes(link::k_notes_ref);
        if (!notes)
            return tl::unexpected(notes.error());
        // Descend only into the directories on the way to the path.
        git::DescendFilter descend = [&path](const std::string& dir) {
            return dir.empty() || path.compare(0, dir.size() + 1, dir + "/") == 0;
        };
        auto changed_against = [&](const std::string& parent,
                                   const std::string& commit) -> Result<bool> {
            auto changes = history.changes(parent, commit, descend);
            if (!changes)
                return tl::unexpected(changes.error());
            for (const auto& c : *changes)
                if (c.path == path)
                    return true;
            return false;
        };
        std::vector<Entry> entries;
        std::optional<util::Error> failure;
        if (ctx.repo->has_commits() || o->rev != "HEAD") {
            auto walked = history.walk({o->rev}, [&](const git::CommitInfo& c) {
                // A merge counts only when the path differs from every parent (git log's
                // default simplification shows the others through their own commits).
                bool changed = true;
                std::vector<std::string> parents = c.parents;
                if (parents.empty())
                    parents.push_back("");
                for (const auto& p : parents) {
                    auto differs = changed_against(p, c.id);
                    if (!differs) {
                        failure = differs.error();
                        return false;
                    }
                    changed = changed && *differs;
                }
                if (!changed)
                    return true;
                auto blob = history.blob_at(c.id, path, k_fingerprint_limit);
                if (!blob) {
                    failure = blob.error();
                    return false;
                }
                auto note = notes->find(c.id);
                Entry e{report::linked_commit(
                            c, check::commit_links(
                                   c, note == notes->end() ? nullptr : &note->second, *policy)),
                        std::nullopt,
                        {}};
                if (*blob) {
                    e.blob = (*blob)->first;
                    e.fingerprints = artifact::fingerprints(path, (*blob)->second);
                }
                entries.push_back(std::move(e));
                return true;
            });
            if (!walked)
                return tl::unexpected(walked.error());
            if (failure)
                return tl::unexpected(*failure);
        }
        if (o->format == "json") {
            nlohmann::json doc{
                {"path", path}, {"version", 1}, {"commits", nlohmann::json::array()}};
            for (const auto& e : entries) {
                auto item = report::to_json(e.commit, *records, *policy);
                item["blob"] = e.blob ? nlohmann::json(*e.blob) : nlohmann::json(nullptr);
                item["fingerprints"] = nlohmann::json::array();
                for (const auto& f : e.fingerprints)
                    item["fingerprints"].push_back(
                        {{"kind", f.kind}, {"field", f.field}, {"value", f.value}});
                doc["commits"].push_back(std::move(item));
            }
            ctx.out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
            return 0;
        }
        if (entries.empty()) {
            ctx.out << "No commit changed " << util::sanitize(path) << ".\n";
            return 0;
        }
        bool first = true;
        for (const auto& e : entries) {
            if (!first)
                ctx.out << "\n";
            first = false;
            ctx.out << "commit " << e.commit.id.substr(0, 12) << "  " << e.commit.date << "  "
                    << util::sanitize(e.commit.title) << "\n";
            ctx.out << "  blob " << (e.blob ? *e.blob : std::string("(deleted)")) << "\n";
            for (const auto& f : e.fingerprints)
                ctx.out << "  " << f.kind << " " << f.field << " " << util::sanitize(f.value)
                        << "\n";
            ctx.out << report::render_links(e.commit, *records, *policy, 2);
        }
        return 0;
    };
}

} // namespace cli
