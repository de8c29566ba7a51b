#include "decision/trailer/trailer.hpp"

#include <gtest/gtest.h>
#include <string>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_trailer_trailer_test {

using namespace decision::trailer;

namespace {
using Trailers = std::vector<Trailer>;

ParseOptions message_file() {
    ParseOptions o;
    o.mode = Mode::MessageFile;
    return o;
}
} // namespace

// --- which paragraph is the block ---------------------------------------------------------

TEST(TrailerParse, ReadsTheLastParagraph) {
    EXPECT_EQ(parse("Title\n\nBody.\n\nDecision: DEC-0042\nApproved-by: A <a@x.org>\n"),
              (Trailers{{"Decision", "DEC-0042"}, {"Approved-by", "A <a@x.org>"}}));
}

TEST(TrailerParse, IgnoresTrailersBeforeTheLastParagraph) {
    EXPECT_EQ(parse("Title\n\nDecision: DEC-1\n\nJust text.\n"), Trailers{});
}

TEST(TrailerParse, NeverReadsTheTitleParagraph) {
    EXPECT_EQ(parse("Decision: DEC-1\n"), Trailers{});
    EXPECT_EQ(parse("Title\nDecision: DEC-1\n"), Trailers{});
}

TEST(TrailerParse, EmptyMessageHasNoTrailers) {
    EXPECT_EQ(parse(""), Trailers{});
    EXPECT_EQ(parse("", message_file()), Trailers{});
}

TEST(TrailerParse, WhitespaceOnlyLineSeparatesParagraphs) {
    EXPECT_EQ(parse("Title\n \t\nKey: v\n"), (Trailers{{"Key", "v"}}));
    EXPECT_EQ(parse("Title\n\nKey: a\n   \nOther: b\n"), (Trailers{{"Other", "b"}}));
}

TEST(TrailerParse, TrailingBlankLinesAreSkipped) {
    EXPECT_EQ(parse("Title\n\nKey: v\n\n\n  \n"), (Trailers{{"Key", "v"}}));
}

TEST(TrailerParse, LastLineWithoutNewline) {
    EXPECT_EQ(parse("Title\n\nKey: v"), (Trailers{{"Key", "v"}}));
}

// --- the 25% rule ---------------------------------------------------------------------------

TEST(TrailerParse, MixedBlockWithoutGitTrailerIsNotABlock) {
    EXPECT_EQ(parse("Title\n\ntext\nKey: v\n"), Trailers{});
}

TEST(TrailerParse, SignedOffByMakesAQuarterEnough) {
    EXPECT_EQ(parse("T\n\na\nb\nc\nSigned-off-by: A <a@x>\n"),
              (Trailers{{"Signed-off-by", "A <a@x>"}}));
}

TEST(TrailerParse, SignedOffByBelowAQuarterIsNotEnough) {
    EXPECT_EQ(parse("T\n\na\nb\nc\nd\nSigned-off-by: A <a@x>\n"), Trailers{});
}

TEST(TrailerParse, SignedOffByPrefixIsCaseSensitiveAndNeedsTheSpace) {
    EXPECT_EQ(parse("T\n\na\nb\nc\nsigned-off-by: A\n"), Trailers{});
    EXPECT_EQ(parse("T\n\na\nb\nc\nSigned-off-by:A\n"), Trailers{});
}

TEST(TrailerParse, CherryPickLineCountsButIsNotATrailer) {
    EXPECT_EQ(parse("T\n\na\nb\nc\n(cherry picked from commit 1234)\n"), Trailers{});
    EXPECT_EQ(parse("T\n\na\nb\n(cherry picked from commit 1234)\nKey: v\n"),
              (Trailers{{"Key", "v"}}));
}

TEST(TrailerParse, ConfiguredKeyCountsLikeSignedOffBy) {
    ParseOptions o;
    o.configured_keys = {"decision"};
    EXPECT_EQ(parse("T\n\na\nb\nc\nDecision: DEC-1\n", o), (Trailers{{"Decision", "DEC-1"}}));
    EXPECT_EQ(parse("T\n\na\nb\nc\nDecision: DEC-1\n"), Trailers{});
}

TEST(TrailerParse, PrefixOfConfiguredKeyCountsAsGitDoes) {
    ParseOptions o;
    o.configured_keys = {"Decision"};
    EXPECT_EQ(parse("T\n\na\nb\nc\nDec: 1\n", o), (Trailers{{"Dec", "1"}}));
}

TEST(TrailerParse, ConfiguredKeyWithSpaceBeforeColonDoesNotCount) {
    ParseOptions o;
    o.configured_keys = {"Decision"};
    EXPECT_EQ(parse("T\n\na\nb\nc\nDecision : 1\n", o), Trailers{});
}

TEST(TrailerParse, IndentedLineAfterTextCountsAsText) {
    EXPECT_EQ(parse("T\n\na\n  b\nSigned-off-by: x\n"), (Trailers{{"Signed-off-by", "x"}}));
    EXPECT_EQ(parse("T\n\na\n  b\n  c\n  d\nSigned-off-by: x\n"), Trailers{});
}

// --- keys and separators --------------------------------------------------------------------

TEST(TrailerParse, SpaceBeforeColonIsTrimmedFromKey) {
    EXPECT_EQ(parse("T\n\nKey \t: v\n"), (Trailers{{"Key", "v"}}));
}

TEST(TrailerParse, KeyWithInvalidCharacterIsNotATrailer) {
    EXPECT_EQ(parse("T\n\nKey_x: v\n"), Trailers{});
    EXPECT_EQ(parse("T\n\nKey x: v\n"), Trailers{});
    EXPECT_EQ(parse("T\n\nCl\xc3\xa9: v\n"), Trailers{});
}

TEST(TrailerParse, LineStartingWithColonIsNotATrailer) {
    EXPECT_EQ(parse("T\n\n: v\n"), Trailers{});
}

TEST(TrailerParse, KeyKeepsItsCase) {
    EXPECT_EQ(parse("T\n\ndecision: DEC-1\n"), (Trailers{{"decision", "DEC-1"}}));
}

TEST(TrailerParse, EmptyValueIsKept) {
    EXPECT_EQ(parse("T\n\nKey:\nOther: x\n"), (Trailers{{"Key", ""}, {"Other", "x"}}));
}

TEST(TrailerParse, ValueIsTrimmed) {
    EXPECT_EQ(parse("T\n\nKey:   v  \t\n"), (Trailers{{"Key", "v"}}));
}

TEST(TrailerParse, ValueMayContainColonsAndNonAscii) {
    EXPECT_EQ(parse("T\n\nSee: https://x.org/a:b\nBy: Jos\xc3\xa9 <j@x>\n"),
              (Trailers{{"See", "https://x.org/a:b"}, {"By", "Jos\xc3\xa9 <j@x>"}}));
}

// --- continuation lines ---------------------------------------------------------------------

TEST(TrailerParse, ContinuationLinesAreUnfolded) {
    EXPECT_EQ(parse("T\n\nKey: a\n  b\n\tc\nNext: d\n"),
              (Trailers{{"Key", "a b c"}, {"Next", "d"}}));
}

TEST(TrailerParse, UnfoldingKeepsWhitespaceBeforeTheBreak) {
    EXPECT_EQ(parse("T\n\nKey: a  \n  b\n"), (Trailers{{"Key", "a   b"}}));
}

TEST(TrailerParse, ContinuationOfEmptyValue) {
    EXPECT_EQ(parse("T\n\nKey:\n  b\n"), (Trailers{{"Key", "b"}}));
}

// --- CRLF -----------------------------------------------------------------------------------

TEST(TrailerParse, CrlfLinesAreTrimmed) {
    EXPECT_EQ(parse("T\r\n\r\nKey: a\r\nNext: b\r\n"), (Trailers{{"Key", "a"}, {"Next", "b"}}));
}

TEST(TrailerParse, CrlfContinuationKeepsTheCarriageReturnAsGitDoes) {
    EXPECT_EQ(parse("T\r\n\r\nKey: a\r\n  b\r\n"), (Trailers{{"Key", "a\r b"}}));
}

// --- the `---` divider ----------------------------------------------------------------------

TEST(TrailerParse, CommitModeHasNoDivider) {
    EXPECT_EQ(parse("T\n\nKey: v\n---\nfoo\n"), Trailers{});
    EXPECT_EQ(parse("T\n\nbody\n---\nKey: v\n"), Trailers{});
}

TEST(TrailerParse, MessageFileModeStopsAtDivider) {
    EXPECT_EQ(parse("T\n\nKey: v\n---\nfoo\n", message_file()), (Trailers{{"Key", "v"}}));
    EXPECT_EQ(parse("T\n\nKey: v\n--- a/x\n", message_file()), (Trailers{{"Key", "v"}}));
}

TEST(TrailerParse, DividerNeedsWhitespaceAfterTheDashes) {
    EXPECT_EQ(parse("T\n\nbody\n\nKey: v\n---x\n", message_file()), Trailers{});
    EXPECT_EQ(parse("T\n\nKey: v\n---", message_file()), Trailers{});
}

// --- leading blank lines --------------------------------------------------------------------

TEST(TrailerParse, CommitModeSkipsLeadingBlankLinesBeforeTheTitle) {
    EXPECT_EQ(parse("\nKey: v\n"), Trailers{});
    EXPECT_EQ(parse("\nKey: v\n", message_file()), (Trailers{{"Key", "v"}}));
}

// --- comments and the scissors line ---------------------------------------------------------

TEST(TrailerParse, TrailingCommentLinesAreIgnored) {
    EXPECT_EQ(parse("T\n\nKey: v\n# Please enter\n#\n", message_file()), (Trailers{{"Key", "v"}}));
    EXPECT_EQ(parse("T\n\nKey: v\n# Please enter\n"), (Trailers{{"Key", "v"}}));
}

TEST(TrailerParse, CommentLineInsideBlockCountsAsNeither) {
    EXPECT_EQ(parse("T\n\nKey: v\n# note\nNext: w\n", message_file()),
              (Trailers{{"Key", "v"}, {"Next", "w"}}));
}

TEST(TrailerParse, CommentLinesInTitleAreSkipped) {
    EXPECT_EQ(parse("# c\n\nKey: v\n", message_file()), (Trailers{{"Key", "v"}}));
    EXPECT_EQ(parse("# c\nKey: v\n", message_file()), Trailers{});
}

TEST(TrailerParse, CustomCommentChar) {
    ParseOptions o = message_file();
    o.comment_char = ';';
    EXPECT_EQ(parse("T\n\nKey: v\n; comment\n", o), (Trailers{{"Key", "v"}}));
    EXPECT_EQ(parse("T\n\nKey: v\n# not a comment\n", o), Trailers{});
}

TEST(TrailerParse, TrailerLookingCommentIsDroppedOnlyInMessageFileMode) {
    ParseOptions o = message_file();
    o.comment_char = 'K';
    EXPECT_EQ(parse("T\n\nA: 1\nKey: v\nB: 2\n", o), (Trailers{{"A", "1"}, {"B", "2"}}));
    o.mode = Mode::Commit;
    EXPECT_EQ(parse("T\n\nA: 1\nKey: v\nB: 2\n", o),
              (Trailers{{"A", "1"}, {"Key", "v"}, {"B", "2"}}));
}

TEST(TrailerParse, TextBelowScissorsIsIgnored) {
    std::string msg = "T\n\nKey: v\n# ------------------------ >8 ------------------------\n"
                      "diff --git a/x b/x\nFoo: bar\n";
    EXPECT_EQ(parse(msg, message_file()), (Trailers{{"Key", "v"}}));
    EXPECT_EQ(parse(msg), (Trailers{{"Key", "v"}}));
}

TEST(TrailerParse, ScissorsBelowDividerDoesNotHang) {
    // git 2.39 loops forever on this; git 2.43 and we read the block above `---`.
    EXPECT_EQ(parse("T\n\nKey: v\n---\n# ------------------------ >8 ------------------------\n",
                    message_file()),
              (Trailers{{"Key", "v"}}));
}

TEST(TrailerParse, OldConflictsListIsIgnored) {
    EXPECT_EQ(parse("T\n\nKey: v\nConflicts:\n\ta.c\n\tb.c\n"), (Trailers{{"Key", "v"}}));
}

// --- untrusted input ------------------------------------------------------------------------

TEST(TrailerParse, MessageEndsAtNulByte) {
    using namespace std::string_literals;
    EXPECT_EQ(parse("T\n\nKey: v\nX: a\0b\nY: z\n"s), (Trailers{{"Key", "v"}, {"X", "a"}}));
}

TEST(TrailerParse, InvalidUtf8IsPassedThrough) {
    EXPECT_EQ(parse("T\n\nKey: \xff\xfe\n"), (Trailers{{"Key", "\xff\xfe"}}));
}

// Huge and degenerate messages parse correctly; how long they take is measured by
// scripts/bench/huge_messages.sh against git, not asserted here.
TEST(TrailerParse, HugeMessages) {
    std::string paragraph;
    for (int i = 0; i < 200'000; ++i)
        paragraph += "Key-" + std::to_string(i % 10) + ": " + std::string(30, 'v') + "\n";
    std::string shapes[] = {
        "T\n\n" + paragraph,                           // one 8 MB block
        "T\n\n" + std::string(10'000'000, '\n'),       // only blank lines
        "T\n\n" + std::string(10'000'000, 'x'),        // one long line
        "T\n\n" + std::string(5'000'000, '#') + "\n",  // a long comment
        "T\n\n" + std::string(10'000'000, ' ') + "\n", // a long blank line
    };
    EXPECT_EQ(parse(shapes[0]).size(), 200'000u);
    for (std::size_t i = 1; i < std::size(shapes); ++i) {
        EXPECT_EQ(parse(shapes[i]).size(), 0u);
        EXPECT_EQ(parse(shapes[i], message_file()).size(), 0u);
    }
}

TEST(TrailerParse, ManyContinuationLines) {
    std::string msg = "T\n\nKey: a\n";
    for (int i = 0; i < 1'000'000; ++i)
        msg += " b\n";
    auto trailers = parse(msg);
    ASSERT_EQ(trailers.size(), 1u);
    EXPECT_EQ(trailers[0].value.size(), 1 + 2 * 1'000'000u);
}

TEST(TrailerAdd, HugeMessages) {
    std::string block;
    for (int i = 0; i < 200'000; ++i)
        block += "Key-" + std::to_string(i % 10) + ": " + std::string(30, 'v') + "\n";
    std::string out = add("T\n\n" + block, {"Decision", "DEC-1"});
    EXPECT_TRUE(out.ends_with("\nDecision: DEC-1\n"));
    out = add("T\n\n" + std::string(10'000'000, '\n'), {"Decision", "DEC-1"});
    EXPECT_EQ(out.substr(0, 20), "T\n\nDecision: DEC-1\n\n");
}

// --- values ---------------------------------------------------------------------------------

TEST(TrailerValues, MatchesKeysCaseInsensitivelyInOrder) {
    Trailers t{{"Decision", "DEC-1"}, {"Approved-by", "A"}, {"decision", "DEC-2"}};
    EXPECT_EQ(values(t, "DECISION"), (std::vector<std::string>{"DEC-1", "DEC-2"}));
    EXPECT_EQ(values(t, "Decision-Waiver"), std::vector<std::string>{});
}

TEST(TrailerKey, ValidKeysAreAlphanumericsAndDashes) {
    EXPECT_TRUE(is_valid_key("Decision-Waiver"));
    EXPECT_TRUE(is_valid_key("X-2"));
    EXPECT_FALSE(is_valid_key(""));
    EXPECT_FALSE(is_valid_key("Key:"));
    EXPECT_FALSE(is_valid_key("Two words"));
}

// --- add ------------------------------------------------------------------------------------

TEST(TrailerAdd, AppendsToExistingBlock) {
    EXPECT_EQ(add("T\n\nBody.\n\nKey: v\n", {"Decision", "DEC-1"}),
              "T\n\nBody.\n\nKey: v\nDecision: DEC-1\n");
}

TEST(TrailerAdd, StartsABlockAfterABlankLine) {
    EXPECT_EQ(add("T\n\nBody.\n", {"Decision", "DEC-1"}), "T\n\nBody.\n\nDecision: DEC-1\n");
}

TEST(TrailerAdd, TitleOnlyMessage) {
    EXPECT_EQ(add("T\n", {"Decision", "DEC-1"}), "T\n\nDecision: DEC-1\n");
}

TEST(TrailerAdd, MessageWithoutFinalNewline) {
    EXPECT_EQ(add("T", {"Decision", "DEC-1"}), "T\n\nDecision: DEC-1\n");
    EXPECT_EQ(add("T\n\nKey: v", {"Decision", "DEC-1"}), "T\n\nKey: v\nDecision: DEC-1\n");
}

TEST(TrailerAdd, EmptyMessageGetsABlankTitle) {
    EXPECT_EQ(add("", {"Decision", "DEC-1"}, message_file()), "\nDecision: DEC-1\n");
    EXPECT_EQ(parse("\nDecision: DEC-1\n", message_file()), (Trailers{{"Decision", "DEC-1"}}));
}

TEST(TrailerAdd, NeverDuplicatesAKeyAndValue) {
    std::string msg = "T\n\nDecision: DEC-1\nApproved-by: A\n";
    EXPECT_EQ(add(msg, {"decision", "dec-1"}), msg);
    EXPECT_EQ(add(msg, {"Decision", "DEC-2"}), msg + "Decision: DEC-2\n");
}

TEST(TrailerAdd, SameKeyAndValueOutsideTheBlockIsNoDuplicate) {
    EXPECT_EQ(add("T\n\nDecision: DEC-1\n\nBody.\n", {"Decision", "DEC-1"}),
              "T\n\nDecision: DEC-1\n\nBody.\n\nDecision: DEC-1\n");
}

TEST(TrailerAdd, InsertsBeforeTrailingCommentsAndScissors) {
    std::string tail = "# Please enter the message.\n"
                       "# ------------------------ >8 ------------------------\ndiff\n";
    EXPECT_EQ(add("T\n\nBody.\n" + tail, {"Decision", "DEC-1"}, message_file()),
              "T\n\nBody.\n\nDecision: DEC-1\n" + tail);
}

TEST(TrailerAdd, InsertsBeforeTrailingBlankLines) {
    EXPECT_EQ(add("T\n\nKey: v\n\n\n", {"Decision", "DEC-1"}),
              "T\n\nKey: v\nDecision: DEC-1\n\n\n");
}

TEST(TrailerAdd, InsertsBeforeThePatchInMessageFileMode) {
    EXPECT_EQ(add("T\n\nBody.\n---\n a | 1 +\n", {"Decision", "DEC-1"}, message_file()),
              "T\n\nBody.\n\nDecision: DEC-1\n---\n a | 1 +\n");
}

TEST(TrailerAdd, CommitModeTreatsDividerAsText) {
    EXPECT_EQ(add("T\n\nBody.\n---\nmore\n", {"Decision", "DEC-1"}),
              "T\n\nBody.\n---\nmore\n\nDecision: DEC-1\n");
}

TEST(TrailerAdd, CrlfMessageGetsCrlfLines) {
    EXPECT_EQ(add("T\r\n\r\nBody.\r\n", {"Decision", "DEC-1"}),
              "T\r\n\r\nBody.\r\n\r\nDecision: DEC-1\r\n");
    EXPECT_EQ(add("T\r\n\r\nKey: v\r\n\r\n", {"Decision", "DEC-1"}),
              "T\r\n\r\nKey: v\r\nDecision: DEC-1\r\n\r\n");
}

TEST(TrailerAdd, LineBreaksInValueBecomeSpaces) {
    EXPECT_EQ(add("T\n", {"Decision", " DEC-1\r\n  and more "}), "T\n\nDecision: DEC-1 and more\n");
}

TEST(TrailerAdd, InvalidKeyLeavesMessageUnchanged) {
    EXPECT_EQ(add("T\n", {"Bad key", "v"}), "T\n");
    EXPECT_EQ(add("T\n", {"", "v"}), "T\n");
}

TEST(TrailerAdd, KeepsBytesAfterNul) {
    using namespace std::string_literals;
    EXPECT_EQ(add("T\n\nKey: v\n\0junk"s, {"Decision", "DEC-1"}),
              "T\n\nKey: v\nDecision: DEC-1\n\0junk"s);
}

TEST(TrailerAdd, UnterminatedDividerStaysADivider) {
    EXPECT_EQ(add("T\n\nBody.\n---", {"Decision", "DEC-1"}, message_file()),
              "T\n\nBody.\n\nDecision: DEC-1\n---\n");
}

TEST(TrailerAdd, UnterminatedDividerIsTerminatedWhenTheTrailerIsThere) {
    // Found by fuzz/trailer_fuzz: the trailer is already in the block above the divider, and
    // add() returned the message as it was, where "---" without a line break is no divider,
    // so the block is text and parse() did not read the trailer back.
    std::string msg = "T\n\nDecision: DEC-1\n---";
    EXPECT_EQ(add(msg, {"Decision", "DEC-1"}, message_file()), msg + "\n");
    EXPECT_EQ(parse(msg + "\n", message_file()), (Trailers{{"Decision", "DEC-1"}}));
}

TEST(TrailerAdd, GoesAboveAnUnterminatedScissorsLine) {
    std::string cut = "# ------------------------ >8 ------------------------";
    EXPECT_EQ(add(cut, {"Decision", "DEC-1"}, message_file()), "\nDecision: DEC-1\n" + cut);
}

TEST(TrailerAdd, FallsBackToTheEndWhenTheTailWouldBeReadDifferently) {
    // At git's position the new trailer ends the "Conflicts:" list, so the tab-indented
    // line after it becomes text and hides the trailer (git's own add loses it).
    EXPECT_EQ(add("Conflicts:\n\n\tcontinued\n", {"Decision", "DEC-1"}, message_file()),
              "Conflicts:\n\n\tcontinued\n\nDecision: DEC-1\n");
}

TEST(TrailerAdd, ResultParsesBack) {
    for (std::string msg : {"T\n", "T\n\nBody.\n", "T\n\na\nb\nc\nd\nKey: v\n", "T\n\nKey: v\n"}) {
        std::string out = add(msg, {"Decision", "DEC-9"});
        EXPECT_EQ(values(parse(out), "Decision"), std::vector<std::string>{"DEC-9"}) << out;
    }
}

} // namespace t_unit_trailer_trailer_test
