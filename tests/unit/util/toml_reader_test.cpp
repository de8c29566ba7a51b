#include "decision/util/toml_reader.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_util_toml_reader_test {

namespace {

using decision::util::parse_toml;
using decision::util::toml_too_deep;

std::string dotted(int parts) {
    std::string key = "x";
    for (int i = 1; i < parts; ++i)
        key += ".x";
    return key;
}

TEST(TomlReader, DeepDottedKeysAreRefusedBeforeParsing) {
    // 60,000 parts (120 KB) overflowed the stack inside toml++.
    std::string text = "id = \"DEC-0001\"\n" + dotted(60'000) + " = 1\n";
    auto parsed = parse_toml(text, "decisions/DEC-0001-x.toml");
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(decision::util::format(parsed.error()),
              "decisions/DEC-0001-x.toml:2:1: error: too deeply nested (more than 64 levels of "
              "tables, arrays or dotted keys)");
}

TEST(TomlReader, DepthCountsHeadersKeysArraysAndInlineTables) {
    EXPECT_EQ(toml_too_deep(dotted(64) + " = 1\n"), 0);
    EXPECT_EQ(toml_too_deep(dotted(65) + " = 1\n"), 1);
    EXPECT_EQ(toml_too_deep("[" + dotted(60) + "]\n" + dotted(4) + " = 1\n"), 0);
    EXPECT_EQ(toml_too_deep("[" + dotted(60) + "]\n\n" + dotted(5) + " = 1\n"), 3);
    EXPECT_EQ(toml_too_deep("[[" + dotted(65) + "]]\n"), 1);
    EXPECT_EQ(toml_too_deep("a = " + std::string(64, '[') + std::string(64, ']') + "\n"), 1);
    EXPECT_EQ(toml_too_deep("a = " + std::string(63, '[') + std::string(63, ']') + "\n"), 0);
    std::string inline_tables = "a = ";
    for (int i = 0; i < 70; ++i)
        inline_tables += "{ b = ";
    EXPECT_EQ(toml_too_deep(inline_tables + "1" + std::string(70, '}') + "\n"), 1);
    // An array over several lines, with comments, reports the line it gets too deep on.
    EXPECT_EQ(toml_too_deep("a = [ # one\n  1,\n  { " + dotted(70) + " = 2 },\n]\n"), 3);
}

TEST(TomlReader, DotsInStringsAndValuesDoNotCount) {
    std::string dots(500, '.');
    EXPECT_EQ(toml_too_deep("\"" + dots + "\" = '" + dots + "'\n"), 0);
    EXPECT_EQ(toml_too_deep("a = \"\"\"\n" + dotted(100) + " = 1\n\"\"\"\n"), 0);
    EXPECT_EQ(toml_too_deep("a = '''\n" + dotted(100) + "\n'''\n"), 0);
    EXPECT_EQ(toml_too_deep("a = [1.5, 2.5, 3.5, 1979-05-27T07:32:00.999Z] # " + dots + "\n"), 0);
    EXPECT_EQ(toml_too_deep("a = \"quote \\\" " + dots + "\"\n"), 0);
    EXPECT_EQ(toml_too_deep("# " + dotted(100) + "\n"), 0);
}

TEST(TomlReader, MalformedTextIsLeftToTheParser) {
    for (std::string text : {"[", "a = {", "a = [", "a = \"", "= = =", "]]]", "a = { , }",
                             "a = { # x\n", "{{{{", "a = '''"})
        EXPECT_EQ(toml_too_deep(text), 0) << text;
    EXPECT_FALSE(parse_toml("a = {", "f.toml").has_value());
}

} // namespace

} // namespace t_unit_util_toml_reader_test
