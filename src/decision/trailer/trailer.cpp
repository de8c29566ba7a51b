#include "decision/trailer/trailer.hpp"

#include <array>
#include <cstddef>

// The rules below follow git 2.39's trailer.c (find_patch_start, find_trailer_start,
// trailer_info_get, unfold_value), commit.c (ignore_non_trailer), wt-status.c
// (wt_status_locate_end) and pretty.c (skip_blank_lines before %(trailers)). Every rule is
// checked against the real git binary by tests/integration/trailer_corpus_test.cpp.

namespace decision::trailer {

namespace {

constexpr std::size_t k_npos = std::string_view::npos;

// The line `git commit -v` writes above the diff, after "<commentChar> ".
constexpr std::string_view k_cut_line = "------------------------ >8 ------------------------\n";

// Trailers git writes itself: one of them lets a block of only 25% trailers count.
constexpr std::array<std::string_view, 2> k_git_generated_prefixes = {
    "Signed-off-by: ", "(cherry picked from commit "};

// Old `git merge` conflict lists, which git skips at the end of a message.
constexpr std::string_view k_conflicts = "Conflicts:\n";

// git's ctype (ctype.c) is ASCII only and its space is exactly \t \n \r and ' '
// (no \v or \f), so util::trim would not match it.
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

std::string_view trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && is_space(s[b]))
        ++b;
    while (e > b && is_space(s[e - 1]))
        --e;
    return s.substr(b, e - b);
}

bool is_blank(std::string_view line) {
    for (char c : line)
        if (!is_space(c))
            return false;
    return true;
}

// The message as git sees it: a C string, so everything from a NUL byte on is invisible.
std::string_view visible(std::string_view message) {
    return message.substr(0, message.find('\0'));
}

// The start of the line after the one holding `pos` (text.size() for the last line).
std::size_t next_line(std::string_view text, std::size_t pos) {
    std::size_t nl = text.find('\n', pos);
    return nl == k_npos ? text.size() : nl + 1;
}

// The line starting at `pos`, without its '\n'.
std::string_view line_at(std::string_view text, std::size_t pos) {
    std::size_t nl = text.find('\n', pos);
    return text.substr(pos, (nl == k_npos ? text.size() : nl) - pos);
}

// The start of the last line of text[0, len), where a final '\n' belongs to that line; -1
// for an empty text (git's last_line).
std::ptrdiff_t last_line(std::string_view text, std::size_t len) {
    if (len == 0)
        return -1;
    if (len == 1)
        return 0;
    std::size_t nl = text.substr(0, len - 1).rfind('\n');
    return nl == k_npos ? 0 : static_cast<std::ptrdiff_t>(nl + 1);
}

// The position of the ':' in "<token><optional spaces or tabs>:", 0 when the line starts
// with ':', -1 when the line is not of that form. The token is [A-Za-z0-9-]*.
std::ptrdiff_t find_separator(std::string_view line) {
    bool whitespace_found = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c == ':')
            return static_cast<std::ptrdiff_t>(i);
        if (!whitespace_found && (is_alnum(c) || c == '-'))
            continue;
        if (i != 0 && (c == ' ' || c == '\t')) {
            whitespace_found = true;
            continue;
        }
        break;
    }
    return -1;
}

// Commit mode: where the title starts once leading blank lines are skipped.
std::size_t skip_blank_lines(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t next = next_line(text, pos);
        if (!is_blank(text.substr(pos, next - pos)))
            break;
        pos = next;
    }
    return pos;
}

// MessageFile mode: the start of the first line that is "---" followed by whitespace.
std::size_t find_patch_start(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size(); pos = next_line(text, pos))
        if (text.substr(pos, 3) == "---" && pos + 3 < text.size() && is_space(text[pos + 3]))
            return pos;
    return text.size();
}

// Where the scissors line starts in buf[0, len), or len. git 2.39 looks past `len` (a
// scissors line below a `---` divider) and then loops forever; like git 2.43 we clamp.
std::size_t find_cut_line(std::string_view buf, std::size_t len, char comment_char) {
    std::array<char, 2 + 1 + k_cut_line.size()> storage{};
    storage[0] = '\n';
    storage[1] = comment_char;
    storage[2] = ' ';
    k_cut_line.copy(storage.data() + 3, k_cut_line.size());
    std::string_view pattern(storage.data(), storage.size());
    if (buf.starts_with(pattern.substr(1)))
        return 0;
    std::size_t p = buf.substr(0, len + pattern.size()).find(pattern);
    if (p == k_npos)
        return len;
    return p + 1 < len ? p + 1 : len;
}

// The end of the log message within buf[0, len): before a trailing run of comment lines,
// empty lines and old "Conflicts:" lists, and before the scissors line at `cutoff`
// (ignore_non_trailer).
std::size_t end_of_log_message(std::string_view buf, std::size_t cutoff, std::size_t len,
                               char comment_char) {
    // As in git, 0 means "no run of ignorable lines": a run starting at the very first line
    // is only noticed from its second line on.
    std::size_t boc = 0;
    bool in_old_conflicts_block = false;
    for (std::size_t bol = 0; bol < cutoff;) {
        std::size_t nl = buf.substr(0, len).find('\n', bol);
        std::size_t next = nl == k_npos ? len : nl + 1;
        if (buf[bol] == comment_char || buf[bol] == '\n') {
            if (!boc)
                boc = bol;
        } else if (buf.substr(bol).starts_with(k_conflicts)) {
            in_old_conflicts_block = true;
            if (!boc)
                boc = bol;
        } else if (in_old_conflicts_block && buf[bol] == '\t') {
            // a path in the conflicts list
        } else if (boc) {
            boc = 0;
            in_old_conflicts_block = false;
        }
        bol = next;
    }
    return boc ? boc : cutoff;
}

bool matches_configured_key(std::string_view line, std::size_t separator_pos,
                            const std::vector<std::string>& keys) {
    // git compares the first separator_pos bytes (spaces before ':' included) with
    // strncasecmp, so the line's token may be any prefix of the configured key.
    for (const auto& key : keys)
        if (separator_pos <= key.size() &&
            iequal(line.substr(0, separator_pos), std::string_view(key).substr(0, separator_pos)))
            return true;
    return false;
}

// The start of the trailer block in buf[0, len), or len when the last paragraph is not one:
// the title paragraph never is; otherwise all its lines must be trailers (or continuations),
// or at least 25% with one git-generated or configured trailer (find_trailer_start).
std::size_t find_block_start(std::string_view buf, std::size_t len, const ParseOptions& options) {
    const char cc = options.comment_char;
    std::string_view text = buf.substr(0, len);

    std::size_t end_of_title = 0;
    while (end_of_title < len) {
        if (text[end_of_title] != cc && is_blank(line_at(text, end_of_title)))
            break;
        end_of_title = next_line(text, end_of_title);
    }

    bool only_spaces = true;
    bool recognized_prefix = false;
    std::size_t trailer_lines = 0, non_trailer_lines = 0;
    // Indented lines seen since the last trailer: continuations if a trailer comes next
    // (we walk backwards), non-trailers otherwise.
    std::size_t possible_continuation_lines = 0;

    for (std::ptrdiff_t l = last_line(text, len); l >= static_cast<std::ptrdiff_t>(end_of_title);
         l = last_line(text, static_cast<std::size_t>(l))) {
        const auto bol = static_cast<std::size_t>(l);
        std::string_view line = line_at(text, bol);

        if (!line.empty() && line[0] == cc) {
            non_trailer_lines += possible_continuation_lines;
            possible_continuation_lines = 0;
            continue;
        }
        if (is_blank(line)) {
            if (only_spaces)
                continue;
            non_trailer_lines += possible_continuation_lines;
            if ((recognized_prefix && trailer_lines * 3 >= non_trailer_lines) ||
                (trailer_lines && !non_trailer_lines))
                return next_line(text, bol);
            return len;
        }
        only_spaces = false;

        bool generated = false;
        for (auto prefix : k_git_generated_prefixes)
            generated = generated || line.starts_with(prefix);
        if (generated) {
            ++trailer_lines;
            possible_continuation_lines = 0;
            recognized_prefix = true;
            continue;
        }

        std::ptrdiff_t separator_pos = find_separator(line);
        if (separator_pos >= 1) {
            ++trailer_lines;
            possible_continuation_lines = 0;
            if (!recognized_prefix &&
                matches_configured_key(line, static_cast<std::size_t>(separator_pos),
                                       options.configured_keys))
                recognized_prefix = true;
        } else if (is_space(line[0])) {
            ++possible_continuation_lines;
        } else {
            non_trailer_lines += 1 + possible_continuation_lines;
            possible_continuation_lines = 0;
        }
    }
    return len;
}

// Where a message's trailer block lies: text[block_start, end), empty when it has none.
struct Layout {
    std::size_t block_start = 0;
    std::size_t end = 0;   // the end of the log message
    std::size_t limit = 0; // the end of what git reads at all: the `---` or scissors line
    bool has_block() const { return block_start < end; }
};

Layout find_layout(std::string_view text, const ParseOptions& options) {
    std::size_t begin = options.mode == Mode::Commit ? skip_blank_lines(text) : 0;
    std::size_t end = options.mode == Mode::MessageFile ? find_patch_start(text) : text.size();
    std::string_view buf = text.substr(begin);
    std::size_t cutoff = find_cut_line(buf, end - begin, options.comment_char);
    std::size_t len = end_of_log_message(buf, cutoff, end - begin, options.comment_char);
    return Layout{begin + find_block_start(buf, len, options), begin + len, begin + cutoff};
}

// The value after the separator: trimmed, each line break plus the indentation after it
// folded to one space (unfold_value; whitespace before a break is kept, as git keeps it).
std::string unfold(std::string_view raw) {
    raw = trim(raw);
    if (raw.find('\n') == k_npos)
        return std::string(raw);
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size();) {
        char c = raw[i++];
        if (c == '\n') {
            while (i < raw.size() && is_space(raw[i]))
                ++i;
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

// The trailers in text[layout.block_start, layout.end). An indented line continues the
// entry before it when that entry has a separator (trailer_info_get); entries without one
// (e.g. "(cherry picked from commit ...)") are not trailers.
std::vector<Trailer> read_block(std::string_view text, Layout layout, const ParseOptions& options) {
    std::vector<Trailer> trailers;
    std::string_view block = text.substr(0, layout.end);
    auto emit = [&](std::size_t start, std::size_t stop) {
        std::string_view entry = block.substr(start, stop - start);
        // --parse drops comment lines; %(trailers) does not, and a comment line can only
        // look like a trailer when core.commentChar is a letter, digit or '-'.
        if (options.mode == Mode::MessageFile && entry[0] == options.comment_char)
            return;
        std::ptrdiff_t separator_pos = find_separator(entry);
        if (separator_pos < 1)
            return;
        auto sep = static_cast<std::size_t>(separator_pos);
        trailers.push_back(
            Trailer{std::string(trim(entry.substr(0, sep))), unfold(entry.substr(sep + 1))});
    };

    std::size_t entry_start = k_npos;
    bool entry_continues = false; // whether indented lines join the current entry
    for (std::size_t pos = layout.block_start; pos < layout.end;) {
        std::size_t next = next_line(block, pos);
        if (entry_continues && is_space(block[pos])) {
            pos = next;
            continue;
        }
        if (entry_start != k_npos)
            emit(entry_start, pos);
        entry_start = pos;
        entry_continues = find_separator(line_at(block, pos)) >= 1;
        pos = next;
    }
    if (entry_start != k_npos)
        emit(entry_start, layout.end);
    return trailers;
}

// A value fit for one line: line breaks and the indentation after them become one space.
std::string one_line(std::string_view value) {
    value = trim(value);
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size();) {
        char c = value[i++];
        if (c == '\n' || c == '\r') {
            while (i < value.size() && is_space(value[i]))
                ++i;
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

// Whether the last line of text[0, len) is blank (git's ends_with_blank_line).
bool ends_with_blank_line(std::string_view text, std::size_t len) {
    std::ptrdiff_t last = last_line(text, len);
    return last >= 0 && is_blank(text.substr(static_cast<std::size_t>(last),
                                             len - static_cast<std::size_t>(last)));
}

// The start of a final unterminated line that the line break add() appends would turn into
// a `---` divider (MessageFile mode) or a scissors line, either of which would hide the new
// trailer; add() treats such a line as what it is about to become. k_npos when there is none.
std::size_t dangling_line(std::string_view text, std::size_t message_size,
                          const ParseOptions& options) {
    if (text.empty() || text.back() == '\n' || text.size() != message_size)
        return k_npos;
    auto last = static_cast<std::size_t>(last_line(text, text.size()));
    std::string_view line = text.substr(last);
    if (options.mode == Mode::MessageFile && line == "---")
        return last;
    // A comment line either way, but one that add() must insert before.
    if (line.size() == 2 + k_cut_line.size() - 1 && line[0] == options.comment_char &&
        line[1] == ' ' && line.substr(2) == k_cut_line.substr(0, k_cut_line.size() - 1))
        return last;
    return k_npos;
}

// Where and how add() puts the new trailer line.
struct Insertion {
    std::size_t at;         // offset in the message
    bool blank_line_needed; // a new block: separate it from the paragraph before
    bool terminate_message; // end the (dangling) last line with a line break
};

std::string insert(std::string_view message, std::string_view text, Insertion where,
                   std::string_view line, std::string_view eol) {
    std::string out;
    out.reserve(message.size() + line.size() + 4 * eol.size());
    out.append(message.substr(0, where.at));
    if (where.at > 0 && text[where.at - 1] != '\n')
        out.append(eol);
    if (where.blank_line_needed)
        out.append(eol);
    out.append(line).append(eol);
    out.append(message.substr(where.at));
    if (where.terminate_message)
        out.append(eol);
    return out;
}

} // namespace

std::vector<Trailer> parse(std::string_view message, const ParseOptions& options) {
    std::string_view text = visible(message);
    return read_block(text, find_layout(text, options), options);
}

std::vector<std::string> values(const std::vector<Trailer>& trailers, std::string_view key) {
    std::vector<std::string> out;
    for (const auto& t : trailers)
        if (iequal(t.key, key))
            out.push_back(t.value);
    return out;
}

bool is_valid_key(std::string_view key) {
    if (key.empty())
        return false;
    for (char c : key)
        if (!is_alnum(c) && c != '-')
            return false;
    return true;
}

std::string add(std::string_view message, const Trailer& trailer, const ParseOptions& options) {
    if (!is_valid_key(trailer.key))
        return std::string(message);
    std::string value = one_line(trailer.value);

    std::string_view text = visible(message);
    std::size_t dangling = dangling_line(text, message.size(), options);
    Layout layout = find_layout(text.substr(0, dangling), options);
    std::size_t first_nl = text.find('\n');
    std::string_view eol = first_nl != k_npos && first_nl > 0 && text[first_nl - 1] == '\r'
                               ? std::string_view("\r\n")
                               : std::string_view("\n");
    // A divider must be terminated to stay one below the new trailer, and to be one at all:
    // the layout above was found with it terminated.
    bool terminate = dangling != k_npos && text[dangling] == '-';
    for (const auto& t : read_block(text, layout, options))
        if (iequal(t.key, trailer.key) && iequal(t.value, value))
            return terminate ? std::string(message) + std::string(eol) : std::string(message);

    std::string line = trailer.key + ": " + value;

    std::size_t at = layout.end;
    if (layout.has_block()) {
        // After the block's last non-blank line: whitespace-only lines that git leaves at
        // its end (e.g. "\r\n") would otherwise split the new trailer off the block.
        while (at > layout.block_start) {
            auto start = static_cast<std::size_t>(last_line(text, at));
            if (!is_blank(text.substr(start, at - start)))
                break;
            at = start;
        }
    }
    Insertion first{at, !layout.has_block() && !ends_with_blank_line(text, at), terminate};
    std::string out = insert(message, text, first, line, eol);

    // What follows the insertion point can read differently once a trailer precedes it (a
    // tab-indented line after an old "Conflicts:" list is ignored only while that list
    // lasts). Then a new paragraph at the end of what git reads is the place.
    auto added = [&](std::string_view result) {
        for (const auto& t : parse(result, options))
            if (t.key == trailer.key && t.value == value)
                return true;
        return false;
    };
    if (added(out))
        return out;
    Insertion last{layout.limit, !ends_with_blank_line(text, layout.limit), terminate};
    std::string fallback = insert(message, text, last, line, eol);
    return added(fallback) ? fallback : out;
}

} // namespace decision::trailer
