#pragma once
// All records of one revision (or of the working tree), parsed, with what was wrong.

#include "decision/record/record.hpp"
#include "decision/util/diagnostic.hpp"
#include "decision/util/error.hpp"
#include "decision/util/fs.hpp"

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace decision::record {

struct Catalog {
    std::vector<Record> records;               // the records that parsed (maybe with errors)
    std::vector<util::Diagnostic> diagnostics; // parse errors of all files

    // The first record with `id`. Not thread-safe: the first call builds an index.
    const Record* find(std::string_view id) const;

private:
    // First positions by ID, rebuilt whenever `records` moved or changed size (records are
    // never renamed in place).
    mutable std::unordered_map<std::string, std::size_t> m_by_id;
    mutable const Record* m_indexed_data = nullptr;
    mutable std::size_t m_indexed_size = 0;
};

// Whether a file in the records folder is a record ("*.toml" other than policy.toml).
bool is_record_file(std::string_view name);

// Parses every record file among `files`; files that are not records are ignored.
Catalog load(const std::vector<util::SourceFile>& files);

// The record files directly inside `dir` (repository-relative) of the working tree at
// `root`, sorted by path. A missing folder gives no files; a folder that is a file is an error.
util::Result<std::vector<util::SourceFile>> read_worktree(const std::filesystem::path& root,
                                                          const std::string& dir);

} // namespace decision::record
