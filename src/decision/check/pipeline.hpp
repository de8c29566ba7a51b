#pragma once
// Staleness through the pipeline (GitHub issue 6): when a DVC `dvc.lock` stage's
// dependency hashes or params change, the decisions whose scope covers that stage's
// outputs need re-evaluation. Pure code: the callers read the two lock versions from git.

#include "decision/check/coverage.hpp"
#include "decision/policy/policy.hpp"
#include "decision/record/catalog.hpp"
#include "decision/util/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::check {

// The largest dvc.lock read (larger ones are read up to this size and fail to parse).
inline constexpr std::size_t k_max_lock_bytes = 4 << 20;

// The file name DVC gives its lock files, at any depth of the repository.
inline constexpr std::string_view k_dvc_lock = "dvc.lock";

// Whether `path` (repository-relative) names a dvc.lock.
bool is_dvc_lock(std::string_view path);

// One output of a stage, repository-relative.
struct StageOutput {
    std::string path;
    bool directory = false; // its hash says it is a folder (".dir", nfiles), or it has none
};

// A stage of a dvc.lock whose inputs changed between two versions.
struct StageChange {
    std::string lock_path; // repository-relative path of the dvc.lock
    std::string stage;
    bool added = false;              // absent before
    bool removed = false;            // absent after
    std::vector<std::string> deps;   // repository-relative dep paths: hash changed, added, removed
    std::vector<std::string> params; // "params.yaml:lr 0.1 -> 0.05" (values bounded)
    std::vector<StageOutput> outs;   // after the change (before it, for a removed stage)
};

// The stages of `lock_path` whose deps' hashes or params differ between `before` and
// `after` (nullopt: the file is absent on that side), sorted by stage name. Paths in a
// dvc.lock are relative to its folder; they come back repository-relative, and paths that
// leave the repository are dropped. Malformed YAML fails with ErrorKind::Check and
// "<lock_path>:<line>:<col>: ..." naming the side ("before"/"after") that is malformed.
util::Result<std::vector<StageChange>> diff_lock(std::string_view lock_path,
                                                 const std::optional<std::string>& before,
                                                 const std::optional<std::string>& after);

// A decision (proposed or accepted) whose scope covers an output of a changed stage.
struct StaleDecision {
    std::string decision_id;
    const StageChange* stage = nullptr; // borrowed from the list given to stale_decisions
    std::vector<std::string> covered_outs;
};

// The proposed and accepted decisions of `records` whose `scope.paths` match an output of
// a changed stage: the output path itself, or — for a folder output — something beneath
// it. One entry per decision and stage, in the order of `changes`, then record order.
std::vector<StaleDecision> stale_decisions(const std::vector<StageChange>& changes,
                                           const record::Catalog& records);

// "DEC-0042 needs re-evaluation: dvc.lock stage 'train' changed (deps: data/train.csv;
// params: params.yaml:lr 0.1 -> 0.05); it covers models/fraud.pkl" (lists bounded).
std::string describe(const StaleDecision& stale);

// Adds `stale` to `coverage` as the policy's mode says: Warn adds warnings, Fail adds an
// uncovered finding with the fix, Off adds nothing.
void add_staleness(Coverage& coverage, const std::vector<StaleDecision>& stale,
                   policy::PipelineStaleness mode);

} // namespace decision::check
