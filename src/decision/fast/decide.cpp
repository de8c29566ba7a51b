#include "decision/fast/decide.hpp"

#include "decision/fast/git_files.hpp"
#include "decision/fast/index.hpp"
#include "decision/fast/invocation.hpp"
#include "decision/fast/tree_cache.hpp"
#include "decision/gate/coverage.hpp"
#include "decision/gate/names.hpp"
#include "decision/policy/policy.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <cstdlib>
#include <optional>
#include <unistd.h> // environ
#include <unordered_map>

namespace decision::fast {

namespace fs = std::filesystem;

namespace {

Verdict cannot(std::string reason) {
    return Verdict{false, std::move(reason)};
}
Verdict decided(std::string reason) {
    return Verdict{true, std::move(reason)};
}

// Whether a message line starts with "Decision:" (any case, no indentation): then the full
// commit-msg hook's rules about such lines apply.
bool has_decision_line(std::string_view message) {
    std::size_t start = 0;
    while (start < message.size()) {
        auto end = message.find('\n', start);
        if (end == std::string_view::npos)
            end = message.size();
        if (end - start >= 9 &&
            util::to_lower(std::string(message.substr(start, 9))) == "decision:")
            return true;
        start = end + 1;
    }
    return false;
}

std::string_view folder_of(std::string_view path) {
    auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// Whether core.ignorecase may be set for this repository (its config files or `git -c`):
// then governed paths match in either case, which the hook cache's lists do not record.
bool may_ignore_case(const GitPaths& paths) {
    auto mentions = [](std::string_view text) {
        return util::to_lower(text).find("ignorecase") != std::string::npos;
    };
    for (const auto& file : {paths.common_dir / "config", paths.git_dir / "config.worktree"})
        if (auto text = util::read_file(file, 1 << 20); text && mentions(*text))
            return true;
    for (char** e = environ; *e; ++e) {
        std::string_view var(*e);
        if ((var.starts_with("GIT_CONFIG_PARAMETERS=") || var.starts_with("GIT_CONFIG_KEY_")) &&
            mentions(var))
            return true;
    }
    return false;
}

// HEAD's entry: by commit id, else by the loose commit's tree id. The error says why there
// is none.
util::Result<TreeSummary> head_summary(const GitPaths& paths, const std::string& head) {
    if (auto s = load_summary(paths.common_dir, "commit-" + head))
        return s;
    auto tree = loose_commit_tree(paths, head);
    if (!tree)
        return util::fail(tree.error().kind,
                          "no hook cache entry for HEAD (" + tree.error().message + ")");
    return load_summary(paths.common_dir, "tree-" + *tree);
}

// The hook cache key of the tree the index's cache-tree says the commit being made will
// have, when it has none yet (nullopt: no valid cache-tree root, or an entry exists).
std::optional<std::string> new_tree_key(const GitPaths& paths, const Index& index) {
    const CacheTreeNode* root = index.tree("");
    if (!root || !root->oid)
        return std::nullopt;
    std::string key = "tree-" + to_hex(*root->oid);
    std::error_code ec;
    if (fs::exists(summary_path(paths.common_dir, key), ec) || ec)
        return std::nullopt;
    return key;
}

// After a decision: the entry for the tree the index's cache-tree says the commit being
// made will have, so the next commit's hooks find its HEAD in the cache too. It holds
// exactly what the full hook would write for that tree: the index is that tree, the policy
// is HEAD's (checked), and `governed` are the index's governed entries. Best effort.
void remember_index_tree(const GitPaths& paths, const Index& index, const TreeSummary& head,
                         std::vector<TreeFile> governed, const IndexEntry* staged_lock) {
    const auto key = new_tree_key(paths, index);
    if (!key)
        return;
    TreeSummary s;
    s.policy_blob = head.policy_blob;
    s.policy_text = head.policy_text;
    s.records_dir = head.records_dir;
    if (const CacheTreeNode* records = index.tree(s.records_dir)) {
        if (!records->oid)
            return; // cannot be: a valid root has valid folders
        s.records_tree = to_hex(*records->oid);
    } else {
        const std::string prefix = s.records_dir + "/";
        for (const auto& e : index.entries)
            if (e.path.starts_with(prefix))
                return;
    }
    if (staged_lock)
        s.dvc_lock =
            TreeFile{std::string(staged_lock->path), staged_lock->mode, to_hex(staged_lock->oid)};
    s.governed = std::move(governed);
    (void)store_summary(paths.common_dir, *key, s);
}

// After deciding a commit with no policy anywhere: the (empty) entry for the index's tree,
// so the next commit finds its HEAD without the full hook. Best effort.
void remember_policyless_tree(const GitPaths& paths, const Index& index) {
    if (const auto key = new_tree_key(paths, index))
        (void)store_summary(paths.common_dir, *key, TreeSummary{});
}

} // namespace

Verdict decide(Hook hook, const std::vector<std::string>& args) {
    auto paths = locate();
    if (!paths)
        return cannot(paths.error().message);
    if (hook == Hook::PrepareCommitMsg) {
        const std::string source = args.size() > 1 ? args[1] : "";
        if (source == "merge" || source == "squash" || source == "commit")
            return decided("a " + source + " message is left alone");
        std::error_code ec;
        if (fs::exists(paths->git_dir / gate::k_active_file, ec) || ec)
            return cannot("a decision is active (git decision use)");
    }
    if (hook == Hook::CommitMsg) {
        if (args.empty())
            return cannot("no message file");
        auto message = util::read_file(args[0], 8 << 20);
        if (!message)
            return cannot("cannot read the message file");
        if (has_decision_line(*message))
            return cannot("the message has a Decision: line");
    }
    if (may_ignore_case(*paths))
        return cannot("core.ignorecase may be set");
    auto index = read_index(paths->index_file);
    if (!index)
        return cannot(index.error().message);
    const IndexEntry* staged_policy = nullptr;
    for (const auto& e : index->entries) {
        if (e.stage != 0)
            return cannot("the index has unmerged paths");
        if (e.intent_to_add)
            return cannot("the index has intent-to-add paths");
        if ((e.mode & 0170000) == 0040000)
            return cannot("the index is sparse");
        if (e.path == policy::k_policy_path)
            staged_policy = &e;
    }
    // HEAD read as a SHA-1 id first: in a SHA-256 repository the index above could only
    // have been misread, so not finding the policy in it proves nothing.
    auto head = head_commit(*paths);
    if (!head)
        return cannot(head.error().message);
    // The policy in force is HEAD's: its cache entry says which, and the staged one must
    // be the same (else the commit changes the policy, which the full hook judges).
    auto summary = head_summary(*paths, *head);
    if (!summary)
        return cannot(summary.error().message);
    if (!staged_policy) {
        if (!summary->policy_blob.empty())
            return cannot("the staged change deletes the policy");
        remember_policyless_tree(*paths, *index);
        return decided("no policy is in force or staged");
    }
    if (to_hex(staged_policy->oid) != summary->policy_blob)
        return cannot("the staged policy is not HEAD's");
    auto parsed = policy::parse(summary->policy_text);
    if (util::has_errors(parsed.diagnostics))
        return cannot("the policy has errors");
    auto compiled = gate::CompiledPolicy::compile(parsed.policy);
    if (!compiled)
        return cannot("the policy does not compile");
    const auto& pol = compiled->policy();
    if (pol.records_dir != summary->records_dir || pol.records_dir.empty())
        return cannot("the cache entry's records folder is not the policy's");

    std::unordered_map<std::string_view, const TreeFile*> head_governed;
    for (const auto& f : summary->governed)
        head_governed.emplace(f.path, &f);
    std::size_t still_there = 0;
    std::vector<TreeFile> staged_governed;
    std::string_view folder;
    bool folder_may_govern = false;
    bool first = true;
    const IndexEntry* staged_lock = nullptr;
    const std::string records_prefix = pol.records_dir + "/";
    bool records_staged = false;
    // Paths are compared as views, and folders asked about once per run of entries in the
    // same folder: no allocation per index entry.
    for (const auto& e : index->entries) {
        if (e.path == gate::k_dvc_lock)
            staged_lock = &e;
        if (e.path.starts_with(records_prefix))
            records_staged = true;
        std::string_view dir = folder_of(e.path);
        if (first || dir != folder) {
            folder = dir;
            folder_may_govern = compiled->may_govern_under(std::string(folder));
            first = false;
        }
        if (!folder_may_govern || !compiled->governs(e.path))
            continue;
        auto at = head_governed.find(e.path);
        if (at == head_governed.end())
            return cannot("a governed path is staged: " + util::sanitize(std::string(e.path)));
        if (at->second->oid != to_hex(e.oid) || at->second->mode != e.mode)
            return cannot("a governed path is changed: " + util::sanitize(std::string(e.path)));
        ++still_there;
        staged_governed.push_back(TreeFile{std::string(e.path), e.mode, to_hex(e.oid)});
    }
    if (still_there != head_governed.size())
        return cannot("a governed path is deleted");
    if (pol.pipeline_staleness != policy::PipelineStaleness::Off) {
        const bool same =
            staged_lock ? summary->dvc_lock && summary->dvc_lock->oid == to_hex(staged_lock->oid)
                        : !summary->dvc_lock;
        if (!same)
            return cannot("dvc.lock is changed");
    }
    // pre-commit validates staged records; commit-msg judges their lifecycle moves.
    if (hook == Hook::PreCommit || hook == Hook::CommitMsg) {
        if (summary->records_tree.empty()) {
            if (records_staged)
                return cannot("records are staged");
        } else {
            const CacheTreeNode* node = index->tree(pol.records_dir);
            if (!node || !node->oid)
                return cannot("the records folder's cache-tree is not valid");
            if (to_hex(*node->oid) != summary->records_tree)
                return cannot("records are staged");
        }
    }
    // Nothing governed differs from HEAD; but an amend's commit sits on HEAD's parents, so
    // the full hook checks it against them. A merge being concluded introduces nothing
    // governed when nothing governed differs from HEAD, its first parent.
    if (hook == Hook::CommitMsg) {
        std::error_code ec;
        if (!fs::exists(paths->git_dir / "MERGE_HEAD", ec) || ec) {
            if (auto argv = invoking_git()) {
                auto inv = parse_invocation(*argv);
                if (inv.amend == Amending::Yes)
                    return cannot("an amend is checked against HEAD's parents");
                if (inv.amend == Amending::Unknown)
                    return cannot("run by 'git " + util::sanitize(inv.command) +
                                  "', which may amend HEAD");
            } else if (std::getenv("GIT_AUTHOR_DATE")) {
                return cannot("not run by git, with git's author variables set: it may amend "
                              "HEAD");
            }
        }
    }
    remember_index_tree(*paths, *index, *summary, std::move(staged_governed), staged_lock);
    return decided("no governed path is staged");
}

} // namespace decision::fast
