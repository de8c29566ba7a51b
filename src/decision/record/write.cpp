#include "decision/record/write.hpp"

#include "decision/util/text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace decision::record {

std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
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

// A TOML float that reads back as the same double ("0.71", "31.0", "1e-05").
std::string toml_number(double v) {
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v < 0 ? "-inf" : "inf";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, ec == std::errc() ? end : buf);
    if (s.find_first_of(".eEn") == std::string::npos)
        s += ".0";
    return s;
}

// A bare key when it is one, else a quoted key.
std::string toml_key(std::string_view k) {
    bool bare = !k.empty();
    for (char c : k)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            bare = false;
    return bare ? std::string(k) : toml_string(k);
}

class Writer {
public:
    void line(std::string_view s) {
        m_out += s;
        m_out += '\n';
    }
    void header(std::string_view h) {
        if (!m_out.empty())
            m_out += '\n';
        line(h);
    }
    void string(std::string_view key, const std::string& v, bool always = false) {
        if (always || !v.empty())
            line(std::string(key) + " = " + toml_string(v));
    }
    void strings(std::string_view key, const std::vector<std::string>& vs) {
        if (vs.empty())
            return;
        std::string s = std::string(key) + " = [";
        for (std::size_t i = 0; i < vs.size(); ++i)
            s += (i ? ", " : "") + toml_string(vs[i]);
        line(s + "]");
    }
    void number(std::string_view key, const std::optional<double>& v) {
        if (v)
            line(std::string(key) + " = " + toml_number(*v));
    }
    void numbers(std::string_view key, const Metrics& m) {
        if (m.empty())
            return;
        std::string s = std::string(key) + " = { ";
        bool first = true;
        for (const auto& [k, v] : m) {
            s += (first ? "" : ", ") + toml_key(k) + " = " + toml_number(v);
            first = false;
        }
        line(s + " }");
    }
    void date(std::string_view key, const std::optional<Date>& d) {
        if (d)
            line(std::string(key) + " = " + to_string(*d));
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

} // namespace

std::string to_toml(const Record& r, std::string_view comment, Blanks blanks) {
    Writer w;
    const bool keep = blanks == Blanks::Keep;
    // Control characters escaped: a raw CR or ESC is not allowed in a TOML comment.
    if (!comment.empty())
        for (auto line : util::split_views(comment, '\n'))
            w.line(line.empty() ? "#" : "# " + util::sanitize(line));
    w.string("id", r.id, true);
    w.string("title", r.title, true);
    w.line("category = " + toml_string(to_string(r.category)));
    w.line("status = " + toml_string(to_string(r.status)));
    w.date("date", r.date);
    w.date("review_date", r.review_date);
    w.strings("tags", r.tags);
    w.strings("supersedes", r.supersedes);
    w.string("fairness_not_applicable", r.fairness_not_applicable);

    w.header("[owner]");
    w.string("name", r.owner.name, true);
    w.string("role", r.owner.role);
    w.string("email", r.owner.email);

    if (!r.scope.paths.empty() || !r.scope.models.empty()) {
        w.header("[scope]");
        w.strings("paths", r.scope.paths);
        w.strings("models", r.scope.models);
    }
    for (const auto& m : r.models) {
        w.header("[[models]]");
        w.string("name", m.name, true);
        w.string("version", m.version, true);
    }

    const Problem& p = r.problem;
    if (keep || !p.statement.empty() || !p.trigger.empty() || !p.constraints.empty()) {
        w.header("[problem]");
        w.string("statement", p.statement, keep);
        w.string("trigger", p.trigger);
        w.strings("constraints", p.constraints);
    }
    for (const auto& b : p.baseline) {
        w.header("[[problem.baseline]]");
        w.string("metric", b.metric, true);
        w.number("value", b.value);
        w.string("source", b.source);
    }

    for (const auto& o : r.options) {
        w.header("[[options]]");
        w.string("name", o.name, true);
        w.string("summary", o.summary);
        if (o.chosen)
            w.line("chosen = true");
        w.string("rejected_because", o.rejected_because);
        w.numbers("metrics", o.metrics);
        w.numbers("fairness", o.fairness);
        w.strings("advocates", o.advocates);
    }

    const Outcome& d = r.decision;
    if (keep || !d.summary.empty() || !d.rationale.empty() || !d.tradeoffs.empty() ||
        !d.priorities.empty()) {
        w.header("[decision]");
        w.string("summary", d.summary, keep);
        w.string("rationale", d.rationale, keep);
        w.strings("tradeoffs", d.tradeoffs);
        w.numbers("priorities", d.priorities);
    }

    for (const auto& g : r.guardrails) {
        w.header("[[guardrails]]");
        w.string("metric", g.metric, true);
        if (g.op)
            w.line("op = " + toml_string(to_string(*g.op)));
        w.number("value", g.value);
        w.number("max_drop", g.max_drop);
        w.number("max_relative_drop", g.max_relative_drop);
        w.string("direction", g.direction);
        w.string("action", g.action);
        w.string("kind", g.kind);
        w.string("window", g.window);
    }
    for (const auto& s : r.stakeholders) {
        w.header("[[stakeholders]]");
        w.string("name", s.name, true);
        w.string("role", s.role);
        w.string("stance", s.stance);
        w.strings("concerns", s.concerns);
        w.string("reevaluate_when", s.reevaluate_when);
    }
    for (const auto& l : r.links) {
        w.header("[[links]]");
        w.string("kind", l.kind);
        w.string("url", l.url, true);
        w.string("title", l.title);
    }
    for (const auto& f : r.fairness) {
        w.header("[[fairness]]");
        w.string("metric", f.metric, true);
        w.string("method", f.method);
        w.strings("sensitive_features", f.sensitive_features);
        w.strings("slices", f.slices);
        w.number("value", f.value);
        w.number("threshold", f.threshold);
    }
    return w.take();
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
