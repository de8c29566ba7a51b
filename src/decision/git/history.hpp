#pragma once
// Walking commits and what they changed, fast enough for hooks and 100,000-commit ranges:
// changed paths come from comparing tree entries by object id, descending only into
// subtrees that differ and that a governed pattern can reach (libgit2's diff machinery is
// too slow for this: docs/design.md, "Performance budgets").

#include "decision/git/repository.hpp"
#include "decision/util/error.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace decision::git {

struct Identity {
    std::string name;
    std::string email;
    std::int64_t time = 0; // seconds since the epoch
    int offset = 0;        // minutes east of UTC
};

struct CommitInfo {
    std::string id;   // full hex
    std::string tree; // full hex id of its root tree
    std::vector<std::string> parents;
    Identity author;
    Identity committer;
    std::string message; // raw, as stored (bounded: see k_max_message_bytes)
    bool signed_commit = false;
};

inline constexpr std::size_t k_max_message_bytes = 1 << 20;

// Decides which subtrees a changed-path walk descends into: `dir` is "" for the root or
// "a/b" without a trailing slash.
using DescendFilter = std::function<bool(const std::string& dir)>;

// What a commit changed against one parent (or against nothing, for a root commit).
struct Change {
    std::string path;
    enum class Kind { Added, Modified, Deleted } kind = Kind::Modified;
};

class History {
public:
    explicit History(const Repository& repo) : m_repo(repo) {}
    const Repository& repository() const { return m_repo; }

    // The commits of `ranges` (each "A..B", "^A", "B", or "A...B" is not supported) in
    // git log's default order (newest first by commit date), calling `each` until it
    // returns false or an error (which the walk then returns). `first_parent` follows only first
    // parents. `read_signatures` false skips the gpgsig header lookup (CommitInfo::signed_commit
    // stays false), for verbs that never weigh trust: it is a measurable share of a long walk.
    util::Result<void> walk(const std::vector<std::string>& ranges,
                            const std::function<util::Result<bool>(const CommitInfo&)>& each,
                            bool first_parent = false, bool read_signatures = true) const;

    // The commits of `ranges`, oldest first (walk's order reversed), for checks that carry
    // state from parent to child.
    util::Result<std::vector<CommitInfo>>
    oldest_first(const std::vector<std::string>& ranges) const;

    util::Result<CommitInfo> commit(const std::string& rev) const;

    // The last commit on HEAD's first-parent line committed on or before `day`, in the
    // committer's own time zone; an error when the line starts later.
    util::Result<CommitInfo> last_on_or_before(std::chrono::year_month_day day) const;

    // Paths changed between `parent` (empty: the empty tree) and `commit`, limited to
    // subtrees `descend` allows (null: all). Either may be a commit-ish or a root tree id.
    util::Result<std::vector<Change>> changes(const std::string& parent, const std::string& commit,
                                              const DescendFilter& descend = nullptr) const;

    // Paths where `commit` differs from every one of `parents`: what a merge itself
    // introduces (conflict resolutions, "evil merges"). With one parent, changes(); with
    // none, everything. A path's kind is its change against the first parent.
    util::Result<std::vector<Change>>
    changes_from_all(const std::vector<std::string>& parents, const std::string& commit,
                     const DescendFilter& descend = nullptr) const;

    // Paths staged in the index against HEAD (or against nothing before the first commit).
    util::Result<std::vector<Change>> staged_changes(const DescendFilter& descend = nullptr) const;

    // Paths staged in the index against every one of `parents` (commit-ish; none: the empty
    // tree), as changes_from_all() compares a commit: the commit being made with them as its
    // parents (a merge being concluded, an amend).
    util::Result<std::vector<Change>>
    staged_changes_from_all(const std::vector<std::string>& parents,
                            const DescendFilter& descend = nullptr) const;

    // Every note under `notes_ref`, by annotated commit id (bounded per note).
    util::Result<std::map<std::string, std::string>> notes(const std::string& notes_ref) const;

    // The best common ancestor of `a` and `b`, as `git merge-base a b` picks it. In a
    // shallow clone whose history stops before it, the error names the missing history.
    util::Result<std::string> merge_base(const std::string& a, const std::string& b) const;

    // Whether `ancestor` is reachable from `descendant` (or is it).
    bool is_ancestor(const std::string& ancestor, const std::string& descendant) const;

    // The blob id and content of `path` in `commit` (nullopt when absent), bounded.
    util::Result<std::optional<std::pair<std::string, std::string>>>
    blob_at(const std::string& commit, const std::string& path, std::size_t limit) const;

private:
    // Paths staged in the index against `base` (a commit-ish; "": the empty tree).
    util::Result<std::vector<Change>> staged_changes_from(const std::string& base,
                                                          const DescendFilter& descend) const;
    // walk(), handing each commit over instead of lending it.
    util::Result<void> walk_into(const std::vector<std::string>& ranges,
                                 const std::function<util::Result<bool>(CommitInfo&&)>& take,
                                 bool first_parent, bool read_signatures) const;

    const Repository& m_repo;
};

} // namespace decision::git
