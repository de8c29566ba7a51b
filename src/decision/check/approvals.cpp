#include "decision/check/approvals.hpp"

#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

namespace decision::check {

namespace fs = std::filesystem;
using nlohmann::json;

link::Vocabulary vocabulary(const policy::Policy& policy) {
    return {policy.signoff_trailers, policy.waiver_trailer};
}

link::CommitLinks commit_links(const git::CommitInfo& commit, const std::string* note,
                               const policy::Policy& policy) {
    trailer::ParseOptions options;
    options.configured_keys = policy.signoff_trailers;
    options.configured_keys.push_back("Decision");
    return link::extract(trailer::parse(commit.message, options), note, vocabulary(policy));
}

bool may_link(const git::CommitInfo& commit, const std::string* note) {
    return note || strcasestr(commit.message.c_str(), "decision") != nullptr;
}

Actor actor_of(const git::CommitInfo& commit) {
    return {commit.author.email, commit.committer.email, commit.signed_commit};
}

namespace {

// What the cached approvals depend on besides history.
std::string cache_key(const policy::Policy& p) {
    std::string key = "v1|" + p.records_dir + "|" + std::to_string(static_cast<int>(p.trust));
    for (const auto& k : p.signoff_trailers)
        key += "|" + k;
    return key;
}

json to_json(const Approval& a) {
    return {{"decision", a.decision_id},
            {"email", a.email},
            {"name", a.name},
            {"commit", a.commit},
            {"hash", a.normative_hash}};
}

} // namespace

void remember_approvals(const git::Repository& repo, const std::string& tip,
                        const policy::Policy& policy, const std::vector<Approval>& approvals) {
    fs::path cache_path = repo.common_dir() / "decision-cache" / "approvals.json";
    json out{{"key", cache_key(policy)}, {"tip", tip}, {"approvals", json::array()}};
    for (const auto& a : approvals)
        out["approvals"].push_back(to_json(a));
    std::error_code ec;
    fs::create_directories(cache_path.parent_path(), ec);
    if (!ec) // a cache that cannot be written is only slower
        (void)util::write_file_atomic(cache_path, out.dump(), util::WriteMode::Cache);
}

util::Result<std::vector<Approval>> history_approvals(const git::Repository& repo,
                                                      const std::string& tip,
                                                      const policy::Policy& policy) {
    git::History history(repo);
    fs::path cache_path = repo.common_dir() / "decision-cache" / "approvals.json";
    std::vector<Approval> approvals;
    std::vector<std::string> ranges{tip};

    if (auto text = util::read_file(cache_path, 64 << 20)) {
        auto j = json::parse(*text, nullptr, false);
        if (!j.is_discarded() && j.is_object() && j.value("key", "") == cache_key(policy) &&
            j["tip"].is_string() && j["approvals"].is_array()) {
            std::string cached_tip = j["tip"];
            if (history.is_ancestor(cached_tip, tip)) {
                for (const auto& a : j["approvals"])
                    if (a.is_object())
                        approvals.push_back({a.value("decision", ""), a.value("email", ""),
                                             a.value("name", ""), a.value("commit", ""),
                                             a.value("hash", "")});
                ranges.push_back("^" + cached_tip);
            }
        }
    }

    auto notes = history.notes(link::k_notes_ref);
    if (!notes)
        return tl::unexpected(notes.error());
    std::vector<Approval> found;
    std::unordered_map<std::string, record::Catalog> catalogs; // by records tree + linked IDs
    HashMemo hashes;
    auto walked = history.walk(ranges, [&](const git::CommitInfo& c) {
        auto note = notes->find(c.id);
        const std::string* text = note == notes->end() ? nullptr : &note->second;
        if (!may_link(c, text))
            return true;
        auto links = commit_links(c, text, policy);
        if (links.decisions.empty() || links.signoffs.empty())
            return true;
        // Read only the records this commit links, as of this commit — once per records
        // tree: most approving commits share their records folder with many others.
        auto tree = repo.object_id_at(c.tree.empty() ? c.id : c.tree, policy.records_dir);
        if (!tree || tree->empty())
            return true; // no records folder at that commit: nothing to approve
        std::string key = *tree;
        for (const auto& d : links.decisions)
            key += "|" + d.id;
        auto cached = catalogs.find(key);
        if (cached == catalogs.end()) {
            auto files = repo.read_dir_at(
                c.tree.empty() ? c.id : c.tree, policy.records_dir, [&](std::string_view name) {
                    return std::any_of(links.decisions.begin(), links.decisions.end(),
                                       [&](const link::DecisionRef& d) {
                                           return name.rfind(d.id + "-", 0) == 0 ||
                                                  name == d.id + ".toml";
                                       });
                });
            if (!files)
                return true;
            cached = catalogs.emplace(key, record::load(*files)).first;
        }
        auto given = approvals_in(links, actor_of(c), c.id, cached->second, policy, &hashes);
        found.insert(found.end(), given.begin(), given.end());
        return true;
    });
    if (!walked)
        return tl::unexpected(walked.error());
    approvals.insert(approvals.end(), found.begin(), found.end());
    // One entry per distinct approval (decision, approver, content): re-approvals of the
    // same content would otherwise grow the cache, and every check that reads it, with
    // the number of commits.
    std::unordered_set<std::string> keys;
    std::erase_if(approvals, [&](const Approval& a) {
        return !keys.insert(a.decision_id + '\n' + a.email + '\n' + a.normative_hash).second;
    });

    remember_approvals(repo, tip, policy, approvals);
    return approvals;
}

} // namespace decision::check
