#include "decision/util/pathmatch.hpp"

#include "decision/util/text.hpp"

#include <algorithm>
#include <bit>
#include <utility>

// How git reads a .gitignore line, and how this file mirrors it:
//
// - dir.c:add_patterns_from_buffer skips lines starting with '#', then trim_trailing_spaces
//   drops trailing spaces unless the last one is escaped; parse_path_pattern then takes a
//   leading '!' (negation) and a trailing '/' (directories only). A pattern with no other '/'
//   is matched against the basename of every path (match_basename, wildmatch without
//   WM_PATHNAME); otherwise against the whole path (match_pathname, one leading '/' stripped).
// - match_pathname compares the literal prefix (up to the first of `*?[\`) byte for byte and
//   hands only the rest to wildmatch, so a `**` right after the prefix counts as being at the
//   start of the pattern: "foo**/bar" matches "foo/bar" and "foox/y/bar". The rest is
//   compiled here on its own for the same reason.
// - wildmatch with WM_PATHNAME: `?`, `*` and classes never match '/'; `**` preceded by the
//   pattern start or '/' and followed by the end, '/' or "\/" matches across '/', and "**/"
//   may also match nothing (but "**\/" may not); any other run of stars is one '*'.
// - prep_exclude walks the leading directories top-down and stops at the first one whose last
//   matching pattern is positive: everything beneath is excluded, negations notwithstanding.
//
// wildmatch backtracks (with abort shortcuts); here the pattern becomes a small automaton
// whose set of live states is tracked in a fixed-size bitset on the stack, so matching costs
// O(path length x pattern length) at worst and never allocates.

namespace decision::util {

namespace {

constexpr std::size_t k_max_words = 16;
constexpr std::size_t k_max_steps = k_max_words * 64 - 1;
using States = std::array<std::uint64_t, k_max_words>;

bool is_glob_special(char c) {
    return c == '*' || c == '?' || c == '[' || c == '\\';
}

// dir.c:simple_length — how many leading bytes hold no wildcard or escape.
std::size_t simple_length(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && !is_glob_special(s[i]))
        ++i;
    return i;
}

// dir.c:trim_trailing_spaces — trailing spaces go unless escaped; a lone trailing backslash
// keeps everything.
std::string_view trim_trailing_spaces(std::string_view s) {
    std::size_t last_space = std::string_view::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ') {
            if (last_space == std::string_view::npos)
                last_space = i;
        } else if (s[i] == '\\') {
            if (++i == s.size())
                return s;
            last_space = std::string_view::npos;
        } else {
            last_space = std::string_view::npos;
        }
    }
    return last_space == std::string_view::npos ? s : s.substr(0, last_space);
}

tl::unexpected<Error> invalid(std::string_view pattern, const std::string& why) {
    // A pattern can be any length; the message shows enough of it to find it.
    constexpr std::size_t k_shown = 80;
    std::string shown = sanitize(first_columns(pattern, k_shown));
    if (columns(pattern) > k_shown)
        shown += "... (" + std::to_string(pattern.size()) + " bytes)";
    return fail(ErrorKind::Usage, "invalid path pattern \"" + shown + "\": " + why);
}

using ByteSet = std::array<std::uint64_t, 4>;

void add_byte(ByteSet& set, unsigned char c) {
    set[c >> 6] |= std::uint64_t{1} << (c & 63);
}

bool has_byte(const ByteSet& set, unsigned char c) {
    return (set[c >> 6] >> (c & 63)) & 1;
}

constexpr bool in_range(int c, int lo, int hi) {
    return c >= lo && c <= hi;
}
constexpr bool is_alpha(int c) {
    return in_range(c, 'a', 'z') || in_range(c, 'A', 'Z');
}
constexpr bool is_digit(int c) {
    return in_range(c, '0', '9');
}

// wildmatch.c's [:name:] classes with git's locale-independent ctype: ASCII only, and
// "space" is " \t\n\r" (no \v or \f).
struct NamedClass {
    std::string_view name;
    bool (*holds)(int c);
};
constexpr NamedClass k_named_classes[] = {
    {"alnum", [](int c) { return is_alpha(c) || is_digit(c); }},
    {"alpha", [](int c) { return is_alpha(c); }},
    {"blank", [](int c) { return c == ' ' || c == '\t'; }},
    {"cntrl", [](int c) { return c < 32 || c == 127; }},
    {"digit", [](int c) { return is_digit(c); }},
    {"graph", [](int c) { return in_range(c, 33, 126); }},
    {"lower", [](int c) { return in_range(c, 'a', 'z'); }},
    {"print", [](int c) { return in_range(c, 32, 126); }},
    {"punct", [](int c) { return in_range(c, 33, 126) && !is_alpha(c) && !is_digit(c); }},
    {"space", [](int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }},
    {"upper", [](int c) { return in_range(c, 'A', 'Z'); }},
    {"xdigit", [](int c) { return is_digit(c) || in_range(c | 0x20, 'a', 'f'); }},
};

// Adds the members of class `name` to `set`; false for a name git does not know.
bool add_named_class(ByteSet& set, std::string_view name) {
    for (const auto& named : k_named_classes) {
        if (named.name != name)
            continue;
        for (int c = 0; c < 128; ++c)
            if (named.holds(c))
                add_byte(set, static_cast<unsigned char>(c));
        return true;
    }
    return false;
}

// Parses the bracket expression opening at glob[i] as wildmatch.c does (a ']' or '-' first
// is a member, "[!" and "[^" negate, "[:name:]" classes, backslash escapes) into `set`, which
// never holds '/'. Returns the index just past the closing ']'. `pattern` is the pattern as
// written, for messages.
Result<std::size_t> parse_bracket(std::string_view pattern, std::string_view glob, std::size_t i,
                                  ByteSet& set) {
    auto unterminated = [&] {
        std::size_t column = static_cast<std::size_t>(glob.data() - pattern.data()) + i + 1;
        return invalid(pattern, "the '[' at column " + std::to_string(column) +
                                    " has no closing ']', so git would never match it; write "
                                    "\"\\[\" for a literal '['");
    };
    const std::size_t n = glob.size();
    std::size_t j = i + 1;
    bool negate = j < n && (glob[j] == '!' || glob[j] == '^');
    if (negate)
        ++j;
    int prev = -1; // the previous member, start of a possible range
    for (bool first = true;; first = false) {
        if (j >= n)
            return unterminated();
        auto b = static_cast<unsigned char>(glob[j]);
        if (b == ']' && !first) {
            ++j;
            break;
        }
        if (b == '\\') {
            if (++j >= n)
                return unterminated();
            b = static_cast<unsigned char>(glob[j]);
            add_byte(set, b);
            prev = b;
            ++j;
        } else if (b == '-' && prev >= 0 && j + 1 < n && glob[j + 1] != ']') {
            auto hi = static_cast<unsigned char>(glob[++j]);
            if (hi == '\\') {
                if (++j >= n)
                    return unterminated();
                hi = static_cast<unsigned char>(glob[j]);
            }
            for (int x = prev; x <= hi; ++x)
                add_byte(set, static_cast<unsigned char>(x));
            prev = -1;
            ++j;
        } else if (b == '[' && j + 1 < n && glob[j + 1] == ':') {
            std::size_t s = j + 2;
            std::size_t k = glob.find(']', s);
            if (k == std::string_view::npos)
                return unterminated();
            if (k == s || glob[k - 1] != ':') {
                add_byte(set, '['); // no ":]": a plain '[', then go on from the ':'
                prev = '[';
                ++j;
                continue;
            }
            std::string_view name = glob.substr(s, k - 1 - s);
            if (!add_named_class(set, name))
                return invalid(pattern, "unknown character class \"[:" + sanitize(name) +
                                            ":]\", so git would never match it (known: alnum, "
                                            "alpha, blank, cntrl, digit, graph, lower, print, "
                                            "punct, space, upper, xdigit)");
            prev = -1;
            j = k + 1;
        } else {
            add_byte(set, b);
            prev = b;
            ++j;
        }
    }
    if (negate)
        for (auto& word : set)
            word = ~word;
    set['/' >> 6] &= ~(std::uint64_t{1} << ('/' & 63)); // classes never match '/'
    return j;
}

} // namespace

Result<PathPattern> PathPattern::compile(std::string_view pattern, bool ignore_case) {
    if (pattern.empty())
        return invalid(pattern, "it is empty");
    if (pattern.find('\0') != std::string_view::npos)
        return invalid(pattern, "it contains a NUL byte");
    if (pattern.find_first_of("\r\n") != std::string_view::npos)
        return invalid(pattern, "it contains a line break, which a .gitignore line cannot hold");
    if (pattern.front() == '#')
        return invalid(pattern, "a leading '#' makes it a comment in .gitignore; write \"\\" +
                                    sanitize(first_columns(pattern, 80)) +
                                    (columns(pattern) > 80 ? "..." : "") +
                                    "\" to match a name starting with '#'");

    PathPattern out;
    out.m_text = std::string(pattern);
    std::string_view body = trim_trailing_spaces(pattern);
    if (body.empty())
        return invalid(pattern, "it holds only spaces, which git strips (write \"\\ \" for a "
                                "trailing space)");
    if (body.front() == '!') {
        out.m_negated = true;
        body.remove_prefix(1);
        if (body.empty())
            return invalid(pattern, "nothing follows the '!'");
    }
    if (body.find("//") != std::string_view::npos)
        return invalid(pattern, "\"//\" would need an empty path component, so git would never "
                                "match it");
    if (body.back() == '/') {
        out.m_directory_only = true;
        body.remove_suffix(1);
        if (body.empty())
            return invalid(pattern, "'/' alone names no path, so git would never match it");
    }

    bool pathname = body.find('/') != std::string_view::npos;
    std::string_view glob = body;
    if (pathname) {
        if (glob.front() == '/')
            glob.remove_prefix(1);
        std::size_t prefix = simple_length(glob);
        out.m_kind = Kind::Path;
        out.m_literal = std::string(glob.substr(0, prefix));
        out.m_literal_slashes =
            static_cast<std::size_t>(std::count(out.m_literal.begin(), out.m_literal.end(), '/'));
        glob.remove_prefix(prefix);
    } else {
        out.m_kind = Kind::Name; // simplify() picks the literal and suffix shortcuts
    }

    TRY(out.add_steps(pattern, glob, pathname));
    if (ignore_case)
        out.fold_case();
    out.simplify();
    const std::size_t steps = out.m_steps.size();
    out.m_words = (steps + 1 + 63) / 64;
    std::size_t all_from = steps;
    while (all_from > 0 && out.m_steps[all_from - 1].op == Op::AnyRun)
        --all_from;
    out.m_accept_all_from = all_from < steps ? all_from : SIZE_MAX;
    out.m_start.assign(out.m_words, 0);
    out.m_start[0] = 1;
    if (out.m_words == 1)
        out.build_single_word_tables();
    out.close(out.m_start.data());
    return out;
}

Result<void> PathPattern::add_steps(std::string_view pattern, std::string_view glob,
                                    bool pathname) {
    auto push = [&](Op op, unsigned char byte = 0) {
        Step step;
        step.op = op;
        step.byte = byte;
        m_steps.push_back(step);
    };

    const std::size_t n = glob.size();
    for (std::size_t i = 0; i < n;) {
        char c = glob[i];
        if (c == '\\') {
            if (i + 1 == n)
                return invalid(pattern, "it ends with a lone '\\', so git would never match it; "
                                        "write \"\\\\\" for a literal backslash");
            push(Op::Byte, static_cast<unsigned char>(glob[i + 1]));
            i += 2;
        } else if (c == '?') {
            push(Op::AnyByte);
            ++i;
        } else if (c == '*') {
            std::size_t j = i;
            while (j < n && glob[j] == '*')
                ++j;
            bool boundary_before = i == 0 || glob[i - 1] == '/';
            if (pathname && j - i >= 2 && boundary_before) {
                if (j == n) {
                    push(Op::AnyRun);
                    i = j;
                    continue;
                }
                if (glob[j] == '/') {
                    push(Op::SkipDirs);
                    push(Op::AnyRun);
                    push(Op::Byte, '/');
                    i = j + 1;
                    continue;
                }
                if (glob[j] == '\\' && j + 1 < n && glob[j + 1] == '/') {
                    push(Op::AnyRun); // the escaped '/' follows as a Byte: no zero-directory form
                    i = j;
                    continue;
                }
            }
            push(Op::Star);
            i = j;
        } else if (c == '[') {
            Step step;
            step.op = Op::Class;
            step.set = static_cast<std::uint16_t>(m_sets.size());
            TRY_ASSIGN(auto end, parse_bracket(pattern, glob, i, m_sets.emplace_back()));
            m_steps.push_back(step);
            i = end;
        } else {
            push(Op::Byte, static_cast<unsigned char>(c));
            ++i;
        }
        if (m_steps.size() > k_max_steps)
            return invalid(pattern, "it is too long: more than " + std::to_string(k_max_steps) +
                                        " elements from its first wildcard on");
    }
    return {};
}

void PathPattern::simplify() {
    // "**/X" where X cannot cross a '/' (no '/', no "**") matches a path exactly when X
    // matches one of its components: the same thing as the basename pattern "X", which is
    // cheaper to match and can use the shortcuts below. Only without a literal prefix: with
    // one ("foo**/X") the prefix must still be compared.
    auto within_component = [](const Step& s) {
        return (s.op == Op::Byte && s.byte != '/') || s.op == Op::AnyByte || s.op == Op::Class ||
               s.op == Op::Star;
    };
    if (m_kind == Kind::Path && m_literal.empty() && m_steps.size() > 3 &&
        m_steps[0].op == Op::SkipDirs &&
        std::all_of(m_steps.begin() + 3, m_steps.end(), within_component)) {
        m_steps.erase(m_steps.begin(), m_steps.begin() + 3);
        m_kind = Kind::Name;
    }
    if (m_kind != Kind::Name)
        return;
    // A name that is all literal bytes, or '*' and literal bytes (written with escapes, or
    // reached through "**/"), is compared directly.
    auto is_byte = [](const Step& s) { return s.op == Op::Byte; };
    bool suffix = !m_steps.empty() && m_steps[0].op == Op::Star;
    if (!std::all_of(m_steps.begin() + (suffix ? 1 : 0), m_steps.end(), is_byte))
        return;
    m_literal.clear();
    for (std::size_t i = suffix ? 1 : 0; i < m_steps.size(); ++i)
        m_literal += static_cast<char>(m_steps[i].byte);
    m_kind = suffix ? Kind::NameSuffix : Kind::NameLiteral;
    m_steps.clear();
    m_sets.clear();
}

void PathPattern::fold_case() {
    m_ignore_case = true;
    auto lower = [](unsigned char c) {
        return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    };
    for (auto& c : m_literal)
        c = static_cast<char>(lower(static_cast<unsigned char>(c)));
    for (auto& step : m_steps)
        if (step.op == Op::Byte)
            step.byte = lower(step.byte);
    for (auto& set : m_sets)
        for (unsigned char c = 'A'; c <= 'Z'; ++c)
            if (has_byte(set, c))
                add_byte(set, lower(c));
}

std::string_view PathPattern::folded(std::string_view path, std::string& buffer) const {
    if (!m_ignore_case)
        return path;
    buffer.assign(path);
    for (auto& c : buffer)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return buffer;
}

void PathPattern::build_single_word_tables() {
    // Shift-and: bit i of m_on_byte[c] says step i consumes c and moves on to state i + 1.
    m_on_byte.assign(256, 0);
    for (std::size_t i = 0; i < m_steps.size(); ++i) {
        const Step& s = m_steps[i];
        const std::uint64_t bit = std::uint64_t{1} << i;
        for (int c = 0; c < 256; ++c) {
            auto b = static_cast<unsigned char>(c);
            bool moves = (s.op == Op::Byte && b == s.byte) || (s.op == Op::AnyByte && b != '/') ||
                         (s.op == Op::Class && has_byte(m_sets[s.set], b));
            if (moves)
                m_on_byte[b] |= bit;
        }
        if (s.op == Op::Star)
            m_stay_unless_slash |= bit;
        if (s.op == Op::AnyRun)
            m_stay |= bit;
        if (s.op == Op::Star || s.op == Op::AnyRun || s.op == Op::SkipDirs)
            m_skip_one |= bit;
        if (s.op == Op::SkipDirs)
            m_skip_three |= bit;
    }
}

void PathPattern::close(std::uint64_t* states) const {
    if (m_words == 1) {
        std::uint64_t x = states[0];
        for (;;) {
            std::uint64_t y = x | ((x & m_skip_one) << 1) | ((x & m_skip_three) << 3);
            if (y == x)
                break;
            x = y;
        }
        states[0] = x;
        return;
    }
    const std::size_t n = m_steps.size();
    for (std::size_t w = 0; w < m_words; ++w) {
        std::uint64_t bits = states[w];
        auto add = [&](std::size_t t) {
            states[t >> 6] |= std::uint64_t{1} << (t & 63);
            if ((t >> 6) == w) // later in this word: visit it too
                bits |= std::uint64_t{1} << (t & 63);
        };
        while (bits) {
            std::size_t i = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
            bits &= bits - 1;
            if (i >= n)
                continue;
            switch (m_steps[i].op) {
            case Op::Star:
            case Op::AnyRun:
                add(i + 1);
                break;
            case Op::SkipDirs:
                add(i + 1);
                add(i + 3);
                break;
            default:
                break;
            }
        }
    }
}

bool PathPattern::step(const std::uint64_t* current, std::uint64_t* next, unsigned char c) const {
    if (m_words == 1) {
        const std::uint64_t x = current[0];
        next[0] =
            ((x & m_on_byte[c]) << 1) | (x & m_stay) | (c == '/' ? 0 : x & m_stay_unless_slash);
        close(next);
        return next[0] != 0;
    }
    const std::size_t n = m_steps.size();
    std::fill(next, next + m_words, std::uint64_t{0});
    auto add = [&](std::size_t t) { next[t >> 6] |= std::uint64_t{1} << (t & 63); };
    for (std::size_t w = 0; w < m_words; ++w) {
        for (std::uint64_t bits = current[w]; bits; bits &= bits - 1) {
            std::size_t i = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
            if (i >= n)
                continue;
            const Step& s = m_steps[i];
            switch (s.op) {
            case Op::Byte:
                if (c == s.byte)
                    add(i + 1);
                break;
            case Op::AnyByte:
                if (c != '/')
                    add(i + 1);
                break;
            case Op::Class:
                if (has_byte(m_sets[s.set], c))
                    add(i + 1);
                break;
            case Op::Star:
                if (c != '/')
                    add(i);
                break;
            case Op::AnyRun:
                add(i);
                break;
            case Op::SkipDirs:
                break;
            }
        }
    }
    close(next);
    std::uint64_t any = 0;
    for (std::size_t w = 0; w < m_words; ++w)
        any |= next[w];
    return any != 0;
}

bool PathPattern::accepting(const std::uint64_t* states) const {
    const std::size_t n = m_steps.size();
    return (states[n >> 6] >> (n & 63)) & 1;
}

bool PathPattern::accepts_any_rest(const std::uint64_t* states) const {
    if (m_accept_all_from == SIZE_MAX)
        return false;
    const std::size_t from = m_accept_all_from;
    for (std::size_t w = from >> 6; w < m_words; ++w) {
        std::uint64_t bits = states[w];
        if (w == (from >> 6))
            bits &= ~std::uint64_t{0} << (from & 63);
        if (bits)
            return true;
    }
    return false;
}

bool PathPattern::automaton_accepts(std::string_view text) const {
    States a;
    States b;
    std::uint64_t* current = a.data();
    std::uint64_t* next = b.data();
    std::copy(m_start.begin(), m_start.end(), current);
    for (char c : text) {
        if (accepts_any_rest(current))
            return true;
        if (!step(current, next, static_cast<unsigned char>(c)))
            return false;
        std::swap(current, next);
    }
    return accepting(current);
}

bool PathPattern::name_matches(std::string_view name) const {
    switch (m_kind) {
    case Kind::NameLiteral:
        return name == m_literal;
    case Kind::NameSuffix:
        return name.size() >= m_literal.size() &&
               name.compare(name.size() - m_literal.size(), m_literal.size(), m_literal) == 0;
    default:
        return automaton_accepts(name);
    }
}

std::uint64_t PathPattern::levels(std::string_view path, bool first_only) const {
    auto bit = [](std::size_t level) {
        return std::uint64_t{1} << std::min<std::size_t>(level, 63);
    };
    std::uint64_t out = 0;
    if (m_kind != Kind::Path) {
        // match_basename on every component: the leading directories, then the file.
        std::size_t level = 0;
        for (std::size_t start = 0;; ++level) {
            std::size_t slash = path.find('/', start);
            bool is_dir = slash != std::string_view::npos;
            std::size_t end = is_dir ? slash : path.size();
            if ((is_dir || !m_directory_only) && name_matches(path.substr(start, end - start))) {
                out |= bit(level);
                if (first_only)
                    return out;
            }
            if (!is_dir)
                return out;
            start = slash + 1;
        }
    }

    // match_pathname on every leading directory and the path: one automaton run, checked at
    // each '/' and at the end. Nothing can match before the literal prefix is consumed.
    const std::size_t prefix = m_literal.size();
    if (path.size() < prefix || path.compare(0, prefix, m_literal) != 0)
        return 0;
    States a;
    States b;
    std::uint64_t* current = a.data();
    std::uint64_t* next = b.data();
    std::copy(m_start.begin(), m_start.end(), current);
    std::size_t level = m_literal_slashes;
    for (std::size_t pos = prefix;; ++pos) {
        if (pos == path.size()) {
            if (!m_directory_only && accepting(current))
                out |= bit(level);
            return out;
        }
        char c = path[pos];
        if (c == '/') {
            if (accepting(current)) {
                out |= bit(level);
                if (first_only)
                    return out;
            }
            ++level;
        }
        if (first_only && !m_directory_only && accepts_any_rest(current))
            return bit(level);
        if (!step(current, next, static_cast<unsigned char>(c)))
            return out;
        std::swap(current, next);
    }
}

bool PathPattern::matches(std::string_view path) const {
    std::string buffer;
    return levels(folded(path, buffer), true) != 0;
}

bool PathPattern::matches_entry(std::string_view path, bool is_dir) const {
    if (m_directory_only && !is_dir)
        return false;
    std::string buffer;
    path = folded(path, buffer);
    if (m_kind != Kind::Path) {
        std::size_t slash = path.rfind('/');
        return name_matches(slash == std::string_view::npos ? path : path.substr(slash + 1));
    }
    const std::size_t prefix = m_literal.size();
    if (path.size() < prefix || path.compare(0, prefix, m_literal) != 0)
        return false;
    return automaton_accepts(path.substr(prefix));
}

bool PathPattern::may_match_under(std::string_view dir) const {
    // A basename pattern can meet a matching name at any depth.
    if (m_kind != Kind::Path || dir.empty())
        return true;
    std::string buffer;
    dir = folded(dir, buffer);
    // Feed "dir/" to the automaton: a hit at one of its '/' means `dir` or a leading
    // directory of it is matched (so is everything beneath); live states at the end mean
    // some longer path may still match.
    const std::size_t total = dir.size() + 1;
    auto at = [&](std::size_t i) { return i < dir.size() ? dir[i] : '/'; };
    const std::size_t prefix = m_literal.size();
    for (std::size_t i = 0; i < std::min(prefix, total); ++i)
        if (at(i) != m_literal[i])
            return false;
    if (prefix >= total)
        return true;
    States a;
    States b;
    std::uint64_t* current = a.data();
    std::uint64_t* next = b.data();
    std::copy(m_start.begin(), m_start.end(), current);
    for (std::size_t pos = prefix; pos < total; ++pos) {
        char c = at(pos);
        if (c == '/' && accepting(current))
            return true;
        if (!step(current, next, static_cast<unsigned char>(c)))
            return false;
        std::swap(current, next);
    }
    return true;
}

Result<PathSet> PathSet::compile(const std::vector<std::string>& patterns, bool ignore_case) {
    PathSet out;
    out.m_ignore_case = ignore_case;
    out.m_patterns.reserve(patterns.size());
    for (const auto& text : patterns) {
        TRY_ASSIGN(auto pattern, PathPattern::compile(text, ignore_case));
        out.m_has_negation = out.m_has_negation || pattern.negated();
        out.m_patterns.push_back(std::move(pattern));
    }
    return out;
}

bool PathSet::matches(std::string_view path) const {
    std::string buffer;
    if (m_ignore_case && !m_patterns.empty())
        path = m_patterns.front().folded(path, buffer); // once for every pattern
    if (!m_has_negation) {
        for (const auto& pattern : m_patterns)
            if (pattern.levels(path, true) != 0)
                return true;
        return false;
    }
    if (std::count(path.begin(), path.end(), '/') >= 64)
        return matches_level_by_level(path);
    // Level k (a leading directory, or the path) is excluded when its last matching pattern
    // is positive, and the path is ignored when any level is. Walking the patterns from the
    // last, the first one to match a level is that level's last match.
    std::uint64_t decided = 0;
    for (auto it = m_patterns.rbegin(); it != m_patterns.rend(); ++it) {
        std::uint64_t hit = it->levels(path, false);
        if ((hit & ~decided) && !it->negated())
            return true;
        decided |= hit;
    }
    return false;
}

bool PathSet::matches_level_by_level(std::string_view path) const {
    for (std::size_t start = 0;;) {
        std::size_t slash = path.find('/', start);
        bool is_dir = slash != std::string_view::npos;
        std::string_view entry = path.substr(0, is_dir ? slash : path.size());
        for (auto it = m_patterns.rbegin(); it != m_patterns.rend(); ++it) {
            if (it->matches_entry(entry, is_dir)) {
                if (!it->negated())
                    return true;
                break;
            }
        }
        if (!is_dir)
            return false;
        start = slash + 1;
    }
}

bool PathSet::may_match_under(std::string_view dir) const {
    // Only a positive pattern can make a path match; negations only take matches away.
    for (const auto& pattern : m_patterns)
        if (!pattern.negated() && pattern.may_match_under(dir))
            return true;
    return false;
}

} // namespace decision::util
