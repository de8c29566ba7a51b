#pragma once
// Staleness through the pipeline (GitHub issue 6): when a DVC `dvc.lock` stage's
// dependency hashes or params change, the decisions whose scope covers that stage's
// outputs need re-evaluation. Pure code: the callers read the two lock versions from git.

#include "decision/gate/coverage.hpp"
#include "decision/policy/policy.hpp"
#include "decision/record/catalog.hpp"
#include "decision/util/error.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::check {

// The largest dvc.lock read; a larger one is not diffed (a warning, like a malformed one).
inline constexpr std::size_t k_max_lock_bytes = 4 << 20;

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

// One side of a change, reading a lock file: its text, nullopt when absent, an
// ErrorKind::Check error when it is over k_max_lock_bytes, an ErrorKind::Git error when git
// cannot read it.
using LockReader =
    std::function<util::Result<std::optional<std::string>>(const std::string& lock_path)>;

// The staleness rule's input, the same for the commit being made and for existing commits:
// the stages of the dvc.lock files `locks` whose inputs differ between `before` and `after`.
// A lock that is too large or does not parse is not diffed and adds "pipeline staleness not
// checked: ..." to `warnings`; one git cannot read is an error (the gate fails closed).
util::Result<std::vector<StageChange>> changed_stages(const std::vector<std::string>& locks,
                                                      const LockReader& before,
                                                      const LockReader& after,
                                                      std::vector<std::string>& warnings);

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
void add_staleness(gate::Coverage& coverage, const std::vector<StaleDecision>& stale,
                   policy::PipelineStaleness mode);

} // namespace decision::check
