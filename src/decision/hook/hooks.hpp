#pragma once
// What each git hook does, as library functions the tiny mains in hooks/ call. Each
// returns the hook's exit code (0 lets git go on) or an error for main to print.

#include "decision/util/error.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace decision::git {
struct CommitInfo;
}
namespace decision::check {
struct CommitReport;
}

namespace decision::hook {

// pre-commit: validate the staged records; exits at once when no governed path and no
// record is staged.
util::Result<int> pre_commit(std::ostream& err);

// prepare-commit-msg <file> [<source> [<commit>]]: add `Decision:` for the active decision
// and list, as comments, the decisions covering the staged governed paths.
util::Result<int> prepare_commit_msg(const std::string& file, const std::string& source,
                                     std::ostream& err);

// commit-msg <file>: the staged change must be covered.
util::Result<int> commit_msg(const std::string& file, std::ostream& err);

// pre-push <remote> <url>, with "<local ref> <local oid> <remote ref> <remote oid>" lines
// on `in`: every commit being pushed that the remote lacks must be covered.
util::Result<int> pre_push(const std::string& remote, std::istream& in, std::ostream& err);

// What the check of one pushed commit `c` (reaching `ref`) found, for the pusher: what
// fails the push (errors, lifecycle refusals, uncovered changes) goes to `failures`; notes
// (a checklist the policy relaxes, taken out of `report.lifecycle`) and warnings (overdue
// reviews, stale pipelines, waivers) to `notes`. Returns whether the commit fails the
// push. pre-push and pre-receive share it.
bool report_pushed_commit(const git::CommitInfo& c, check::CommitReport& report,
                          std::string_view ref, std::ostream& failures, std::ostream& notes);

// pre-receive [--policy FILE] [--allow-no-policy], with "<old> <new> <ref>" lines on `in`
// (server side, inside git's quarantine): every commit a push adds to a ref `[enforce] refs`
// names must be covered under `policy_file`, or when empty under the policy in force before
// it (its first parent's; where that has none, the default branch's as it was before the
// push: docs/server.md). A push to such a ref that leaves no policy in force is rejected
// unless `allow_no_policy`. Writes no refs or objects; under GitLab (GL_ID set) rejection
// lines start `GL-HOOK-ERR: `.
util::Result<int> pre_receive(const std::string& policy_file, std::istream& in, std::ostream& err,
                              bool allow_no_policy = false);

// One line of pre-receive's input: a ref moving from `old_id` to `new_id` (40 or 64
// lowercase hex digits; all zeros for a creation or deletion).
struct RefUpdate {
    std::string old_id;
    std::string new_id;
    std::string ref;
};

// Reads one input line (without its '\n'): nullopt for a blank line, an ErrorKind::Git
// error for a line that is too long or not "<old> <new> <ref>".
util::Result<std::optional<RefUpdate>> parse_ref_update(std::string_view line);

} // namespace decision::hook
