#include "decision/hook/hook_cache.hpp"

#include "decision/check/pipeline.hpp"
#include "decision/fast/git_files.hpp"
#include "decision/fast/index.hpp"
#include "decision/gate/coverage.hpp"
#include "decision/gate/names.hpp"
#include "decision/policy/policy.hpp"
#include "decision/util/fs.hpp"

#include <algorithm>

namespace decision::hook {

namespace fs = std::filesystem;

namespace {

// Whether `dir` is `path` or a folder above it.
bool leads_to(const std::string& dir, const std::string& path) {
    return dir == path || path.rfind(dir + "/", 0) == 0;
}

// Whether a usable entry is there; a damaged one is rewritten.
bool cached(const fs::path& common, const std::string& key) {
    return fast::load_summary(common, key).has_value();
}

// Stores the summary of `tree` under each key not cached yet.
void store(const git::Repository& repo, const fs::path& common, const std::string& tree,
           const std::vector<std::string>& keys) {
    std::vector<std::string> missing;
    for (const auto& k : keys)
        if (!cached(common, k))
            missing.push_back(k);
    if (missing.empty())
        return;
    auto summary = summarize_tree(repo, tree);
    if (!summary || !*summary)
        return;
    for (const auto& k : missing)
        (void)fast::store_summary(common, k, **summary);
}

} // namespace

util::Result<std::optional<fast::TreeSummary>> summarize_tree(const git::Repository& repo,
                                                              const std::string& tree_id) {
    const std::string policy_path = policy::k_policy_path;
    const std::string policy_dir = policy_path.substr(0, policy_path.rfind('/'));
    TRY_ASSIGN(auto top, repo.tree_items(tree_id, [&](const std::string& dir) {
        return leads_to(dir, policy_dir);
    }));
    fast::TreeSummary s;
    auto policy = std::find_if(top.begin(), top.end(), [&](const git::TreeItem& i) {
        return !i.is_tree && i.path == policy_path;
    });
    if (policy == top.end())
        return std::optional<fast::TreeSummary>(std::move(s));
    TRY_ASSIGN(auto text, repo.read_blob_id(policy->oid, util::k_max_record_bytes));
    auto parsed = policy::parse(text);
    if (util::has_errors(parsed.diagnostics))
        return std::optional<fast::TreeSummary>();
    auto compiled = gate::CompiledPolicy::compile(parsed.policy);
    if (!compiled)
        return std::optional<fast::TreeSummary>();
    s.policy_blob = policy->oid;
    s.policy_text = std::move(text);
    s.records_dir = compiled->policy().records_dir;
    TRY_ASSIGN(auto items, repo.tree_items(tree_id, [&](const std::string& dir) {
        return compiled->may_govern_under(dir) || leads_to(dir, s.records_dir);
    }));
    for (auto& i : items) {
        if (i.is_tree) {
            if (i.path == s.records_dir)
                s.records_tree = i.oid;
            continue;
        }
        if (i.path == gate::k_dvc_lock)
            s.dvc_lock = fast::TreeFile{i.path, i.mode, i.oid};
        if (compiled->governs(i.path))
            s.governed.push_back(fast::TreeFile{std::move(i.path), i.mode, std::move(i.oid)});
    }
    std::sort(s.governed.begin(), s.governed.end(),
              [](const fast::TreeFile& a, const fast::TreeFile& b) { return a.path < b.path; });
    return std::optional<fast::TreeSummary>(std::move(s));
}

void remember_trees() {
    try {
        auto paths = fast::locate();
        auto repo = git::Repository::open(".");
        if (!paths || !repo)
            return;
        const fs::path& common = paths->common_dir;
        if (repo->has_commits()) {
            auto head = repo->resolve_commit("HEAD");
            auto tree = head ? repo->tree_id_of(*head) : util::Result<std::string>();
            if (head && tree)
                store(*repo, common, *tree, {"commit-" + *head, "tree-" + *tree});
        }
        auto index = fast::read_index(paths->index_file);
        if (!index)
            return;
        const fast::CacheTreeNode* root = index->tree("");
        if (root && root->oid) {
            std::string tree = fast::to_hex(*root->oid);
            store(*repo, common, tree, {"tree-" + tree});
        }
    } catch (const std::exception&) {
        // The cache is an optimisation; the hook's own result stands.
    }
}

} // namespace decision::hook
