#include "decision/check/approval_status.hpp"

#include "decision/git/history.hpp"
#include "decision/record/normative.hpp"
#include "decision/record/parse.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace decision::check {

const char* to_string(ApprovalState s) {
    switch (s) {
    case ApprovalState::Fresh:
        return "fresh";
    case ApprovalState::Stale:
        return "stale";
    case ApprovalState::Missing:
        return "missing";
    }
    return "";
}

std::string RoleApproval::by() const {
    if (name.empty())
        return email;
    return email.empty() ? name : name + " <" + email + ">";
}

namespace {

bool applies(const policy::Rule& rule, const record::Record& r) {
    return rule.categories.empty() || std::find(rule.categories.begin(), rule.categories.end(),
                                                r.category) != rule.categories.end();
}

const std::vector<std::string>& holders_of(const policy::Policy& policy, const std::string& role) {
    static const std::vector<std::string> none;
    auto it = policy.roles.find(role);
    return it == policy.roles.end() ? none : it->second;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

std::vector<std::string> required_roles(const record::Record& r, const policy::Policy& policy) {
    std::vector<std::string> out;
    for (const auto& rule : policy.rules)
        if (applies(rule, r))
            for (const auto& role : rule.signoffs)
                if (!contains(out, role))
                    out.push_back(role);
    return out;
}

std::vector<RoleApproval> approval_status(const record::Record& r, const policy::Policy& policy,
                                          std::span<const gate::Approval> approvals) {
    const std::string current = record::normative_hash(r);
    std::vector<RoleApproval> rows;
    for (const auto& role : required_roles(r, policy)) {
        const auto& holders = holders_of(policy, role);
        // Each holder's approval: a fresh one wins over a stale one.
        std::vector<const gate::Approval*> chosen;
        for (const auto& a : approvals) {
            if (a.decision_id != r.id || !contains(holders, a.email))
                continue;
            auto same = std::find_if(chosen.begin(), chosen.end(),
                                     [&](const gate::Approval* c) { return c->email == a.email; });
            if (same == chosen.end())
                chosen.push_back(&a);
            else if ((*same)->normative_hash != current && a.normative_hash == current)
                *same = &a;
        }
        bool fresh = std::any_of(chosen.begin(), chosen.end(), [&](const gate::Approval* a) {
            return a->normative_hash == current;
        });
        for (const gate::Approval* a : chosen) {
            RoleApproval row;
            row.role = role;
            row.state = a->normative_hash == current ? ApprovalState::Fresh : ApprovalState::Stale;
            row.name = a->name;
            row.email = a->email;
            row.commit = a->commit;
            if (!fresh)
                row.can_give = holders;
            rows.push_back(std::move(row));
        }
        if (chosen.empty()) {
            RoleApproval row;
            row.role = role;
            row.can_give = holders;
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

util::Result<void> find_stale_since(const git::Repository& repo, const std::string& tip,
                                    const record::Record& r, std::vector<RoleApproval>& rows) {
    git::History history(repo);
    // The normative hash of the record at each blob it had: most commits share one.
    std::map<std::string, std::optional<std::string>> by_blob;
    auto hash_at = [&](const git::CommitInfo& c) -> util::Result<std::optional<std::string>> {
        TRY_ASSIGN(auto blob, repo.object_id_at(c.tree.empty() ? c.id : c.tree, r.path));
        if (blob.empty())
            return std::nullopt;
        auto known = by_blob.find(blob);
        if (known != by_blob.end())
            return known->second;
        TRY_ASSIGN(auto text, repo.read_blob_id(blob, util::k_max_record_bytes));
        auto parsed = record::parse(text, r.path);
        std::optional<std::string> hash;
        if (parsed.record)
            hash = record::normative_hash(*parsed.record);
        by_blob.emplace(blob, hash);
        return hash;
    };
    std::map<std::string, std::string> hash_of_commit; // approving commit -> approved hash
    for (auto& row : rows) {
        if (row.state != ApprovalState::Stale || row.commit.empty())
            continue;
        TRY_ASSIGN(auto approving, history.commit(row.commit));
        TRY_ASSIGN(auto approved, hash_at(approving));
        if (!approved)
            continue;
        // Newest first: the run of commits whose record differs from what was approved
        // ends (going back) at the change that made the approval stale.
        std::string since;
        TRY(history.walk(
            {tip, "^" + row.commit},
            [&](const git::CommitInfo& c) -> util::Result<bool> {
                TRY_ASSIGN(auto hash, hash_at(c));
                if (!hash || *hash == *approved)
                    return false;
                since = c.id;
                return true;
            },
            false, /*read_signatures=*/false));
        row.stale_since = since;
    }
    return {};
}

std::vector<gate::Approval> approvals_without_role(const record::Record& r,
                                                   const policy::Policy& policy,
                                                   std::span<const gate::Approval> approvals) {
    auto required = required_roles(r, policy);
    std::vector<gate::Approval> out;
    for (const auto& a : approvals) {
        if (a.decision_id != r.id)
            continue;
        auto roles = policy.roles_of(a.email);
        bool counts = std::any_of(roles.begin(), roles.end(), [&](const std::string& role) {
            return contains(required, role);
        });
        bool listed = std::any_of(out.begin(), out.end(),
                                  [&](const gate::Approval& o) { return o.email == a.email; });
        if (!counts && !listed)
            out.push_back(a);
    }
    return out;
}

std::vector<StanceMismatch> stance_mismatches(const record::Record& r,
                                              std::span<const gate::Approval> approvals) {
    std::vector<StanceMismatch> out;
    for (const auto& s : r.stakeholders) {
        const gate::Approval* theirs = nullptr;
        for (const auto& a : approvals)
            if (a.decision_id == r.id && !s.name.empty() &&
                (util::iequals(util::trim(a.name), util::trim(s.name)) ||
                 util::iequals(a.email, util::trim(s.name)))) {
                theirs = &a;
                break;
            }
        if (s.stance == "approve" && !theirs)
            out.push_back({s.name, s.role, s.stance, false, ""});
        else if (theirs && s.stance != "approve")
            out.push_back({s.name, s.role, s.stance, true, theirs->commit});
    }
    return out;
}

Standing standing_of(const record::Record& r, const policy::Policy& policy,
                     std::span<const gate::Approval> approvals) {
    return {!policy.rules.empty(),
            required_roles(r, policy),
            approval_status(r, policy, approvals),
            approvals_without_role(r, policy, approvals),
            stance_mismatches(r, approvals),
            record::checklist(r, policy.lint)};
}

} // namespace decision::check
