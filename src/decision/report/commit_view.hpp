#pragma once
// How a commit's links look to people and programs: the decisions it is tied to (resolved
// against the records, unknown IDs said to be unknown), its sign-offs with the approvers'
// roles, and the model versions it names. Shared by `show <commit>`, `log` and `blame`.

#include "decision/git/history.hpp"
#include "decision/link/links.hpp"
#include "decision/policy/policy.hpp"
#include "decision/record/catalog.hpp"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace decision::report {

// What is shown of one commit; fields hold repository text, sanitized when rendered.
struct LinkedCommit {
    std::string id; // full hex
    std::string title;
    std::string author_name;
    std::string author_email;
    std::string date; // YYYY-MM-DD in the author's time zone
    link::CommitLinks links;
};

// The view of `commit` with its `links`.
LinkedCommit linked_commit(const git::CommitInfo& commit, link::CommitLinks links);

// The first line of a commit message (leading blank lines skipped, CR dropped).
std::string title_of(const std::string& message);
// "YYYY-MM-DD" of `time` (seconds since the epoch) at `offset` minutes east of UTC.
std::string short_date(std::int64_t time, int offset);

// {"commit","title","author":{"name","email"},"date","decisions":[...],"signoffs":[...],
//  "models":[...]}; decisions carry "known" and, when known, title/category/status/owner.
nlohmann::json to_json(const LinkedCommit& c, const record::Catalog& records,
                       const policy::Policy& policy);

// The "Decisions:", "Sign-offs:" and "Model versions:" sections, each line indented by
// `indent` spaces.
std::string render_links(const LinkedCommit& c, const record::Catalog& records,
                         const policy::Policy& policy, std::size_t indent = 0);

// One sign-off as "Approved-by: Name <email> (role, role)" or "(no role)".
std::string render_signoff(const link::SignOff& s, const policy::Policy& policy);

} // namespace decision::report
