#pragma once
// `blame` for one path: the commits that changed it, newest first, with the blob and the
// artifact fingerprints each carries (LFS pointer, .dvc md5, MLflow ids; text only, never
// weights) and the links each makes. A path that is a DVC stage output (listed in a
// dvc.lock in its folder or above) also counts as changed when the md5 the lock records
// for it changes.

#include "decision/artifact/dvc_lock.hpp"
#include "decision/artifact/fingerprint.hpp"
#include "decision/git/history.hpp"
#include "decision/link/links.hpp"
#include "decision/policy/policy.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace decision::check {

// What the dvc.lock files on the way to the path record for it at one commit.
struct Locked {
    std::string lock; // the dvc.lock's path
    std::optional<artifact::LockedOutput> output;
    std::vector<std::string> problems; // "<lock>:2:1: end of sequence flow not found"
};

// One commit that changed the path.
struct BlameEntry {
    git::CommitInfo commit;
    link::CommitLinks links;
    std::optional<std::string> blob; // nullopt: the commit deleted the path (or DVC has it)
    std::vector<artifact::Fingerprint> fingerprints; // a "dvc.lock" md5 last, when locked
    Locked locked;
};

// The commits of `rev`'s history that changed `path` (a tree path), newest first. A merge
// counts only when the path differs from every parent (git log's default simplification
// shows the others through their own commits). `notes` are the decision notes by commit.
util::Result<std::vector<BlameEntry>> blame(const git::Repository& repo, const std::string& path,
                                            const std::string& rev,
                                            const std::map<std::string, std::string>& notes,
                                            const policy::Policy& policy);

} // namespace decision::check
