#include "decision/util/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace decision::util {

namespace {
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80           ? 1
                    : (b >> 5) == 0x6  ? 2
                    : (b >> 4) == 0xE  ? 3
                    : (b >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size())
        return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
            return 0;
    if (n == 2 && b < 0xC2)
        return 0; // overlong
    if (n == 3) {
        auto b1 = static_cast<unsigned char>(s[i + 1]);
        if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0))
            return 0; // overlong or surrogate
    }
    if (n == 4) {
        auto b1 = static_cast<unsigned char>(s[i + 1]);
        if ((b == 0xF0 && b1 < 0x90) || b > 0xF4 || (b == 0xF4 && b1 >= 0x90))
            return 0;
    }
    return n;
}
} // namespace

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

std::vector<std::string_view> split_views(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        auto pos = s.find(sep, start);
        out.push_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
        if (pos == std::string_view::npos)
            return out;
        start = pos + 1;
    }
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += sep;
        out += items[i];
    }
    return out;
}

std::string normalize_path(std::string_view path) {
    std::string out;
    for (std::string_view part : split_views(path, '/')) {
        if (part.empty() || part == ".")
            continue;
        if (!out.empty())
            out += '/';
        out += part;
    }
    return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
    auto views = split_views(s, sep);
    return {views.begin(), views.end()};
}

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto n = utf8_length(s, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

std::size_t columns(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

std::string_view first_columns(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t seen = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == n)
            break;
    return s.substr(0, i);
}

std::string sanitize(std::string_view s, bool allow_newlines) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto n = utf8_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        auto c = static_cast<unsigned char>(s[i]);
        bool c1 = n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0;
        bool control = (n == 1 && (c < 0x20 || c == 0x7F)) || c1;
        if (control && !(allow_newlines && (c == '\n' || c == '\t'))) {
            char buf[8];
            unsigned value = c1 ? static_cast<unsigned char>(s[i + 1]) : c;
            std::snprintf(buf, sizeof buf, "\\x%02X", value);
            out += buf;
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    // Optimal string alignment: insertions, deletions, substitutions and transpositions of
    // neighbours each cost one, so "lsit" is one step from "list". Three rows of the table
    // are kept, and only the band of cells within `limit` of the diagonal is filled: a cell
    // further out costs more than `limit` already.
    if (a.size() < b.size())
        std::swap(a, b);
    if (a.size() - b.size() > limit)
        return limit + 1;
    const std::size_t far = limit + 1;
    std::vector<std::size_t> before(b.size() + 1, far), prev(b.size() + 1, far),
        row(b.size() + 1, far);
    for (std::size_t j = 0; j <= b.size() && j <= limit; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t from = i > limit ? i - limit : 1;
        std::size_t to = std::min(b.size(), i + limit);
        // Cells just outside the band read as "too far"; the rest of the row is never read.
        row[0] = i <= limit ? i : far;
        row[from - 1] = from == 1 ? row[0] : far;
        if (to < b.size())
            row[to + 1] = far;
        std::size_t row_min = row[0];
        for (std::size_t j = from; j <= to; ++j) {
            std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            std::size_t d = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1]))
                d = std::min(d, before[j - 2] + 1);
            row[j] = std::min(d, far);
            row_min = std::min(row_min, row[j]);
        }
        if (row_min > limit)
            return far;
        std::swap(before, prev);
        std::swap(prev, row);
    }
    return std::min(prev[b.size()], far);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    return edit_distance(a, b, std::max(a.size(), b.size()));
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
    if (word.size() > k_max_hint_length)
        return std::nullopt;
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        if (c.size() > k_max_hint_length)
            continue;
        auto d = edit_distance(word, c, best_distance - 1);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string format_percent(double fraction) {
    double pct = fraction * 100;
    char buf[64];
    if (std::fabs(pct) >= 10)
        std::snprintf(buf, sizeof buf, "%.1f", pct);
    else
        std::snprintf(buf, sizeof buf, "%.2g", pct);
    std::string s = buf;
    if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.')
            s.pop_back();
    }
    return (s == "-0" ? std::string("0") : s) + "%";
}

std::string format_number(double d) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
}

std::string format_written_percent(double fraction) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.12g", fraction * 100);
    std::string s = format_number(std::strtod(buf, nullptr));
    return (s == "-0" ? "0" : s) + "%";
}

std::string slugify(std::string_view title, std::size_t max_len) {
    std::string out;
    for (char c : title) {
        char l = lower(c);
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
            if (out.size() >= max_len)
                break;
            out += l;
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? "decision" : out;
}

std::string printable_json(std::string json) {
    auto needs = [](std::string_view s, std::size_t i) {
        auto c = static_cast<unsigned char>(s[i]);
        return c == 0x7F ||
               (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                static_cast<unsigned char>(s[i + 1]) <= 0x9F);
    };
    std::size_t i = 0;
    while (i < json.size() && !needs(json, i))
        ++i;
    if (i == json.size())
        return json; // the usual case: nothing to do, no copy
    std::string out(json, 0, i);
    for (; i < json.size(); ++i) {
        if (!needs(json, i)) {
            out += json[i];
            continue;
        }
        unsigned value = static_cast<unsigned char>(json[i]);
        if (value == 0xC2)
            value = static_cast<unsigned char>(json[++i]);
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", value);
        out += buf;
    }
    return out;
}

std::string json_quote(std::string_view s) {
    // Printable ASCII without quotes or backslashes (most trailers) is its own JSON text;
    // anything else goes through the library, which escapes and repairs invalid UTF-8.
    if (std::all_of(s.begin(), s.end(),
                    [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; })) {
        std::string out;
        out.reserve(s.size() + 2);
        out += '"';
        out += s;
        out += '"';
        return out;
    }
    return printable_json(nlohmann::json(std::string(s))
                              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string short_id(std::string_view id) {
    return std::string(id.substr(0, 12));
}

std::string pretty_json(const nlohmann::json& j) {
    return printable_json(j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string pretty_json(const nlohmann::ordered_json& j) {
    return printable_json(j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

} // namespace decision::util
