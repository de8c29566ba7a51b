#include "decision/check/provenance.hpp"

#include "decision/check/approvals.hpp"
#include "decision/link/provenance.hpp"
#include "decision/util/text.hpp"

#include <algorithm>

namespace decision::check {

namespace {

// Reverts of reverts and picks of picks followed this deep.
constexpr int k_max_depth = 4;

void add_link(link::CommitLinks& links, const std::string& id, link::Via via) {
    if (!links.links(id))
        links.decisions.push_back({id, via});
}

util::Result<void> follow(const git::History& history,
                          const std::map<std::string, std::string>& notes,
                          const std::string& message, const policy::Policy& policy,
                          link::CommitLinks& links, Followed& out, int depth) {
    auto named = link::provenance(message);
    auto links_of = [&](const std::string& rev, link::CommitLinks& found,
                        std::string& id) -> util::Result<bool> {
        auto commit = history.commit(rev);
        if (!commit) {
            out.warnings.push_back("commit " + util::sanitize(rev) +
                                   ", named in the message, is not in this repository; its "
                                   "links were not followed");
            return false;
        }
        id = commit->id;
        auto note = notes.find(commit->id);
        found = commit_links(*commit, note == notes.end() ? nullptr : &note->second, policy);
        if (depth + 1 < k_max_depth) {
            TRY(follow(history, notes, commit->message, policy, found, out, depth + 1));
        }
        return true;
    };
    for (const auto& rev : named.cherry_picked_from) {
        link::CommitLinks original;
        std::string id;
        TRY_ASSIGN(auto found, links_of(rev, original, id));
        if (!found)
            continue;
        for (const auto& d : original.decisions)
            add_link(links, d.id, link::Via::CherryPick);
    }
    for (const auto& rev : named.reverts) {
        link::CommitLinks reverted;
        std::string id;
        TRY_ASSIGN(auto found, links_of(rev, reverted, id));
        if (!found)
            continue;
        for (const auto& d : reverted.decisions) {
            add_link(links, d.id, link::Via::Rollback);
            if (depth == 0) // what the commit checked reverts, not what that one reverted
                out.rollbacks.push_back({d.id, id});
        }
    }
    return {};
}

} // namespace

bool may_follow(std::string_view message) {
    return message.find("This reverts commit ") != std::string_view::npos ||
           message.find("(cherry picked from commit ") != std::string_view::npos;
}

util::Result<Followed> follow_provenance(const git::History& history,
                                         const std::map<std::string, std::string>& notes,
                                         const std::string& message, const policy::Policy& policy,
                                         link::CommitLinks& links) {
    Followed out;
    if (!may_follow(message))
        return out;
    TRY(follow(history, notes, message, policy, links, out, 0));
    return out;
}

void settle_rollbacks(Followed& followed, const record::Catalog& records,
                      link::CommitLinks& links) {
    std::erase_if(followed.rollbacks, [&](const Followed::Rollback& r) {
        const record::Record* rec = records.find(r.decision);
        if (rec && rec->status == record::Status::Accepted)
            return false;
        // Not in force: the revert is judged like any change (unless linked otherwise).
        auto it = std::find_if(links.decisions.begin(), links.decisions.end(),
                               [&](const link::DecisionRef& d) {
                                   return d.id == r.decision && d.via == link::Via::Rollback;
                               });
        if (it != links.decisions.end())
            links.decisions.erase(it);
        followed.warnings.push_back(
            "reverts " + util::short_id(r.reverted) + ", linked to " + r.decision + ", which is " +
            (rec ? std::string(record::to_string(rec->status)) : std::string("not a record")) +
            " here: not a rollback under it");
        return true;
    });
}

void report_provenance(const Followed& followed, gate::Coverage& coverage) {
    std::vector<std::string> said;
    for (const auto& r : followed.rollbacks) {
        bool covers = std::any_of(coverage.paths.begin(), coverage.paths.end(),
                                  [&](const gate::PathFinding& p) {
                                      return std::find(p.covered_by.begin(), p.covered_by.end(),
                                                       r.decision) != p.covered_by.end();
                                  });
        std::string line =
            "rollback of " + r.decision + " (reverts " + util::short_id(r.reverted) + ")";
        if (covers && std::find(said.begin(), said.end(), line) == said.end()) {
            said.push_back(line);
            coverage.warnings.push_back(line);
        }
    }
    coverage.warnings.insert(coverage.warnings.end(), followed.warnings.begin(),
                             followed.warnings.end());
}

} // namespace decision::check
