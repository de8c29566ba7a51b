// git decision status / supersede: lifecycle moves, each file rewritten atomically.

#include "decision/record/edit.hpp"
#include "decision/record/lint.hpp"
#include "decision/record/parse.hpp"
#include "decision/report/coverage_view.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>

namespace cli {

using namespace decision;
using util::ErrorKind;
using util::fail;

namespace {
Result<void> write_record(Context& ctx, const record::Record& r, const std::string& text) {
    return util::write_file_atomic(ctx.repo->workdir() / r.path, text);
}

// "superseded or deprecated"; empty for a final status.
std::string allowed_from(record::Status from) {
    std::string out;
    for (std::size_t i = 0; i < record::status_names().size(); ++i)
        if (record::transition_allowed(from, static_cast<record::Status>(i)))
            out += (out.empty() ? "" : " or ") + record::status_names()[i];
    return out;
}
// Whether `rec` may become accepted: its checklist complete (record::acceptance), or what
// is missing let through by [checklist] relax, which is said. A refusal lists each missing
// item as "file:line:col: item: what to fix".
bool accepting(Context& ctx, const record::Record& rec, const policy::Policy& policy) {
    auto gate = record::acceptance(rec, policy.lint);
    if (!gate.ok()) {
        ctx.err << "git-decision: error: " << rec.id
                << " cannot be accepted: its checklist is incomplete\n";
        for (const auto& d : gate.errors)
            ctx.err << "  " << util::sanitize(report::checklist_line(d)) << "\n";
        ctx.err << "Complete these (git decision check lists them), then run git decision "
                   "status "
                << rec.id << " accepted again.\n";
        return false;
    }
    if (!gate.notes.empty()) {
        ctx.err << "git-decision: note: " << rec.id
                << " is accepted with its checklist incomplete, as the policy allows for "
                << record::to_string(rec.category) << " ([checklist] relax):\n";
        for (const auto& d : gate.notes)
            ctx.err << "  " << util::sanitize(report::checklist_line(d)) << "\n";
    }
    return true;
}
} // namespace

Action setup_status(CLI::App& app) {
    auto id = std::make_shared<std::string>();
    auto status = std::make_shared<std::string>();
    app.description("Move a record along its lifecycle: proposed -> accepted | rejected; "
                    "accepted -> deprecated (use supersede for superseded).");
    app.add_option("id", *id, "Decision ID")->required();
    app.add_option("status", *status, "The new status")->required();
    return [id, status](Context& ctx) -> Result<int> {
        auto to = record::parse_status(*status);
        if (!to) {
            std::string msg = "unknown status '" + util::sanitize(*status) + "'";
            if (auto hint = util::closest(*status, record::status_names()))
                msg += "; did you mean '" + *hint + "'?";
            return fail(ErrorKind::Usage,
                        msg + " (one of: proposed, accepted, rejected, superseded, deprecated)");
        }
        TRY_ASSIGN(auto rec, ctx.record(*id));
        if (rec.status == *to) {
            ctx.out << rec.id << " is already " << record::to_string(*to) << "\n";
            return 0;
        }
        if (*to == record::Status::Superseded)
            return fail(ErrorKind::Usage, "use git decision supersede " + rec.id +
                                              " --by <ID>, so the successor "
                                              "records what it replaces");
        if (!record::transition_allowed(rec.status, *to)) {
            std::string from(record::to_string(rec.status));
            std::string target(record::to_string(*to));
            if (allowed_from(rec.status).empty())
                return fail(ErrorKind::Check, rec.id + " is " + from +
                                                  ", which is final; it cannot become " + target +
                                                  " (record a new decision with git decision "
                                                  "new)");
            return fail(ErrorKind::Check, rec.id + " is " + from + "; it can move to " +
                                              allowed_from(rec.status) + ", not " + target);
        }
        if (*to == record::Status::Accepted) {
            TRY_ASSIGN(auto policy, ctx.policy());
            if (!accepting(ctx, rec, policy))
                return 1;
        }
        TRY_ASSIGN(auto text, record::with_status(rec, *to));
        TRY(write_record(ctx, rec, text));
        ctx.out << rec.id << ": " << record::to_string(rec.status) << " -> "
                << record::to_string(*to) << "\n";
        return 0;
    };
}

Action setup_supersede(CLI::App& app) {
    auto old_id = std::make_shared<std::string>();
    auto new_id = std::make_shared<std::string>();
    app.description(
        "Mark an accepted record superseded by another accepted record, which lists it in "
        "supersedes.");
    app.add_option("old", *old_id, "The decision being replaced")->required();
    app.add_option("--by", *new_id, "The decision that replaces it")->required();
    return [old_id, new_id](Context& ctx) -> Result<int> {
        TRY_ASSIGN(auto old_rec, ctx.record(*old_id));
        TRY_ASSIGN(auto new_rec, ctx.record(*new_id));
        if (old_rec.id == new_rec.id)
            return fail(ErrorKind::Usage, "a decision cannot supersede itself");
        if (old_rec.status != record::Status::Accepted)
            return fail(ErrorKind::Check, old_rec.id + " is " +
                                              std::string(record::to_string(old_rec.status)) +
                                              "; only accepted decisions can be superseded");
        if (new_rec.status == record::Status::Proposed)
            return fail(ErrorKind::Check,
                        new_rec.id + " is proposed; accept it first: git decision status " +
                            new_rec.id + " accepted");
        if (new_rec.status != record::Status::Accepted)
            return fail(ErrorKind::Check, new_rec.id + " is " +
                                              std::string(record::to_string(new_rec.status)) +
                                              "; only an accepted decision can supersede another");
        for (const auto& s : old_rec.supersedes)
            if (s == new_rec.id)
                return fail(ErrorKind::Check, old_rec.id + " already supersedes " + new_rec.id +
                                                  "; superseding it back would make a cycle");
        // Naming the predecessor in `supersedes` changes the successor's normative content:
        // fine while its acceptance is not committed, refused by the hooks once it is.
        if (std::find(new_rec.supersedes.begin(), new_rec.supersedes.end(), old_rec.id) ==
                new_rec.supersedes.end() &&
            ctx.repo->has_commits()) {
            TRY_ASSIGN(auto committed,
                       ctx.repo->read_file_at("HEAD", new_rec.path, util::k_max_record_bytes));
            if (committed) {
                auto parsed = record::parse(*committed, new_rec.path);
                if (parsed.record && parsed.record->status == record::Status::Accepted)
                    return fail(ErrorKind::Check,
                                new_rec.id + " was committed as accepted without naming " +
                                    old_rec.id +
                                    " in supersedes, and accepted content cannot change (its "
                                    "approvals would go stale). Retire " +
                                    old_rec.id + " with git decision status " + old_rec.id +
                                    " deprecated, or record its successor with git decision new "
                                    "--supersedes " +
                                    old_rec.id);
            }
        }
        TRY_ASSIGN(auto new_text, record::with_supersedes(new_rec, old_rec.id));
        TRY_ASSIGN(auto old_text, record::with_status(old_rec, record::Status::Superseded));
        TRY(write_record(ctx, new_rec, new_text));
        TRY(write_record(ctx, old_rec, old_text));
        ctx.out << old_rec.id << " is superseded by " << new_rec.id << "\n";
        return 0;
    };
}

} // namespace cli
