#pragma once
// Coverage of commits that already exist (pre-push, check --range, pre-receive): each
// commit against its first parent, judged by the policy in force before it (its first
// parent's; policy_in_force.hpp), with the records of its own tree.

#include "decision/check/approvals.hpp"
#include "decision/check/lifecycle.hpp"
#include "decision/gate/coverage.hpp"

#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace decision::check {

struct CommitReport {
    std::optional<gate::Coverage> coverage; // absent: no policy in force, or a skipped merge
    std::vector<std::string> errors;        // an invalid policy in force or brought by the commit
    // Status moves the lifecycle forbids and edits of accepted records (a failure).
    std::vector<LifecycleFinding> lifecycle;
    std::string result; // result_text(coverage) when the result is cacheable, else ""
};

// A commit's result as one line of text, the form the result caches store: "~" no
// coverage (no policy there), "-" nothing governed changed, else
// compact JSON. parse_result_text() reads it back; false for damaged text.
std::string result_text(const std::optional<gate::Coverage>& coverage);
bool parse_result_text(std::string_view text, std::optional<gate::Coverage>& out);

// The secret that seals the result caches: <common dir>/decision-secret, outside the
// decision-cache folder that CI may save and restore between jobs, so a cache written
// elsewhere (by a job that ran a pull request's code, say) never verifies here. nullopt
// when it can be neither read nor made: then no result cache is read or written.
std::optional<std::string> cache_secret(const git::Repository& repo);

// "#<HMAC-SHA-256 of text>": the line that seals `text` in a result cache, and whether
// `seal` (that line without its newline) is the seal of `text`.
std::string seal_line(const std::string& secret, std::string_view text);
bool is_seal_of(const std::string& secret, std::string_view text, std::string_view seal);

// The rules a cached result (commits.tsv, and a range's rows) was made by, last in its key:
// bumped whenever what a commit's check can find changes, so that a result an older engine
// wrote never matches. v3: each commit judged by the policy in force before it, merges
// checked for what they introduce, reverts and cherry-picks followed; v4: a record made
// accepted with its checklist incomplete is refused; v5: an accepted record that loses a
// checklist item, a record past proposed deleted or made unreadable, a duplicate standing in
// for an edited record, and a merge combining two branches' moves are refused.
inline constexpr std::string_view k_results_engine = "v5";

class CommitChecker {
public:
    // `policy_override`: a server-side policy in force for every commit instead of its
    // parent's. `no_policy_fallback`: the policy in force for a commit whose parent has
    // none, or a root commit (the server's default branch's). Results are then not cached:
    // neither is part of the cache key.
    CommitChecker(const git::Repository& repo,
                  std::optional<policy::Policy> policy_override = std::nullopt,
                  std::optional<policy::Policy> no_policy_fallback = std::nullopt);
    // Writes the results cache (see check()).
    ~CommitChecker();
    CommitChecker(const CommitChecker&) = delete;
    CommitChecker& operator=(const CommitChecker&) = delete;

    // Neither reads nor writes the results cache (check --range --no-cache, for audits).
    void skip_cache() { m_use_cache = false; }

    // The coverage of `commit` under the policy in force before it, and what it does against
    // the lifecycle. Results are cached in <common dir>/decision-cache/commits.tsv keyed by
    // the commit, the notes ref and `today` — everything a result depends on, since a
    // commit's parents, trees and history (and so its approvals) never change. Reports with
    // errors or lifecycle findings are not cached.
    util::Result<CommitReport> check(const git::CommitInfo& commit, record::Date today);

    // The records in `dir` of `rev` (a commit-ish or root tree id), parsed once per folder.
    util::Result<const record::Catalog*> catalog_at(const std::string& rev,
                                                    const std::string& dir) {
        return records_at(rev, dir);
    }

    // The approvals in the history of `commit` when the checks so far have carried them
    // up to it (the last commit of a range checked oldest first); null otherwise.
    const std::vector<gate::Approval>* approvals_at(const std::string& commit) const {
        return m_approvals_tip && *m_approvals_tip == commit ? &m_approvals : nullptr;
    }

private:
    // `tree`: a commit's root tree id (or the commit's id). An invalid policy is a Check
    // error; nullptr when the tree has none.
    util::Result<const gate::CompiledPolicy*> policy_at(const std::string& tree);
    // The id of the policy blob in `tree` ("" when it has none).
    util::Result<std::string> policy_blob_at(const std::string& tree);
    // The id of the tree or blob at `path` in `tree` ("" when absent), remembered for the
    // last few trees: a range asks about each tree as a commit and again as a parent.
    util::Result<std::string> id_at(const std::string& tree, const std::string& path);
    // What judges a commit with root tree `tree` and first parent `parent` ("" for none).
    struct Judge {
        const gate::CompiledPolicy* policy = nullptr; // the policy in force; null: none
        bool policy_changed = false;     // the commit edits, adds or deletes the policy
        std::string records_dir;         // the commit's own records folder
        std::vector<std::string> errors; // invalid policies, in force or brought
    };
    util::Result<Judge> judge_of(const std::string& parent, const std::string& tree);
    // The lifecycle findings of `commit` against its first parent (`parent`, a commit or
    // tree id); for a merge, only records that differ from every parent.
    util::Result<std::vector<LifecycleFinding>>
    lifecycle_of(const git::CommitInfo& commit, const std::string& parent, const std::string& tree,
                 const std::string& before_dir, const std::string& after_dir,
                 const record::LintConfig& checklist);
    std::string result_key(const std::string& commit, record::Date today);
    util::Result<const record::Catalog*> records_at(const std::string& tree,
                                                    const std::string& dir);
    void load_results();
    // The destructor's work: the approvals and the new results, appended sealed.
    void save_caches();
    util::Result<const std::map<std::string, std::string>*> notes();
    // Adds `commit`'s own approvals when it extends m_approvals_tip (for a merge onto the
    // tip, those of the merged branches' commits too).
    util::Result<void> extend_approvals(const git::CommitInfo& commit,
                                        const gate::CompiledPolicy& policy);
    util::Result<void> add_own_approvals(const git::CommitInfo& commit,
                                         const gate::CompiledPolicy& policy);
    util::Result<const std::vector<gate::Approval>*>
    approvals_for(const git::CommitInfo& commit, const gate::CompiledPolicy& policy);

    const git::Repository& m_repo;
    git::History m_history;
    std::optional<gate::CompiledPolicy> m_override;
    std::optional<gate::CompiledPolicy> m_fallback;
    std::unordered_map<std::string, std::string> m_ids; // id_at(): "<tree>:<path>" -> id
    std::unordered_map<std::string, std::optional<gate::CompiledPolicy>> m_policies; // by blob id
    std::unordered_map<std::string, std::string> m_policy_in_folder; // blob id by folder id
    std::map<std::string, std::string> m_policy_errors;              // by policy blob id
    std::map<std::string, record::Catalog> m_catalogs;               // by records tree id
    std::optional<std::map<std::string, std::string>> m_notes;
    // Approvals in the history of m_approvals_tip. Checking a range oldest first, each
    // commit whose first parent is the tip extends them with its own (and a merge with its
    // merged branches'), so the history is walked once per range instead of once per commit.
    std::optional<std::string> m_approvals_tip;
    std::vector<gate::Approval> m_approvals;
    std::unordered_set<std::string> m_approval_keys;  // decision, approver, content
    gate::HashMemo m_hashes;                          // of records in m_catalogs, which never move
    std::optional<policy::Policy> m_approvals_policy; // the policy m_approvals were read with
    void add_approval(gate::Approval a);
    // Cached results by key, loaded on first use; the lines found since are appended to
    // the file by the destructor.
    bool m_use_cache = true;
    std::optional<std::string> m_secret; // seals the results cache; none: no cache
    std::optional<std::unordered_map<std::string, std::string>> m_results;
    std::size_t m_results_bytes = 0;
    std::string m_new_results;
    std::string m_notes_id;
    record::Date m_key_day{}; // the day m_key_suffix was made for
    std::string m_key_suffix; // ":<notes id>:<day>"
    // The last commit checked and its root tree: its child compares with that tree without
    // reading the parent commit again.
    std::string m_last_commit, m_last_tree;
};

} // namespace decision::check
