#pragma once
// git's index file read as git wrote it (Documentation/gitformat-index.txt), without
// libgit2: versions 2, 3 and 4, the entries and the cache-tree (TREE) extension. Only
// SHA-1 repositories; anything this reader does not understand (split or sparse indexes,
// unknown required extensions, bad sizes) is an error, never a guess. Every size in the
// file is checked against the bytes that are there: a corrupt index gives an error.

#include "decision/util/error.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::fast {

// A SHA-1 object id, raw.
using Oid = std::array<unsigned char, 20>;

std::string to_hex(const Oid& oid);
// The id 40 lowercase hex digits spell, or nullopt.
std::optional<Oid> from_hex(std::string_view hex);

struct IndexEntry {
    std::string_view path;  // held by the Index it came from
    std::uint32_t mode = 0; // 0100644, 0100755, 0120000, 0160000
    Oid oid{};
    int stage = 0; // 0 unless the path is unmerged
    bool intent_to_add = false;
    bool skip_worktree = false;
};

// One node of the cache-tree: the tree the index entries under `path` would be written as.
// `oid` is set only when the node is valid (git invalidates a folder's node when a path
// beneath it changes).
struct CacheTreeNode {
    std::string path; // "" for the root, else "dir/sub"
    std::optional<Oid> oid;
};

// Entries' paths view bytes the Index holds (shared, so copies stay valid): no allocation
// per entry, which is most of the cost of reading a large index.
struct Index {
    unsigned version = 0;
    std::shared_ptr<const std::string> storage; // the file's bytes, then v4's paths
    std::vector<IndexEntry> entries;            // in the file's order (sorted by path, then stage)
    std::vector<CacheTreeNode> trees;           // empty without a TREE extension

    // The cache-tree node for `path` ("" for the root), or null when the index has none.
    const CacheTreeNode* tree(std::string_view path) const;
};

// Parses an index file's bytes.
util::Result<Index> parse_index(std::string bytes);
// Reads and parses the index file at `path` (bounded to 512 MiB).
util::Result<Index> read_index(const std::filesystem::path& path);

} // namespace decision::fast
