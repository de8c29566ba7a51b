#pragma once
// Gitignore-style path patterns, matched exactly the way git matches the lines of a root
// .gitignore (dir.c's parse_path_pattern/match_basename/match_pathname/prep_exclude and
// wildmatch.c), case-sensitively unless asked to ignore case (core.ignorecase; matching
// then lower-cases the path into a buffer). Pure code: no libgit2, no allocation while matching,
// and time linear in the path length times the pattern length (no backtracking).

#include "decision/util/error.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace decision::util {

// One gitignore-style pattern, compiled once, matched many times. Paths are '/'-separated,
// relative to the repository root, with no leading or trailing '/'.
class PathPattern {
public:
    // Parses one .gitignore line: trailing unescaped spaces stripped, a leading '!' negates,
    // a trailing '/' restricts the pattern to directories, a '/' elsewhere anchors it at the
    // root. Fails with ErrorKind::Usage on what a policy cannot mean (empty, only spaces, NUL,
    // a line break, a leading '#' which git reads as a comment) and on what git would accept
    // but never match (an unterminated '[', an unknown [:class:], a lone trailing '\', "//").
    // With `ignore_case` (git's core.ignorecase) ASCII letters match either case, as git's
    // dir.c matches .gitignore lines then (WM_CASEFOLD, strncasecmp).
    static Result<PathPattern> compile(std::string_view pattern, bool ignore_case = false);

    // Whether git would consider the file at `path` ignored by a root .gitignore holding just
    // this pattern (negation aside): the pattern matches the path itself or one of its leading
    // directories, since a matched directory excludes everything beneath it.
    bool matches(std::string_view path) const;
    // Whether the pattern matches `path` itself — as a directory when `is_dir` — leaving its
    // leading directories aside: one step of git's top-down walk.
    bool matches_entry(std::string_view path, bool is_dir) const;
    // Whether some path beneath directory `dir` ("" for the root) could be matched, so that a
    // tree walk may skip the subtree when false. Conservative: true when unsure.
    bool may_match_under(std::string_view dir) const;

    // The pattern started with '!' (it re-includes in a PathSet).
    bool negated() const { return m_negated; }
    // The pattern ended with '/' (it matches directories only).
    bool directory_only() const { return m_directory_only; }
    // The pattern as written.
    const std::string& text() const { return m_text; }

private:
    friend class PathSet;

    // One element of the compiled automaton; state i sits before step i, state size() accepts.
    enum class Op : std::uint8_t {
        Byte,     // exactly `byte`
        AnyByte,  // '?': one byte other than '/'
        Class,    // '[...]': one byte of m_sets[set] (never '/')
        Star,     // '*': any run of bytes other than '/'
        AnyRun,   // '**' at a component boundary: any run of bytes, '/' included
        SkipDirs, // the optional head of "**/": jumps over the AnyRun and '/' that follow
    };
    struct Step {
        Op op = Op::Byte;
        unsigned char byte = 0;
        std::uint16_t set = 0;
    };
    // How a pattern is matched: against each path component (no '/' in the pattern, as git's
    // match_basename), possibly through a shortcut, or against the whole path (match_pathname).
    enum class Kind : std::uint8_t { Name, NameLiteral, NameSuffix, Path };
    using ByteSet = std::array<std::uint64_t, 4>;

    PathPattern() = default;

    // Bit k set when the pattern matches the k-th level of `path` (its leading directories,
    // then the path itself as a file); with `first_only`, returns at the first hit. Levels
    // past 63 share bit 63.
    std::uint64_t levels(std::string_view path, bool first_only) const;
    bool name_matches(std::string_view name) const;
    // The automaton from its start state over all of `text`: does it end accepting?
    bool automaton_accepts(std::string_view text) const;
    // Adds to `states` what its members reach without input (after '*', '**', "**/").
    void close(std::uint64_t* states) const;
    // `next` = the states reached from `current` on byte `c`, closed; false when none.
    bool step(const std::uint64_t* current, std::uint64_t* next, unsigned char c) const;
    bool accepting(const std::uint64_t* states) const;
    bool accepts_any_rest(const std::uint64_t* states) const;
    // Appends the steps for `glob`, the part of `pattern` git hands to wildmatch (with
    // WM_PATHNAME when `pathname`).
    Result<void> add_steps(std::string_view pattern, std::string_view glob, bool pathname);
    // Rewrites the steps into a cheaper equivalent form where one exists (at compile time).
    void simplify();
    // Lower-cases what the pattern compares (bytes, classes, the literal prefix), for
    // paths lower-cased before matching.
    void fold_case();
    // `path` lower-cased into `buffer` when the pattern ignores case; else `path` itself.
    std::string_view folded(std::string_view path, std::string& buffer) const;
    // Fills the shift-and tables used when the automaton fits in one 64-bit word.
    void build_single_word_tables();

    std::string m_text;
    // NameLiteral: the whole name; NameSuffix: the tail after '*'; Path: the literal prefix
    // compared before the automaton runs (git compares it the same way, see compile()).
    std::string m_literal;
    std::vector<Step> m_steps;
    std::vector<ByteSet> m_sets;
    std::vector<std::uint64_t> m_start; // the start state and what it reaches without input
    std::size_t m_words = 1;            // 64-bit words in a state set
    // One-word automata (the usual case) step by shift-and: states consuming byte c, states
    // staying on any byte but '/' ('*') or on any byte ('**'), states reaching the next or the
    // third next state without input.
    std::vector<std::uint64_t> m_on_byte;
    std::uint64_t m_stay_unless_slash = 0;
    std::uint64_t m_stay = 0;
    std::uint64_t m_skip_one = 0;
    std::uint64_t m_skip_three = 0;
    std::size_t m_accept_all_from = SIZE_MAX; // states from here on accept any rest
    std::size_t m_literal_slashes = 0;        // '/' in m_literal (Path), to number levels
    Kind m_kind = Kind::Name;
    bool m_negated = false;
    bool m_directory_only = false;
    bool m_ignore_case = false;
};

// An ordered list of patterns with gitignore semantics: for the path and each of its leading
// directories the last matching pattern decides, `!pattern` re-includes, and nothing beneath
// an excluded directory can be re-included.
class PathSet {
public:
    // Compiles every pattern; fails with the first pattern's error. `ignore_case`: as
    // PathPattern::compile.
    static Result<PathSet> compile(const std::vector<std::string>& patterns,
                                   bool ignore_case = false);

    // Whether git would consider the file at `path` ignored by a root .gitignore holding these
    // patterns in order.
    bool matches(std::string_view path) const;
    // Whether some path beneath `dir` ("" for the root) could be matched; conservative.
    bool may_match_under(std::string_view dir) const;
    bool empty() const { return m_patterns.empty(); }
    const std::vector<PathPattern>& patterns() const { return m_patterns; }

private:
    bool matches_level_by_level(std::string_view path) const;

    std::vector<PathPattern> m_patterns;
    bool m_has_negation = false;
    bool m_ignore_case = false;
};

} // namespace decision::util
