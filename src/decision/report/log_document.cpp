#include "decision/report/log_document.hpp"

#include "decision/check/approvals.hpp"
#include "decision/git/history.hpp"
#include "decision/link/links.hpp"
#include "decision/record/normative.hpp"
#include "decision/report/commit_view.hpp"
#include "decision/report/record_view.hpp"

#include <map>

namespace decision::report {

using nlohmann::json;

namespace {
// Each approval found in history for a decision, with whether it binds the record's
// content as it is now ("fresh") or an older one ("stale").
json approvals_json(const record::Record& r, const std::vector<gate::Approval>& found,
                    const policy::Policy& policy) {
    json out = json::array();
    const std::string hash = record::normative_hash(r);
    for (const auto& a : found)
        out.push_back({{"by", a.email},
                       {"name", a.name},
                       {"roles", policy.roles_of(a.email)},
                       {"commit", a.commit},
                       {"state", a.normative_hash == hash ? "fresh" : "stale"}});
    return out;
}
} // namespace

util::Result<json> log_document(const git::Repository& repo, const record::Catalog& catalog,
                                const policy::Policy& policy, const std::string& tip) {
    json links = json::array();
    std::map<std::string, std::vector<std::string>> commits_of;       // decision -> commits
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
        json item = to_json(r);
        item["commits"] = commits_of[r.id];
        item["approvals"] = approvals_json(r, approvals_of[r.id], policy);
        records.push_back(std::move(item));
    }
    return json{{"version", 1},
                {"revision", tip.empty() ? json(nullptr) : json(tip)},
                {"records", std::move(records)},
                {"links", std::move(links)}};
}

} // namespace decision::report
