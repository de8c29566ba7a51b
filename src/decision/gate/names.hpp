#pragma once
// The names the gate gives files, shared by the commit-time fast path (fast/, no libgit2)
// and the full hooks, checks and server hook above it: what it reads in a tree and what it
// keeps in the git directory.

#include <string_view>

namespace decision::gate {

// The file name DVC gives its lock files, at any depth of the repository.
inline constexpr std::string_view k_dvc_lock = "dvc.lock";

// Whether `path` (repository-relative) names a dvc.lock.
inline bool is_dvc_lock(std::string_view path) {
    auto slash = path.rfind('/');
    return (slash == std::string_view::npos ? path : path.substr(slash + 1)) == k_dvc_lock;
}

// Where `git decision use` keeps the active decision, in the (per-worktree) git dir.
inline constexpr const char* k_active_file = "decision-active";

// The folder of every cache, in the common git dir: approvals.json, commits.tsv, ranges/,
// hook/ (docs/design.md, "Caches"). A cache may only save work, never decide.
inline constexpr const char* k_cache_dir = "decision-cache";

} // namespace decision::gate
