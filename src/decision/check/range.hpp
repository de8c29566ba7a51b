#pragma once
// `check --range`: every commit of a range through CommitChecker, plus the findings only a
// whole range shows (records invalid at its head, IDs that collide with the base, edits to
// accepted records, illegal status changes). One model that every output format renders.

#include "decision/gate/coverage.hpp"
#include "decision/git/history.hpp"
#include "decision/record/record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace decision::check {

enum class FindingSeverity { Error, Warning };
const char* to_string(FindingSeverity s); // "error" | "warning"

// The kinds of findings, as they appear in every output format.
namespace kind {
inline constexpr const char* k_uncovered = "uncovered";           // error
inline constexpr const char* k_invalid_policy = "invalid-policy"; // error
inline constexpr const char* k_invalid_record = "invalid-record"; // error (lint warnings: warning)
inline constexpr const char* k_duplicate_id = "duplicate-id";     // error
inline constexpr const char* k_edited_accepted = "edited-accepted";       // error
inline constexpr const char* k_illegal_transition = "illegal-transition"; // error
inline constexpr const char* k_waiver = "waiver";                         // warning
inline constexpr const char* k_coverage_warning = "coverage-warning";     // warning
} // namespace kind

// One thing wrong (or worth saying) about the range. `commit` is empty for findings about
// the head's records; `path` is empty when the finding is about a commit as a whole.
struct Finding {
    FindingSeverity severity = FindingSeverity::Error;
    std::string kind;
    std::string commit;
    std::string path;
    int line = 0;     // 1-based; 0 when unknown
    std::string rule; // the policy rule or lint rule
    std::vector<std::string> decision_ids;
    std::string message;
    std::string fix;
};

struct RangeCommit {
    std::string commit;                     // full id
    std::string title;                      // the message's first line (raw: renderers sanitize)
    std::string author;                     // "Name <email>"
    std::vector<std::string> decisions;     // linked IDs (trailers and notes)
    std::optional<gate::Coverage> coverage; // absent: no policy there
};

// A decision linked by some commit of the range, as of the head.
struct LinkedDecision {
    std::string id;
    std::optional<record::Record> record; // absent: no such record at the head
    std::vector<std::string> required_roles;
    std::vector<std::string> signoffs_fresh; // "email (role)"
    std::vector<std::string> signoffs_stale; // "email (role)"
    std::vector<std::string> roles_missing;  // required roles without a fresh approval
};

struct RangeReport {
    std::string range; // as the user wrote it (or "<merge-base>..HEAD" for --base)
    std::string base;  // full ids
    std::string head;
    std::string target;                    // full id of the branch landed on ("" when it is `base`)
    std::vector<RangeCommit> commits;      // oldest first
    std::vector<Finding> findings;         // commits oldest first, then range-wide ones
    std::vector<LinkedDecision> decisions; // by ID
    bool notes_ref_present = true;         // refs/notes/decisions exists here (check_range looks)

    std::size_t count(FindingSeverity s) const;
    bool failed() const { return count(FindingSeverity::Error) > 0; }
    // Links made with `git decision link` live in the notes ref, which CI checkouts do not
    // fetch unless told to: true when commits are uncovered and the ref is absent, so every
    // report says so (notes_missing_text) without counting it as a finding.
    bool notes_missing() const;
};

// Checks `base..head` (both revisions the user named). `target`, when set, is the branch
// the range will land on (for --base: the ref whose merge base is `base`): IDs added in
// the range are also checked against its records. Unknown revisions and missing history
// (shallow clones) are git errors whose message says how to fix them. `use_cache` false
// neither reads nor writes the result caches (an audit recomputes everything).
util::Result<RangeReport> check_range(const git::Repository& repo, const std::string& base,
                                      const std::string& head, record::Date today,
                                      const std::string& target = "", bool use_cache = true);

// What the reports say when RangeReport::notes_missing(): the problem, then the fix.
std::pair<std::string, std::string> notes_missing_text();

// Splits "A..B" (either side may be empty: HEAD); a usage error for anything else.
util::Result<std::pair<std::string, std::string>> parse_range(const std::string& range);

} // namespace decision::check
