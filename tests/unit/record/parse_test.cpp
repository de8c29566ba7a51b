#include "decision/record/parse.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_record_parse_test {

using namespace decision;

namespace {
const char* k_minimal = R"(id = "DEC-0001"
title = "Ship the GBT model"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-02

[owner]
name = "Priya Raman"
)";

// Every diagnostic, formatted, one per line.
std::string errors_of(const std::string& text) {
    auto r = record::parse(text, "decisions/DEC-0001-x.toml");
    std::string out;
    for (const auto& d : r.diagnostics)
        out += util::format(d) + "\n";
    return out;
}
} // namespace

TEST(Parse, MinimalRecord) {
    auto r = record::parse(k_minimal, "decisions/DEC-0001-x.toml");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.record->id, "DEC-0001");
    EXPECT_EQ(r.record->category, record::Category::ModelSelection);
    EXPECT_EQ(r.record->status, record::Status::Accepted);
    EXPECT_EQ(record::to_string(*r.record->date), "2026-11-02");
    EXPECT_EQ(r.record->owner.name, "Priya Raman");
}

TEST(Parse, SyntaxErrorNamesFileLineAndColumn) {
    EXPECT_EQ(errors_of("id = \"DEC-0001\"\ntitle = \n"),
              "decisions/DEC-0001-x.toml:2:9: error: invalid TOML: Error while parsing key-value "
              "pair: expected value, saw '\\n'\n");
}

TEST(Parse, UnknownKeySuggestsTheClosest) {
    EXPECT_EQ(
        errors_of(std::string(k_minimal) + "\n[decision]\nsumary = \"x\"\n"),
        "decisions/DEC-0001-x.toml:11:1: error: unknown key 'sumary' in [decision]; did you mean "
        "'summary'?\n");
}

TEST(Parse, UnknownCategorySuggestsTheClosest) {
    std::string text = k_minimal;
    text.replace(text.find("MODEL SELECTION"), 15, "MODEL SELECT");
    EXPECT_EQ(errors_of(text),
              "decisions/DEC-0001-x.toml:3:12: error: 'category' is 'MODEL SELECT'; did you mean "
              "'MODEL SELECTION'?\n");
}

TEST(Parse, QuotedDateSaysToDropTheQuotes) {
    std::string text = k_minimal;
    text.replace(text.find("2026-11-02"), 10, "\"2026-11-02\"");
    EXPECT_EQ(errors_of(text),
              "decisions/DEC-0001-x.toml:5:8: error: 'date' must be a date like 2026-11-02, not a "
              "string (write it without quotes: date = 2026-11-02)\n");
}

TEST(Parse, MissingRequiredKeys) {
    EXPECT_EQ(errors_of("id = \"DEC-0001\"\n"),
              "decisions/DEC-0001-x.toml:1:1: error: missing required key 'title'\n"
              "decisions/DEC-0001-x.toml:1:1: error: missing required key 'category'\n"
              "decisions/DEC-0001-x.toml:1:1: error: missing required key 'status'\n"
              "decisions/DEC-0001-x.toml:1:1: error: missing required key 'date'\n"
              "decisions/DEC-0001-x.toml:1:1: error: missing required key 'owner'\n");
}

TEST(Parse, MalformedIdIsRejected) {
    std::string text = k_minimal;
    text.replace(text.find("DEC-0001"), 8, "../etc");
    EXPECT_EQ(errors_of(text),
              "decisions/DEC-0001-x.toml:1:6: error: id '../etc' must look like DEC-0042: "
              "upper-case letters, a dash, then digits\n");
}

TEST(Parse, WrongTypeInMetrics) {
    EXPECT_EQ(errors_of(std::string(k_minimal) +
                        "\n[[options]]\nname = \"a\"\nmetrics = { recall = \"high\" }\n"),
              "decisions/DEC-0001-x.toml:12:22: error: 'options.metrics.recall' must be a number, "
              "not a string\n");
}

TEST(Parse, GuardrailNeedsAThreshold) {
    EXPECT_EQ(errors_of(std::string(k_minimal) + "\n[[guardrails]]\nmetric = \"recall\"\n"),
              "decisions/DEC-0001-x.toml:10:1: error: a guardrail needs 'op' and 'value', or "
              "'max_drop' / "
              "'max_relative_drop'\n");
}

TEST(Parse, NonUtf8IsRejected) {
    EXPECT_EQ(errors_of("title = \"\xff\"\n"),
              "decisions/DEC-0001-x.toml: error: not valid UTF-8; records must be UTF-8 text\n");
}

TEST(Parse, IdValidation) {
    EXPECT_TRUE(record::is_valid_id("DEC-0042"));
    EXPECT_TRUE(record::is_valid_id("ML2-7"));
    EXPECT_FALSE(record::is_valid_id("dec-0042"));
    EXPECT_FALSE(record::is_valid_id("DEC-"));
    EXPECT_FALSE(record::is_valid_id("DEC-12/../x"));
    EXPECT_FALSE(record::is_valid_id("-12"));
    EXPECT_EQ(record::id_number("DEC-0042"), 42);
}

// Found by fuzz/record_fuzz and fuzz/policy_fuzz: toml++ 3.3.0 classifies a non-ASCII code
// point outside a string through a switch whose default is __builtin_unreachable()
// (upstream issue 295). Debian's build of the library answers "not whitespace" there, which
// is TOML's rule, so these are ordinary syntax errors and the string keeps its character.
TEST(Parse, NonAsciiOutsideStringsIsASyntaxError) {
    const std::string root = "decisions/DEC-0001-x.toml:1:1: error: invalid TOML: Error while "
                             "parsing root table: expected keys, tables, whitespace or "
                             "comments, saw '";
    EXPECT_EQ(errors_of("\xd1\xad"), root + "\xd1\xad'\n");
    EXPECT_EQ(errors_of("\xef\xac\xb0 = 1\n"), root + "\xef\xac\xb0'\n");
    EXPECT_EQ(errors_of("\xc3\xa9 = 1\n"), root + "\xc3\xa9'\n");
    EXPECT_EQ(errors_of("x\xe2\xb1\xa0 = 2\n"),
              "decisions/DEC-0001-x.toml:1:2: error: invalid TOML: Error while parsing key-value "
              "pair: expected '=', saw '\xe2\xb1\xa0'\n");
}

TEST(Parse, NonAsciiAfterALineEndingBackslashIsKept) {
    auto r = record::parse("id = \"DEC-0001\"\ntitle = \"\"\"\\\n  \xc2\xa7 x\"\"\"\n",
                           "decisions/DEC-0001-x.toml");
    ASSERT_TRUE(r.record);
    EXPECT_EQ(r.record->title, "\xc2\xa7 x");
}

} // namespace t_unit_record_parse_test
