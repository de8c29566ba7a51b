#include "decision/check/approvals.hpp"

#include "decision/gate/names.hpp"
#include "decision/git/signature.hpp"
#include "decision/record/catalog.hpp"
#include "decision/util/digest.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
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

util::Result<gate::Actor> actor_of(const git::Repository& repo, const git::CommitInfo& commit,
                                   const link::CommitLinks& links, const policy::Policy& policy) {
    gate::Actor actor{commit.author.email, commit.committer.email, ""};
    // Verifying runs gpg or ssh-keygen: only for a signed commit whose sign-offs a signed
    // trust mode has to weigh.
    if (policy.trust != policy::Trust::Signed || !commit.signed_commit || links.signoffs.empty())
        return actor;
    TRY_ASSIGN(auto signer, git::verified_signer(repo, commit.id));
    if (signer)
        actor.signer = std::move(*signer);
    return actor;
}

namespace {

// What the cached approvals depend on besides history.
std::string cache_key(const policy::Policy& p) {
    std::string key = "v2|" + p.records_dir + "|" + std::to_string(static_cast<int>(p.trust));
    for (const auto& k : p.signoff_trailers)
        key += "|" + k;
    return key;
}

std::filesystem::path cache_path(const git::Repository& repo) {
    return repo.common_dir() / gate::k_cache_dir / "approvals.json";
}

// What the checksum covers: everything the file claims.
std::string checksum(const std::string& key, const std::string& tip, const json& approvals) {
    return util::sha256_hex(key + '\n' + tip + '\n' + approvals.dump());
}

// The approving commits a cache file names, when it is whole: the key and checksum match
// and every entry has its fields. Anything else is a miss.
struct Cached {
    std::string tip;
    std::vector<std::string> commits;
};

std::optional<Cached> read_cache(const std::string& text, const std::string& key) {
    auto j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    auto string_at = [](const json& o, const char* name) -> const std::string* {
        auto it = o.find(name);
        return it != o.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
    };
    const std::string* file_key = string_at(j, "key");
    const std::string* tip = string_at(j, "tip");
    const std::string* sum = string_at(j, "checksum");
    auto approvals = j.find("approvals");
    if (!file_key || *file_key != key || !tip || !sum || approvals == j.end() ||
        !approvals->is_array() || *sum != checksum(key, *tip, *approvals))
        return std::nullopt;
    Cached out{*tip, {}};
    std::unordered_set<std::string> seen;
    for (const auto& a : *approvals) {
        if (!a.is_object())
            return std::nullopt;
        for (const char* field : {"decision", "email", "name", "hash"})
            if (!string_at(a, field))
                return std::nullopt;
        const std::string* commit = string_at(a, "commit");
        if (!commit || commit->empty())
            return std::nullopt;
        if (seen.insert(*commit).second)
            out.commits.push_back(*commit);
    }
    return out;
}

// The approvals of approving commits, each read from the commit itself: its own trailers,
// its signature, and the records it names as of that commit.
class Collector {
public:
    Collector(const git::Repository& repo, const policy::Policy& policy)
        : m_repo(repo), m_policy(policy) {}

    util::Result<void> add(const git::CommitInfo& c, std::vector<gate::Approval>& out) {
        if (!may_link(c, nullptr))
            return {};
        // Notes never make approvals: only the commit's own message counts.
        auto links = commit_links(c, nullptr, m_policy);
        if (links.decisions.empty() || links.signoffs.empty())
            return {};
        const std::string& tree = c.tree.empty() ? c.id : c.tree;
        TRY_ASSIGN(auto folder, m_repo.object_id_at(tree, m_policy.records_dir));
        if (folder.empty())
            return {}; // no records folder at that commit: nothing to approve
        // Read only the records this commit links, as of this commit — once per records
        // tree: most approving commits share their records folder with many others.
        std::string key = folder;
        for (const auto& d : links.decisions)
            key += "|" + d.id;
        auto cached = m_catalogs.find(key);
        if (cached == m_catalogs.end()) {
            TRY_ASSIGN(auto files,
                       m_repo.read_dir_at(tree, m_policy.records_dir, [&](std::string_view name) {
                           return record::is_record_file(name) &&
                                  std::any_of(links.decisions.begin(), links.decisions.end(),
                                              [&](const link::DecisionRef& d) {
                                                  return name.rfind(d.id + "-", 0) == 0 ||
                                                         name == d.id + ".toml";
                                              });
                       }));
            cached = m_catalogs.emplace(key, record::load(files)).first;
        }
        TRY_ASSIGN(auto actor, actor_of(m_repo, c, links, m_policy));
        auto given = gate::approvals_in(links, actor, c.id, cached->second, m_policy, &m_hashes);
        out.insert(out.end(), given.begin(), given.end());
        return {};
    }

private:
    const git::Repository& m_repo;
    const policy::Policy& m_policy;
    std::unordered_map<std::string, record::Catalog> m_catalogs; // by records tree + IDs
    gate::HashMemo m_hashes;
};

// The approvals of the commits a cache names, recomputed from those commits; nullopt when
// one of them cannot be read (the cache is then a miss).
std::optional<std::vector<gate::Approval>> recheck(const git::History& history,
                                                   Collector& collector,
                                                   const std::vector<std::string>& commits) {
    std::vector<gate::Approval> out;
    for (const auto& id : commits) {
        auto c = history.commit(id);
        if (!c || c->id != id)
            return std::nullopt;
        if (!collector.add(*c, out))
            return std::nullopt;
    }
    return out;
}

} // namespace

void remember_approvals(const git::Repository& repo, const std::string& tip,
                        const policy::Policy& policy,
                        const std::vector<gate::Approval>& approvals) {
    json list = json::array();
    for (const auto& a : approvals)
        list.push_back({{"decision", a.decision_id},
                        {"email", a.email},
                        {"name", a.name},
                        {"commit", a.commit},
                        {"hash", a.normative_hash}});
    std::string key = cache_key(policy);
    json out{
        {"key", key}, {"tip", tip}, {"approvals", list}, {"checksum", checksum(key, tip, list)}};
    std::error_code ec;
    fs::create_directories(cache_path(repo).parent_path(), ec);
    if (!ec) // a cache that cannot be written is only slower
        (void)util::write_file_atomic(cache_path(repo), out.dump(), util::WriteMode::Cache);
}

util::Result<std::vector<gate::Approval>> history_approvals(const git::Repository& repo,
                                                            const std::string& tip,
                                                            const policy::Policy& policy) {
    git::History history(repo);
    Collector collector(repo, policy);
    std::vector<gate::Approval> approvals;
    std::vector<std::string> ranges{tip};

    // The cache only names the approving commits in the history of its tip, which spares
    // the walk; what they approve is read again from each of them.
    if (auto text = util::read_file(cache_path(repo), 64 << 20))
        if (auto cached = read_cache(*text, cache_key(policy)))
            if (history.is_ancestor(cached->tip, tip))
                if (auto again = recheck(history, collector, cached->commits)) {
                    approvals = std::move(*again);
                    ranges.push_back("^" + cached->tip);
                }

    std::vector<gate::Approval> found;
    auto walked = history.walk(ranges, [&](const git::CommitInfo& c) -> util::Result<bool> {
        TRY(collector.add(c, found));
        return true;
    });
    TRY(walked);
    approvals.insert(approvals.end(), found.begin(), found.end());
    // One entry per distinct approval (decision, approver, content): re-approvals of the
    // same content would otherwise grow the cache, and every check that reads it, with
    // the number of commits.
    std::unordered_set<std::string> keys;
    std::erase_if(approvals, [&](const gate::Approval& a) {
        return !keys.insert(a.decision_id + '\n' + a.email + '\n' + a.normative_hash).second;
    });

    remember_approvals(repo, tip, policy, approvals);
    return approvals;
}

} // namespace decision::check
