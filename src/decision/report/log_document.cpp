#include "decision/report/log_document.hpp"

#include "decision/check/approval_status.hpp"
#include "decision/check/approvals.hpp"
#include "decision/git/history.hpp"
#include "decision/link/links.hpp"
#include "decision/report/commit_view.hpp"
#include "decision/report/record_view.hpp"

#include <map>

namespace decision::report {

using nlohmann::json;

util::Result<json> log_document(const git::Repository& repo, const record::Catalog& catalog,
                                const policy::Policy& policy, const std::string& tip) {
    json links = json::array();
    std::map<std::string, std::vector<std::string>> commits_of;      // decision -> commits
    std::map<std::string, std::vector<gate::Approval>> approvals_of; // decision -> approvals
    if (!tip.empty()) {
        git::History history(repo);
        TRY_ASSIGN(auto notes, history.notes(link::k_notes_ref));
        TRY(history.walk(
            {tip},
            [&](const git::CommitInfo& c) {
                auto note = notes.find(c.id);
                const std::string* note_text = note == notes.end() ? nullptr : &note->second;
                if (!check::may_link(c, note_text))
                    return true;
                auto found = check::commit_links(c, note_text, policy);
                if (found.decisions.empty())
                    return true;
                for (const auto& d : found.decisions)
                    commits_of[d.id].push_back(c.id);
                links.push_back(to_json(linked_commit(c, std::move(found)), catalog, policy));
                return true;
            },
            false, /*read_signatures=*/false)); // trust is weighed by history_approvals
        TRY_ASSIGN(auto approvals, check::history_approvals(repo, tip, policy));
        for (auto& a : approvals)
            approvals_of[a.decision_id].push_back(std::move(a));
    }
    json records = json::array();
    for (const auto& r : catalog.records) {
        // Where it stands, as show says it: approvals per required role and the checklist.
        auto standing = check::standing_of(r, policy, approvals_of[r.id]);
        if (!tip.empty())
            TRY(check::find_stale_since(repo, tip, r, standing.approvals));
        json item = to_json(r, standing);
        item["commits"] = commits_of[r.id];
        records.push_back(std::move(item));
    }
    return json{{"version", 1},
                {"revision", tip.empty() ? json(nullptr) : json(tip)},
                {"records", std::move(records)},
                {"links", std::move(links)}};
}

} // namespace decision::report
