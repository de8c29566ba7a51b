#pragma once
// TOML access shared by records, policies and metrics: the one place toml++'s parse_error
// is caught, and a reader that checks keys and types as it goes.

#include "decision/util/diagnostic.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <toml++/toml.h>
#include <vector>

namespace decision::util {

// How deep tables, arrays and dotted keys may nest in any TOML file read. toml++ recurses
// once per level (a dotted key of 60,000 parts overflows the stack), so deeper text is
// refused before it reaches the parser. Records and policies use four levels at most.
inline constexpr int k_max_toml_depth = 64;

// The 1-based line where `text` nests deeper than `max_depth` (tables from headers and
// dotted keys, inline tables, arrays), or 0 when it does not. A scan of TOML's lexical
// structure (strings, comments, keys, values) that never recurses; it accepts malformed
// text and leaves reporting that to the parser.
int toml_too_deep(std::string_view text, int max_depth = k_max_toml_depth);
// What is said about it: "too deeply nested (more than 64 levels of ...)".
std::string too_deep_message();

// Why TOML text did not parse: toml++'s description of a syntax error, or too_deep_message().
struct TomlError {
    int line = 0;
    int column = 0;
    std::string description;
    bool syntax = true; // false: refused as too deeply nested, before toml++ saw it
};

// Parses TOML text, refusing text nested deeper than k_max_toml_depth before toml++ sees
// it: the one place toml++'s parse_error is caught (records, policies, metrics files).
tl::expected<toml::table, TomlError> parse_toml_text(std::string_view text,
                                                     const std::string& path);

// The same with the error as a diagnostic at its line and column ("invalid TOML: ..." or
// "too deeply nested ...").
tl::expected<toml::table, Diagnostic> parse_toml(std::string_view text, const std::string& path);

Position position_of(const toml::source_region& r);

// "a string", "an integer", ... for messages.
const char* type_name(const toml::node& n);

// Reads typed values out of a TOML tree, reporting every value that does not fit as a
// file:line:col diagnostic and carrying on, so one run reports all problems of a file.
class TomlReader {
public:
    TomlReader(const std::string& path, std::vector<Diagnostic>& out) : m_path(path), m_out(out) {}

    void error(const toml::node* where, std::string message, Position fallback = {1, 1}) {
        Position p = where ? position_of(where->source()) : fallback;
        if (p.line == 0)
            p = fallback;
        m_out.push_back(
            Diagnostic{m_path, p.line, p.column, Severity::Error, "", std::move(message)});
    }

    // Reports keys of `t` that are not in `known`, with the closest known key as a hint.
    void check_keys(const toml::table& t, const std::string& where,
                    const std::vector<std::string>& known) {
        for (auto&& [key, node] : t) {
            std::string k(key.str());
            if (std::find(known.begin(), known.end(), k) != known.end())
                continue;
            std::string msg = "unknown key '" + sanitize(k) + "'";
            if (!where.empty())
                msg += " in " + where;
            if (auto hint = closest(k, known))
                msg += "; did you mean '" + *hint + "'?";
            else
                msg += " (expected one of: " + join(known) + ")";
            Position p = position_of(key.source());
            if (p.line == 0)
                p = position_of(node.source());
            m_out.push_back(Diagnostic{m_path, p.line, p.column, Severity::Error, "", msg});
        }
    }

    const toml::node* required(const toml::table& t, const std::string& key,
                               const std::string& name, const toml::node* parent) {
        const toml::node* n = t.get(key);
        if (!n)
            error(parent, "missing required key '" + name + "'", Position{1, 1});
        return n;
    }

    std::string string(const toml::node* n, const std::string& name) {
        if (!n)
            return {};
        if (auto s = n->as_string()) {
            const std::string& v = s->get();
            if (!is_valid_utf8(v))
                error(n, "'" + name + "' is not valid UTF-8");
            return v;
        }
        error(n, "'" + name + "' must be a string, not " + type_name(*n));
        return {};
    }

    std::optional<double> number(const toml::node* n, const std::string& name) {
        if (!n)
            return std::nullopt;
        if (n->is_integer())
            return static_cast<double>(n->as_integer()->get());
        if (auto f = n->as_floating_point()) {
            double v = f->get();
            if (!std::isfinite(v)) {
                error(n, "'" + name + "' must be a finite number");
                return std::nullopt;
            }
            return v;
        }
        error(n, "'" + name + "' must be a number, not " + type_name(*n));
        return std::nullopt;
    }

    bool boolean(const toml::node* n, const std::string& name) {
        if (!n)
            return false;
        if (auto b = n->as_boolean())
            return b->get();
        error(n, "'" + name + "' must be true or false, not " + type_name(*n));
        return false;
    }

    std::optional<std::chrono::year_month_day> date(const toml::node* n, const std::string& name) {
        if (!n)
            return std::nullopt;
        if (auto d = n->as_date()) {
            const toml::date& v = d->get();
            std::chrono::year_month_day out{std::chrono::year(v.year), std::chrono::month(v.month),
                                            std::chrono::day(v.day)};
            if (!out.ok()) {
                error(n, "'" + name + "' is not a calendar date");
                return std::nullopt;
            }
            return out;
        }
        std::string hint =
            n->is_string() ? " (write it without quotes: " + name + " = 2026-11-02)" : "";
        error(n, "'" + name + "' must be a date like 2026-11-02, not " + type_name(*n) + hint);
        return std::nullopt;
    }

    std::vector<std::string> strings(const toml::node* n, const std::string& name) {
        std::vector<std::string> out;
        if (!n)
            return out;
        const toml::array* a = n->as_array();
        if (!a) {
            error(n, "'" + name + "' must be an array of strings, not " + type_name(*n));
            return out;
        }
        for (std::size_t i = 0; i < a->size(); ++i)
            out.push_back(string(a->get(i), name + "[" + std::to_string(i) + "]"));
        return out;
    }

    std::map<std::string, double> numbers(const toml::node* n, const std::string& name) {
        std::map<std::string, double> out;
        if (!n)
            return out;
        const toml::table* t = n->as_table();
        if (!t) {
            error(n, "'" + name + "' must be a table of numbers like { recall = 0.86 }, not " +
                         type_name(*n));
            return out;
        }
        for (auto&& [key, value] : *t)
            if (auto v = number(&value, name + "." + std::string(key.str())))
                out[std::string(key.str())] = *v;
        return out;
    }

    // Calls `each(table, index)` for every table of an array of tables.
    template <class F> void tables(const toml::node* n, const std::string& name, F each) {
        if (!n)
            return;
        const toml::array* a = n->as_array();
        if (!a) {
            error(n, "'" + name + "' must be an array of tables ([[" + name + "]]), not " +
                         type_name(*n));
            return;
        }
        for (std::size_t i = 0; i < a->size(); ++i) {
            const toml::node* item = a->get(i);
            if (const toml::table* t = item->as_table())
                each(*t, i);
            else
                error(item,
                      "each entry of '" + name + "' must be a table, not " + type_name(*item));
        }
    }

    const toml::table* table(const toml::node* n, const std::string& name) {
        if (!n)
            return nullptr;
        if (const toml::table* t = n->as_table())
            return t;
        error(n, "'" + name + "' must be a table ([" + name + "]), not " + type_name(*n));
        return nullptr;
    }

    // A string that must be one of `allowed` (when present).
    std::string one_of(const toml::node* n, const std::string& name,
                       const std::vector<std::string>& allowed) {
        std::string v = string(n, name);
        if (!n || v.empty() || std::find(allowed.begin(), allowed.end(), v) != allowed.end())
            return v;
        std::string msg = "'" + name + "' is '" + sanitize(v) + "'";
        if (auto hint = closest(v, allowed))
            msg += "; did you mean '" + *hint + "'?";
        else
            msg += "; expected one of: " + join(allowed);
        error(n, msg);
        return v;
    }

private:
    const std::string& m_path;
    std::vector<Diagnostic>& m_out;
};

} // namespace decision::util
