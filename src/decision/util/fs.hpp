#pragma once
// Filesystem access with the project's guarantees: bounded reads, atomic writes.

#include "decision/util/error.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace decision::util {

inline constexpr std::size_t k_max_record_bytes = 1 << 20; // 1 MiB

// A file's path (repository-relative) and text, from the working tree or a git tree.
struct SourceFile {
    std::string path;
    std::string text;
    bool too_large = false; // over k_max_record_bytes; `text` is empty
};

// The whole file, or an error naming it when it is missing, unreadable, not a regular
// file, or larger than `limit` bytes.
Result<std::string> read_file(const std::filesystem::path& path,
                              std::size_t limit = k_max_record_bytes);

// CreateNew never replaces an existing file; Cache replaces without waiting for the disk
// (no fsync): a cache lost in a crash is only rebuilt, but one written per run must be cheap.
enum class WriteMode { Replace, CreateNew, Cache };

// Writes `content` to a temporary file beside `path`, flushes it, then moves it into
// place, so readers see the old or the new file and never half of one. With CreateNew
// an existing file is never replaced (the error says so). The temporary file has no name
// (O_TMPFILE) where the file system allows, so a killed write leaves nothing in the
// working tree for git to pick up.
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view content,
                               WriteMode mode = WriteMode::Replace);

// Appends `content` to `path` (created when missing) with O_APPEND, in as few write()s as
// the system allows: concurrent appenders never overwrite each other, though a reader can
// see the last line cut short (append-only caches skip such lines).
Result<void> append_file(const std::filesystem::path& path, std::string_view content);

} // namespace decision::util
