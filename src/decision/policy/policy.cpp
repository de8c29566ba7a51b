#include "decision/policy/policy.hpp"

#include "decision/util/text.hpp"
#include "decision/util/toml_reader.hpp"

#include <algorithm>
#include <functional>

namespace decision::policy {

using util::Diagnostic;
using util::Severity;

std::vector<std::string> Policy::roles_of(std::string_view email) const {
    std::vector<std::string> out;
    std::string e = util::to_lower(util::trim(email));
    for (const auto& [role, emails] : roles)
        if (std::find(emails.begin(), emails.end(), e) != emails.end())
            out.push_back(role);
    return out;
}

std::vector<std::string> Policy::policy_signoffs() const {
    if (change_signoffs)
        return *change_signoffs;
    std::vector<std::string> out;
    for (const auto& rule : rules)
        for (const auto& role : rule.signoffs)
            if (std::find(out.begin(), out.end(), role) == out.end())
                out.push_back(role);
    return out;
}

namespace {

// One function per section of the file, each reading its table into the policy and
// reporting what does not fit through the reader.

void read_records(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("records"), "records");
    if (!t)
        return;
    r.check_keys(*t, "[records]", {"dir", "id_prefix"});
    if (t->get("dir")) {
        p.records_dir = r.string(t->get("dir"), "records.dir");
        while (!p.records_dir.empty() && p.records_dir.back() == '/')
            p.records_dir.pop_back();
        if (p.records_dir.empty() || p.records_dir.front() == '/' ||
            p.records_dir.find("..") != std::string::npos)
            r.error(t->get("dir"), "'records.dir' must be a relative path inside the repository");
    }
    if (t->get("id_prefix")) {
        p.id_prefix = r.string(t->get("id_prefix"), "records.id_prefix");
        bool ok = !p.id_prefix.empty() && p.id_prefix.size() <= 16 && p.id_prefix[0] >= 'A' &&
                  p.id_prefix[0] <= 'Z' &&
                  std::all_of(p.id_prefix.begin(), p.id_prefix.end(), [](char c) {
                      return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                  });
        if (!ok)
            r.error(t->get("id_prefix"),
                    "'records.id_prefix' must be upper-case letters and digits, like DEC");
    }
}

void read_roles(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("roles"), "roles");
    if (!t)
        return;
    for (auto&& [key, node] : *t) {
        std::string role(key.str());
        p.roles[role]; // a role with nobody in it yet still exists
        for (auto& email : r.strings(&node, "roles." + role))
            p.roles[role].push_back(util::to_lower(util::trim(email)));
    }
}

// `n`, an array of category names, as categories (unknown names reported).
std::vector<record::Category> read_categories(const toml::node* n, util::TomlReader& r,
                                              const std::string& name) {
    std::vector<record::Category> out;
    if (n && n->is_array()) {
        for (std::size_t k = 0; k < n->as_array()->size(); ++k) {
            std::string c = r.one_of(n->as_array()->get(k), name, record::category_names());
            if (auto cat = record::parse_category(c))
                out.push_back(*cat);
        }
    } else if (n) {
        r.strings(n, name);
    }
    return out;
}

// Reports each entry of the array `n` (already read into `roles`) that [roles] lacks.
void check_roles_defined(const toml::node* n, const std::vector<std::string>& roles,
                         const Policy& p, util::TomlReader& r,
                         const std::function<std::string(const std::string&)>& message) {
    if (!n || !n->is_array())
        return;
    for (std::size_t k = 0; k < roles.size(); ++k)
        if (!p.roles.count(roles[k]))
            r.error(n->as_array()->get(k), message(roles[k]));
}

void read_rules(const toml::table& root, util::TomlReader& r, Policy& p) {
    r.tables(root.get("rules"), "rules", [&](const toml::table& t, std::size_t i) {
        r.check_keys(t, "[[rules]]", {"name", "paths", "categories", "statuses", "signoffs"});
        Rule rule;
        rule.position = util::position_of(t.source());
        rule.name =
            t.get("name") ? r.string(t.get("name"), "rules.name") : "rule " + std::to_string(i + 1);
        rule.paths = r.strings(r.required(t, "paths", "rules.paths", &t), "rules.paths");
        if (t.get("paths") && rule.paths.empty())
            r.error(t.get("paths"),
                    "rule '" + rule.name + "' governs no paths; list globs like \"models/**\"");
        rule.categories = read_categories(t.get("categories"), r, "rules.categories");
        if (const toml::node* n = t.get("statuses"); n && n->is_array()) {
            rule.statuses.clear();
            for (std::size_t k = 0; k < n->as_array()->size(); ++k) {
                std::string s =
                    r.one_of(n->as_array()->get(k), "rules.statuses", record::status_names());
                if (auto st = record::parse_status(s))
                    rule.statuses.push_back(*st);
            }
        } else if (n) {
            r.strings(n, "rules.statuses");
        }
        rule.signoffs = r.strings(t.get("signoffs"), "rules.signoffs");
        check_roles_defined(t.get("signoffs"), rule.signoffs, p, r, [&](const std::string& role) {
            return "rule '" + rule.name + "' requires sign-off from role '" + role +
                   "', which [roles] does not define";
        });
        p.rules.push_back(std::move(rule));
    });
}

void read_signoffs(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("signoffs"), "signoffs");
    if (!t)
        return;
    r.check_keys(*t, "[signoffs]", {"trailers", "trust"});
    if (t->get("trailers"))
        p.signoff_trailers = r.strings(t->get("trailers"), "signoffs.trailers");
    if (const toml::node* n = t->get("trust")) {
        std::string trust = r.one_of(n, "signoffs.trust", {"any", "committer", "signed"});
        p.trust = trust == "any"      ? Trust::Any
                  : trust == "signed" ? Trust::Signed
                                      : Trust::Committer;
    }
}

void read_waivers(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("waivers"), "waivers");
    if (!t)
        return;
    r.check_keys(*t, "[waivers]", {"trailer", "roles"});
    if (t->get("trailer"))
        p.waiver_trailer = r.string(t->get("trailer"), "waivers.trailer");
    p.waiver_roles = r.strings(t->get("roles"), "waivers.roles");
    check_roles_defined(t->get("roles"), p.waiver_roles, p, r, [](const std::string& role) {
        return "waivers name role '" + role + "', which [roles] does not define";
    });
}

void read_review(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("review"), "review");
    if (!t)
        return;
    r.check_keys(*t, "[review]", {"overdue", "min_days", "max_days", "pipeline_staleness"});
    if (const toml::node* n = t->get("overdue"))
        p.fail_overdue = r.one_of(n, "review.overdue", {"warn", "fail"}) == "fail";
    if (const toml::node* n = t->get("pipeline_staleness")) {
        std::string mode = r.one_of(n, "review.pipeline_staleness", {"warn", "fail", "off"});
        p.pipeline_staleness = mode == "fail"  ? PipelineStaleness::Fail
                               : mode == "off" ? PipelineStaleness::Off
                                               : PipelineStaleness::Warn;
    }
    if (auto v = r.number(t->get("min_days"), "review.min_days"))
        p.lint.review_min_days = static_cast<int>(*v);
    if (auto v = r.number(t->get("max_days"), "review.max_days"))
        p.lint.review_max_days = static_cast<int>(*v);
}

// [lint]: a level per rule; the names older policies used still set the rule that
// replaced them.
void read_lint(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("lint"), "lint");
    if (!t)
        return;
    std::vector<std::string> names;
    for (const auto& rule : record::lint_rules())
        names.push_back(rule.name);
    for (const auto& [old, now] : record::lint_rule_aliases())
        names.push_back(old);
    r.check_keys(*t, "[lint]", names);
    for (auto&& [key, node] : *t) {
        std::string name(key.str());
        std::string level = r.one_of(&node, "lint." + name, {"error", "warning", "off"});
        if (auto alias = record::lint_rule_aliases().find(name);
            alias != record::lint_rule_aliases().end())
            name = alias->second;
        p.lint.levels[name] = level == "error"     ? record::LintLevel::Error
                              : level == "warning" ? record::LintLevel::Warning
                                                   : record::LintLevel::Off;
    }
}

// [checklist] relax: the categories accepted with unmet checklist items (as notes).
void read_checklist(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("checklist"), "checklist");
    if (!t)
        return;
    r.check_keys(*t, "[checklist]", {"relax"});
    p.lint.relaxed = read_categories(t->get("relax"), r, "checklist.relax");
}

void read_merges(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("merges"), "merges");
    if (!t)
        return;
    r.check_keys(*t, "[merges]", {"mode"});
    if (const toml::node* n = t->get("mode"))
        // "skip", an older mode that left merges unchecked, is an error now: "introduced"
        // checks what it missed.
        p.merges = r.one_of(n, "merges.mode", {"introduced", "first-parent"}) == "first-parent"
                       ? MergeMode::FirstParent
                       : MergeMode::Introduced;
}

void read_enforce(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("enforce"), "enforce");
    if (!t)
        return;
    r.check_keys(*t, "[enforce]", {"refs"});
    if (t->get("refs"))
        p.enforced_refs = r.strings(t->get("refs"), "enforce.refs");
}

void read_policy_section(const toml::table& root, util::TomlReader& r, Policy& p) {
    const toml::table* t = r.table(root.get("policy"), "policy");
    if (!t)
        return;
    r.check_keys(*t, "[policy]", {"signoffs"});
    if (const toml::node* n = t->get("signoffs")) {
        p.change_signoffs = r.strings(n, "policy.signoffs");
        check_roles_defined(n, *p.change_signoffs, p, r, [](const std::string& role) {
            return "[policy] signoffs names role '" + role + "', which [roles] does not define";
        });
    }
}

} // namespace

PolicyResult parse(std::string_view text, const std::string& path) {
    PolicyResult result;
    auto parsed = util::parse_toml(text, path);
    if (!parsed) {
        result.diagnostics.push_back(parsed.error());
        return result;
    }
    const toml::table& root = *parsed;
    util::TomlReader r(path, result.diagnostics);
    r.check_keys(root, "the policy",
                 {"records", "rules", "roles", "signoffs", "waivers", "review", "lint", "checklist",
                  "merges", "enforce", "policy"});
    Policy& p = result.policy;
    read_records(root, r, p);
    read_roles(root, r, p); // before the sections that name roles
    read_rules(root, r, p);
    read_signoffs(root, r, p);
    read_waivers(root, r, p);
    read_review(root, r, p);
    read_lint(root, r, p);
    read_checklist(root, r, p);
    read_merges(root, r, p);
    read_enforce(root, r, p);
    read_policy_section(root, r, p);
    return result;
}

std::string default_policy_text() {
    return R"(# git-decision policy: which changes need a decision, and who must sign off.
# Reference: docs/policy.md in the git-decision sources.

[records]
dir = "decisions"          # where decision records live
id_prefix = "DEC"          # IDs look like DEC-0042

# Each rule governs paths (gitignore-style globs). A commit touching a governed path
# must link a decision (a "Decision: DEC-0042" trailer, or `git decision link`) whose
# category and status the rule allows, approved by every role in `signoffs`.
[[rules]]
name = "models"
paths = ["models/**", "**/*.onnx", "**/*.dvc", "dvc.lock"]
categories = ["MODEL SELECTION", "TRAINING STRATEGY", "DEPLOYMENT THRESHOLD"]
statuses = ["accepted"]
signoffs = ["ml-lead"]

# [[rules]]
# name = "fairness"
# paths = ["pipelines/features/**"]
# categories = ["ETHICAL REVIEW", "FEATURE ENGINEERING"]
# signoffs = ["compliance"]

# Who holds each role (emails, compared case-insensitively).
[roles]
ml-lead = []
# compliance = ["jane@example.com"]

[signoffs]
trailers = ["Approved-by", "Reviewed-by", "Signed-off-by"]
# Which sign-offs count as approvals (only in a commit whose own message has the
# "Decision:" trailer; a note never makes one):
#   any        every sign-off trailer                      (a social control)
#   committer  the approver committed it; never the author (a social control: anyone can
#              set a committer name and email)
#   signed     git verifies the commit's signature as the approver's (resists forgery:
#              gpg.format, gpg.ssh.allowedSignersFile; see docs/server.md)
trust = "committer"

[waivers]
trailer = "Decision-Waiver"  # "Decision-Waiver: hotfix for incident 123" lets a change through, reported
roles = ["ml-lead"]          # who may waive

# The policy that judges a commit is the one in force before it (its parent's). A change
# to this file (an edit, its deletion, a new [records] dir) is itself governed: it must
# link an accepted decision whose scope.paths include "decisions/policy.toml", approved
# by every role below (default: every role a rule above requires).
[policy]
signoffs = ["ml-lead"]

[review]
overdue = "warn"           # warn | fail: a decision past its review date still covers changes
min_days = 30              # review_date must be 30-90 days after date
max_days = 90
# pipeline_staleness = "warn"  # warn | fail | off: a dvc.lock stage whose deps or params
#                              # changed flags the decisions covering its outputs

# Merge commits: "introduced" checks only what a merge itself brings (paths whose result
# differs from every parent: conflict resolutions, "evil merges"); each parent's changes are
# checked with that parent's own commits. "first-parent" checks a merge like a squash of
# everything it brings to its first parent, so every merge must be linked.
[merges]
mode = "introduced"        # introduced | first-parent

# How `git decision check` reports the quick-start checklist: error | warning | off per item
# (docs/checklist.md). Accepting a record always requires the whole checklist.
[lint]
# options-evaluated = "error"
# guardrails = "error"

# Categories whose records may be accepted with checklist items unmet; what is missing is
# reported as notes whenever it is let through.
[checklist]
relax = []
# relax = ["DATA PIPELINE"]
)";
}

} // namespace decision::policy
