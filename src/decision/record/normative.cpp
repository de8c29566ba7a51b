#include "decision/record/normative.hpp"

#include "decision/util/digest.hpp"

#include <charconv>
#include <cstdio>

namespace decision::record {

namespace {

// Writes `path = value` lines. A field at its default (empty text, empty list, absent
// optional, false) is left out, so a field added to records later does not change the
// text of the records that do not use it.
class Writer {
public:
    std::string text = std::string(k_normative_version) + "\n";

    void string(const std::string& path, const std::string& value) {
        if (!value.empty())
            line(path, quote(value));
    }
    void strings(const std::string& path, const std::vector<std::string>& values) {
        if (values.empty())
            return;
        std::string list = "[";
        for (std::size_t i = 0; i < values.size(); ++i)
            list += (i ? ", " : "") + quote(values[i]);
        line(path, list + "]");
    }
    void number(const std::string& path, std::optional<double> value) {
        if (value)
            line(path, shortest(*value));
    }
    void flag(const std::string& path, bool value) {
        if (value)
            line(path, "true");
    }
    void date(const std::string& path, const std::optional<Date>& value) {
        if (value)
            line(path, to_string(*value));
    }
    void metrics(const std::string& path, const Metrics& values) {
        for (const auto& [name, value] : values) // std::map: sorted by name
            line(path + "[" + quote(name) + "]", shortest(value));
    }
    // An array of tables: its size, so that entries whose fields are all defaults count.
    void size(const std::string& path, std::size_t n) {
        if (n)
            line(path + ".size", std::to_string(n));
    }

private:
    void line(const std::string& path, const std::string& value) {
        text += path;
        text += " = ";
        text += value;
        text += '\n';
    }
    // The shortest text that reads back as the same double.
    static std::string shortest(double v) {
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        return ec == std::errc() ? std::string(buf, end) : std::string("?");
    }
    // A double-quoted string on one line: `"` and `\` escaped, control bytes as \xNN,
    // every other byte as it is (UTF-8 stays UTF-8).
    static std::string quote(const std::string& s) {
        std::string out = "\"";
        for (unsigned char c : s) {
            if (c == '"' || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20 || c == 0x7f) {
                char buf[5];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
        return out + "\"";
    }
};

std::string at(const char* array, std::size_t i) {
    return std::string(array) + "[" + std::to_string(i) + "]";
}

} // namespace

std::string normative_text(const Record& r) {
    Writer w;
    w.string("id", r.id);
    w.string("title", r.title);
    w.string("category", std::string(to_string(r.category)));
    w.date("date", r.date);
    w.strings("tags", r.tags);
    w.strings("supersedes", r.supersedes);
    w.string("owner.name", r.owner.name);
    w.string("owner.role", r.owner.role);
    w.string("owner.email", r.owner.email);
    w.strings("scope.paths", r.scope.paths);
    w.strings("scope.models", r.scope.models);
    w.size("models", r.models.size());
    for (std::size_t i = 0; i < r.models.size(); ++i) {
        w.string(at("models", i) + ".name", r.models[i].name);
        w.string(at("models", i) + ".version", r.models[i].version);
    }
    w.string("problem.statement", r.problem.statement);
    w.string("problem.trigger", r.problem.trigger);
    w.strings("problem.constraints", r.problem.constraints);
    w.size("problem.baseline", r.problem.baseline.size());
    for (std::size_t i = 0; i < r.problem.baseline.size(); ++i) {
        const auto& b = r.problem.baseline[i];
        std::string p = at("problem.baseline", i);
        w.string(p + ".metric", b.metric);
        w.number(p + ".value", b.value);
        w.string(p + ".source", b.source);
    }
    w.size("options", r.options.size());
    for (std::size_t i = 0; i < r.options.size(); ++i) {
        const auto& o = r.options[i];
        std::string p = at("options", i);
        w.string(p + ".name", o.name);
        w.string(p + ".summary", o.summary);
        w.flag(p + ".chosen", o.chosen);
        w.string(p + ".rejected_because", o.rejected_because);
        w.metrics(p + ".metrics", o.metrics);
        w.metrics(p + ".fairness", o.fairness);
        w.strings(p + ".advocates", o.advocates);
    }
    w.string("decision.summary", r.decision.summary);
    w.string("decision.rationale", r.decision.rationale);
    w.strings("decision.tradeoffs", r.decision.tradeoffs);
    w.metrics("decision.priorities", r.decision.priorities);
    w.size("guardrails", r.guardrails.size());
    for (std::size_t i = 0; i < r.guardrails.size(); ++i) {
        const auto& g = r.guardrails[i];
        std::string p = at("guardrails", i);
        w.string(p + ".metric", g.metric);
        if (g.op)
            w.string(p + ".op", std::string(to_string(*g.op)));
        w.number(p + ".value", g.value);
        w.number(p + ".max_drop", g.max_drop);
        w.number(p + ".max_relative_drop", g.max_relative_drop);
        w.string(p + ".direction", g.direction);
        // No action means re-evaluate: both spellings are the same content.
        w.string(p + ".action", g.action.empty() ? "re-evaluate" : g.action);
        w.string(p + ".kind", g.kind);
        w.string(p + ".window", g.window);
    }
    // A stakeholder's stance is theirs to change without reopening the decision.
    w.size("stakeholders", r.stakeholders.size());
    for (std::size_t i = 0; i < r.stakeholders.size(); ++i) {
        const auto& s = r.stakeholders[i];
        std::string p = at("stakeholders", i);
        w.string(p + ".name", s.name);
        w.string(p + ".role", s.role);
        w.strings(p + ".concerns", s.concerns);
        w.string(p + ".reevaluate_when", s.reevaluate_when);
    }
    w.size("fairness", r.fairness.size());
    for (std::size_t i = 0; i < r.fairness.size(); ++i) {
        const auto& f = r.fairness[i];
        std::string p = at("fairness", i);
        w.string(p + ".metric", f.metric);
        w.string(p + ".method", f.method);
        w.strings(p + ".sensitive_features", f.sensitive_features);
        w.strings(p + ".slices", f.slices);
        w.number(p + ".value", f.value);
        w.number(p + ".threshold", f.threshold);
    }
    w.string("fairness_not_applicable", r.fairness_not_applicable);
    return std::move(w.text);
}

std::string normative_hash(const Record& r) {
    return util::sha256_hex(normative_text(r));
}

} // namespace decision::record
