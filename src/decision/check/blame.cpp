#include "decision/check/blame.hpp"

#include "decision/check/approvals.hpp"
#include "decision/check/pipeline.hpp"
#include "decision/gate/names.hpp"

#include <algorithm>

namespace decision::check {

namespace {

// Tracked text read for fingerprints; pointers and metadata files are far smaller.
constexpr std::size_t k_fingerprint_limit = 256 * 1024;

// "dvc.lock", "a/dvc.lock", "a/b/dvc.lock" for "a/b/c": deepest last.
std::vector<std::string> lock_candidates(const std::string& path) {
    const std::string lock(gate::k_dvc_lock);
    std::vector<std::string> out{lock};
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1))
        out.push_back(path.substr(0, slash + 1) + lock);
    return out;
}

std::string md5_of(const Locked& l) {
    return l.output ? l.output->md5 : std::string();
}

// One blame walk: the path, the history it reads, and what the dvc.lock files say per
// commit (each commit's locks read once).
class Blame {
public:
    Blame(const git::Repository& repo, const std::string& path)
        : m_history(repo), m_path(path), m_locks(lock_candidates(path)) {}

    util::Result<std::vector<BlameEntry>> run(const std::string& rev,
                                              const std::map<std::string, std::string>& notes,
                                              const policy::Policy& policy);

private:
    // The deepest dvc.lock that lists the path wins, as DVC resolves outputs.
    util::Result<Locked> locked_at(const std::string& commit);
    // Whether `commit` changed the path (or the md5 a lock records for it) against `parent`.
    util::Result<bool> changed_against(const std::string& parent, const std::string& commit);
    // Whether `c` changed the path against every parent.
    util::Result<bool> changed(const git::CommitInfo& c);

    git::History m_history;
    const std::string& m_path;
    const std::vector<std::string> m_locks;
    std::map<std::string, Locked> m_locked;
};

util::Result<Locked> Blame::locked_at(const std::string& commit) {
    if (commit.empty())
        return Locked{};
    if (auto it = m_locked.find(commit); it != m_locked.end())
        return it->second;
    Locked out;
    for (const auto& lock : m_locks) {
        TRY_ASSIGN(auto blob, m_history.blob_at(commit, lock, k_max_lock_bytes));
        if (!blob)
            continue;
        std::string dir = lock.substr(0, lock.size() - gate::k_dvc_lock.size());
        auto found = artifact::find_locked_output(lock, blob->second, m_path.substr(dir.size()));
        if (!found.problem.empty())
            out.problems.push_back(found.problem);
        if (found.found) {
            out.lock = lock;
            out.output = std::move(found.found);
        }
    }
    return m_locked[commit] = out;
}

util::Result<bool> Blame::changed_against(const std::string& parent, const std::string& commit) {
    // Descend only into the directories on the way to the path.
    const std::string& path = m_path;
    git::DescendFilter descend = [&path](const std::string& dir) {
        return dir.empty() || path.compare(0, dir.size() + 1, dir + "/") == 0;
    };
    TRY_ASSIGN(auto changes, m_history.changes(parent, commit, descend));
    bool lock_changed = false;
    for (const auto& c : changes) {
        if (c.path == m_path)
            return true;
        lock_changed =
            lock_changed || std::find(m_locks.begin(), m_locks.end(), c.path) != m_locks.end();
    }
    if (!lock_changed)
        return false;
    TRY_ASSIGN(auto now, locked_at(commit));
    TRY_ASSIGN(auto before, locked_at(parent));
    return md5_of(now) != md5_of(before) || now.problems != before.problems;
}

util::Result<bool> Blame::changed(const git::CommitInfo& c) {
    std::vector<std::string> parents = c.parents;
    if (parents.empty())
        parents.push_back("");
    bool all = true; // every parent is read, so an unreadable one is never skipped
    for (const auto& p : parents) {
        TRY_ASSIGN(bool differs, changed_against(p, c.id));
        all = all && differs;
    }
    return all;
}

util::Result<std::vector<BlameEntry>> Blame::run(const std::string& rev,
                                                 const std::map<std::string, std::string>& notes,
                                                 const policy::Policy& policy) {
    std::vector<BlameEntry> entries;
    auto walked = m_history.walk({rev}, [&](const git::CommitInfo& c) -> util::Result<bool> {
        TRY_ASSIGN(bool changed_here, changed(c));
        if (!changed_here)
            return true;
        TRY_ASSIGN(auto blob, m_history.blob_at(c.id, m_path, k_fingerprint_limit));
        auto note = notes.find(c.id);
        BlameEntry e{c,
                     commit_links(c, note == notes.end() ? nullptr : &note->second, policy),
                     std::nullopt,
                     {},
                     {}};
        if (blob) {
            e.blob = blob->first;
            e.fingerprints = artifact::fingerprints(m_path, blob->second);
        }
        TRY_ASSIGN(e.locked, locked_at(c.id));
        if (e.locked.output)
            e.fingerprints.push_back({"dvc.lock", "md5", e.locked.output->md5});
        entries.push_back(std::move(e));
        return true;
    });
    TRY(walked);
    return entries;
}

} // namespace

util::Result<std::vector<BlameEntry>> blame(const git::Repository& repo, const std::string& path,
                                            const std::string& rev,
                                            const std::map<std::string, std::string>& notes,
                                            const policy::Policy& policy) {
    if (!repo.has_commits() && rev == "HEAD")
        return std::vector<BlameEntry>{};
    return Blame(repo, path).run(rev, notes, policy);
}

} // namespace decision::check
