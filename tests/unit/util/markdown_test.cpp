#include "decision/util/markdown.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_util_markdown_test {

using namespace decision::util;

TEST(MarkdownInline, EscapesEveryMarkupCharacter) {
    EXPECT_EQ(markdown_inline("<Feast> & friends"), "\\<Feast\\> \\& friends");
    EXPECT_EQ(markdown_inline("*bold* _it_ `code` [a](b) ![i](j) ~~s~~ a|b #1 $x$"),
              "\\*bold\\* \\_it\\_ \\`code\\` \\[a\\](b) \\!\\[i\\](j) \\~\\~s\\~\\~ a\\|b \\#1 "
              "\\$x\\$");
    EXPECT_EQ(markdown_inline("back\\slash"), "back\\\\slash");
    EXPECT_EQ(markdown_inline("Plain words, a colon: and 0.86"), "Plain words, a colon: and 0.86");
}

TEST(MarkdownInline, EscapesWhatStartsABlock) {
    EXPECT_EQ(markdown_inline("- a list"), "\\- a list");
    EXPECT_EQ(markdown_inline("+ a list"), "\\+ a list");
    EXPECT_EQ(markdown_inline("==="), "\\===");
    EXPECT_EQ(markdown_inline("12. ordered"), "12\\. ordered");
    EXPECT_EQ(markdown_inline("3) ordered"), "3\\) ordered");
    EXPECT_EQ(markdown_inline("2026 plans"), "2026 plans");
    EXPECT_EQ(markdown_inline("    indented code"), "indented code");
}

TEST(MarkdownInline, FoldsLinesAndEscapesControls) {
    EXPECT_EQ(markdown_inline("one\ntwo\tthree"), "one two three");
    EXPECT_EQ(markdown_inline("bell\x07 csi\xC2\x9B"), "bell\\\\x07 csi\\\\x9B");
}

TEST(MarkdownBlock, KeepsLinesAndParagraphs) {
    EXPECT_EQ(markdown_block("first line\nsecond *line*\n\n\n\n- third\n"),
              "first line\nsecond \\*line\\*\n\n\\- third");
    EXPECT_EQ(markdown_block("\n\nlead\n---"), "lead\n\\---");
}

TEST(MarkdownDestination, LinksOnlyWebUrlsAndPaths) {
    EXPECT_EQ(markdown_destination("https://example.com/a b"), "<https://example.com/a%20b>");
    EXPECT_EQ(markdown_destination("notebooks/eval.ipynb"), "<notebooks/eval.ipynb>");
    EXPECT_EQ(markdown_destination("a<b>c"), "<a%3Cb%3Ec>");
    EXPECT_EQ(markdown_destination("javascript:alert(1)"), std::nullopt);
    EXPECT_EQ(markdown_destination("JavaScript:alert(1)"), std::nullopt);
    EXPECT_EQ(markdown_destination("runs:/abc"), std::nullopt);
    EXPECT_EQ(markdown_destination(""), std::nullopt);
}

TEST(YamlQuote, EscapesWhatYamlForbids) {
    EXPECT_EQ(yaml_quote("a: #b"), "\"a: #b\"");
    EXPECT_EQ(yaml_quote("quote \" back \\ line\n"), "\"quote \\\" back \\\\ line\\n\"");
    EXPECT_EQ(yaml_quote("nel\xC2\x85 del\x7F"), "\"nel\\u0085 del\\u007f\"");
    EXPECT_EQ(yaml_quote("\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xBF\xBD"), "\"\\ufffe\\uffff\xEF\xBF\xBD\"");
    EXPECT_EQ(yaml_quote("bad \xFF"), "\"bad \xEF\xBF\xBD\"");
}

// What a bot posts: no tags, no @mentions, no table breaks, no code spans or emphasis, no
// math ($), whatever the repository's text holds.
TEST(MarkdownCell, EscapesHtmlMentionsAndTableSyntax) {
    EXPECT_EQ(markdown_cell("<img src=x> @team | `code` *b* $x$ \x1b[0m"),
              "&lt;img src=x&gt; &#64;team \\| \\`code\\` \\*b\\* \\$x\\$ \\\\x1B\\[0m");
}

} // namespace t_unit_util_markdown_test
