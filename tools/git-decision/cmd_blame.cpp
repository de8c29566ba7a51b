// git decision blame <path> (alias why): for each commit that changed the path, newest
// first, the blob and the artifact fingerprints it carries (LFS pointer, .dvc md5, MLflow
// ids; text only, never weights) and the decisions and sign-offs linked to that commit.
// A path that is a DVC stage output (listed in a dvc.lock in its folder or above) also
// counts as changed when the md5 the lock records for it changes, and shows that md5.

#include "decision/artifact/dvc_lock.hpp"
#include "decision/artifact/fingerprint.hpp"
#include "decision/check/approvals.hpp"
#include "decision/git/history.hpp"
#include "decision/report/commit_view.hpp"
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
struct BlameOptions {
    std::string at;
    std::string format;
    std::string path;
    std::string rev = "HEAD";
};

// Tracked text read for fingerprints; pointers and metadata files are far smaller.
constexpr std::size_t k_fingerprint_limit = 256 * 1024;

// dvc.lock files are small text; a larger one is read up to this much (and then fails to
// parse, which is reported).
constexpr std::size_t k_lock_limit = 4 * 1024 * 1024;

// What the dvc.lock files on the way to the path record for it at one commit.
struct Locked {
    std::string lock; // the dvc.lock's path
    std::optional<artifact::LockedOutput> output;
    std::vector<std::string> problems; // "<lock>: cannot parse: ..."
};

struct Entry {
    report::LinkedCommit commit;
    std::optional<std::string> blob; // nullopt: the commit deleted the path (or DVC has it)
    std::vector<artifact::Fingerprint> fingerprints;
    Locked locked;
};

// "dvc.lock", "a/dvc.lock", "a/b/dvc.lock" for "a/b/c": deepest last.
std::vector<std::string> lock_candidates(const std::string& path) {
    std::vector<std::string> out{"dvc.lock"};
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1))
        out.push_back(path.substr(0, slash) + "/dvc.lock");
    return out;
}

} // namespace

Action setup_blame(CLI::App& app) {
    auto o = std::make_shared<BlameOptions>();
    app.description("For each commit that changed a path, newest first: its artifact "
                    "fingerprint and the decisions and sign-offs behind it.");
    app.add_option("path", o->path,
                   "A path, relative to the current directory as in git (:/path: from the top)")
        ->required();
    app.add_option("--rev", o->rev, "Walk the history of this revision")->capture_default_str();
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        auto typed = ctx.path_in_repo(o->path);
        if (!typed)
            return tl::unexpected(typed.error());
        const std::string path = util::normalize_path(*typed);
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
        const auto locks = lock_candidates(path);
        // The deepest dvc.lock that lists the path wins, as DVC resolves outputs.
        std::map<std::string, Locked> locked_cache;
        auto locked_at = [&](const std::string& commit) -> Result<Locked> {
            if (commit.empty())
                return Locked{};
            if (auto it = locked_cache.find(commit); it != locked_cache.end())
                return it->second;
            Locked out;
            for (const auto& lock : locks) {
                auto blob = history.blob_at(commit, lock, k_lock_limit);
                if (!blob)
                    return tl::unexpected(blob.error());
                if (!*blob)
                    continue;
                std::string dir = lock.substr(0, lock.size() - std::string("dvc.lock").size());
                auto found = artifact::find_locked_output((*blob)->second, path.substr(dir.size()));
                if (!found.problem.empty())
                    out.problems.push_back(lock + ": " + found.problem);
                if (found.found) {
                    out.lock = lock;
                    out.output = std::move(found.found);
                }
            }
            return locked_cache[commit] = out;
        };
        auto md5_of = [](const Locked& l) { return l.output ? l.output->md5 : std::string(); };
        auto changed_against = [&](const std::string& parent,
                                   const std::string& commit) -> Result<bool> {
            auto changes = history.changes(parent, commit, descend);
            if (!changes)
                return tl::unexpected(changes.error());
            bool lock_changed = false;
            for (const auto& c : *changes) {
                if (c.path == path)
                    return true;
                lock_changed =
                    lock_changed || std::find(locks.begin(), locks.end(), c.path) != locks.end();
            }
            if (!lock_changed)
                return false;
            auto now = locked_at(commit);
            if (!now)
                return tl::unexpected(now.error());
            auto before = locked_at(parent);
            if (!before)
                return tl::unexpected(before.error());
            return md5_of(*now) != md5_of(*before) || now->problems != before->problems;
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
                        {},
                        {}};
                if (*blob) {
                    e.blob = (*blob)->first;
                    e.fingerprints = artifact::fingerprints(path, (*blob)->second);
                }
                auto locked = locked_at(c.id);
                if (!locked) {
                    failure = locked.error();
                    return false;
                }
                e.locked = *locked;
                if (e.locked.output)
                    e.fingerprints.push_back({"dvc.lock", "md5", e.locked.output->md5});
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
                if (const auto& out = e.locked.output)
                    item["dvc_lock"] = {{"file", e.locked.lock},
                                        {"stage", out->stage},
                                        {"output", out->output},
                                        {"md5", out->md5}};
                else
                    item["dvc_lock"] = nullptr;
                item["problems"] = e.locked.problems;
                doc["commits"].push_back(std::move(item));
            }
            ctx.out << util::printable_json(
                           doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
                    << "\n";
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
            ctx.out << "  blob "
                    << (e.blob            ? *e.blob
                        : e.locked.output ? std::string("(not in git: a DVC stage output)")
                        : e.locked.problems.empty() ? std::string("(deleted)")
                                                    : std::string("(not in git)"))
                    << "\n";
            for (const auto& f : e.fingerprints) {
                ctx.out << "  " << f.kind << " " << f.field << " " << util::sanitize(f.value);
                if (f.kind == "dvc.lock" && e.locked.output)
                    ctx.out << "  (stage " << util::sanitize(e.locked.output->stage) << " in "
                            << util::sanitize(e.locked.lock) << ")";
                ctx.out << "\n";
            }
            for (const auto& p : e.locked.problems)
                ctx.out << "  problem: " << util::sanitize(p) << "\n";
            ctx.out << report::render_links(e.commit, *records, *policy, 2);
        }
        return 0;
    };
}

} // namespace cli
