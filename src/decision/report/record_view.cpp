#include "decision/report/record_view.hpp"

#include "decision/util/text.hpp"

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

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string metrics_text(const record::Metrics& m) {
    std::string out;
    for (const auto& [k, v] : m)
        out += (out.empty() ? "" : ", ") + sanitize(k) + " " + number(v);
    return out;
}

// Text wrapped to `width` columns, each line after the first indented by `indent`.
std::string wrap(std::string_view text, std::size_t indent, std::size_t width = 88) {
    std::string out, line;
    std::istringstream words{std::string(text)};
    std::string w;
    while (words >> w) {
        if (!line.empty() && indent + line.size() + 1 + w.size() > width) {
            out += line + "\n" + std::string(indent, ' ');
            line.clear();
        }
        line += (line.empty() ? "" : " ") + w;
    }
    return out + line;
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
    j["path"] = r.path;
    return j;
}

std::string render_text(const Record& r, std::optional<record::Date> today) {
    std::ostringstream o;
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
        if (v.empty())
            return;
        o << "  " << label;
        for (std::size_t i = 0; i < v.size(); ++i)
            o << (i ? ", " : "") << sanitize(v[i]);
        o << "\n";
    };
    list("tags       ", r.tags);
    list("supersedes ", r.supersedes);
    list("paths      ", r.scope.paths);
    list("models     ", r.scope.models);
    for (const auto& m : r.models)
        o << "  version    " << sanitize(m.name) << "@" << sanitize(m.version) << "\n";
    o << "  file       " << sanitize(r.path) << "\n";

    if (!r.problem.statement.empty() || !r.problem.baseline.empty() ||
        !r.problem.constraints.empty()) {
        o << "\nProblem\n";
        if (!r.problem.statement.empty())
            o << "  " << wrap(sanitize(r.problem.statement), 2) << "\n";
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
    if (!r.options.empty()) {
        o << "\nOptions\n";
        for (const auto& opt : r.options) {
            o << "  " << (opt.chosen ? "[chosen]   " : "[rejected] ") << sanitize(opt.name) << "\n";
            if (!opt.summary.empty())
                o << "             " << wrap(sanitize(opt.summary), 13) << "\n";
            if (!opt.metrics.empty())
                o << "             metrics: " << metrics_text(opt.metrics) << "\n";
            if (!opt.fairness.empty())
                o << "             fairness: " << metrics_text(opt.fairness) << "\n";
            if (!opt.rejected_because.empty())
                o << "             why not: " << wrap(sanitize(opt.rejected_because), 22) << "\n";
            if (!opt.advocates.empty()) {
                o << "             advocates: ";
                for (std::size_t i = 0; i < opt.advocates.size(); ++i)
                    o << (i ? ", " : "") << sanitize(opt.advocates[i]);
                o << "\n";
            }
        }
    }
    if (!r.decision.summary.empty() || !r.decision.rationale.empty()) {
        o << "\nDecision\n";
        if (!r.decision.summary.empty())
            o << "  " << wrap(sanitize(r.decision.summary), 2) << "\n";
        if (!r.decision.rationale.empty())
            o << "  rationale: " << wrap(sanitize(r.decision.rationale), 13) << "\n";
        for (const auto& t : r.decision.tradeoffs)
            o << "  tradeoff: " << sanitize(t) << "\n";
        if (!r.decision.priorities.empty())
            o << "  priorities: " << metrics_text(r.decision.priorities) << "\n";
    }
    if (!r.guardrails.empty()) {
        o << "\nGuardrails\n";
        for (const auto& g : r.guardrails) {
            o << "  " << sanitize(g.metric);
            if (g.op && g.value)
                o << " " << record::to_string(*g.op) << " " << number(*g.value);
            // A drop is a worsening: for a lower-is-better metric (latency, cost) it is a rise.
            const char* worsens =
                g.direction == "lower_is_better" ? " rises by more than " : " drops by more than ";
            if (g.max_drop)
                o << worsens << number(*g.max_drop);
            if (g.max_relative_drop)
                o << (g.max_drop ? " or" : worsens) << (g.max_drop ? " by more than " : "")
                  << number(*g.max_relative_drop * 100) << "%";
            o << " -> " << (g.action.empty() ? "re-evaluate" : sanitize(g.action));
            if (!g.kind.empty())
                o << "  [" << sanitize(g.kind) << "]";
            if (!g.window.empty())
                o << "  window " << sanitize(g.window);
            o << "\n";
        }
    }
    if (!r.fairness.empty()) {
        o << "\nFairness\n";
        for (const auto& f : r.fairness) {
            o << "  " << sanitize(f.metric);
            if (!f.method.empty())
                o << " (" << sanitize(f.method) << ")";
            if (f.value)
                o << " = " << number(*f.value);
            if (f.threshold)
                o << ", threshold " << number(*f.threshold);
            o << "\n";
            if (!f.sensitive_features.empty()) {
                o << "    sensitive features: ";
                for (std::size_t i = 0; i < f.sensitive_features.size(); ++i)
                    o << (i ? ", " : "") << sanitize(f.sensitive_features[i]);
                o << "\n";
            }
            if (!f.slices.empty()) {
                o << "    slices: ";
                for (std::size_t i = 0; i < f.slices.size(); ++i)
                    o << (i ? ", " : "") << sanitize(f.slices[i]);
                o << "\n";
            }
        }
    }
    if (!r.stakeholders.empty()) {
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
    if (!r.links.empty()) {
        o << "\nLinks\n";
        for (const auto& l : r.links) {
            o << "  " << (l.kind.empty() ? "other" : sanitize(l.kind)) << ": " << sanitize(l.url);
            if (!l.title.empty())
                o << "  (" << sanitize(l.title) << ")";
            o << "\n";
        }
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
