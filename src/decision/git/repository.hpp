#pragma once
// The one door to libgit2. Everything outside src/decision/git/ sees these types only;
// <git2.h> is included by the .cpp files here and nowhere else.

#include "decision/util/error.hpp"
#include "decision/util/fs.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct git_repository;
struct git_index;

namespace decision::git {

// One entry of a tree listing: a file (blob or submodule commit) or a folder.
struct TreeItem {
    std::string path; // from the root of the listed tree
    std::uint32_t mode = 0;
    std::string oid; // 40 hex
    bool is_tree = false;
};

// A repository opened the way git opens it (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, core.bare,
// core.worktree, linked worktrees, the pre-receive quarantine; repository.cpp has the rules).
class Repository {
public:
    // The repository GIT_DIR names, else the one containing `start` (relative to the
    // current directory), with the working tree git would use.
    static util::Result<Repository> open(const std::filesystem::path& start = ".");

    Repository(Repository&&) noexcept;
    Repository& operator=(Repository&&) noexcept;
    ~Repository();

    // For a process about to exit: hands the repository's memory (libgit2's object cache
    // holds a tree per commit after a long walk) to the operating system instead of freeing
    // it object by object, a tenth of a 100,000-commit range check. It stays reachable, so
    // leak checkers do not report it. The object is empty afterwards.
    void keep_until_exit();

    bool is_bare() const;
    bool is_shallow() const;
    std::filesystem::path workdir() const; // empty for a bare repository
    std::filesystem::path git_dir() const; // this worktree's git directory
    std::filesystem::path common_dir() const;

    // The full object id of the commit `rev` names ("HEAD", a branch, a sha, "v1~2").
    util::Result<std::string> resolve_commit(std::string_view rev) const;
    // The commit the object `id` (full hex) peels to; nullopt when it is a tree or a blob
    // (or a tag of one). An error when the object is missing or unreadable.
    util::Result<std::optional<std::string>> peel_to_commit(const std::string& id) const;
    // Whether HEAD points at a commit yet.
    bool has_commits() const;

    // In the *_at readers below, `rev` is a commit-ish or the full id of a root tree.

    // The files directly inside `dir` of the tree of `rev` that `want` picks by name
    // (blobs only; one over util::k_max_record_bytes comes back too_large, unread). A missing
    // folder gives no files; a path that is a blob is an error. Record folders pass
    // record::is_record_file.
    util::Result<std::vector<util::SourceFile>>
    read_dir_at(std::string_view rev, const std::string& dir,
                const std::function<bool(std::string_view name)>& want) const;
    // The same from the index (what the next commit would hold).
    util::Result<std::vector<util::SourceFile>>
    read_dir_from_index(const std::string& dir,
                        const std::function<bool(std::string_view name)>& want) const;
    // The tree the next commit would record, as `git write-tree` writes it from the index
    // (entries added with `git add -N` left out). The readers of the index fall back on it
    // when libgit2 cannot read the index (a split index, core.splitIndex; a sparse index,
    // index.sparse), so a hook handles what git handles. Made once per Repository.
    util::Result<std::string> staged_tree() const;
    // The index as libgit2 reads it, owned by the caller (git_index_free); null when it is
    // a form libgit2 does not support (split, sparse), and the readers use staged_tree()
    // instead. An error for anything else: git itself reads a damaged index without
    // checking its checksum, so it is never handed to git.
    util::Result<git_index*> index_or_null() const;
    // One staged file (stage 0) of the index; nullopt when absent.
    util::Result<std::optional<std::string>> read_index_file(const std::string& path,
                                                             std::size_t limit) const;
    // One file of `rev`'s tree; nullopt when absent.
    util::Result<std::optional<std::string>>
    read_file_at(std::string_view rev, const std::string& path, std::size_t limit) const;

    // The id of the tree of the commit `rev`.
    util::Result<std::string> tree_id_of(std::string_view rev) const;
    // The entries of the tree `tree_id` and of the subtrees `descend` accepts (called with
    // each folder's path, e.g. "models/m1"), folders first listed themselves.
    util::Result<std::vector<TreeItem>>
    tree_items(const std::string& tree_id,
               const std::function<bool(const std::string& dir)>& descend) const;
    // A blob by id; an error when it is missing or over `limit` bytes.
    util::Result<std::string> read_blob_id(const std::string& oid, std::size_t limit) const;

    // The object id of the tree or blob at `path` in `rev` ("" when absent).
    util::Result<std::string> object_id_at(std::string_view rev, const std::string& path) const;

    // File names inside `dir` on every local branch and remote-tracking branch
    // (refs/heads/*, refs/remotes/*), for allocating IDs no branch uses yet.
    util::Result<std::vector<std::string>> names_on_all_branches(const std::string& dir) const;

    // The commits the remote-tracking branches of `remote` point at.
    util::Result<std::vector<std::string>> remote_tracking_tips(const std::string& remote) const;

    // Every reference (refs/*) with the commit it peels to, as they are now; references to
    // trees or blobs are left out. The pre-receive hook reads these before any ref moves.
    util::Result<std::vector<std::pair<std::string, std::string>>> ref_tips() const;

    // Appends `line` to the note of `commit` under `notes_ref` (creating it), committed as
    // the user's identity. Returns false when the note already holds that line.
    util::Result<bool> append_note(const std::string& notes_ref, const std::string& commit,
                                   const std::string& line) const;

    // The hooks directory git uses: core.hooksPath (relative to the working tree's top, or
    // the git directory when bare) or <common dir>/hooks, like `git rev-parse --git-path hooks`.
    std::filesystem::path hooks_dir() const;

    // core.ignorecase as git reads it: whether paths differing only in case are one path
    // (then a policy's patterns match either case, as .gitignore lines do).
    bool ignore_case() const;

    // A configuration value as git reads it (repository, global, system), if set.
    std::optional<std::string> config_string(const std::string& key) const;
    // Where the value of `key` in effect comes from, if it is set.
    enum class ConfigScope { Repository, Global, System };
    std::optional<ConfigScope> config_scope(const std::string& key) const;

    // Adds `value` to the multi-valued local configuration `key` unless it is there.
    // Returns whether it was added.
    util::Result<bool> add_config_value(const std::string& key, const std::string& value) const;
    // Sets a single-valued local configuration key.
    util::Result<void> set_config(const std::string& key, const std::string& value) const;
    // Whether a remote with this name is configured.
    bool has_remote(const std::string& name) const;

    git_repository* raw() const { return m_repo.get(); }

private:
    struct Free {
        void operator()(git_repository* r) const noexcept;
    };
    explicit Repository(git_repository* repo);
    std::unique_ptr<git_repository, Free> m_repo;
    mutable std::optional<std::string> m_staged_tree; // staged_tree(), once made
    // Opened without GIT_INDEX_FILE, which libgit2 could not read: the index is git's.
    bool m_index_from_git = false;
    bool m_bare = false; // git sees no working tree where libgit2 sees one
};

// The last libgit2 error as text, with `what` in front ("cannot read HEAD: ...").
std::string last_error(const std::string& what);

} // namespace decision::git
