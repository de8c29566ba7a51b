#pragma once
// The lifecycle rules for records a change touches, one engine for the commit-time hooks,
// pre-push, pre-receive and `check --range`: a status may only move along the lifecycle
// (proposed -> accepted | rejected; accepted -> superseded | deprecated), and the normative
// content of an accepted record never changes (approvals bind to it), and a record becomes
// accepted only with its checklist complete (record::acceptance; [checklist] relax turns
// what is missing into notes).

#include "decision/git/history.hpp"
#include "decision/record/catalog.hpp"
#include "decision/record/lint.hpp"
#include "decision/util/error.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace decision::check {

struct LifecycleFinding {
    enum class Kind { IllegalTransition, EditedAccepted, IncompleteAcceptance, RelaxedAcceptance };
    Kind kind = Kind::IllegalTransition;
    std::string id;   // the decision
    std::string path; // the record file after the change
    int line = 0;     // 1-based; 0 when unknown
    std::string message;
    std::string fix;
    // What the checklist still misses (IncompleteAcceptance: errors; RelaxedAcceptance:
    // notes), each at its file:line:col and named by its checklist rule.
    std::vector<util::Diagnostic> details;
};

// "illegal-transition" | "edited-accepted" | "incomplete-acceptance" | "relaxed-acceptance":
// the finding kinds every output format uses.
const char* kind_name(LifecycleFinding::Kind kind);
// "lifecycle" | "accepted-is-immutable" | "checklist": the rule a finding breaks.
const char* rule_name(LifecycleFinding::Kind kind);
// Whether the finding fails the change: every kind but RelaxedAcceptance, a note.
bool blocks(const LifecycleFinding& finding);
// Moves the findings that do not block (notes) out of `found` and returns them.
std::vector<LifecycleFinding> take_notes(std::vector<LifecycleFinding>& found);

// What the change from `before` to `after` does against the lifecycle. The two catalogs are
// the records before a change (a commit's first parent, HEAD) and after it (the commit, the
// index); each may hold only the record files the change touched on its side, as long as
// every added, changed and deleted record file is there. A record after the change is each
// one with its ID at its path or at a path that held no record (a rename); an unchanged file
// is not a finding, nor is a deleted proposed record, but a record past proposed that is
// deleted or no longer parses is one. A record that is accepted after the change and was
// not before (a new record included) is judged by `checklist` (the policy's LintConfig);
// one accepted on both sides must not miss an item of `checklist` it met before.
std::vector<LifecycleFinding> lifecycle_findings(const record::Catalog& before,
                                                 const record::Catalog& after,
                                                 const record::LintConfig& checklist);

// One side's copy of a file (nullopt when absent there); a Check error means the file is
// over the size bound and is reported as such, any other error fails the check.
using ReadSide = std::function<util::Result<std::optional<std::string>>(const std::string& path)>;

// lifecycle_findings() over the record files `changed` (repository paths: every record file
// the change added, modified or deleted), each read on both sides.
util::Result<std::vector<LifecycleFinding>>
lifecycle_of_files(const std::vector<std::string>& changed, const ReadSide& before,
                   const ReadSide& after, const record::LintConfig& checklist);

// Whether a merge's finding about the record file `path` belongs to the merged branch
// `other`, so that the merge need not answer for it: `other` has the file as the merge has
// it (`merged`: nullopt when absent), and the first parent `first` left it as it was at
// their merge base, so the commits of `other`, each judged on its own, made the whole change.
// Without a merge base (unrelated or shallow histories) or when a side cannot be read, the
// merge answers for it.
bool brought_by_merged_branch(const git::History& history, const std::string& first,
                              const std::string& other, const std::string& path,
                              const std::optional<std::string>& merged);

} // namespace decision::check
