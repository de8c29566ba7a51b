#pragma once
// The hook cache: what the fast hook path needs to know about one tree, kept under
// <common dir>/decision-cache/hook/ in a file named by a commit id ("commit-<id>", for that
// commit's tree) or a tree id ("tree-<id>"). Named by content, an entry never goes stale.
// The full hooks (libgit2) write entries for HEAD and the index's tree; the fast path,
// when it decided, writes the entry for the index's tree (the next commit's HEAD tree),
// which it knows exactly from the index and HEAD's entry. A missing,
// damaged or oversized entry reads as an error and only means the full hook runs, and so
// does one whose policy text does not hash to the policy blob id it names.

#include "decision/util/error.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::fast {

// One file of the tree.
struct TreeFile {
    std::string path;
    std::uint32_t mode = 0;
    std::string oid; // 40 hex
};

struct TreeSummary {
    std::string policy_blob;          // the policy file's blob id; "" when the tree has no policy
    std::string policy_text;          // its content
    std::string records_dir;          // the policy's records folder ("" without a policy)
    std::string records_tree;         // that folder's tree id; "" when absent
    std::optional<TreeFile> dvc_lock; // the root dvc.lock
    std::vector<TreeFile> governed;   // every file the policy governs, sorted by path
};

inline constexpr std::size_t k_max_summary_bytes = 8 << 20;

// The entry's text; `key` ("commit-<id>" or "tree-<id>") is written into it and checked
// when it is read back. Errors when a path cannot be written on one line.
util::Result<std::string> serialize(const TreeSummary& summary, std::string_view key);
util::Result<TreeSummary> parse_summary(std::string_view text, std::string_view key);

// <common dir>/decision-cache/hook/<key>
std::filesystem::path summary_path(const std::filesystem::path& common_dir, std::string_view key);

util::Result<TreeSummary> load_summary(const std::filesystem::path& common_dir,
                                       std::string_view key);
// Writes the entry atomically (creating the folders).
util::Result<void> store_summary(const std::filesystem::path& common_dir, std::string_view key,
                                 const TreeSummary& summary);

} // namespace decision::fast
