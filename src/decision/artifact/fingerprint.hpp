#pragma once
// What identifies a model artifact's content without reading weights (docs/design.md, "Concepts"):
// a Git LFS pointer's oid and size, a DVC `.dvc` file's output md5s, an MLflow `MLmodel`'s
// run_id / model_uuid / model_id. Parsed from the tracked text only; pure code.

#include <string>
#include <string_view>
#include <vector>

namespace decision::artifact {

struct Fingerprint {
    std::string kind;  // "lfs", "dvc" or "mlflow"
    std::string field; // "oid", "size", "md5", "run_id", "model_uuid", "model_id"
    std::string value; // as written ("sha256:<hex>" for an LFS oid)

    friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

// The fingerprints `content` (the blob of `path`) carries; empty for anything else, including
// malformed files. A DVC file lists one md5 per output, in order.
std::vector<Fingerprint> fingerprints(std::string_view path, std::string_view content);

} // namespace decision::artifact
