#pragma once
// Owning handles for libgit2 objects: what comes back through a `**out` argument is ours
// to free; pointers returned directly are borrowed from their parent (libgit2's rule).
// Private to src/decision/git/.

#include "decision/util/error.hpp"

#include <git2.h>
#include <memory>
#include <string_view>

namespace decision::git {

template <auto Free> struct FreeWith {
    template <class T> void operator()(T* p) const noexcept { Free(p); }
};
template <class T, auto Free> using Handle = std::unique_ptr<T, FreeWith<Free>>;

using Commit = Handle<git_commit, git_commit_free>;
using Tree = Handle<git_tree, git_tree_free>;
using TreeEntry = Handle<git_tree_entry, git_tree_entry_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Object = Handle<git_object, git_object_free>;
using Index = Handle<git_index, git_index_free>;
using Reference = Handle<git_reference, git_reference_free>;
using ReferenceIterator = Handle<git_reference_iterator, git_reference_iterator_free>;
using Config = Handle<git_config, git_config_free>;
using Revwalk = Handle<git_revwalk, git_revwalk_free>;
using Odb = Handle<git_odb, git_odb_free>;
using OdbObject = Handle<git_odb_object, git_odb_object_free>;
using Note = Handle<git_note, git_note_free>;
using Signature = Handle<git_signature, git_signature_free>;

// A git_buf that frees itself.
struct Buf {
    git_buf buf = GIT_BUF_INIT;
    ~Buf() { git_buf_dispose(&buf); }
};

// The commit a full 40-hex object id names, or null when `rev` is not one (or not a
// commit). Skips git_revparse_single, which would first look for refs of that name on disk.
inline Commit commit_by_full_id(git_repository* repo, std::string_view rev) {
    if (rev.size() != GIT_OID_HEXSZ ||
        rev.find_first_not_of("0123456789abcdef") != std::string_view::npos)
        return Commit();
    git_oid oid;
    if (git_oid_fromstrn(&oid, rev.data(), rev.size()) < 0)
        return Commit();
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, repo, &oid) < 0)
        return Commit();
    return Commit(c);
}

// The root tree `rev` names: a commit-ish, or the full id of a tree (what range checks pass,
// so a commit they already parsed is not looked up again for every file they read).
util::Result<Tree> root_tree(git_repository* repo, std::string_view rev);

// Whether an index entry was added with `git add -N`: git leaves it out of the next commit.
inline bool is_intent_to_add(const git_index_entry* e) {
    return (e->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) != 0;
}

// The entry at `path` ("a/b/c") under `root`: null when no such entry exists (a component
// is missing, or one above the last is not a folder). An error when a folder on the way
// cannot be read: git_tree_entry_bypath reports a missing tree object as "not found",
// which would make an unreadable folder look empty.
util::Result<TreeEntry> entry_at(git_repository* repo, const git_tree* root, std::string_view path);

// Runs git_libgit2_init() once per process.
void ensure_initialized();

} // namespace decision::git
