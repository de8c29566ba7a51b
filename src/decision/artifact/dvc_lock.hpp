#pragma once
// dvc.lock (DVC's pipeline lock file, schema 2.0): which md5 it records for a stage output,
// `stages.<name>.outs[].path/md5`. Read as text with yaml-cpp; pure code.

#include <optional>
#include <string>
#include <string_view>

namespace decision::artifact {

// The entry of a dvc.lock for one output.
struct LockedOutput {
    std::string stage;  // "train", or "train@1" for a foreach stage
    std::string output; // the outs[].path as written, e.g. "models/model.pkl" or "models"
    std::string md5;    // a directory's md5 ends in ".dir"
};

struct LockLookup {
    std::optional<LockedOutput> found;
    std::string problem; // non-empty when the file is not YAML a dvc.lock can be (reported)
};

// The output of `lock` (a dvc.lock's text) that is `path` or contains it; `path` is
// relative to the lock file's folder. A file inside a tracked output folder gives that
// folder's entry.
LockLookup find_locked_output(std::string_view lock, std::string_view path);

} // namespace decision::artifact
