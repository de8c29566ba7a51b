#include "decision/util/markdown.hpp"

#include "decision/util/text.hpp"

#include <cctype>
#include <cstdio>

namespace decision::util {

namespace {
// ASCII punctuation CommonMark or GitHub could read as markup anywhere in a line. Others
// ('-', '+', '=', '.', ')') matter only at the start of a line (escaped there) or after a
// ']' (always escaped).
bool is_markup(char c) {
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '!':
    case '|':
    case '~':
    case '&':
    case '#':
    case '$':
        return true;
    default:
        return false;
    }
}

std::string escape_line(std::string_view line) {
    std::string text(trim(line));
    std::string out;
    out.reserve(text.size() + 8);
    // A list marker ("-", "+", "1." "1)") or a setext underline ("===") at the start.
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
        ++digits;
    bool ordered =
        digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')');
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (is_markup(c) || (i == 0 && (c == '-' || c == '+' || c == '=')) ||
            (ordered && i == digits))
            out += '\\';
        out += c;
    }
    return out;
}
} // namespace

std::string markdown_inline(std::string_view text) {
    std::string flat = sanitize(text, /*allow_newlines=*/true);
    for (char& c : flat)
        if (c == '\n' || c == '\t')
            c = ' ';
    return escape_line(flat);
}

std::string markdown_cell(std::string_view text) {
    std::string clean = sanitize(text);
    std::string out;
    out.reserve(clean.size());
    for (char c : clean) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '@':
            out += "&#64;";
            break;
        default:
            if (is_markup(c))
                out += '\\';
            out += c;
        }
    }
    return out;
}

std::string markdown_block(std::string_view text) {
    std::string out;
    bool blank = false;
    for (const auto& line : split(sanitize(text, /*allow_newlines=*/true), '\n')) {
        std::string escaped = markdown_inline(line);
        if (escaped.empty()) {
            blank = !out.empty();
            continue;
        }
        if (!out.empty())
            out += blank ? "\n\n" : "\n";
        blank = false;
        out += escaped;
    }
    return out;
}

std::optional<std::string> markdown_destination(std::string_view url) {
    std::string_view u = trim(url);
    if (u.empty())
        return std::nullopt;
    std::size_t colon = u.find(':');
    std::size_t slash = u.find_first_of("/?#");
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
        std::string scheme = to_lower(u.substr(0, colon));
        if (scheme != "http" && scheme != "https")
            return std::nullopt;
    }
    std::string out = "<";
    for (char ch : u) {
        auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '\\') {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + ">";
}

std::string yaml_quote(std::string_view text) {
    std::string json = json_quote(text);
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        // U+FFFE and U+FFFF: EF BF BE / EF BF BF.
        if (static_cast<unsigned char>(json[i]) == 0xEF && i + 2 < json.size() &&
            static_cast<unsigned char>(json[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(json[i + 2]) & 0xFE) == 0xBE) {
            out += static_cast<unsigned char>(json[i + 2]) == 0xBE ? "\\ufffe" : "\\uffff";
            i += 2;
            continue;
        }
        out += json[i];
    }
    return out;
}

} // namespace decision::util
