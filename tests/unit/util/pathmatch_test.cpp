#include "decision/util/pathmatch.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_util_pathmatch_test {

using namespace decision::util;

namespace {

// Whether `pattern` compiles and matches the file at `path`.
bool matches(std::string_view pattern, std::string_view path) {
    auto compiled = PathPattern::compile(pattern);
    EXPECT_TRUE(compiled) << "\"" << pattern << "\": " << compiled.error().message;
    return compiled && compiled->matches(path);
}

// Whether `pattern` compiles and matches `path` itself (not its leading directories).
bool matches_entry(std::string_view pattern, std::string_view path, bool is_dir) {
    auto compiled = PathPattern::compile(pattern);
    EXPECT_TRUE(compiled) << "\"" << pattern << "\": " << compiled.error().message;
    return compiled && compiled->matches_entry(path, is_dir);
}

bool may_match_under(std::string_view pattern, std::string_view dir) {
    auto compiled = PathPattern::compile(pattern);
    EXPECT_TRUE(compiled) << "\"" << pattern << "\": " << compiled.error().message;
    return compiled && compiled->may_match_under(dir);
}

// The error message compiling `pattern`, or "" when it compiles.
std::string error_of(std::string_view pattern) {
    auto compiled = PathPattern::compile(pattern);
    if (compiled)
        return "";
    EXPECT_EQ(compiled.error().kind, ErrorKind::Usage);
    return compiled.error().message;
}

bool set_matches(const std::vector<std::string>& patterns, std::string_view path) {
    auto set = PathSet::compile(patterns);
    EXPECT_TRUE(set) << set.error().message;
    return set && set->matches(path);
}

} // namespace

// --- where a pattern applies -------------------------------------------------------------

TEST(PathPattern, NameWithoutSlashMatchesAtAnyDepth) {
    EXPECT_TRUE(matches("dvc.lock", "dvc.lock"));
    EXPECT_TRUE(matches("dvc.lock", "pipelines/train/dvc.lock"));
    EXPECT_FALSE(matches("dvc.lock", "dvc.lock.bak"));
    EXPECT_FALSE(matches("dvc.lock", "old-dvc.lock"));
}

TEST(PathPattern, GlobWithoutSlashMatchesBasenames) {
    EXPECT_TRUE(matches("*.onnx", "model.onnx"));
    EXPECT_TRUE(matches("*.onnx", "models/v1/model.onnx"));
    EXPECT_FALSE(matches("*.onnx", "model.onnx.txt"));
}

TEST(PathPattern, MatchedDirectoryExcludesEverythingBeneath) {
    EXPECT_TRUE(matches("models", "models/v1/weights.bin"));
    EXPECT_TRUE(matches("*.d", "conf.d/a/b.txt"));
    EXPECT_TRUE(matches("src/gen", "src/gen/x/y.cpp"));
}

TEST(PathPattern, LeadingSlashAnchorsAtRoot) {
    EXPECT_TRUE(matches("/build", "build/out.o"));
    EXPECT_FALSE(matches("/build", "sub/build/out.o"));
    EXPECT_TRUE(matches("/*.txt", "a.txt"));
    EXPECT_FALSE(matches("/*.txt", "docs/a.txt"));
}

TEST(PathPattern, MiddleSlashAnchorsAtRoot) {
    EXPECT_TRUE(matches("pipelines/features", "pipelines/features/a.py"));
    EXPECT_FALSE(matches("pipelines/features", "x/pipelines/features/a.py"));
}

TEST(PathPattern, TrailingSlashMatchesOnlyDirectories) {
    EXPECT_FALSE(matches("build/", "build"));
    EXPECT_TRUE(matches("build/", "build/out.o"));
    EXPECT_TRUE(matches("build/", "sub/build/out.o"));
    EXPECT_TRUE(matches_entry("build/", "build", true));
    EXPECT_FALSE(matches_entry("build/", "build", false));
}

TEST(PathPattern, TrailingSlashDoesNotAnchor) {
    EXPECT_TRUE(matches("logs/", "app/logs/x.log"));
    EXPECT_FALSE(matches("/logs/", "app/logs/x.log"));
    EXPECT_FALSE(matches("app/logs/", "x/app/logs/y"));
}

TEST(PathPattern, MatchesEntryIgnoresLeadingDirectories) {
    EXPECT_FALSE(matches_entry("models", "models/a.onnx", false));
    EXPECT_TRUE(matches_entry("models", "x/models", true));
    EXPECT_FALSE(matches_entry("a/b", "a/b/c", false));
}

// --- wildcards ---------------------------------------------------------------------------

TEST(PathPattern, StarDoesNotMatchSlash) {
    EXPECT_TRUE(matches("data/*.csv", "data/raw.csv"));
    EXPECT_FALSE(matches("data/*.csv", "data/raw/x.csv"));
    EXPECT_TRUE(matches("a*b", "a/x/ab"));
    EXPECT_FALSE(matches_entry("a/*b", "a/x/b", false));
}

TEST(PathPattern, StarMatchesEmptyAndDotfiles) {
    EXPECT_TRUE(matches("*.env", ".env"));
    EXPECT_TRUE(matches("*", ".hidden"));
    EXPECT_TRUE(matches("a*", "a"));
}

TEST(PathPattern, QuestionMarkMatchesOneByteButNotSlash) {
    EXPECT_TRUE(matches("a?c", "abc"));
    EXPECT_FALSE(matches("a?c", "ac"));
    EXPECT_FALSE(matches_entry("a?c", "a/c", false));
}

TEST(PathPattern, QuestionMarkMatchesOneByteOfUtf8) {
    EXPECT_FALSE(matches("na?ve.md", "na\xc3\xafve.md"));
    EXPECT_TRUE(matches("na??ve.md", "na\xc3\xafve.md"));
}

TEST(PathPattern, MatchingIsCaseSensitive) {
    EXPECT_FALSE(matches("*.txt", "README.TXT"));
    EXPECT_FALSE(matches("Models/", "models/a"));
}

TEST(PathPattern, BracesAreLiteral) {
    EXPECT_FALSE(matches("*.{c,h}", "a.c"));
    EXPECT_TRUE(matches("*.{c,h}", "a.{c,h}"));
}

// --- bracket expressions ------------------------------------------------------------------

TEST(PathPattern, BracketMatchesListedBytes) {
    EXPECT_TRUE(matches("*.[ch]", "x.h"));
    EXPECT_FALSE(matches("*.[ch]", "x.o"));
}

TEST(PathPattern, BracketRanges) {
    EXPECT_TRUE(matches("v[0-9]", "v7"));
    EXPECT_FALSE(matches("v[0-9]", "vx"));
    EXPECT_FALSE(matches("[z-a]", "m")); // a reversed range holds nothing
}

TEST(PathPattern, BangNegatesBracket) {
    EXPECT_TRUE(matches("a[!b]c", "axc"));
    EXPECT_FALSE(matches("a[!b]c", "abc"));
}

TEST(PathPattern, CaretNegatesBracket) {
    EXPECT_TRUE(matches("a[^b]c", "axc"));
    EXPECT_FALSE(matches("a[^b]c", "abc"));
}

TEST(PathPattern, ClosingBracketFirstIsAMember) {
    EXPECT_TRUE(matches("[]]", "]"));
    EXPECT_TRUE(matches("[!]]", "x"));
    EXPECT_FALSE(matches("[!]]", "]"));
}

TEST(PathPattern, DashAtEitherEndIsAMember) {
    EXPECT_TRUE(matches("[a-]", "-"));
    EXPECT_TRUE(matches("[-a]", "-"));
    EXPECT_FALSE(matches("[a-]", "b"));
}

TEST(PathPattern, NamedCharacterClasses) {
    EXPECT_TRUE(matches("[[:digit:]]*", "9lives"));
    EXPECT_TRUE(matches("[[:upper:]]*", "Makefile"));
    EXPECT_FALSE(matches("[[:upper:]]*", "makefile"));
    EXPECT_TRUE(matches("*[[:space:]]*", "a b"));
    EXPECT_TRUE(matches("*[[:punct:]]", "x!"));
    EXPECT_TRUE(matches("[[:xdigit:]][[:xdigit:]]", "fF"));
    EXPECT_FALSE(matches("[[:alpha:]]", "\xc3\xa9")); // ASCII only, as git's ctype
}

TEST(PathPattern, SpaceClassIsGitsNotLibcs) {
    EXPECT_TRUE(matches("a[[:space:]]b", "a\tb"));
    EXPECT_FALSE(matches("a[[:space:]]b", "a\vb"));
}

TEST(PathPattern, BracketWithoutColonCloseIsPlain) {
    EXPECT_TRUE(matches("[[:]", ":"));
    EXPECT_TRUE(matches("[[:]", "["));
}

TEST(PathPattern, BracketNeverMatchesSlash) {
    EXPECT_FALSE(matches("a[/]b", "a/b"));
    EXPECT_FALSE(matches("a[!x]b", "a/b"));
}

TEST(PathPattern, BracketMatchesOneByteOfUtf8) {
    EXPECT_FALSE(matches("caf[\xc3\xa9]", "caf\xc3\xa9"));
    EXPECT_TRUE(matches("caf[\xc3\xa9][\xc3\xa9]", "caf\xc3\xa9"));
}

// --- escapes, spaces, comments ------------------------------------------------------------

TEST(PathPattern, BackslashEscapesWildcards) {
    EXPECT_TRUE(matches("star\\*", "star*"));
    EXPECT_FALSE(matches("star\\*", "stars"));
    EXPECT_TRUE(matches("\\[x\\]", "[x]"));
    EXPECT_TRUE(matches("back\\\\slash", "back\\slash"));
}

TEST(PathPattern, EscapedHashMatchesLiteralHash) {
    EXPECT_TRUE(matches("\\#notes", "#notes"));
}

TEST(PathPattern, EscapedBangMatchesLiteralBang) {
    auto pattern = PathPattern::compile("\\!important");
    ASSERT_TRUE(pattern);
    EXPECT_FALSE(pattern->negated());
    EXPECT_TRUE(pattern->matches("!important"));
}

TEST(PathPattern, TrailingSpacesAreStripped) {
    EXPECT_TRUE(matches("notes.txt   ", "notes.txt"));
    EXPECT_FALSE(matches("notes.txt   ", "notes.txt "));
}

TEST(PathPattern, EscapedTrailingSpaceIsKept) {
    EXPECT_TRUE(matches("name\\ ", "name "));
    EXPECT_FALSE(matches("name\\ ", "name"));
    EXPECT_TRUE(matches("name\\   ", "name ")); // spaces after the escaped one still go
}

TEST(PathPattern, EscapedSlashAnchorsLikeASlash) {
    EXPECT_TRUE(matches("foo\\/bar", "foo/bar"));
    EXPECT_FALSE(matches("foo\\/bar", "x/foo/bar"));
}

// --- ** -----------------------------------------------------------------------------------

TEST(PathPattern, LeadingDoubleStarMatchesAtAnyDepth) {
    EXPECT_TRUE(matches("**/*.onnx", "a.onnx"));
    EXPECT_TRUE(matches("**/*.onnx", "a/b/c.onnx"));
    EXPECT_TRUE(matches("**/models/", "src/models/x"));
}

TEST(PathPattern, TrailingDoubleStarMatchesEverythingInside) {
    EXPECT_TRUE(matches("models/**", "models/a"));
    EXPECT_TRUE(matches("models/**", "models/a/b/c"));
    EXPECT_FALSE(matches("models/**", "models"));
    EXPECT_FALSE(matches_entry("models/**", "models", true));
}

TEST(PathPattern, MiddleDoubleStarMatchesZeroOrMoreDirectories) {
    EXPECT_TRUE(matches("a/**/b", "a/b"));
    EXPECT_TRUE(matches("a/**/b", "a/x/b"));
    EXPECT_TRUE(matches("a/**/b", "a/x/y/z/b"));
    EXPECT_FALSE(matches("a/**/b", "a/xb"));
}

TEST(PathPattern, DoubleStarAloneMatchesEverything) {
    EXPECT_TRUE(matches("**", "a"));
    EXPECT_TRUE(matches("/**", "a/b/c"));
}

TEST(PathPattern, OtherDoubleStarsActLikeStar) {
    EXPECT_TRUE(matches("a/**b", "a/xb"));
    EXPECT_FALSE(matches("a/**b", "a/x/yb"));
    EXPECT_FALSE(matches("[x]**/c", "x/a/b/c")); // preceded by a wildcard: a plain '*'
    EXPECT_TRUE(matches("[x]**/c", "xy/c"));
}

TEST(PathPattern, DoubleStarRightAfterLiteralPrefixIsAtStart) {
    // git compares the literal prefix itself and hands wildmatch only the rest, where this
    // "**" stands at the start: a full "**/" that also matches zero directories.
    EXPECT_TRUE(matches("foo**/bar", "foo/bar"));
    EXPECT_TRUE(matches("foo**/bar", "foox/y/bar"));
    EXPECT_TRUE(matches("a/b**/c", "a/bc"));
}

TEST(PathPattern, EscapedSlashAfterDoubleStarNeedsADirectory) {
    EXPECT_FALSE(matches("a/**\\/b", "a/b"));
    EXPECT_TRUE(matches("a/**\\/b", "a/x/b"));
}

// --- flags and errors ---------------------------------------------------------------------

TEST(PathPattern, NegationIsReportedAndStripped) {
    auto pattern = PathPattern::compile("!models/v1/");
    ASSERT_TRUE(pattern);
    EXPECT_TRUE(pattern->negated());
    EXPECT_TRUE(pattern->directory_only());
    EXPECT_EQ(pattern->text(), "!models/v1/");
    EXPECT_TRUE(pattern->matches("models/v1/a"));
}

TEST(PathPattern, EmptyPatternIsAnError) {
    EXPECT_EQ(error_of(""), "invalid path pattern \"\": it is empty");
}

TEST(PathPattern, OnlySpacesIsAnError) {
    EXPECT_EQ(error_of("   "), "invalid path pattern \"   \": it holds only spaces, which git "
                               "strips (write \"\\ \" for a trailing space)");
}

TEST(PathPattern, LeadingHashIsAnError) {
    EXPECT_EQ(error_of("#notes"), "invalid path pattern \"#notes\": a leading '#' makes it a "
                                  "comment in .gitignore; write \"\\#notes\" to match a name "
                                  "starting with '#'");
}

TEST(PathPattern, NulIsAnError) {
    EXPECT_EQ(error_of(std::string_view("a\0b", 3)),
              "invalid path pattern \"a\\x00b\": it contains a NUL byte");
}

TEST(PathPattern, LineBreakIsAnError) {
    EXPECT_EQ(error_of("a\nb"), "invalid path pattern \"a\\x0Ab\": it contains a line break, "
                                "which a .gitignore line cannot hold");
}

TEST(PathPattern, LoneBangIsAnError) {
    EXPECT_EQ(error_of("!"), "invalid path pattern \"!\": nothing follows the '!'");
}

TEST(PathPattern, LoneSlashIsAnError) {
    EXPECT_EQ(error_of("/"),
              "invalid path pattern \"/\": '/' alone names no path, so git would never match it");
}

TEST(PathPattern, DoubleSlashIsAnError) {
    EXPECT_EQ(error_of("a//b"), "invalid path pattern \"a//b\": \"//\" would need an empty path "
                                "component, so git would never match it");
}

TEST(PathPattern, UnterminatedBracketIsAnError) {
    EXPECT_EQ(error_of("data/v[12"),
              "invalid path pattern \"data/v[12\": the '[' at column 7 has no closing ']', so git "
              "would never match it; write \"\\[\" for a literal '['");
    EXPECT_NE(error_of("[!]"), "");
    EXPECT_NE(error_of("[a\\"), "");
}

TEST(PathPattern, UnknownCharacterClassIsAnError) {
    EXPECT_EQ(error_of("[[:word:]]"),
              "invalid path pattern \"[[:word:]]\": unknown character class \"[:word:]\", so git "
              "would never match it (known: alnum, alpha, blank, cntrl, digit, graph, lower, "
              "print, punct, space, upper, xdigit)");
}

TEST(PathPattern, TrailingBackslashIsAnError) {
    EXPECT_EQ(error_of("abc\\"),
              "invalid path pattern \"abc\\\": it ends with a lone '\\', so git would never match "
              "it; write \"\\\\\" for a literal backslash");
    EXPECT_NE(error_of("abc\\/"), ""); // the trailing '/' goes first, leaving "abc\"
}

// --- may_match_under ----------------------------------------------------------------------

TEST(PathPattern, MayMatchUnderRootIsTrue) {
    EXPECT_TRUE(may_match_under("models/**", ""));
    EXPECT_TRUE(may_match_under("/x", ""));
}

TEST(PathPattern, MayMatchUnderFollowsTheLiteralPrefix) {
    EXPECT_TRUE(may_match_under("pipelines/features/**", "pipelines"));
    EXPECT_TRUE(may_match_under("pipelines/features/**", "pipelines/features"));
    EXPECT_FALSE(may_match_under("pipelines/features/**", "pipelines/other"));
    EXPECT_FALSE(may_match_under("pipelines/features/**", "src"));
    EXPECT_FALSE(may_match_under("pipelines/features/**", "pipelinesX"));
}

TEST(PathPattern, MayMatchUnderMatchedDirectoryIsTrue) {
    EXPECT_TRUE(may_match_under("/build", "build/x/y"));
    EXPECT_TRUE(may_match_under("data/*/", "data/raw/2024"));
}

TEST(PathPattern, MayMatchUnderFollowsWildcards) {
    EXPECT_TRUE(may_match_under("data/*/raw/*.csv", "data/x"));
    EXPECT_TRUE(may_match_under("data/*/raw/*.csv", "data/x/raw"));
    EXPECT_FALSE(may_match_under("data/*/raw/*.csv", "data/x/cooked"));
    EXPECT_TRUE(may_match_under("a/**/z", "a/b/c/d"));
}

TEST(PathPattern, MayMatchUnderIsTrueForNamePatterns) {
    EXPECT_TRUE(may_match_under("*.onnx", "src/deep/dir"));
}

// --- cost ---------------------------------------------------------------------------------

// These would run for years with exponential backtracking; here each is a few thousand steps.
TEST(PathPattern, HostileStarsAgainstLongNameFinish) {
    const std::string name(4096, 'a');
    EXPECT_FALSE(matches("*a*a*a*a*a*a*a*a*a*a*a*a*b", name));
    EXPECT_TRUE(matches("*a*a*a*a*a*a*a*a*a*a*a*a*", name));
    EXPECT_FALSE(matches("/*a*a*a*a*a*a*a*a*a*a*a*a*b", name));
}

TEST(PathPattern, HostileDoubleStarsAgainstDeepPathFinish) {
    std::string path;
    for (int i = 0; i < 1024; ++i)
        path += "a/";
    path += "a"; // 2049 bytes, 1025 components
    EXPECT_FALSE(matches("**/a/**/a/**/a/**/a/**/a/**/a/**/b", path));
    EXPECT_FALSE(matches("a/**/*a*a*a*a*a*a*/**/b", path));
    EXPECT_TRUE(matches("**/a/**/a/**/a/**/a/**/a/**/a/**/a", path));
    EXPECT_FALSE(set_matches({"**/a/**/a/**/b", "!a/**/a/**/a/**/c"}, path));
}

TEST(PathPattern, LongPatternsUseSeveralWordsOfState) {
    std::string pattern = "x";
    std::string name = "x";
    for (int i = 0; i < 150; ++i) {
        pattern += "*?";
        name += "yz";
    }
    EXPECT_TRUE(matches(pattern, name));
    EXPECT_FALSE(matches(pattern + "q", name));
}

TEST(PathPattern, LongPatternsKeepDoubleStarAcrossStateWords) {
    // 62 '?' put the "**/" epsilon moves across the first 64-bit word of states.
    const std::string head(62, '?');
    const std::string dir(62, 'd');
    EXPECT_TRUE(matches(head + "/**/b", dir + "/b"));
    EXPECT_TRUE(matches(head + "/**/b", dir + "/x/y/b"));
    EXPECT_FALSE(matches(head + "/**/b", dir + "/xb"));
    EXPECT_TRUE(may_match_under(head + "/**/b", dir + "/x"));
    EXPECT_FALSE(may_match_under(head + "/**/b", "d"));
}

TEST(PathPattern, TooManyWildcardsIsAnError) {
    std::string pattern;
    for (int i = 0; i < 1100; ++i)
        pattern += "?";
    EXPECT_NE(error_of(pattern), "");
}

// --- PathSet ------------------------------------------------------------------------------

TEST(PathSet, EmptySetMatchesNothing) {
    auto set = PathSet::compile({});
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->empty());
    EXPECT_FALSE(set->matches("a"));
    EXPECT_FALSE(set->may_match_under(""));
}

TEST(PathSet, AnyPatternMatches) {
    EXPECT_TRUE(set_matches({"*.onnx", "dvc.lock"}, "p/dvc.lock"));
    EXPECT_FALSE(set_matches({"*.onnx", "dvc.lock"}, "p/dvc.yaml"));
}

TEST(PathSet, NegationReincludes) {
    EXPECT_FALSE(set_matches({"*.onnx", "!keep.onnx"}, "m/keep.onnx"));
    EXPECT_TRUE(set_matches({"*.onnx", "!keep.onnx"}, "m/drop.onnx"));
}

TEST(PathSet, LastMatchingPatternWins) {
    EXPECT_TRUE(set_matches({"!keep.onnx", "*.onnx"}, "keep.onnx"));
    EXPECT_FALSE(set_matches({"*.onnx", "!*.onnx"}, "a.onnx"));
}

TEST(PathSet, NegationCannotReincludeBelowExcludedDirectory) {
    EXPECT_TRUE(set_matches({"models/", "!models/keep.onnx"}, "models/keep.onnx"));
    EXPECT_TRUE(set_matches({"logs/", "!logs/2024/", "!logs/2024/a"}, "logs/2024/a"));
}

TEST(PathSet, NegatedDirectoryReincludesWhatOnlyItsParentExcluded) {
    EXPECT_FALSE(set_matches({"models/*", "!models/v1"}, "models/v1/a.bin"));
    EXPECT_TRUE(set_matches({"models/*", "!models/v1"}, "models/v2/a.bin"));
    EXPECT_TRUE(set_matches({"models/**", "!models/v1/"}, "models/v1/a.bin"));
}

TEST(PathSet, EverythingButIdiom) {
    std::vector<std::string> patterns{"*", "!*/", "!*.py"};
    EXPECT_FALSE(set_matches(patterns, "src/pkg/a.py"));
    EXPECT_TRUE(set_matches(patterns, "src/pkg/a.txt"));
}

TEST(PathSet, DeepPathsAreJudgedLevelByLevel) {
    std::string path;
    for (int i = 0; i < 70; ++i)
        path += "d" + std::to_string(i) + "/";
    EXPECT_TRUE(set_matches({"d65/", "!*.txt"}, path + "f.txt"));
    EXPECT_TRUE(set_matches({"*.txt", "!d65/"}, path + "f.txt")); // the file matches itself
    EXPECT_FALSE(set_matches({"d6*/", "!d6*/"}, path + "f.txt"));
    EXPECT_TRUE(set_matches({"d2*/", "!d2/"}, path + "f"));
}

TEST(PathSet, CompileReportsTheBadPattern) {
    auto set = PathSet::compile({"*.onnx", "data/v[12"});
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().kind, ErrorKind::Usage);
    EXPECT_EQ(set.error().message,
              "invalid path pattern \"data/v[12\": the '[' at column 7 has no closing ']', so git "
              "would never match it; write \"\\[\" for a literal '['");
}

TEST(PathSet, MayMatchUnderIgnoresNegatedPatterns) {
    auto set = PathSet::compile({"models/**", "!src/**"});
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->may_match_under("models/v1"));
    EXPECT_FALSE(set->may_match_under("src"));
}

namespace {

// A 300 KB pattern once came back whole in its error message.
TEST(PathPattern, TooLongPatternErrorShowsOnlyItsStart) {
    std::string pattern;
    for (int i = 0; i < 100'000; ++i)
        pattern += "a*/";
    pattern += "x";
    auto compiled = PathPattern::compile(pattern);
    ASSERT_FALSE(compiled);
    EXPECT_EQ(compiled.error().message,
              "invalid path pattern \"" + pattern.substr(0, 80) + "... (" +
                  std::to_string(pattern.size()) +
                  " bytes)\": it is too long: more than 1023 elements from its first wildcard on");
    auto comment = PathPattern::compile("#" + std::string(100'000, 'c'));
    ASSERT_FALSE(comment);
    EXPECT_LT(comment.error().message.size(), 400u);
}

} // namespace

} // namespace t_unit_util_pathmatch_test
