#pragma once
// The few files of a repository the fast hook path reads, found and read exactly as git
// lays them out, without libgit2: the git directory a hook runs in, HEAD and the ref it
// names (loose or packed), and the tree of a loose commit object. Every function answers
// or says why it cannot; "cannot" is never an error the user sees, only a reason to run
// the full hook.

#include "decision/util/error.hpp"

#include <filesystem>
#include <string>

namespace decision::fast {

// Where a hook's repository keeps things, as git set it up for the hook.
struct GitPaths {
    std::filesystem::path git_dir;    // this worktree's ($GIT_DIR, or .git in the cwd)
    std::filesystem::path common_dir; // shared by all worktrees (commondir)
    std::filesystem::path index_file; // $GIT_INDEX_FILE or <git dir>/index
    std::filesystem::path objects_dir;
};

// The repository of a hook running in the current directory (the worktree's top, where git
// runs hooks): GIT_DIR, else `.git` (a folder, or a `gitdir: <path>` file in linked
// worktrees); GIT_COMMON_DIR or <git dir>/commondir; GIT_INDEX_FILE; GIT_OBJECT_DIRECTORY.
util::Result<GitPaths> locate();

// The commit HEAD points at, as 40 hex digits: a detached id, or the branch it names read
// from a loose ref file or packed-refs. An unborn branch is an error.
util::Result<std::string> head_commit(const GitPaths& paths);

// The tree id of `commit` when it is a loose object (inflating only its first bytes).
// A packed commit is an error.
util::Result<std::string> loose_commit_tree(const GitPaths& paths, const std::string& commit);

} // namespace decision::fast
