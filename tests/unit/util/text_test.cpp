#include "decision/util/text.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_util_text_test {

using namespace decision::util;

TEST(Text, TrimRemovesSurroundingWhitespace) {
    EXPECT_EQ(trim("  a b \t\r\n"), "a b");
}

TEST(Text, SanitizeEscapesControlCharacters) {
    EXPECT_EQ(sanitize("ok\x1b[31mred\x07"), "ok\\x1B[31mred\\x07");
    EXPECT_EQ(sanitize("a\nb", true), "a\nb");
    EXPECT_EQ(sanitize("a\nb"), "a\\x0Ab");
    EXPECT_EQ(sanitize("caf\xc3\xa9"), "caf\xc3\xa9");
    EXPECT_EQ(sanitize("bad\xff"), "bad\xEF\xBF\xBD");
    EXPECT_EQ(sanitize("c1\xc2\x9b"), "c1\\x9B");
}

TEST(Text, ClosestSuggestsPlausibleTypos) {
    std::vector<std::string> names{"accepted", "proposed", "rejected"};
    EXPECT_EQ(closest("acepted", names), "accepted");
    EXPECT_EQ(closest("xyz", names), std::nullopt);
    EXPECT_EQ(closest("lsit", {"init", "list"}), "list");
    EXPECT_EQ(edit_distance("lsit", "list"), 1u);
}

TEST(Text, BoundedEditDistanceAgreesWithTheFullOne) {
    const std::vector<std::pair<std::string, std::string>> pairs{{"", ""},
                                                                 {"", "abc"},
                                                                 {"kitten", "sitting"},
                                                                 {"lsit", "list"},
                                                                 {"recall", "rcall"},
                                                                 {"precision", "recall"},
                                                                 {"abcdef", "badcfe"},
                                                                 {"a", "b"}};
    for (const auto& [a, b] : pairs) {
        auto full = edit_distance(a, b);
        for (std::size_t limit = 0; limit < 10; ++limit)
            EXPECT_EQ(edit_distance(a, b, limit), std::min(full, limit + 1))
                << a << " / " << b << " limit " << limit;
    }
}

TEST(Text, ClosestIgnoresHugeWords) {
    // A 40 KB name against a 20 KB key once allocated an 800-million-cell table.
    std::string name(40'000, 'a'), key(20'000, 'a');
    EXPECT_EQ(closest(name, {key, "recall"}), std::nullopt);
    EXPECT_EQ(closest("recal", {key, "recall"}), "recall");
    EXPECT_EQ(edit_distance(name, key, 3), 4u);
}

TEST(Text, PrintableJsonEscapesC1AndDel) {
    EXPECT_EQ(printable_json("{\"t\": \"a\xc2\x9b[31mb\x7f\"}"),
              "{\"t\": \"a\\u009b[31mb\\u007f\"}");
    EXPECT_EQ(printable_json("\"caf\xc3\xa9 \xc2\xa0\xc2\x80\""),
              "\"caf\xc3\xa9 \xc2\xa0\\u0080\"");
    EXPECT_EQ(printable_json("{}"), "{}");
    EXPECT_EQ(json_quote("\xc2\x9b"), "\"\\u009b\"");
}

TEST(Text, SlugifyKeepsAlphanumerics) {
    EXPECT_EQ(slugify("Optimize for Recall over Precision!"), "optimize-for-recall-over-precision");
    EXPECT_EQ(slugify("../../etc/passwd"), "etc-passwd");
    EXPECT_EQ(slugify("???"), "decision");
}

TEST(Text, Utf8Validation) {
    EXPECT_TRUE(is_valid_utf8("h\xc3\xa9llo"));
    EXPECT_FALSE(is_valid_utf8("\xc3"));
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80")); // surrogate
}

TEST(Text, ColumnsCountCharactersNotBytes) {
    EXPECT_EQ(columns("Zo\xc3\xab"), 3u);
    EXPECT_EQ(columns(""), 0u);
    EXPECT_EQ(first_columns("Zo\xc3\xab!", 3), "Zo\xc3\xab");
    EXPECT_EQ(first_columns("Zo\xc3\xab!", 2), "Zo");
    EXPECT_EQ(first_columns("ab", 5), "ab");
}

TEST(Text, JsonQuoteEscapesWhatJsonNeedsAndRepairsBadUtf8) {
    EXPECT_EQ(json_quote("A U Thor <a@example.com>"), "\"A U Thor <a@example.com>\"");
    EXPECT_EQ(json_quote(""), "\"\"");
    EXPECT_EQ(json_quote("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\"");
    EXPECT_EQ(json_quote("tab\there\nline\x01"), "\"tab\\there\\nline\\u0001\"");
    EXPECT_EQ(json_quote("Zo\xc3\xab"), "\"Zo\xc3\xab\"");
    EXPECT_EQ(json_quote("bad \xff byte"), "\"bad \xef\xbf\xbd byte\"");
    EXPECT_EQ(json_quote("del\x7f"), "\"del\\u007f\""); // DEL too, as sanitize() escapes it
}

TEST(Text, PercentagesReadAsPeopleWriteThem) {
    EXPECT_EQ(format_percent(0.0631579), "6.3%");
    EXPECT_EQ(format_percent(0.4), "40%");
    EXPECT_EQ(format_percent(0.125), "12.5%");
    EXPECT_EQ(format_percent(0.05), "5%");
    EXPECT_EQ(format_percent(0.00042), "0.042%");
    EXPECT_EQ(format_percent(1.0), "100%");
    EXPECT_EQ(format_percent(0.0), "0%");
    EXPECT_EQ(format_percent(-0.031), "-3.1%");
}

TEST(Text, NumbersPeopleWroteReadBackExactly) {
    EXPECT_EQ(format_number(0.8), "0.8");
    EXPECT_EQ(format_number(31.0), "31");
    EXPECT_EQ(format_number(0.123456789), "0.123456789"); // "%g" would print 0.123457
    EXPECT_EQ(format_number(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(format_number(-2.5e-7), "-2.5e-07");
}

TEST(Text, WrittenPercentagesKeepTheirDigitsAndLoseTheNoise) {
    EXPECT_EQ(format_written_percent(0.05), "5%");
    EXPECT_EQ(format_written_percent(0.07), "7%");      // 0.07 * 100 is 7.000000000000001
    EXPECT_EQ(format_written_percent(0.0125), "1.25%"); // format_percent rounds to "1.3%"
    EXPECT_EQ(format_written_percent(0.333), "33.3%");
    EXPECT_EQ(format_written_percent(1.0), "100%");
    EXPECT_EQ(format_written_percent(0.0), "0%");
}

TEST(Text, JoinPutsTheSeparatorBetweenEachTwo) {
    EXPECT_EQ(join({}), "");
    EXPECT_EQ(join({"a"}), "a");
    EXPECT_EQ(join({"a", "b", "c"}), "a, b, c");
    EXPECT_EQ(join({"", "b"}, "/"), "/b");
}

TEST(Text, NormalizePathDropsEmptyAndDotParts) {
    EXPECT_EQ(normalize_path("./a//b/"), "a/b");
    EXPECT_EQ(normalize_path("a/./b"), "a/b");
    EXPECT_EQ(normalize_path("../a"), "../a");
    EXPECT_EQ(normalize_path("."), "");
}

} // namespace t_unit_util_text_test
