#include "decision/check/lifecycle.hpp"

#include "decision/gate/coverage.hpp"
#include "decision/record/normative.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace decision::check {

const char* kind_name(LifecycleFinding::Kind kind) {
    switch (kind) {
    case LifecycleFinding::Kind::IllegalTransition:
        return "illegal-transition";
    case LifecycleFinding::Kind::EditedAccepted:
        return "edited-accepted";
    case LifecycleFinding::Kind::IncompleteAcceptance:
        return "incomplete-acceptance";
    case LifecycleFinding::Kind::RelaxedAcceptance:
        return "relaxed-acceptance";
    }
    return "lifecycle";
}

const char* rule_name(LifecycleFinding::Kind kind) {
    switch (kind) {
    case LifecycleFinding::Kind::IllegalTransition:
        return "lifecycle";
    case LifecycleFinding::Kind::EditedAccepted:
        return "accepted-is-immutable";
    case LifecycleFinding::Kind::IncompleteAcceptance:
    case LifecycleFinding::Kind::RelaxedAcceptance:
        return "checklist";
    }
    return "lifecycle";
}

bool blocks(const LifecycleFinding& finding) {
    return finding.kind != LifecycleFinding::Kind::RelaxedAcceptance;
}

std::vector<LifecycleFinding> take_notes(std::vector<LifecycleFinding>& found) {
    std::vector<LifecycleFinding> notes;
    auto first = std::stable_partition(found.begin(), found.end(),
                                       [](const LifecycleFinding& f) { return blocks(f); });
    std::move(first, found.end(), std::back_inserter(notes));
    found.erase(first, found.end());
    return notes;
}

namespace {

// The finding for `now` becoming accepted, if its checklist is not complete.
std::optional<LifecycleFinding> acceptance_finding(const record::Record& now,
                                                   const record::LintConfig& checklist) {
    auto gate = record::acceptance(now, checklist);
    if (gate.errors.empty() && gate.notes.empty())
        return std::nullopt;
    LifecycleFinding f;
    f.id = now.id;
    f.path = now.path;
    f.line = now.position_of("status").line;
    if (!gate.errors.empty()) {
        f.kind = LifecycleFinding::Kind::IncompleteAcceptance;
        f.message = now.id + " becomes accepted here, but its checklist is incomplete";
        f.fix = "complete what is listed (git decision check shows it) or keep status = "
                "\"proposed\"; then accept it with git decision status " +
                now.id + " accepted";
        f.details = std::move(gate.errors);
    } else {
        f.kind = LifecycleFinding::Kind::RelaxedAcceptance;
        f.message = now.id +
                    " becomes accepted with its checklist incomplete, which the "
                    "policy allows for " +
                    std::string(record::to_string(now.category)) + " ([checklist] relax)";
        f.fix = "complete what is listed when you can: git decision check shows it";
        f.details = std::move(gate.notes);
    }
    return f;
}

// The finding for an accepted record whose change, to what is not normative content (links,
// stances), leaves checklist items unmet that `old` met: its approvals stay fresh, so it
// cannot lose what its acceptance required (a normative edit is refused anyway). Items `old`
// already missed (a record accepted before the checklist, or relaxed) are not findings,
// nor is a review date moved out of the window: a review sets the next one.
std::optional<LifecycleFinding> lost_checklist_finding(const record::Record& old,
                                                       const record::Record& now,
                                                       const record::LintConfig& checklist) {
    auto gate = record::acceptance(now, checklist);
    if (gate.errors.empty())
        return std::nullopt;
    std::set<std::pair<std::string, std::string>> missed;
    for (auto& d : record::acceptance(old, checklist).errors)
        missed.emplace(std::move(d.rule), std::move(d.message));
    std::erase_if(gate.errors, [&](const util::Diagnostic& d) {
        return missed.count({d.rule, d.message}) ||
               (d.rule == "review-date" && now.review_date.has_value());
    });
    if (gate.errors.empty())
        return std::nullopt;
    LifecycleFinding f;
    f.kind = LifecycleFinding::Kind::IncompleteAcceptance;
    f.id = now.id;
    f.path = now.path;
    f.line = now.position_of("status").line;
    f.message = now.id + " is accepted, and this change leaves its checklist incomplete";
    f.fix = "restore what is listed, or record a new decision that supersedes it: git decision "
            "new --supersedes " +
            now.id;
    f.details = std::move(gate.errors);
    return f;
}

// What changing `old` into `now` (the same decision, another file text) does against the
// lifecycle.
void judge_change(const record::Record& old, const record::Record& now,
                  const record::LintConfig& checklist, std::vector<LifecycleFinding>& out) {
    if (old.status != record::Status::Accepted && now.status == record::Status::Accepted &&
        record::transition_allowed(old.status, now.status))
        if (auto f = acceptance_finding(now, checklist))
            out.push_back(std::move(*f));
    const std::string from(record::to_string(old.status)), to(record::to_string(now.status));
    if (old.status != now.status && !record::transition_allowed(old.status, now.status)) {
        LifecycleFinding f;
        f.kind = LifecycleFinding::Kind::IllegalTransition;
        f.id = old.id;
        f.path = now.path;
        f.line = now.position_of("status").line;
        f.message = old.id + " moved from " + from + " to " + to +
                    ", which the lifecycle does not allow (proposed -> accepted | rejected; "
                    "accepted -> superseded | deprecated)";
        f.fix = "restore status = \"" + from +
                "\" and change it with git decision status / git decision supersede, or "
                "record a new decision";
        out.push_back(std::move(f));
    }
    if (old.status != record::Status::Accepted)
        return;
    if (record::normative_hash(old) == record::normative_hash(now)) {
        // Only what is not normative changed (links, stances, the review date): the
        // approvals stand, so what acceptance required must still be met.
        if (now.status == record::Status::Accepted)
            if (auto f = lost_checklist_finding(old, now, checklist))
                out.push_back(std::move(*f));
    } else {
        LifecycleFinding f;
        f.kind = LifecycleFinding::Kind::EditedAccepted;
        f.id = old.id;
        f.path = now.path;
        f.message = old.id + " was accepted and its normative content changed (everything "
                             "but status, review_date, links and stances); its approvals are "
                             "now stale";
        f.fix = "revert the edit, or record a new decision that supersedes it: git decision "
                "new ... then git decision supersede " +
                old.id + " --by <new ID>";
        out.push_back(std::move(f));
    }
}

// The finding for a record that was past proposed and is gone after the change: deleted, or
// no longer read as a record (it does not parse, or is over the size bound). Either would
// let it come back as new, past the rules for its status and content.
LifecycleFinding removed_finding(const record::Record& old, const record::Catalog& after) {
    LifecycleFinding f;
    f.kind = LifecycleFinding::Kind::IllegalTransition;
    f.id = old.id;
    f.path = old.path;
    const std::string status(record::to_string(old.status));
    auto unread = std::find_if(after.diagnostics.begin(), after.diagnostics.end(),
                               [&](const util::Diagnostic& d) {
                                   return d.file == old.path && d.severity == util::Severity::Error;
                               });
    if (unread != after.diagnostics.end()) {
        f.line = unread->line;
        f.message =
            old.id + " was " + status + " and is no longer a readable record: " + unread->message;
        f.fix = "repair the file (git decision check shows where)";
    } else {
        f.message = old.id + " was " + status +
                    " and this change deletes it; a decision leaves the log only by its status";
        f.fix = "restore it" + std::string(old.status == record::Status::Accepted
                                               ? ", and retire it with git decision status " +
                                                     old.id + " deprecated (or supersede it)"
                                               : "");
    }
    return f;
}

} // namespace

std::vector<LifecycleFinding> lifecycle_findings(const record::Catalog& before,
                                                 const record::Catalog& after,
                                                 const record::LintConfig& checklist) {
    std::vector<LifecycleFinding> out;
    std::unordered_multimap<std::string_view, const record::Record*> by_id;
    for (const auto& r : after.records)
        by_id.emplace(r.id, &r);
    std::unordered_set<std::string_view> before_paths;
    for (const auto& r : before.records)
        before_paths.insert(r.path);
    std::unordered_set<const record::Record*> judged; // after-records with a before-record
    for (const auto& old : before.records) {
        // Its record after the change: at its path, or at a path that held no record (a
        // rename); every such copy, so a duplicate cannot stand in for an edited one.
        bool found = false;
        auto [first, last] = by_id.equal_range(old.id);
        for (auto it = first; it != last; ++it) {
            const record::Record* now = it->second;
            if (now->path != old.path && before_paths.count(now->path))
                continue;
            found = true;
            judged.insert(now);
            if (now->text != old.text) // an unchanged file changes nothing
                judge_change(old, *now, checklist, out);
        }
        if (!found && old.status != record::Status::Proposed)
            out.push_back(removed_finding(old, after));
    }
    for (const auto& now : after.records) // new records that arrive accepted
        if (!judged.count(&now) && now.status == record::Status::Accepted)
            if (auto f = acceptance_finding(now, checklist))
                out.push_back(std::move(*f));
    return out;
}

bool brought_by_merged_branch(const git::History& history, const std::string& first,
                              const std::string& other, const std::string& path,
                              const std::optional<std::string>& merged) {
    const git::Repository& repo = history.repository();
    auto at = [&](const std::string& rev) {
        return repo.read_file_at(rev, path, util::k_max_record_bytes);
    };
    auto theirs = at(other);
    if (!theirs || *theirs != merged)
        return false;
    auto base = history.merge_base(first, other);
    if (!base)
        return false;
    auto before = at(*base);
    auto ours = at(first);
    return before && ours && *before == *ours;
}

util::Result<std::vector<LifecycleFinding>>
lifecycle_of_files(const std::vector<std::string>& changed, const ReadSide& before,
                   const ReadSide& after, const record::LintConfig& checklist) {
    std::vector<util::SourceFile> old_files, new_files;
    auto read = [](const ReadSide& side, const std::string& path,
                   std::vector<util::SourceFile>& out) -> util::Result<void> {
        auto text = side(path);
        if (!text && text.error().kind != util::ErrorKind::Check)
            return tl::unexpected(text.error());
        if (!text)
            out.push_back({path, "", true});
        else if (*text)
            out.push_back({path, std::move(**text), false});
        return {};
    };
    for (const auto& path : changed) {
        if (!record::is_record_file(path))
            continue;
        TRY(read(before, path, old_files));
        TRY(read(after, path, new_files));
    }
    if (old_files.empty() && new_files.empty())
        return std::vector<LifecycleFinding>{};
    return lifecycle_findings(record::load(old_files), record::load(new_files), checklist);
}

} // namespace decision::check
