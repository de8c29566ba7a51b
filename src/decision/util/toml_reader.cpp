#include "decision/util/toml_reader.hpp"

#include <vector>

namespace decision::util {

namespace {

// A forward-only reader of TOML's lexical structure for toml_too_deep().
class DepthScan {
public:
    DepthScan(std::string_view text, int max_depth) : m_text(text), m_max(max_depth) {}

    int run() {
        while (!at_end() && !m_too_deep_line) {
            skip_blank_lines();
            if (at_end())
                break;
            if (peek() == '[')
                header();
            else
                key_value(m_table_depth);
            skip_to_line_end();
        }
        return m_too_deep_line;
    }

private:
    bool at_end() const { return m_pos >= m_text.size(); }
    char peek(std::size_t ahead = 0) const {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }
    void advance() {
        if (m_text[m_pos] == '\n')
            ++m_line;
        ++m_pos;
    }
    void reach(int depth) {
        if (depth > m_max && !m_too_deep_line)
            m_too_deep_line = m_line;
    }
    void skip_spaces() {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\r'))
            advance();
    }
    void skip_comment() {
        while (!at_end() && peek() != '\n')
            advance();
    }
    // Spaces, newlines and comments.
    void skip_blank_lines() {
        for (;;) {
            skip_spaces();
            if (peek() == '#')
                skip_comment();
            else if (peek() == '\n')
                advance();
            else
                return;
        }
    }
    void skip_to_line_end() {
        while (!at_end() && peek() != '\n') {
            if (peek() == '"' || peek() == '\'')
                string();
            else
                advance();
        }
    }
    // A basic or literal string, single- or multi-line, from its opening quote.
    void string() {
        char q = peek();
        bool multi = peek(1) == q && peek(2) == q;
        for (int i = 0; i < (multi ? 3 : 1); ++i)
            advance();
        while (!at_end()) {
            char c = peek();
            if (c == '\\' && q == '"') {
                advance();
                if (!at_end())
                    advance();
                continue;
            }
            if (c == '\n' && !multi)
                return; // unterminated: the parser reports it
            if (c == q) {
                if (!multi) {
                    advance();
                    return;
                }
                if (peek(1) == q && peek(2) == q) {
                    // Up to two more quotes may belong to the content ("""a"""""").
                    std::size_t run = 0;
                    while (peek(run) == q)
                        ++run;
                    for (std::size_t i = 0; i < run; ++i)
                        advance();
                    return;
                }
            }
            advance();
        }
    }
    // A key up to (not including) `=` or the end of the line: its number of parts.
    int key() {
        int parts = 1;
        while (!at_end() && peek() != '=' && peek() != '\n' && peek() != '#' && peek() != ']' &&
               peek() != '}' && peek() != ',') {
            if (peek() == '"' || peek() == '\'') {
                string();
                continue;
            }
            if (peek() == '.')
                ++parts;
            advance();
        }
        return parts;
    }
    // [a.b] or [[a.b]]: the depth of the tables that follow.
    void header() {
        advance();
        bool array = peek() == '[';
        if (array)
            advance();
        m_table_depth = key() + (array ? 1 : 0);
        reach(m_table_depth);
    }
    // key = value, its key nested `depth` levels down.
    void key_value(int depth) {
        depth += key();
        reach(depth);
        if (peek() != '=')
            return;
        advance();
        value(depth);
    }
    // One value; arrays and inline tables nest one level deeper each.
    void value(int depth) {
        skip_spaces();
        if (peek() == '"' || peek() == '\'')
            return string();
        if (peek() == '[')
            return container(depth + 1, ']');
        if (peek() == '{')
            return container(depth + 1, '}');
        while (!at_end() && peek() != ',' && peek() != ']' && peek() != '}' && peek() != '\n' &&
               peek() != '#')
            advance();
    }
    // An array or inline table from its opening bracket to its closing one. Nested ones are
    // followed with an explicit stack, so this never recurses deeper than one level.
    void container(int depth, char close) {
        std::vector<std::pair<char, int>> open{{close, depth}};
        reach(depth);
        advance();
        while (!at_end() && !open.empty() && !m_too_deep_line) {
            auto [closing, level] = open.back();
            if (closing == ']')
                skip_blank_lines(); // arrays may span lines and hold comments
            else
                skip_spaces();
            if (at_end())
                return;
            char c = peek();
            if (c == closing) {
                advance();
                open.pop_back();
                continue;
            }
            if (c == ',') {
                advance();
                continue;
            }
            if (c == '\n' || c == ']' || c == '}') {
                if (closing == '}')
                    return; // malformed inline table: the parser reports it
                advance();
                continue;
            }
            if (closing == '}') { // a key = value inside an inline table
                std::size_t start = m_pos;
                int key_depth = level + key();
                reach(key_depth);
                if (peek() != '=') {
                    if (m_pos == start)
                        advance(); // a stray character: step over it
                    continue;
                }
                advance();
                skip_spaces();
                level = key_depth;
                c = peek();
            }
            if (c == '[' || c == '{') {
                open.emplace_back(c == '[' ? ']' : '}', level + 1);
                reach(level + 1);
                advance();
                continue;
            }
            value(level);
        }
    }

    std::string_view m_text;
    int m_max;
    std::size_t m_pos = 0;
    int m_line = 1;
    int m_table_depth = 0;
    int m_too_deep_line = 0;
};

} // namespace

int toml_too_deep(std::string_view text, int max_depth) {
    return DepthScan(text, max_depth).run();
}

std::string too_deep_message() {
    return "too deeply nested (more than " + std::to_string(k_max_toml_depth) +
           " levels of tables, arrays or dotted keys)";
}

tl::expected<toml::table, TomlError> parse_toml_text(std::string_view text,
                                                     const std::string& path) {
    if (int line = toml_too_deep(text))
        return tl::unexpected(TomlError{line, 1, too_deep_message(), false});
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        auto where = e.source().begin;
        return tl::unexpected(TomlError{static_cast<int>(where.line),
                                        static_cast<int>(where.column),
                                        std::string(e.description()), true});
    }
}

tl::expected<toml::table, Diagnostic> parse_toml(std::string_view text, const std::string& path) {
    auto parsed = parse_toml_text(text, path);
    if (!parsed) {
        const TomlError& e = parsed.error();
        return tl::unexpected(Diagnostic{path, e.line, e.column, Severity::Error, "",
                                         (e.syntax ? "invalid TOML: " : "") + e.description});
    }
    return std::move(*parsed);
}

Position position_of(const toml::source_region& r) {
    return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

const char* type_name(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::table:
        return "a table";
    default:
        return "nothing";
    }
}

} // namespace decision::util
