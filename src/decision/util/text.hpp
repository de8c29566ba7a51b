#pragma once
// String helpers that know nothing about the product.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::util {

// Leading and trailing ASCII whitespace removed.
std::string_view trim(std::string_view s);

std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

// The items with `sep` between each two: {"a", "b"} -> "a, b".
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

// A slash-separated path without empty and "." parts: "./a//b/" -> "a/b" (".." is kept).
std::string normalize_path(std::string_view path);

// Split on a single character; empty fields are kept.
std::vector<std::string> split(std::string_view s, char sep);
// The same pieces as views into `s`, for hot loops that only look at them.
std::vector<std::string_view> split_views(std::string_view s, char sep);

// Text safe to print on a terminal: C0/C1 control characters (except '\n' and '\t' when
// allow_newlines) become "\xNN" escapes, invalid UTF-8 bytes become U+FFFD.
std::string sanitize(std::string_view s, bool allow_newlines = false);

bool is_valid_utf8(std::string_view s);

// The number of characters (UTF-8 code points) in `s`, which is what a terminal column
// count is for the text records hold (wide CJK characters are counted as one).
std::size_t columns(std::string_view s);

// At most `n` characters of `s`, never cutting a UTF-8 sequence in half.
std::string_view first_columns(std::string_view s, std::size_t n);

// Levenshtein distance (with transpositions), for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The same when it is at most `limit`, else limit + 1; work and memory grow with
// length x limit, not with the product of the lengths.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// Words longer than this get no "did you mean" hint: nobody mistypes a 300-character name.
inline constexpr std::size_t k_max_hint_length = 256;

// The candidate closest to `word` (case-insensitively), if it is close enough to be a
// plausible typo: distance at most max(2, len/3). No hint for words or candidates longer
// than k_max_hint_length.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

// "title" -> "optimize-for-recall": lower-case ASCII alphanumerics joined by single
// dashes, at most `max_len` characters, never empty ("decision" when nothing is left).
std::string slugify(std::string_view title, std::size_t max_len = 48);

// A share as people write it: 0.0631579 -> "6.3%", 0.4 -> "40%", 0.125 -> "12.5%",
// 0.00042 -> "0.042%". One decimal from 10% up, two significant digits below; no
// trailing zeros.
std::string format_percent(double fraction);

// A number someone wrote (a threshold, a metric read from a file) as the shortest text that
// reads back as the same double: 0.8 -> "0.8", 31.0 -> "31", -2.5e-7 -> "-2.5e-07".
std::string format_number(double d);

// A fraction someone wrote (a limit such as max_relative_drop) as a percentage keeping every
// digit they gave, to 12 significant digits so the multiplication leaves no noise:
// 0.05 -> "5%", 0.0125 -> "1.25%", 0.07 -> "7%" (not "7.000000000000001%").
std::string format_written_percent(double fraction);

// `json` (what nlohmann's dump() printed, valid UTF-8) with the C1 control characters
// U+0080-U+009F and DEL written as \u escapes: JSON allows them raw, but a terminal acts
// on them (U+009B is the one-byte CSI), and printed JSON must be as safe as printed text.
std::string printable_json(std::string json);

// `j` as JSON text for people and programs: indented by two spaces, invalid UTF-8 replaced
// by U+FFFD, and printable (printable_json).
std::string pretty_json(const nlohmann::json& j);
// The same for a document whose keys keep the order they were added in.
std::string pretty_json(const nlohmann::ordered_json& j);

// A commit id as this tool prints it for people: its first 12 hex digits.
std::string short_id(std::string_view id);

// JSON string literal (quotes included) for hand-built output such as JSONL.
std::string json_quote(std::string_view s);

// FNV-1a over `s` from `seed` (the standard offset basis by default): a fast, stable hash
// for cache file names, fingerprints and content keys. Not for security.
std::uint64_t fnv1a(std::string_view s, std::uint64_t seed = 1469598103934665603ULL);

} // namespace decision::util
