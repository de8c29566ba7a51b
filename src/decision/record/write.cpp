#include "decision/record/write.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>
#include <sstream>

namespace decision::record {

std::string toml_quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

namespace {

// The shortest text that reads back as the same double, always a TOML float ("31.0").
std::string number(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    std::string out = ec == std::errc() ? std::string(buf, end) : std::string("nan");
    if (out.find_first_of(".eEn") == std::string::npos) // not 1.5, 1e-05, inf, nan
        out += ".0";
    return out;
}

bool bare_key(std::string_view k) {
    if (k.empty())
        return false;
    for (char c : k)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'))
            return false;
    return true;
}

std::string key(std::string_view k) {
    return bare_key(k) ? std::string(k) : toml_quote(k);
}

std::string list(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + toml_quote(v[i]);
    return out + "]";
}

std::string table(const Metrics& m) {
    std::string out = "{ ";
    bool first = true;
    for (const auto& [k, v] : m) {
        out += (first ? "" : ", ") + key(k) + " = " + number(v);
        first = false;
    }
    return out + " }";
}

// Writes `name = value` lines, leaving out fields at their defaults.
class Writer {
public:
    void text(const char* name, const std::string& v) {
        if (!v.empty())
            m_out << name << " = " << toml_quote(v) << "\n";
    }
    // A string field the reader is asked to fill in: written even when empty.
    void always(const char* name, const std::string& v) {
        m_out << name << " = " << toml_quote(v) << "\n";
    }
    void strings(const char* name, const std::vector<std::string>& v) {
        if (!v.empty())
            m_out << name << " = " << list(v) << "\n";
    }
    void num(const char* name, const std::optional<double>& v) {
        if (v)
            m_out << name << " = " << number(*v) << "\n";
    }
    void metrics(const char* name, const Metrics& m) {
        if (!m.empty())
            m_out << name << " = " << table(m) << "\n";
    }
    void raw(const std::string& line) { m_out << line << "\n"; }
    std::string str() const { return m_out.str(); }

private:
    std::ostringstream m_out;
};

void write_head(Writer& w, const Record& r) {
    w.always("id", r.id);
    w.always("title", r.title);
    w.always("category", std::string(to_string(r.category)));
    w.always("status", std::string(to_string(r.status)));
    if (r.date)
        w.raw("date = " + to_string(*r.date));
    if (r.review_date)
        w.raw("review_date = " + to_string(*r.review_date));
    w.strings("tags", r.tags);
    w.strings("supersedes", r.supersedes);
    w.raw("\n[owner]");
    w.always("name", r.owner.name);
    w.text("role", r.owner.role);
    w.text("email", r.owner.email);
    if (!r.scope.paths.empty() || !r.scope.models.empty()) {
        w.raw("\n[scope]");
        w.strings("paths", r.scope.paths);
        w.strings("models", r.scope.models);
    }
    for (const auto& m : r.models) {
        w.raw("\n[[models]]");
        w.always("name", m.name);
        w.always("version", m.version);
    }
}

void write_problem(Writer& w, const Record& r) {
    const Problem& p = r.problem;
    w.raw("\n[problem]");
    w.always("statement", p.statement);
    w.text("trigger", p.trigger);
    w.strings("constraints", p.constraints);
    for (const auto& b : p.baseline) {
        w.raw("\n[[problem.baseline]]");
        w.always("metric", b.metric);
        w.num("value", b.value);
        w.text("source", b.source);
    }
}

void write_options(Writer& w, const Record& r) {
    for (const auto& o : r.options) {
        w.raw("\n[[options]]");
        w.always("name", o.name);
        w.text("summary", o.summary);
        if (o.chosen)
            w.raw("chosen = true");
        w.text("rejected_because", o.rejected_because);
        w.metrics("metrics", o.metrics);
        w.metrics("fairness", o.fairness);
        w.strings("advocates", o.advocates);
    }
}

void write_decision(Writer& w, const Record& r) {
    w.raw("\n[decision]");
    w.always("summary", r.decision.summary);
    w.always("rationale", r.decision.rationale);
    w.strings("tradeoffs", r.decision.tradeoffs);
    w.metrics("priorities", r.decision.priorities);
}

void write_guardrails(Writer& w, const Record& r) {
    for (const auto& g : r.guardrails) {
        w.raw("\n[[guardrails]]");
        w.always("metric", g.metric);
        if (g.op)
            w.always("op", std::string(to_string(*g.op)));
        w.num("value", g.value);
        w.num("max_drop", g.max_drop);
        w.num("max_relative_drop", g.max_relative_drop);
        w.text("direction", g.direction);
        w.text("action", g.action);
        w.text("kind", g.kind);
        w.text("window", g.window);
    }
}

void write_people_and_evidence(Writer& w, const Record& r) {
    for (const auto& f : r.fairness) {
        w.raw("\n[[fairness]]");
        w.always("metric", f.metric);
        w.text("method", f.method);
        w.strings("sensitive_features", f.sensitive_features);
        w.strings("slices", f.slices);
        w.num("value", f.value);
        w.num("threshold", f.threshold);
    }
    for (const auto& s : r.stakeholders) {
        w.raw("\n[[stakeholders]]");
        w.always("name", s.name);
        w.text("role", s.role);
        w.text("stance", s.stance);
        w.strings("concerns", s.concerns);
        w.text("reevaluate_when", s.reevaluate_when);
    }
    for (const auto& l : r.links) {
        w.raw("\n[[links]]");
        w.text("kind", l.kind);
        w.always("url", l.url);
        w.text("title", l.title);
    }
}

} // namespace

std::string to_toml(const Record& r, std::string_view comment) {
    Writer w;
    std::istringstream lines{std::string(comment)};
    for (std::string line; std::getline(lines, line);)
        w.raw(line.empty() ? "#" : "# " + line);
    write_head(w, r);
    write_problem(w, r);
    write_options(w, r);
    write_decision(w, r);
    write_guardrails(w, r);
    write_people_and_evidence(w, r);
    return w.str();
}

Record successor_of(const Record& old, const std::string& id, const std::string& title,
                    const Person& owner, Date date, Date review_date) {
    Record next = old;
    next.path.clear();
    next.text.clear();
    next.positions.clear();
    next.id = id;
    next.title = title;
    next.owner = owner;
    next.status = Status::Proposed;
    next.date = date;
    next.review_date = review_date;
    next.supersedes = {old.id};
    next.decision.summary.clear();
    next.decision.rationale.clear();
    next.decision.tradeoffs.clear();
    return next;
}

} // namespace decision::record
