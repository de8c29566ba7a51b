#include "decision/report/record_view.hpp"

#include "decision/guard/guardrail.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace decision::report {

using nlohmann::json;
using record::Record;
using util::sanitize;

std::string date_or_dash(const std::optional<record::Date>& d) {
    return d ? record::to_string(*d) : "-";
}

namespace {
json opt_date(const std::optional<record::Date>& d) {
    return d ? json(record::to_string(*d)) : json(nullptr);
}
json opt_num(const std::optional<double>& v) {
    return v ? json(*v) : json(nullptr);
}

// Numbers as the record wrote them: 0.123456789 stays whole, where "%g" cut it.
std::string number(double v) {
    return util::format_number(v);
}

std::string metrics_text(const record::Metrics& m) {
    std::string out;
    for (const auto& [k, v] : m)
        out += (out.empty() ? "" : ", ") + sanitize(k) + " " + number(v);
    return out;
}

// Text wrapped to `width` columns, each line after the first indented by `indent`. Line
// breaks in `text` (multi-line statements, imported ADR sections) are kept; a blank line
// stays blank.
std::string wrap(std::string_view text, std::size_t indent, std::size_t width = 88) {
    std::string out;
    bool first = true;
    for (auto paragraph : util::split_views(text, '\n')) {
        bool blank = util::trim(paragraph).empty();
        if (!first)
            out += blank ? "\n" : "\n" + std::string(indent, ' ');
        first = false;
        std::string line;
        std::istringstream words{std::string(paragraph)};
        std::string w;
        while (words >> w) {
            if (!line.empty() && indent + line.size() + 1 + w.size() > width) {
                out += line + "\n" + std::string(indent, ' ');
                line.clear();
            }
            line += (line.empty() ? "" : " ") + w;
        }
        out += line;
    }
    return out;
}
} // namespace

json to_json(const Record& r) {
    json j;
    j["id"] = r.id;
    j["title"] = r.title;
    j["category"] = std::string(record::to_string(r.category));
    j["status"] = std::string(record::to_string(r.status));
    j["date"] = opt_date(r.date);
    j["review_date"] = opt_date(r.review_date);
    j["tags"] = r.tags;
    j["supersedes"] = r.supersedes;
    j["owner"] = {{"name", r.owner.name}, {"role", r.owner.role}, {"email", r.owner.email}};
    j["scope"] = {{"paths", r.scope.paths}, {"models", r.scope.models}};
    j["models"] = json::array();
    for (const auto& m : r.models)
        j["models"].push_back({{"name", m.name}, {"version", m.version}});
    json baseline = json::array();
    for (const auto& b : r.problem.baseline)
        baseline.push_back({{"metric", b.metric}, {"value", b.value}, {"source", b.source}});
    j["problem"] = {{"statement", r.problem.statement},
                    {"trigger", r.problem.trigger},
                    {"constraints", r.problem.constraints},
                    {"baseline", baseline}};
    j["options"] = json::array();
    for (const auto& o : r.options)
        j["options"].push_back({{"name", o.name},
                                {"summary", o.summary},
                                {"chosen", o.chosen},
                                {"rejected_because", o.rejected_because},
                                {"metrics", o.metrics},
                                {"fairness", o.fairness},
                                {"advocates", o.advocates}});
    j["decision"] = {{"summary", r.decision.summary},
                     {"rationale", r.decision.rationale},
                     {"tradeoffs", r.decision.tradeoffs},
                     {"priorities", r.decision.priorities}};
    j["guardrails"] = json::array();
    for (const auto& g : r.guardrails)
        j["guardrails"].push_back(
            {{"metric", g.metric},
             {"op", g.op ? json(std::string(record::to_string(*g.op))) : json(nullptr)},
             {"value", opt_num(g.value)},
             {"max_drop", opt_num(g.max_drop)},
             {"max_relative_drop", opt_num(g.max_relative_drop)},
             {"direction", g.direction},
             {"action", g.action.empty() ? "re-evaluate" : g.action},
             {"kind", g.kind},
             {"window", g.window}});
    j["stakeholders"] = json::array();
    for (const auto& s : r.stakeholders)
        j["stakeholders"].push_back({{"name", s.name},
                                     {"role", s.role},
                                     {"stance", s.stance},
                                     {"concerns", s.concerns},
                                     {"reevaluate_when", s.reevaluate_when}});
    j["links"] = json::array();
    for (const auto& l : r.links)
        j["links"].push_back({{"kind", l.kind}, {"url", l.url}, {"title", l.title}});
    j["fairness"] = json::array();
    for (const auto& f : r.fairness)
        j["fairness"].push_back({{"metric", f.metric},
                                 {"method", f.method},
                                 {"sensitive_features", f.sensitive_features},
                                 {"slices", f.slices},
                                 {"value", opt_num(f.value)},
                                 {"threshold", opt_num(f.threshold)}});
    j["fairness_not_applicable"] =
        r.fairness_not_applicable.empty() ? json(nullptr) : json(r.fairness_not_applicable);
    j["path"] = r.path;
    return j;
}

nlohmann::json to_json(const check::Standing& s) {
    auto opt_text = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
    json approvals = json::array();
    for (const auto& a : s.approvals)
        approvals.push_back({{"role", a.role},
                             {"state", check::to_string(a.state)},
                             {"by", opt_text(a.by())},
                             {"name", opt_text(a.name)},
                             {"email", opt_text(a.email)},
                             {"commit", opt_text(a.commit)},
                             {"stale_since", opt_text(a.stale_since)},
                             {"can_give", a.can_give}});
    json without = json::array();
    for (const auto& a : s.without_role)
        without.push_back({{"by", a.name.empty() ? a.email : a.name + " <" + a.email + ">"},
                           {"email", a.email},
                           {"commit", opt_text(a.commit)}});
    json stance = json::array();
    for (const auto& m : s.stance)
        stance.push_back({{"stakeholder", m.stakeholder},
                          {"role", m.role},
                          {"stance", m.stance},
                          {"signed_off", m.signed_off},
                          {"commit", opt_text(m.commit)}});
    json checklist = json::array();
    for (const auto& item : s.checklist) {
        json missing = json::array();
        for (const auto& d : item.findings)
            missing.push_back({{"line", d.line},
                               {"column", d.column},
                               {"severity", util::severity_name(d.severity)},
                               {"message", d.message}});
        checklist.push_back({{"item", item.number},
                             {"rule", item.name},
                             {"asks", item.summary},
                             {"met", item.met},
                             {"missing", missing}});
    }
    return {{"required_roles", s.required_roles},
            {"approvals", approvals},
            {"approvals_without_role", without},
            {"stance_mismatches", stance},
            {"checklist", checklist}};
}

json to_json(const Record& r, const check::Standing& standing) {
    json j = to_json(r);
    j.update(to_json(standing));
    return j;
}

namespace {

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ", ") + sanitize(s);
    return out;
}

// A change against the baseline: "+0.15", "-3", "±0".
std::string delta(double v) {
    if (v == 0)
        return "±0";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.4g", v);
    return buf;
}

// `text` padded with spaces to `width` columns, or cut to fit with "...".
std::string cell(const std::string& text, std::size_t width) {
    std::size_t n = util::columns(text);
    if (n > width)
        return std::string(util::first_columns(text, width - 3)) + "...";
    return text + std::string(width - n, ' ');
}

void render_header(std::ostringstream& o, const Record& r, std::optional<record::Date> today) {
    o << sanitize(r.id) << ": " << sanitize(r.title) << "\n";
    o << "  category   " << record::to_string(r.category) << "\n";
    o << "  status     " << record::to_string(r.status) << "\n";
    o << "  owner      " << sanitize(r.owner.name);
    if (!r.owner.role.empty())
        o << " (" << sanitize(r.owner.role) << ")";
    if (!r.owner.email.empty())
        o << " <" << sanitize(r.owner.email) << ">";
    o << "\n";
    o << "  decided    " << date_or_dash(r.date) << "\n";
    o << "  review     " << date_or_dash(r.review_date);
    if (today && r.review_date && *r.review_date < *today &&
        (r.status == record::Status::Accepted || r.status == record::Status::Proposed))
        o << "  (overdue by "
          << (std::chrono::sys_days(*today) - std::chrono::sys_days(*r.review_date)).count()
          << " days)";
    o << "\n";
    auto list = [&](const char* label, const std::vector<std::string>& v) {
        if (!v.empty())
            o << "  " << label << joined(v) << "\n";
    };
    list("tags       ", r.tags);
    list("supersedes ", r.supersedes);
    list("paths      ", r.scope.paths);
    list("models     ", r.scope.models);
    for (const auto& m : r.models)
        o << "  version    " << sanitize(m.name) << "@" << sanitize(m.version) << "\n";
    o << "  file       " << sanitize(r.path) << "\n";
}

void render_problem(std::ostringstream& o, const Record& r) {
    if (r.problem.statement.empty() && r.problem.baseline.empty() && r.problem.constraints.empty())
        return;
    o << "\nProblem\n";
    if (!r.problem.statement.empty())
        o << "  " << wrap(sanitize(r.problem.statement, true), 2) << "\n";
    if (!r.problem.trigger.empty())
        o << "  trigger: " << sanitize(r.problem.trigger) << "\n";
    for (const auto& c : r.problem.constraints)
        o << "  constraint: " << sanitize(c) << "\n";
    for (const auto& b : r.problem.baseline) {
        o << "  baseline " << sanitize(b.metric) << " = " << number(b.value);
        if (!b.source.empty())
            o << "  (" << sanitize(b.source) << ")";
        o << "\n";
    }
}

// The options' metrics as a table, the baseline first and each value's change against
// it: the baseline's metrics lead, then the others by name.
void render_options_table(std::ostringstream& o, const Record& r) {
    std::vector<std::string> columns;
    auto add_column = [&](const std::string& m) {
        if (std::find(columns.begin(), columns.end(), m) == columns.end())
            columns.push_back(m);
    };
    for (const auto& b : r.problem.baseline)
        add_column(b.metric);
    for (const auto& opt : r.options)
        for (const auto& [k, v] : opt.metrics)
            add_column(k);
    if (std::none_of(r.options.begin(), r.options.end(),
                     [](const record::Option& opt) { return !opt.metrics.empty(); }))
        return;
    auto baseline = [&](const std::string& metric) -> std::optional<double> {
        for (const auto& b : r.problem.baseline)
            if (b.metric == metric)
                return b.value;
        return std::nullopt;
    };
    // Rows of cells: the label, then one per column.
    std::vector<std::vector<std::string>> rows;
    if (!r.problem.baseline.empty()) {
        std::vector<std::string> row{"baseline"};
        for (const auto& m : columns)
            row.push_back(baseline(m) ? number(*baseline(m)) : "-");
        rows.push_back(std::move(row));
    }
    for (const auto& opt : r.options) {
        std::vector<std::string> row{(opt.chosen ? "chosen    " : "rejected  ") +
                                     sanitize(opt.name)};
        for (const auto& m : columns) {
            auto it = opt.metrics.find(m);
            if (it == opt.metrics.end()) {
                row.push_back("-");
                continue;
            }
            auto base = baseline(m);
            row.push_back(number(it->second) +
                          (base ? " (" + delta(it->second - *base) + ")" : ""));
        }
        rows.push_back(std::move(row));
    }
    std::vector<std::size_t> widths(columns.size() + 1, 0);
    widths[0] = 8;
    for (std::size_t c = 0; c < columns.size(); ++c)
        widths[c + 1] = util::columns(sanitize(columns[c]));
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], util::columns(row[c]));
    widths[0] = std::min<std::size_t>(widths[0], 46);
    auto line = [&](const std::vector<std::string>& row) {
        std::string text = "  ";
        for (std::size_t c = 0; c < row.size(); ++c)
            text += (c + 1 == row.size() ? row[c] : cell(row[c], widths[c]) + "  ");
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        o << text << "\n";
    };
    std::vector<std::string> head{""};
    for (const auto& m : columns)
        head.push_back(sanitize(m));
    line(head);
    for (const auto& row : rows)
        line(row);
}

// Each option's words: what it is, why it lost, who argued for it.
void render_option_details(std::ostringstream& o, const Record& r, bool table) {
    for (const auto& opt : r.options) {
        bool words = !opt.summary.empty() || !opt.rejected_because.empty() ||
                     !opt.fairness.empty() || !opt.advocates.empty();
        if (table && !words)
            continue;
        o << "  " << (opt.chosen ? "[chosen]   " : "[rejected] ") << sanitize(opt.name) << "\n";
        if (!opt.summary.empty())
            o << "             " << wrap(sanitize(opt.summary, true), 13) << "\n";
        if (!table && !opt.metrics.empty())
            o << "             metrics: " << metrics_text(opt.metrics) << "\n";
        if (!opt.fairness.empty())
            o << "             fairness: " << metrics_text(opt.fairness) << "\n";
        if (!opt.rejected_because.empty())
            o << "             why not: " << wrap(sanitize(opt.rejected_because, true), 22) << "\n";
        if (!opt.advocates.empty())
            o << "             advocates: " << joined(opt.advocates) << "\n";
    }
}

void render_options(std::ostringstream& o, const Record& r) {
    if (r.options.empty())
        return;
    o << "\nOptions\n";
    std::size_t before = o.str().size();
    render_options_table(o, r);
    bool table = o.str().size() != before;
    if (table)
        o << "\n";
    render_option_details(o, r, table);
}

// "performance 40%, latency 30%, ...": heaviest first, underscores read as spaces.
std::string priorities_text(const record::Metrics& priorities) {
    std::vector<std::pair<std::string, double>> sorted(priorities.begin(), priorities.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string out;
    for (auto [name, weight] : sorted) {
        std::replace(name.begin(), name.end(), '_', ' ');
        out += (out.empty() ? "" : ", ") + sanitize(name) + " " + util::format_percent(weight);
    }
    return out;
}

void render_decision(std::ostringstream& o, const Record& r) {
    if (r.decision.summary.empty() && r.decision.rationale.empty())
        return;
    o << "\nDecision\n";
    if (!r.decision.summary.empty())
        o << "  " << wrap(sanitize(r.decision.summary, true), 2) << "\n";
    if (!r.decision.rationale.empty())
        o << "  rationale: " << wrap(sanitize(r.decision.rationale, true), 13) << "\n";
    for (const auto& t : r.decision.tradeoffs)
        o << "  tradeoff: " << sanitize(t) << "\n";
    if (!r.decision.priorities.empty())
        o << "  priorities: " << priorities_text(r.decision.priorities) << "\n";
}

void render_guardrails(std::ostringstream& o, const Record& r) {
    if (r.guardrails.empty())
        return;
    o << "\nGuardrails\n";
    for (const auto& g : r.guardrails) {
        o << "  " << sanitize(guard::breach_condition(g));
        o << " -> " << (g.action.empty() ? "re-evaluate" : sanitize(g.action));
        if (!g.kind.empty())
            o << "  [" << sanitize(g.kind) << "]";
        if (!g.window.empty())
            o << "  window " << sanitize(g.window);
        o << "\n";
    }
}

void render_fairness(std::ostringstream& o, const Record& r) {
    if (r.fairness.empty() && r.fairness_not_applicable.empty())
        return;
    o << "\nFairness\n";
    if (!r.fairness_not_applicable.empty())
        o << "  not applicable: " << sanitize(r.fairness_not_applicable) << "\n";
    for (const auto& f : r.fairness) {
        o << "  " << sanitize(f.metric);
        if (!f.method.empty())
            o << " (" << sanitize(f.method) << ")";
        if (f.value)
            o << " = " << number(*f.value);
        if (f.threshold)
            o << ", threshold " << number(*f.threshold);
        o << "\n";
        if (!f.sensitive_features.empty())
            o << "    sensitive features: " << joined(f.sensitive_features) << "\n";
        if (!f.slices.empty())
            o << "    slices: " << joined(f.slices) << "\n";
    }
}

void render_stakeholders(std::ostringstream& o, const Record& r) {
    if (r.stakeholders.empty())
        return;
    o << "\nStakeholders\n";
    for (const auto& s : r.stakeholders) {
        o << "  " << sanitize(s.name);
        if (!s.role.empty())
            o << " (" << sanitize(s.role) << ")";
        if (!s.stance.empty())
            o << ": " << sanitize(s.stance);
        o << "\n";
        for (const auto& c : s.concerns)
            o << "    concern: " << sanitize(c) << "\n";
        if (!s.reevaluate_when.empty())
            o << "    re-evaluate when: " << sanitize(s.reevaluate_when) << "\n";
    }
}

void render_links(std::ostringstream& o, const Record& r) {
    if (r.links.empty())
        return;
    o << "\nLinks\n";
    for (const auto& l : r.links) {
        o << "  " << (l.kind.empty() ? "other" : sanitize(l.kind)) << ": " << sanitize(l.url);
        if (!l.title.empty())
            o << "  (" << sanitize(l.title) << ")";
        o << "\n";
    }
}

void render_approvals(std::ostringstream& o, const Record& r, const check::Standing& s) {
    if (s.required_roles.empty() && !s.policy_has_rules) {
        // No policy asks for approvals: only the notes on sign-offs, if any.
        if (s.without_role.empty() && s.stance.empty())
            return;
        o << "\nApprovals (no policy requires any)\n";
    } else if (s.required_roles.empty()) {
        o << "\nApprovals: none required (no rule of the policy covers "
          << record::to_string(r.category) << " decisions)\n";
    } else {
        o << "\nApprovals (required: " << joined(s.required_roles) << ")\n";
        o << render_approval_rows(r.id, s.approvals, 2);
    }
    for (const auto& a : s.without_role)
        o << "  note: " << sanitize(a.name.empty() ? a.email : a.name + " <" + a.email + ">")
          << " approved in " << util::short_id(a.commit)
          << " but holds no role this decision needs; it counts for nothing\n";
    for (const auto& m : s.stance) {
        std::string who =
            sanitize(m.stakeholder) + (m.role.empty() ? "" : " (" + sanitize(m.role) + ")");
        if (m.signed_off)
            o << "  note: " << who << " signed off in " << util::short_id(m.commit)
              << " but the record gives their stance as "
              << (m.stance.empty() ? std::string("nothing") : "'" + sanitize(m.stance) + "'")
              << "\n";
        else
            o << "  note: " << who << " has the stance 'approve' but has not signed off\n";
    }
}

// "✓ 1 a category", or "✗ 3 ..." with what is missing and the line to fix, item by item.
void render_checklist(std::ostringstream& o, const std::vector<record::ChecklistItem>& items) {
    if (items.empty())
        return;
    auto met = std::count_if(items.begin(), items.end(), [](const auto& i) { return i.met; });
    o << "\nChecklist (" << met << " of " << items.size() << " met; docs/checklist.md)\n";
    for (const auto& item : items) {
        o << "  " << (item.met ? "\u2713 " : "\u2717 ") << item.number << " "
          << wrap(item.summary, 6) << "\n";
        for (const auto& d : item.findings) {
            std::string where = d.line > 0 ? "line " + std::to_string(d.line) + ": " : "";
            o << "      " << wrap(where + sanitize(d.message), 6) << "\n";
        }
    }
}

} // namespace

std::string render_approval_rows(const std::string& id,
                                 const std::vector<check::RoleApproval>& rows, std::size_t indent) {
    std::ostringstream o;
    const std::string pad(indent, ' ');
    std::size_t role_w = 0;
    for (const auto& a : rows)
        role_w = std::max(role_w, util::columns(sanitize(a.role)));
    const std::string under(indent + role_w + 2 + 7 + 2, ' ');
    for (const auto& a : rows) {
        o << pad << cell(sanitize(a.role), role_w) << "  " << cell(check::to_string(a.state), 7)
          << "  ";
        switch (a.state) {
        case check::ApprovalState::Fresh:
            o << sanitize(a.by()) << " in " << util::short_id(a.commit) << "\n";
            break;
        case check::ApprovalState::Stale:
            o << sanitize(a.by()) << " in " << util::short_id(a.commit) << "; the content changed "
              << (a.stale_since.empty() ? std::string("since (not committed yet)")
                                        : "in " + util::short_id(a.stale_since))
              << "\n"
              << under << "approve again: git decision approve " << sanitize(id) << "\n";
            break;
        case check::ApprovalState::Missing:
            o << (a.can_give.empty()
                      ? std::string("nobody holds this role: add emails under [roles] in the "
                                    "policy")
                      : "can give it: " + joined(a.can_give))
              << "\n";
            break;
        }
    }
    return o.str();
}

std::string render_text(const Record& r, std::optional<record::Date> today,
                        const check::Standing* standing) {
    std::ostringstream o;
    render_header(o, r, today);
    render_problem(o, r);
    render_options(o, r);
    render_decision(o, r);
    render_guardrails(o, r);
    render_fairness(o, r);
    render_stakeholders(o, r);
    render_links(o, r);
    if (standing) {
        render_approvals(o, r, *standing);
        render_checklist(o, standing->checklist);
    }
    return o.str();
}

std::string render_table(const std::vector<const Record*>& records, std::size_t width) {
    // Widths count characters, not bytes, so names like "Zoë" keep the columns aligned and
    // a cut never splits a UTF-8 sequence.
    std::size_t id_w = 2, status_w = 6, cat_w = 8, owner_w = 5;
    for (const Record* r : records) {
        id_w = std::max(id_w, util::columns(sanitize(r->id)));
        status_w = std::max(status_w, record::to_string(r->status).size());
        cat_w = std::max(cat_w, record::to_string(r->category).size());
        owner_w =
            std::min<std::size_t>(20, std::max(owner_w, util::columns(sanitize(r->owner.name))));
    }
    auto pad = [](std::string s, std::size_t w) {
        if (util::columns(s) > w)
            s = std::string(util::first_columns(s, w - 1)) + "~";
        return s + std::string(w - util::columns(s), ' ');
    };
    std::ostringstream o;
    std::size_t fixed = id_w + status_w + cat_w + 10 + owner_w + 10;
    std::size_t title_w = width == 0 ? 0 : width > fixed + 10 ? width - fixed : 30;
    o << pad("ID", id_w) << "  " << pad("STATUS", status_w) << "  " << pad("CATEGORY", cat_w)
      << "  " << pad("REVIEW", 10) << "  " << pad("OWNER", owner_w) << "  TITLE\n";
    for (const Record* r : records) {
        std::string title = sanitize(r->title);
        if (title_w > 0 && util::columns(title) > title_w)
            title = std::string(util::first_columns(title, title_w - 3)) + "...";
        o << pad(sanitize(r->id), id_w) << "  "
          << pad(std::string(record::to_string(r->status)), status_w) << "  "
          << pad(std::string(record::to_string(r->category)), cat_w) << "  "
          << pad(date_or_dash(r->review_date), 10) << "  " << pad(sanitize(r->owner.name), owner_w)
          << "  " << title << "\n";
    }
    return o.str();
}

} // namespace decision::report
