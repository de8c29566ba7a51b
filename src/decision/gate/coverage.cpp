#include "decision/gate/coverage.hpp"

#include "decision/record/normative.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <cctype>

namespace decision::gate {

util::Result<CompiledPolicy> CompiledPolicy::compile(const policy::Policy& policy) {
    CompiledPolicy out;
    out.m_policy = policy;
    for (const auto& rule : policy.rules) {
        auto set = util::PathSet::compile(rule.paths, policy.ignore_case);
        if (!set)
            return util::fail(util::ErrorKind::Check,
                              "policy rule '" + rule.name + "': " + set.error().message);
        out.m_sets.push_back(std::move(*set));
    }
    return out;
}

std::vector<const policy::Rule*> CompiledPolicy::rules_for(std::string_view path) const {
    std::vector<const policy::Rule*> out;
    for (std::size_t i = 0; i < m_sets.size(); ++i)
        if (m_sets[i].matches(path))
            out.push_back(&m_policy.rules[i]);
    return out;
}

bool CompiledPolicy::may_govern_under(const std::string& dir) const {
    return std::any_of(m_sets.begin(), m_sets.end(),
                       [&](const util::PathSet& s) { return s.may_match_under(dir); });
}

bool trusted(const link::SignOff& signoff, const Actor& actor, const policy::Policy& policy) {
    switch (policy.trust) {
    case policy::Trust::Any:
        return true;
    case policy::Trust::Signed:
        return !actor.signer.empty() && util::iequals(signoff.who.email, actor.signer);
    case policy::Trust::Committer:
        return util::iequals(signoff.who.email, actor.committer_email);
    }
    return false;
}

bool Coverage::ok() const {
    return waived ||
           std::all_of(paths.begin(), paths.end(), [](const PathFinding& p) { return p.covered; });
}

std::vector<Approval> approvals_in(const link::CommitLinks& links, const Actor& actor,
                                   const std::string& commit, const record::Catalog& records,
                                   const policy::Policy& policy, HashMemo* memo) {
    HashMemo local;
    HashMemo& hashes = memo ? *memo : local;
    std::vector<Approval> out;
    for (const auto& s : links.signoffs) {
        if (s.who.email.empty() || !trusted(s, actor, policy))
            continue;
        for (const auto& d : links.decisions) {
            // The approver's own message must name the decision: a note links a commit to
            // a decision but never turns its sign-offs into an approval.
            if (d.via != link::Via::Trailer)
                continue;
            const record::Record* r = records.find(d.id);
            if (!r)
                continue;
            auto it = hashes.find(r);
            if (it == hashes.end())
                it = hashes.emplace(r, record::normative_hash(*r)).first;
            out.push_back({d.id, util::to_lower(s.who.email), s.who.name, commit, it->second});
        }
    }
    return out;
}

namespace {

bool allowed(const policy::Rule& rule, const record::Record& r) {
    bool category_ok = rule.categories.empty() ||
                       std::find(rule.categories.begin(), rule.categories.end(), r.category) !=
                           rule.categories.end();
    bool status_ok =
        std::find(rule.statuses.begin(), rule.statuses.end(), r.status) != rule.statuses.end();
    return category_ok && status_ok;
}

bool in_scope(const record::Record& r, std::string_view path, bool ignore_case) {
    auto set = util::PathSet::compile(r.scope.paths, ignore_case);
    return set && set->matches(path);
}

std::string statuses_text(const policy::Rule& rule) {
    std::vector<std::string> s;
    for (auto st : rule.statuses)
        s.emplace_back(record::to_string(st));
    return util::join(s, " or ");
}

std::string categories_text(const policy::Rule& rule) {
    std::vector<std::string> s;
    for (auto c : rule.categories)
        s.emplace_back(record::to_string(c));
    return util::join(s, ", ");
}

const char* trust_name(policy::Trust t) {
    switch (t) {
    case policy::Trust::Any:
        return "any";
    case policy::Trust::Committer:
        return "committer";
    case policy::Trust::Signed:
        return "signed";
    }
    return "";
}

// Why a sign-off trailer of the commit being checked gave `role` no approval: the approver
// does not hold the role, or the trust mode does not accept it. Empty when it should count.
std::string ignored_because(const link::SignOff& s, const std::string& role,
                            const std::vector<std::string>& holders, const policy::Rule& rule,
                            const CoverageInput& in, const policy::Policy& pol) {
    std::string who = "'" + s.key + ": " + util::sanitize(s.who.email) + "' in this commit";
    if (s.who.email.empty())
        return who + " names no email, so it counts for no role";
    if (std::find(holders.begin(), holders.end(), util::to_lower(s.who.email)) == holders.end()) {
        auto roles = pol.roles_of(s.who.email);
        if (std::any_of(roles.begin(), roles.end(), [&](const std::string& r) {
                return std::find(rule.signoffs.begin(), rule.signoffs.end(), r) !=
                       rule.signoffs.end();
            }))
            return ""; // it is for another role this rule requires
        return who + " does not count for role '" + role + "': " + util::sanitize(s.who.email) +
               " does not hold it ([roles] " + role + " = " +
               (holders.empty() ? std::string("[]") : util::join(holders)) + ")";
    }
    if (trusted(s, in.actor, pol))
        return "";
    std::string mode = std::string("trust mode '") + trust_name(pol.trust) + "'";
    if (pol.trust == policy::Trust::Signed)
        return who + " does not count: " + mode + " needs the commit signed by the approver" +
               (!in.actor.signer.empty() ? " (it is signed by someone else)"
                                         : " (it is not signed)");
    return who + " does not count: " + mode +
           " needs the approver to author or commit it (author " +
           util::sanitize(in.actor.author_email) + ", committer " +
           util::sanitize(in.actor.committer_email) + "); let them run: git decision approve";
}

// Checks one linked, in-scope, allowed decision for the rule's sign-offs; fills the
// problems and fixes when some are missing.
bool signed_off(const record::Record& r, const policy::Rule& rule, const policy::Policy& pol,
                const CoverageInput& in, PathFinding& f) {
    std::span<const Approval> approvals = in.approvals;
    HashMemo* hashes = in.hashes;
    HashMemo local;
    auto [known, added] = (hashes ? *hashes : local).try_emplace(&r);
    if (added)
        known->second = record::normative_hash(r);
    const std::string& current = known->second;
    bool all = true;
    for (const auto& role : rule.signoffs) {
        auto holders_it = pol.roles.find(role);
        const std::vector<std::string> none;
        const auto& holders = holders_it == pol.roles.end() ? none : holders_it->second;
        bool fresh = false;
        const Approval* stale = nullptr;
        for (const auto& a : approvals) {
            if (a.decision_id != r.id ||
                std::find(holders.begin(), holders.end(), a.email) == holders.end())
                continue;
            if (a.normative_hash == current)
                fresh = true;
            else if (!stale)
                stale = &a;
        }
        if (fresh)
            continue;
        all = false;
        if (stale)
            f.problems.push_back(r.id + ": the approval by " + stale->email + " (" +
                                 (stale->commit.empty() ? std::string("this commit")
                                                        : util::short_id(stale->commit)) +
                                 ") is stale: the decision's content changed since; role '" + role +
                                 "' must approve again");
        else
            f.problems.push_back(r.id + " has no approval from role '" + role + "'" +
                                 (holders.empty()
                                      ? " (nobody holds it: add emails under [roles] in the policy)"
                                      : " (" + util::join(holders) + ")"));
        for (const auto& s : in.links.signoffs)
            if (auto why = ignored_because(s, role, holders, rule, in, pol); !why.empty())
                f.problems.push_back(why);
        if (!holders.empty())
            f.fixes.push_back("as " + holders.front() + ": git decision approve " + r.id +
                              "   (or the trailer 'Approved-by: Name <" + holders.front() +
                              ">' in a commit by them)");
    }
    return all;
}

} // namespace

std::vector<std::string> model_version_warnings(const link::CommitLinks& links,
                                                const record::Catalog& records) {
    auto plain = [](std::string_view v) {
        return std::string(v.size() > 1 && v[0] == 'v' &&
                                   std::isdigit(static_cast<unsigned char>(v[1]))
                               ? v.substr(1)
                               : v);
    };
    std::vector<std::string> out;
    for (const auto& m : links.models) {
        for (const auto& d : links.decisions) {
            const record::Record* r = records.find(d.id);
            if (!r)
                continue;
            bool lists_model = false, lists_version = false;
            for (const auto& listed : r->models)
                if (listed.name == m.name) {
                    lists_model = true;
                    lists_version = lists_version || plain(listed.version) == plain(m.version);
                }
            bool scoped = std::find(r->scope.models.begin(), r->scope.models.end(), m.name) !=
                          r->scope.models.end();
            if (lists_version || (!lists_model && scoped))
                continue;
            std::string listed;
            for (const auto& x : r->models)
                if (x.name == m.name)
                    listed += (listed.empty() ? "" : ", ") + util::sanitize(x.name) + "@" +
                              util::sanitize(x.version);
            out.push_back(
                "'Model-Version: " + util::sanitize(m.name) + "@" + util::sanitize(m.version) +
                "' names a version " + r->id + " does not list under [[models]] (" +
                (listed.empty() ? std::string("it lists no version of ") + util::sanitize(m.name)
                                : "it lists " + listed) +
                "); add it there, or link the decision that covers it");
        }
    }
    return out;
}

Coverage evaluate(const CompiledPolicy& compiled, const CoverageInput& in) {
    const policy::Policy& pol = compiled.policy();
    Coverage out;
    for (const auto& id : in.links.malformed)
        out.warnings.push_back("'Decision: " + util::sanitize(id) + "' is not a decision ID like " +
                               pol.id_prefix + "-0042; ignored");
    for (const auto& d : in.links.decisions)
        if (!in.records->find(d.id))
            out.warnings.push_back("linked decision " + d.id + " does not exist");
    for (const auto& p : in.links.note_problems)
        out.warnings.push_back("note: " + p);
    for (const auto& w : model_version_warnings(in.links, *in.records))
        out.warnings.push_back(w);

    // A waiver needs the trailer and a trusted sign-off from a waiver role.
    if (!in.links.waivers.empty()) {
        for (const auto& s : in.links.signoffs) {
            if (!trusted(s, in.actor, pol))
                continue;
            auto roles = pol.roles_of(s.who.email);
            bool may_waive = std::any_of(roles.begin(), roles.end(), [&](const std::string& r) {
                return std::find(pol.waiver_roles.begin(), pol.waiver_roles.end(), r) !=
                       pol.waiver_roles.end();
            });
            if (may_waive) {
                out.waived = true;
                out.waiver_reason = in.links.waivers.front();
                out.waiver_by = s.who.email;
                break;
            }
        }
        if (!out.waived)
            out.warnings.push_back("the " + pol.waiver_trailer +
                                   " trailer needs a trusted sign-off from a role in "
                                   "[waivers] roles (" +
                                   util::join(pol.waiver_roles) + "); it was not honoured");
    }

    std::vector<std::string> overdue_reported;
    for (const auto& path : in.changed_paths) {
        for (const policy::Rule* rule : compiled.rules_for(path)) {
            PathFinding f;
            f.path = path;
            f.rule = rule->name;
            std::vector<std::string> tried;
            for (const auto& d : in.links.decisions) {
                const record::Record* r = in.records->find(d.id);
                if (!r)
                    continue;
                if (!in_scope(*r, path, pol.ignore_case)) {
                    tried.push_back(d.id + " does not cover this path (its scope: " +
                                    (r->scope.paths.empty() ? std::string("none")
                                                            : util::join(r->scope.paths)) +
                                    ")");
                    continue;
                }
                if (!allowed(*rule, *r)) {
                    tried.push_back(d.id + " is " + std::string(record::to_string(r->status)) +
                                    " " + std::string(record::to_string(r->category)) + "; rule '" +
                                    rule->name + "' needs " + statuses_text(*rule) +
                                    (rule->categories.empty() ? "" : " " + categories_text(*rule)));
                    continue;
                }
                if (signed_off(*r, *rule, pol, in, f)) {
                    f.covered = true;
                    f.covered_by.push_back(d.id);
                    if (r->review_date && *r->review_date < in.today &&
                        std::find(overdue_reported.begin(), overdue_reported.end(), r->id) ==
                            overdue_reported.end()) {
                        overdue_reported.push_back(r->id);
                        out.warnings.push_back(r->id + " is past its review date (" +
                                               record::to_string(*r->review_date) +
                                               "); review it: git decision review");
                    }
                }
            }
            if (!f.covered) {
                f.problems.insert(f.problems.begin(), tried.begin(), tried.end());
                if (in.links.decisions.empty())
                    f.problems.insert(f.problems.begin(), "no decision is linked to this change");
                std::vector<std::string> candidates;
                for (const auto& r : in.records->records)
                    if (allowed(*rule, r) && in_scope(r, path, pol.ignore_case))
                        candidates.push_back(r.id);
                // A commit that exists already is linked by a note; one being made, by its
                // message.
                auto link_fix = [&](const std::string& id) {
                    return in.commit.empty() ? "add the trailer 'Decision: " + id + "'"
                                             : "link it: git decision link " +
                                                   util::short_id(in.commit) + " " + id;
                };
                // A linked decision in scope whose category fits and whose status does not
                // yet: accepting it is the fix, not a new decision.
                const record::Record* pending = nullptr;
                for (const auto& d : in.links.decisions)
                    if (const record::Record* r = in.records->find(d.id);
                        r && !pending && in_scope(*r, path, pol.ignore_case) &&
                        (rule->categories.empty() ||
                         std::find(rule->categories.begin(), rule->categories.end(), r->category) !=
                             rule->categories.end()) &&
                        !allowed(*rule, *r))
                        pending = r;
                if (!candidates.empty() && !in.links.links(candidates.front()))
                    f.fixes.insert(f.fixes.begin(), link_fix(candidates.front()) +
                                                        " (decisions covering this path: " +
                                                        util::join(candidates) + ")");
                else if (pending)
                    f.fixes.insert(
                        f.fixes.begin(),
                        "if " + pending->id + " was decided, record it: git decision status " +
                            pending->id + " " +
                            (rule->statuses.empty()
                                 ? std::string("accepted")
                                 : std::string(record::to_string(rule->statuses.front()))) +
                            (rule->signoffs.empty()
                                 ? std::string()
                                 : ", then the approvals: git decision approve " + pending->id +
                                       " (by " + util::join(rule->signoffs) + ")"));
                else if (candidates.empty())
                    f.fixes.insert(
                        f.fixes.begin(),
                        "record a decision that covers it: git decision new --category \"" +
                            (rule->categories.empty()
                                 ? std::string("MODEL SELECTION")
                                 : std::string(record::to_string(rule->categories[0]))) +
                            "\" --title \"...\" (scope.paths must match " + path + "), get it " +
                            statuses_text(*rule) + ", then " +
                            (in.commit.empty()
                                 ? std::string("link it with 'Decision: <ID>'")
                                 : "git decision link " + util::short_id(in.commit) + " <ID>"));
            }
            out.paths.push_back(std::move(f));
        }
    }
    if (out.waived && !out.paths.empty())
        out.warnings.push_back("waived by " + out.waiver_by + ": " +
                               util::sanitize(out.waiver_reason));
    return out;
}

} // namespace decision::gate
