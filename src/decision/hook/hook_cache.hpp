#pragma once
// Fills the hook cache (fast/tree_cache.hpp) after a full commit-time hook ran, so the
// next hook on an unchanged governed tree can decide without libgit2: an entry for HEAD's
// commit, and one for the tree the index's cache-tree says the commit being made will
// have (git refreshes the cache-tree before the hooks run; that tree is the next HEAD's).

#include "decision/fast/tree_cache.hpp"
#include "decision/git/repository.hpp"

#include <optional>

namespace decision::hook {

// What the fast path needs about `tree_id`; nullopt when its policy does not parse (the
// fast path could not use such an entry anyway).
util::Result<std::optional<fast::TreeSummary>> summarize_tree(const git::Repository& repo,
                                                              const std::string& tree_id);

// Writes the missing entries for HEAD and the index's cache-tree root. Never fails: a
// cache that cannot be written only leaves later hooks on the full path.
void remember_trees();

} // namespace decision::hook
