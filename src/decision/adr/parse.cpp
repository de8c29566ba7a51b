#include "decision/adr/parse.hpp"

#include "decision/util/text.hpp"
#include "decision/artifact/yaml.hpp"

#include <algorithm>
#include <tuple>

namespace decision::adr {

using util::ErrorKind;
using util::fail;

std::string_view to_string(Format f) {
    switch (f) {
    case Format::AdrTools:
        return "adr-tools";
    case Format::Madr:
        return "madr";
    case Format::Log4brains:
        return "log4brains";
    }
    return "madr";
}

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string join(const std::vector<std::string>& lines, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += (i ? std::string(sep) : "") + lines[i];
    return out;
}

// Lines without their trailing blank lines and leading blank lines, joined.
std::string text_of(const std::vector<std::string>& lines) {
    std::size_t first = 0, last = lines.size();
    while (first < last && util::trim(lines[first]).empty())
        ++first;
    while (last > first && util::trim(lines[last - 1]).empty())
        --last;
    std::vector<std::string> kept(lines.begin() + static_cast<std::ptrdiff_t>(first),
                                  lines.begin() + static_cast<std::ptrdiff_t>(last));
    for (auto& l : kept)
        while (!l.empty() && (l.back() == ' ' || l.back() == '\t'))
            l.pop_back();
    return join(kept, "\n");
}

// A heading's level (1-6) when `line` is an ATX heading, else 0; `text` gets its words.
int heading(std::string_view line, std::string& text) {
    std::size_t i = 0;
    while (i < 3 && i < line.size() && line[i] == ' ')
        ++i;
    std::size_t hashes = 0;
    while (i + hashes < line.size() && line[i + hashes] == '#')
        ++hashes;
    if (hashes == 0 || hashes > 6)
        return 0;
    std::size_t rest = i + hashes;
    if (rest < line.size() && line[rest] != ' ' && line[rest] != '\t')
        return 0;
    std::string_view words = util::trim(line.substr(rest));
    while (!words.empty() && words.back() == '#') // closing sequence "## Title ##"
        words.remove_suffix(1);
    text = std::string(util::trim(words));
    return static_cast<int>(hashes);
}

// Whether `line` opens or closes a fenced code block (``` or ~~~).
bool is_fence(std::string_view line) {
    std::string_view t = util::trim(line);
    return t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0;
}

// `line` without HTML comments; `in_comment` carries an open comment to the next line.
std::string without_comments(std::string_view line, bool& in_comment) {
    std::string out;
    std::size_t i = 0;
    while (i < line.size()) {
        if (in_comment) {
            auto end = line.find("-->", i);
            if (end == std::string_view::npos)
                return out;
            in_comment = false;
            i = end + 3;
        } else {
            auto start = line.find("<!--", i);
            if (start == std::string_view::npos) {
                out += line.substr(i);
                break;
            }
            out += line.substr(i, start - i);
            in_comment = true;
            i = start + 4;
        }
    }
    return out;
}

// The title without a leading ADR number: "1. Foo", "0001 - Foo", "ADR-0001: Foo",
// "ADR 12 Foo" -> "Foo". A title that is only a number, or a year ("2025 roadmap"),
// stays as it is.
std::string drop_number(const std::string& title) {
    std::string_view t = title;
    bool adr = t.size() > 3 && util::iequals(t.substr(0, 3), "adr");
    std::size_t i = adr ? 3 : 0;
    if (adr && i < t.size() && (t[i] == '-' || t[i] == '_' || t[i] == ' '))
        ++i;
    std::size_t digits = i;
    while (digits < t.size() && is_digit(t[digits]))
        ++digits;
    if (digits == i)
        return title;
    std::size_t j = digits;
    while (j < t.size() && t[j] == ' ')
        ++j;
    bool separated = false;
    if (j < t.size() && std::string_view(".:)-").find(t[j]) != std::string_view::npos) {
        separated = true;
        ++j;
    } else if (t.substr(j).rfind("\xE2\x80\x93", 0) == 0 ||
               t.substr(j).rfind("\xE2\x80\x94", 0) == 0) {
        separated = true; // en or em dash
        j += 3;
    }
    if (!separated && !(adr && j > digits))
        return title;
    std::string_view rest = util::trim(t.substr(j));
    return rest.empty() ? title : std::string(rest);
}

// A metadata line before the first section: "Date: 2016-02-12", "* Status: accepted",
// "- **Deciders:** Ann, Bo". Sets `key` (lower case) and `value`; `bullet` says whether
// it was a list item and with which marker.
bool metadata_line(std::string_view line, std::string& key, std::string& value, char& bullet) {
    std::string_view t = util::trim(line);
    bullet = 0;
    if (t.size() > 2 && (t[0] == '*' || t[0] == '-' || t[0] == '+') && t[1] == ' ') {
        bullet = t[0];
        t = util::trim(t.substr(2));
    }
    bool bold = t.rfind("**", 0) == 0;
    if (bold)
        t.remove_prefix(2);
    auto colon = t.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 24)
        return false;
    std::string k = util::to_lower(util::trim(t.substr(0, colon)));
    if (!k.empty() && k.back() == '*')
        k.erase(k.find_last_not_of('*') + 1);
    std::string_view v = t.substr(colon + 1);
    if (bold && v.rfind("**", 0) == 0)
        v.remove_prefix(2);
    static const std::vector<std::string> k_keys{
        "status",          "date",      "deciders", "decision-makers",
        "decision makers", "consulted", "informed", "tags"};
    if (std::find(k_keys.begin(), k_keys.end(), k) == k_keys.end())
        return false;
    key = k == "deciders" || k == "decision makers" ? "decision-makers" : k;
    value = std::string(util::trim(v));
    return true;
}

// "Ann, Bo" -> {"Ann", "Bo"}; tags also split on spaces.
std::vector<std::string> split_list(std::string_view s, bool on_spaces) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        auto t = util::trim(cur);
        if (!t.empty())
            out.emplace_back(t);
        cur.clear();
    };
    for (char c : s) {
        if (c == ',' || c == ';' || (on_spaces && (c == ' ' || c == '\t')))
            flush();
        else
            cur += c;
    }
    flush();
    return out;
}

// YAML text as the rest of the file is: valid UTF-8 without control characters other than
// newlines and tabs (a double-quoted YAML string can spell "\0" or a lone surrogate).
std::string clean(const std::string& s) {
    return util::sanitize(s, true);
}

// A YAML scalar or sequence of scalars as a list; anything else as its YAML text.
std::vector<std::string> yaml_list(const YAML::Node& node, bool on_spaces) {
    std::vector<std::string> out;
    if (node.IsScalar())
        return split_list(clean(node.Scalar()), on_spaces);
    if (node.IsSequence()) {
        for (const auto& item : node)
            if (item.IsScalar() && !util::trim(item.Scalar()).empty())
                out.emplace_back(util::trim(clean(item.Scalar())));
            else if (!item.IsNull() && !item.IsScalar())
                out.push_back(clean(YAML::Dump(item)));
    }
    return out;
}

std::string yaml_text(const YAML::Node& node) {
    if (node.IsScalar())
        return clean(node.Scalar());
    if (node.IsNull())
        return "";
    return clean(YAML::Dump(node));
}

// The file name a link points at: "./0002-foo.md#x" -> "0002-foo.md".
std::string link_target(std::string_view href) {
    href = util::trim(href);
    if (auto hash = href.find('#'); hash != std::string_view::npos)
        href = href.substr(0, hash);
    if (auto slash = href.rfind('/'); slash != std::string_view::npos)
        href = href.substr(slash + 1);
    return std::string(href);
}

// "Superseded by [2. Foo](0002-foo.md)" -> {"superseded by", "0002-foo.md"}; "superseded
// by ADR-0005" -> {"superseded by", "ADR-0005"}. Only relation words before a link (or
// "superseded by"/"supersedes" before plain text) count.
bool relation_of(std::string_view line, Relation& out) {
    std::string_view t = util::trim(line);
    if (t.size() > 2 && (t[0] == '*' || t[0] == '-' || t[0] == '+') && t[1] == ' ')
        t = util::trim(t.substr(2));
    auto open = t.find('[');
    if (open != std::string_view::npos && open > 0) {
        auto close = t.find("](", open);
        auto end = close == std::string_view::npos ? close : t.find(')', close);
        std::string kind = util::to_lower(util::trim(t.substr(0, open)));
        while (!kind.empty() && (kind.back() == ':' || kind.back() == ' '))
            kind.pop_back();
        if (end != std::string_view::npos && !kind.empty() && kind.size() <= 40) {
            std::string_view href = t.substr(close + 2, end - close - 2);
            if (href.find("://") != std::string_view::npos)
                return false;
            out = {kind, link_target(href)};
            return !out.target.empty();
        }
    }
    std::string lower = util::to_lower(t);
    for (std::string_view kind : {"superseded by", "supersedes"})
        if (lower.rfind(kind, 0) == 0) {
            std::string_view rest = util::trim(t.substr(kind.size()));
            if (!rest.empty() && rest.front() == ':')
                rest = util::trim(rest.substr(1));
            if (rest.empty())
                return false;
            out = {std::string(kind), std::string(rest)};
            return true;
        }
    return false;
}

bool starts_with_digits(std::string_view s, std::size_t n) {
    if (s.size() <= n || s[n] != '-')
        return false;
    return std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(n), is_digit);
}

// Whether trimmed `t` starts a list item: "* a", "- a", "+ a", "1. a", "1) a"; `marker`
// gets the length of what comes before the item's text.
bool is_list_item(std::string_view t, std::size_t* marker = nullptr) {
    std::size_t m = 0;
    if (t.size() > 2 && (t[0] == '*' || t[0] == '-' || t[0] == '+') && t[1] == ' ') {
        m = 2;
    } else {
        std::size_t d = 0;
        while (d < t.size() && is_digit(t[d]))
            ++d;
        if (d > 0 && d + 1 < t.size() && (t[d] == '.' || t[d] == ')') && t[d + 1] == ' ')
            m = d + 2;
    }
    if (marker)
        *marker = m;
    return m > 0;
}

// Where a section being read collects its lines.
struct OpenSection {
    std::string heading;
    std::vector<std::string> lines;
    std::vector<std::pair<std::string, std::vector<std::string>>> subsections;
};

} // namespace

std::string strip_links(std::string_view s) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto open = s.find('[', i);
        if (open == std::string_view::npos) {
            out += s.substr(i);
            break;
        }
        auto close = s.find("](", open);
        auto end = close == std::string_view::npos ? close : s.find(')', close);
        if (end == std::string_view::npos) {
            out += s.substr(i);
            break;
        }
        out += s.substr(i, open - i);
        out += s.substr(open + 1, close - open - 1);
        i = end + 1;
    }
    return out;
}

std::string reflow(std::string_view text) {
    std::string out;
    bool in_code = false;
    bool joinable = false; // the previous line is text that a soft break continues
    for (auto line : util::split_views(text, '\n')) {
        std::string_view t = util::trim(line);
        std::string words;
        if (in_code || is_fence(line)) {
            in_code = in_code ? !is_fence(line) : true;
            out += (out.empty() ? "" : "\n") + std::string(line);
            joinable = false;
            continue;
        }
        bool is_heading = heading(line, words) > 0;
        bool starts_block =
            t.empty() || is_heading || t[0] == '|' || t[0] == '>' || is_list_item(t);
        if (joinable && !starts_block) {
            out += " ";
            out += t;
            continue;
        }
        auto end = line.find_last_not_of(" \t");
        out += (out.empty() ? "" : "\n") +
               std::string(end == std::string_view::npos ? "" : line.substr(0, end + 1));
        joinable = !t.empty() && !is_heading && t[0] != '|';
    }
    return out;
}

std::vector<std::string> paragraphs(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    for (auto line : util::split_views(text, '\n')) {
        auto t = util::trim(line);
        if (t.empty()) {
            if (!cur.empty())
                out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += (cur.empty() ? "" : " ") + std::string(t);
        }
    }
    if (!cur.empty())
        out.push_back(std::move(cur));
    return out;
}

std::vector<std::string> items(std::string_view text) {
    std::vector<std::string> out;
    bool any_item = false;
    bool in_item = false;
    for (auto line : util::split_views(text, '\n')) {
        auto t = util::trim(line);
        std::size_t marker = 0;
        is_list_item(t, &marker);
        if (marker) {
            any_item = true;
            in_item = true;
            out.emplace_back(util::trim(t.substr(marker)));
        } else if (t.empty()) {
            in_item = false;
        } else if (in_item) {
            out.back() += " " + std::string(t);
        }
    }
    if (!any_item)
        return paragraphs(text);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [](const std::string& s) {
                                 return s.empty() || s == "\xE2\x80\xA6" || s == "...";
                             }),
              out.end());
    return out;
}

util::Result<Adr> parse(std::string_view raw, const std::string& file_name) {
    std::string name = util::sanitize(file_name);
    if (raw.find('\0') != std::string_view::npos)
        return fail(ErrorKind::Check, name + ": a binary file, not Markdown");
    if (!util::is_valid_utf8(raw))
        return fail(ErrorKind::Check, name + ": not UTF-8 text");
    if (raw.rfind("\xEF\xBB\xBF", 0) == 0)
        raw.remove_prefix(3);
    if (util::trim(raw).empty())
        return fail(ErrorKind::Check, name + ": the file is empty");

    std::vector<std::string> lines;
    for (auto l : util::split_views(raw, '\n')) {
        if (!l.empty() && l.back() == '\r')
            l.remove_suffix(1);
        lines.emplace_back(l);
    }

    Adr adr;
    bool front_matter = false;
    bool plain_date = false;
    char status_bullet = 0;
    std::size_t body = 0;
    if (!lines.empty() && util::trim(lines[0]) == "---") {
        std::size_t end = 1;
        while (end < lines.size() && util::trim(lines[end]) != "---" &&
               util::trim(lines[end]) != "...")
            ++end;
        if (end == lines.size())
            return fail(ErrorKind::Check,
                        name + ":1: the front matter is never closed with a '---' line");
        std::vector<std::string> yaml(lines.begin() + 1,
                                      lines.begin() + static_cast<std::ptrdiff_t>(end));
        TRY_ASSIGN(auto doc, artifact::parse_yaml(join(yaml, "\n"), name + " (front matter)"));
        if (!doc.IsNull() && !doc.IsMap())
            return fail(ErrorKind::Check,
                        name + ":2: the front matter is not a YAML mapping of keys to values");
        front_matter = true;
        for (const auto& entry : doc) {
            std::string key =
                clean(entry.first.IsScalar() ? entry.first.Scalar() : YAML::Dump(entry.first));
            std::string k = util::to_lower(key);
            const YAML::Node& v = entry.second;
            if (k == "status")
                adr.status = util::trim(yaml_text(v));
            else if (k == "date")
                adr.date = util::trim(yaml_text(v));
            else if (k == "decision-makers" || k == "deciders")
                adr.decision_makers = yaml_list(v, false);
            else if (k == "consulted")
                adr.consulted = yaml_list(v, false);
            else if (k == "informed")
                adr.informed = yaml_list(v, false);
            else if (k == "tags")
                adr.tags = yaml_list(v, true);
            else if (k == "title" && v.IsScalar())
                adr.title = drop_number(std::string(util::trim(clean(v.Scalar()))));
            else
                adr.extra_metadata.push_back(key + ": " + std::string(util::trim(yaml_text(v))));
        }
        body = end + 1;
    }

    std::vector<std::string> preamble;
    std::vector<OpenSection> sections;
    bool in_code = false;
    bool in_comment = false;
    bool title_seen = false;
    for (std::size_t n = body; n < lines.size(); ++n) {
        const std::string& raw_line = lines[n];
        std::string line;
        if (in_code) {
            line = raw_line;
            if (is_fence(raw_line))
                in_code = false;
        } else {
            bool was_in_comment = in_comment;
            line = without_comments(raw_line, in_comment);
            // A line that was all comment ("<!-- optional -->") is no blank line.
            if (util::trim(line).empty() && !util::trim(raw_line).empty() &&
                (was_in_comment || in_comment || raw_line.find("<!--") != std::string::npos))
                continue;
            if (is_fence(line))
                in_code = true;
        }
        // The lines of whatever is being read now.
        auto& sink = sections.empty() ? preamble
                     : sections.back().subsections.empty()
                         ? sections.back().lines
                         : sections.back().subsections.back().second;
        std::string words;
        int level = in_code || is_fence(raw_line) ? 0 : heading(line, words);
        if (level == 1 && !title_seen && sections.empty()) {
            title_seen = true;
            if (adr.title.empty())
                adr.title = drop_number(words);
            continue;
        }
        if (level == 2) {
            sections.push_back({words, {}, {}});
            continue;
        }
        if (level == 3 && !sections.empty()) {
            sections.back().subsections.emplace_back(words, std::vector<std::string>{});
            continue;
        }
        if (sections.empty() && level == 0 && !in_code) {
            std::string key, value;
            char bullet = 0;
            if (metadata_line(line, key, value, bullet)) {
                if (key == "status") {
                    adr.status = value;
                    status_bullet = bullet;
                } else if (key == "date") {
                    adr.date = value;
                    plain_date = plain_date || bullet == 0;
                } else if (key == "decision-makers") {
                    adr.decision_makers = split_list(value, false);
                } else if (key == "consulted") {
                    adr.consulted = split_list(value, false);
                } else if (key == "informed") {
                    adr.informed = split_list(value, false);
                } else if (key == "tags") {
                    adr.tags = split_list(value, true);
                }
                continue;
            }
        }
        sink.push_back(line);
    }

    adr.preamble = text_of(preamble);
    for (auto& s : sections) {
        Section out{s.heading, text_of(s.lines), {}};
        for (auto& [h, l] : s.subsections)
            out.subsections.push_back({h, text_of(l), {}});
        adr.sections.push_back(std::move(out));
    }

    // Status from a `## Status` section (adr-tools): its first line; the other lines and
    // every relation line of the Status and Links sections are relations.
    bool status_section = false;
    Relation rel;
    if (relation_of(adr.status, rel))
        adr.relations.push_back(rel);
    for (const auto& s : adr.sections) {
        std::string h = util::to_lower(s.heading);
        if (h == "status") {
            status_section = true;
            auto paras = paragraphs(s.text);
            if (adr.status.empty() && !paras.empty())
                adr.status = std::string(util::trim(util::split(s.text, '\n')[0]));
        }
        if (h == "status" || h == "links") {
            for (auto line : util::split_views(s.text, '\n'))
                if (relation_of(line, rel))
                    adr.relations.push_back(rel);
        }
    }
    // The status line "Superseded by [..](..)" was read twice (value and section).
    std::sort(adr.relations.begin(), adr.relations.end(), [](const Relation& a, const Relation& b) {
        return std::tie(a.kind, a.target) < std::tie(b.kind, b.target);
    });
    adr.relations.erase(std::unique(adr.relations.begin(), adr.relations.end(),
                                    [](const Relation& a, const Relation& b) {
                                        return a.kind == b.kind && a.target == b.target;
                                    }),
                        adr.relations.end());

    bool has_metadata = !adr.status.empty() || !adr.date.empty() || front_matter;
    if (adr.title.empty() && adr.sections.empty() && !has_metadata)
        return fail(ErrorKind::Check,
                    name + ": no '# title' heading, metadata or '## ' sections; not an ADR");

    if (front_matter)
        adr.format = Format::Madr;
    else if (status_section || plain_date)
        adr.format = Format::AdrTools;
    else if (starts_with_digits(file_name, 8) || status_bullet == '-')
        adr.format = Format::Log4brains;
    else
        adr.format = Format::Madr;
    return adr;
}

} // namespace decision::adr
