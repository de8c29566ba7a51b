#pragma once
// dvc.lock (DVC's pipeline lock file): the one reader of its stages as written — each
// dep's content identity, each param's value, each output's md5 — and which md5 it
// records for a stage output. Parsed through artifact::parse_yaml; pure code.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace decision::artifact {

// Bounds on what one lock file may make us do: YAML aliases can make a small file name a
// large graph, so the entries visited (stages, deps, params, outs) are counted, not bytes.
inline constexpr std::size_t k_max_lock_entries = 200'000;
// A param's value is cut after about this many characters ("..." may follow).
inline constexpr std::size_t k_max_param_chars = 160;

struct LockedDep {
    std::string path;     // as written: relative to the lock's folder, or a URL
    std::string identity; // its hash fields in a fixed order: "md5=...;hash=md5;"
};

struct LockedParam {
    std::string file;               // "params.yaml", as written
    std::optional<std::string> key; // "lr"; none when the file's entry is not a mapping
    std::string value;              // one short line: "0.1", "[1, 2]", "{a: 1}"
};

struct LockedOut {
    std::string path;       // as written, relative to the lock's folder
    std::string md5;        // empty when it has none; a folder's ends in ".dir"
    bool directory = false; // its hash says it is a folder (".dir", nfiles), or it has none
};

struct LockedStage {
    std::string name; // "train", or "train@1" for a foreach stage
    std::vector<LockedDep> deps;
    std::vector<LockedParam> params;
    std::vector<LockedOut> outs; // only entries with a path
};

// Why a lock's text gives no stages. Each message names the lock and says what is wrong,
// without saying which version of it was read: callers that read two add that.
enum class LockFault {
    NotYaml,           // "dvc.lock:5:1: end of sequence flow not found"
    NotAMapping,       // "dvc.lock: expected a mapping with 'schema' and 'stages'"
    StagesNotAMapping, // "dvc.lock: 'stages' must be a mapping"
    TooManyEntries,    // "dvc.lock: too many entries (over 200000)"
};

struct LockError {
    LockFault fault = LockFault::NotYaml;
    std::string message;
};

// The stages of a dvc.lock's text, in the file's order: schema 2.0/3.x under `stages`, DVC
// 1.x at the top level (no `schema`, no `stages`). An empty file has none; odd entries
// (a dep that is not a mapping, a non-scalar key) are skipped or shown compactly, never
// fatal. `lock_path` names the file in messages.
tl::expected<std::vector<LockedStage>, LockError> read_dvc_lock(std::string_view text,
                                                                const std::string& lock_path);

// The entry of a dvc.lock for one output.
struct LockedOutput {
    std::string stage;  // "train", or "train@1" for a foreach stage
    std::string output; // the outs[].path as written, e.g. "models/model.pkl" or "models"
    std::string md5;    // a directory's md5 ends in ".dir"
};

struct LockLookup {
    std::optional<LockedOutput> found;
    std::string problem; // a LockError's message when the file is no dvc.lock (reported)
};

// The output of `lock` (the text of the dvc.lock at `lock_path`) that is `path` or contains
// it; `path` is relative to the lock file's folder. A file inside a tracked output folder
// gives that folder's entry.
LockLookup find_locked_output(const std::string& lock_path, std::string_view lock,
                              std::string_view path);

} // namespace decision::artifact
