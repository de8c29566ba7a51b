#include "decision/report/range_view.hpp"

#include "decision/guard/guardrail.hpp"
#include "decision/policy/policy.hpp"
#include "decision/report/record_view.hpp"
#include "decision/util/github.hpp"
#include "decision/util/markdown.hpp"
#include "decision/util/text.hpp"

#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

namespace decision::report {

using check::Finding;
using check::FindingSeverity;
using check::RangeReport;

namespace {

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::vector<std::string> split_on(const std::string& s, const std::string& sep) {
    std::vector<std::string> out;
    std::size_t at = 0;
    for (;;) {
        auto next = s.find(sep, at);
        out.push_back(s.substr(at, next == std::string::npos ? std::string::npos : next - at));
        if (next == std::string::npos)
            return out;
        at = next + sep.size();
    }
}

std::string summary_line(const RangeReport& r) {
    std::size_t errors = r.count(FindingSeverity::Error);
    std::size_t warnings = r.count(FindingSeverity::Warning);
    return "checked " + plural(r.commits.size(), "commit") + " in " + util::short_id(r.base) +
           ".." + util::short_id(r.head) + ": " + plural(errors, "error") + ", " +
           plural(warnings, "warning");
}

const check::RangeCommit* commit_of(const RangeReport& r, const std::string& id) {
    for (const auto& c : r.commits)
        if (c.commit == id)
            return &c;
    return nullptr;
}

// "path:line" or "path" or "" for a finding's location.
std::string location(const Finding& f) {
    if (f.path.empty())
        return "";
    return f.path + (f.line > 0 ? ":" + std::to_string(f.line) : "");
}

} // namespace

// ---- text -------------------------------------------------------------------------------

std::string render_range_text(const RangeReport& r) {
    using util::sanitize;
    std::string out;
    std::string current = "\x01"; // no group yet
    for (const auto& f : r.findings) {
        if (f.commit != current) {
            current = f.commit;
            if (f.commit.empty()) {
                out += "records at " + util::short_id(r.head) + ":\n";
            } else {
                const auto* c = commit_of(r, f.commit);
                out += util::short_id(f.commit) + " " + sanitize(c ? c->title : "") +
                       (c ? " (" + sanitize(c->author) + ")" : "") + "\n";
            }
        }
        const char* sev = f.severity == FindingSeverity::Error ? "error" : "warning";
        if (f.kind == check::kind::k_uncovered) {
            out += "  " + sanitize(f.path) + "  (rule '" + sanitize(f.rule) + "'): not covered\n";
            for (const auto& problem : split_on(f.message, "; "))
                out += "    - " + sanitize(problem) + "\n";
        } else {
            std::string where = location(f);
            out += "  " + std::string(sev) + ": " + (where.empty() ? "" : sanitize(where) + ": ") +
                   sanitize(f.message) + " [" + f.kind + "]\n";
        }
        if (!f.fix.empty())
            for (const auto& fix : split_on(f.fix, "; "))
                out += "    fix: " + sanitize(fix) + "\n";
    }
    if (r.notes_missing()) {
        auto [problem, fix] = check::notes_missing_text();
        out += "note: " + problem + "\n  fix: " + fix + "\n";
    }
    out += summary_line(r) + "\n";
    return out;
}

// ---- json -------------------------------------------------------------------------------

namespace {

nlohmann::json or_null(const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

nlohmann::json decision_json(const check::LinkedDecision& d) {
    nlohmann::json j{{"id", d.id}, {"exists", d.record.has_value()}};
    if (d.record) {
        const auto& rec = *d.record;
        j["title"] = rec.title;
        j["category"] = std::string(record::to_string(rec.category));
        j["status"] = std::string(record::to_string(rec.status));
        j["owner"] = {{"name", rec.owner.name}, {"email", rec.owner.email}};
        j["review_date"] = rec.review_date ? nlohmann::json(record::to_string(*rec.review_date))
                                           : nlohmann::json();
        j["path"] = rec.path;
        j["guardrails"] = to_json(rec)["guardrails"];
    }
    j["signoffs"] = {{"required", d.required_roles},
                     {"fresh", d.signoffs_fresh},
                     {"stale", d.signoffs_stale},
                     {"missing", d.roles_missing}};
    return j;
}

} // namespace

nlohmann::json range_to_json(const RangeReport& r) {
    nlohmann::json j;
    j["version"] = 1;
    j["range"] = r.range;
    j["base"] = r.base;
    j["head"] = r.head;
    std::size_t errors = r.count(FindingSeverity::Error);
    j["summary"] = {{"commits", r.commits.size()},
                    {"errors", errors},
                    {"warnings", r.count(FindingSeverity::Warning)},
                    {"ok", errors == 0}};
    j["commits"] = nlohmann::json::array();
    for (const auto& c : r.commits) {
        nlohmann::json cj{{"commit", c.commit},
                          {"title", c.title},
                          {"author", c.author},
                          {"decisions", c.decisions}};
        if (c.coverage) {
            std::vector<std::string> paths;
            for (const auto& p : c.coverage->paths)
                paths.push_back(p.path);
            cj["governed_paths"] = paths;
            cj["covered"] = c.coverage->ok();
            cj["waived"] = c.coverage->waived;
        } else {
            cj["governed_paths"] = nlohmann::json::array();
            cj["covered"] = nullptr;
            cj["waived"] = false;
        }
        j["commits"].push_back(std::move(cj));
    }
    j["findings"] = nlohmann::json::array();
    for (const auto& f : r.findings)
        j["findings"].push_back({{"severity", check::to_string(f.severity)},
                                 {"kind", f.kind},
                                 {"commit", or_null(f.commit)},
                                 {"path", or_null(f.path)},
                                 {"line", f.line > 0 ? nlohmann::json(f.line) : nlohmann::json()},
                                 {"rule", or_null(f.rule)},
                                 {"decision_ids", f.decision_ids},
                                 {"message", f.message},
                                 {"fix", or_null(f.fix)}});
    j["decisions"] = nlohmann::json::array();
    for (const auto& d : r.decisions)
        j["decisions"].push_back(decision_json(d));
    j["notes_ref"] = {{"name", link::k_notes_ref},
                      {"present", r.notes_ref_present},
                      {"missing_for_uncovered", r.notes_missing()}};
    return j;
}

// ---- markdown ---------------------------------------------------------------------------

namespace {

// The breach condition in guard's words and what to do: "recall < 0.8 → re-evaluate".
std::string guardrail_text(const record::Guardrail& g) {
    return guard::breach_condition(g) + " → " + (g.action.empty() ? "re-evaluate" : g.action);
}

std::string signoff_cell(const check::LinkedDecision& d) {
    std::vector<std::string> parts;
    if (!d.signoffs_fresh.empty())
        parts.push_back("✅ " + util::markdown_cell(util::join(d.signoffs_fresh)));
    if (!d.signoffs_stale.empty())
        parts.push_back("⚠️ stale: " + util::markdown_cell(util::join(d.signoffs_stale)));
    if (!d.roles_missing.empty())
        parts.push_back("❌ missing: " + util::markdown_cell(util::join(d.roles_missing)));
    return parts.empty() ? "none required" : util::join(parts, "<br>");
}

std::string decision_row(const check::LinkedDecision& d) {
    if (!d.record)
        return "| " + util::markdown_cell(d.id) + " | *no such record at the head* | | | | | | |\n";
    const auto& r = *d.record;
    std::vector<std::string> guards;
    for (const auto& g : r.guardrails)
        guards.push_back(util::markdown_cell(guardrail_text(g)));
    std::string owner = r.owner.name.empty() ? r.owner.email : r.owner.name;
    return "| " + util::markdown_cell(d.id) + " | " + util::markdown_cell(r.title) + " | " +
           std::string(record::to_string(r.category)) + " | " +
           std::string(record::to_string(r.status)) + " | " + util::markdown_cell(owner) + " | " +
           date_or_dash(r.review_date) + " | " +
           (guards.empty() ? "-" : util::join(guards, "<br>")) + " | " + signoff_cell(d) + " |\n";
}

std::string finding_item(const RangeReport& r, const Finding& f) {
    std::string where = location(f);
    std::string item = "- **" + std::string(check::to_string(f.severity)) + "** `" + f.kind + "`";
    if (!where.empty())
        item += " " + util::markdown_cell(where);
    if (!f.commit.empty()) {
        const auto* c = commit_of(r, f.commit);
        item += " in " + util::short_id(f.commit) +
                (c ? " (" + util::markdown_cell(c->title) + ")" : "");
    }
    if (!f.rule.empty())
        item += ", rule " + util::markdown_cell(f.rule);
    item += ": " + util::markdown_cell(f.message) + "\n";
    if (!f.fix.empty())
        item += "  Fix: " + util::markdown_cell(f.fix) + "\n";
    return item;
}

} // namespace

std::string render_range_markdown(const RangeReport& r, std::size_t limit) {
    std::size_t errors = r.count(FindingSeverity::Error);
    std::size_t warnings = r.count(FindingSeverity::Warning);
    std::string out = std::string(k_comment_marker) + "\n";
    out += std::string("## ") + (errors ? "❌" : "✅") + " git-decision: " + plural(errors, "error") +
           ", " + plural(warnings, "warning") + " in " + plural(r.commits.size(), "commit") +
           " (`" + util::short_id(r.base) + ".." + util::short_id(r.head) + "`)\n\n";
    if (r.commits.empty())
        out += "No commits to check.\n";
    if (r.notes_missing()) {
        auto [problem, fix] = check::notes_missing_text();
        out += "> **Note:** " + util::markdown_cell(problem) +
               ". Fix: " + util::markdown_cell(fix) + "\n\n";
    }
    // Everything after the heading is cut at the limit, keeping room for the last line.
    const std::size_t reserve = 200;
    std::size_t budget = limit > out.size() + reserve ? limit - out.size() - reserve : 0;
    std::string body;
    std::size_t left_out = 0, rows_left_out = 0;
    bool full = false;
    auto add = [&](const std::string& piece, int what) { // 0 heading, 1 finding, 2 row
        if (!full && body.size() + piece.size() <= budget) {
            body += piece;
            return;
        }
        full = true;
        if (what == 1)
            ++left_out;
        else if (what == 2)
            ++rows_left_out;
    };
    if (!r.decisions.empty()) {
        add("### Decisions linked by this change\n\n"
            "| ID | Title | Category | Status | Owner | Review | Guardrails | Sign-offs |\n"
            "|---|---|---|---|---|---|---|---|\n",
            0);
        for (const auto& d : r.decisions)
            add(decision_row(d), 2);
        add("\n", 0);
    }
    bool any_error = false, any_warning = false;
    for (const auto& f : r.findings)
        (f.severity == FindingSeverity::Error ? any_error : any_warning) = true;
    if (any_error) {
        add("### Failures\n\n", 0);
        for (const auto& f : r.findings)
            if (f.severity == FindingSeverity::Error)
                add(finding_item(r, f), 1);
        add("\n", 0);
    }
    if (any_warning) {
        add("### Warnings\n\n", 0);
        for (const auto& f : r.findings)
            if (f.severity == FindingSeverity::Warning)
                add(finding_item(r, f), 1);
        add("\n", 0);
    }
    out += body;
    if (full) {
        out += "\n… and " + plural(left_out, "more finding");
        if (rows_left_out)
            out += " (and " + plural(rows_left_out, "more linked decision") + ")";
        out += "; run `git decision check --range` for all of them\n";
    }
    return out;
}

// ---- github -----------------------------------------------------------------------------

std::string render_range_github(const RangeReport& r, std::size_t per_severity) {
    using util::sanitize;
    std::string out;
    std::size_t shown[2] = {0, 0}, hidden = 0;
    for (const auto& f : r.findings) {
        std::size_t& n = shown[f.severity == FindingSeverity::Error ? 0 : 1];
        if (n >= per_severity) {
            ++hidden;
            continue;
        }
        ++n;
        std::string props;
        if (!f.path.empty()) {
            props += "file=" + util::github_escape_property(sanitize(f.path));
            if (f.line > 0)
                props += ",line=" + std::to_string(f.line);
            props += ",";
        }
        std::string title = "git-decision " + f.kind;
        if (!f.commit.empty())
            title += " in " + util::short_id(f.commit);
        props += "title=" + util::github_escape_property(title);
        std::string message = sanitize(f.message);
        if (!f.decision_ids.empty())
            message += "\nDecisions: " + sanitize(util::join(f.decision_ids));
        if (!f.rule.empty())
            message += "\nRule: " + sanitize(f.rule);
        if (!f.fix.empty())
            message += "\nFix: " + sanitize(f.fix);
        out += std::string("::") + (f.severity == FindingSeverity::Error ? "error" : "warning") +
               " " + props + "::" + util::github_escape_data(message) + "\n";
    }
    if (r.notes_missing()) {
        auto [problem, fix] = check::notes_missing_text();
        out += "::warning title=" + util::github_escape_property("git-decision notes") +
               "::" + util::github_escape_data(problem + "\nFix: " + fix) + "\n";
    }
    out += "git-decision: " + summary_line(r);
    if (hidden)
        out += " (" + plural(hidden, "more finding") + " not annotated; see the job summary)";
    out += "\n";
    return out;
}

// ---- gitlab -----------------------------------------------------------------------------

std::string fingerprint(const Finding& f) {
    std::string key = f.kind + '\0' + f.path + '\0' + f.commit + '\0' + f.rule;
    if (f.path.empty())
        key += '\0' + f.message;
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx",
                  static_cast<unsigned long long>(util::fnv1a(key)),
                  static_cast<unsigned long long>(util::fnv1a(key, 0x84222325cbf29ce4ULL)));
    return buf;
}

nlohmann::json range_to_gitlab(const RangeReport& r) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : r.findings) {
        std::string description = f.message;
        if (!f.commit.empty())
            description = util::short_id(f.commit) + ": " + description;
        if (!f.fix.empty())
            description += " Fix: " + f.fix;
        if (f.kind == check::kind::k_uncovered && r.notes_missing()) {
            auto [problem, fix] = check::notes_missing_text();
            description += " Note: " + problem + "; " + fix;
        }
        out.push_back({{"description", description},
                       {"check_name", "git-decision/" + f.kind},
                       {"fingerprint", fingerprint(f)},
                       {"severity", f.severity == FindingSeverity::Error ? "major" : "minor"},
                       {"location",
                        {{"path", f.path.empty() ? std::string(policy::k_policy_path) : f.path},
                         {"lines", {{"begin", f.line > 0 ? f.line : 1}}}}}});
    }
    return out;
}

} // namespace decision::report
