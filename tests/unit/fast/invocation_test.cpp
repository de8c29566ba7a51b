#include "decision/fast/invocation.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_fast_invocation_test {

using namespace decision::fast;

namespace {

Amending amends(std::vector<std::string> argv) {
    return parse_invocation(argv).amend;
}

} // namespace

TEST(Invocation, CommitAmendsOnlyWithAmend) {
    EXPECT_EQ(amends({"git", "commit", "-m", "x"}), Amending::No);
    EXPECT_EQ(amends({"git", "commit", "--amend", "-m", "x"}), Amending::Yes);
    EXPECT_EQ(amends({"/usr/bin/git", "commit", "-q", "--amend", "--no-edit"}), Amending::Yes);
    EXPECT_EQ(amends({"git", "commit", "-a", "--amend"}), Amending::Yes);
}

TEST(Invocation, AbbreviationsAndNegationsAsGitParsesThem) {
    EXPECT_EQ(amends({"git", "commit", "--am"}), Amending::Yes);
    EXPECT_EQ(amends({"git", "commit", "--amen", "-mx"}), Amending::Yes);
    EXPECT_EQ(amends({"git", "commit", "--a"}), Amending::No); // ambiguous: git refuses it
    EXPECT_EQ(amends({"git", "commit", "--amend", "--no-amend"}), Amending::No);
    EXPECT_EQ(amends({"git", "commit", "--no-amend", "--amend"}), Amending::Yes);
    EXPECT_EQ(amends({"git", "commit", "--amend", "--no-am"}), Amending::No);
}

TEST(Invocation, OptionValuesAndPathsAreNotOptions) {
    EXPECT_EQ(amends({"git", "commit", "-m", "--amend"}), Amending::No);
    EXPECT_EQ(amends({"git", "commit", "-am", "--amend"}), Amending::No);
    EXPECT_EQ(amends({"git", "commit", "--message", "--amend"}), Amending::No);
    EXPECT_EQ(amends({"git", "commit", "--mess", "--amend"}), Amending::No);
    EXPECT_EQ(amends({"git", "commit", "-F", "--amend"}), Amending::No);
    EXPECT_EQ(amends({"git", "commit", "--author", "--amend"}), Amending::No);
    EXPECT_EQ(amends({"git", "commit", "--message=x", "--amend"}), Amending::Yes);
    EXPECT_EQ(amends({"git", "commit", "-mx", "--amend"}), Amending::Yes);
    EXPECT_EQ(amends({"git", "commit", "-S", "--amend"}), Amending::Yes); // -S takes no next arg
    EXPECT_EQ(amends({"git", "commit", "--", "--amend"}), Amending::No);
    EXPECT_EQ(amends({"git", "commit", "file", "--amend"}), Amending::Yes);
}

TEST(Invocation, GitsOwnOptionsComeBeforeTheCommand) {
    auto inv = parse_invocation({"git", "-C", "repo", "-c", "user.name=x", "--no-pager",
                                 "--git-dir", "commit", "commit", "--amend"});
    EXPECT_EQ(inv.command, "commit");
    EXPECT_EQ(inv.amend, Amending::Yes);
    inv = parse_invocation({"git", "--git-dir=x", "merge", "--no-ff", "side"});
    EXPECT_EQ(inv.command, "merge");
    EXPECT_EQ(inv.amend, Amending::No);
}

TEST(Invocation, OtherCommandsAreForTheCallerToExpand) {
    auto inv = parse_invocation({"git", "fix", "-m", "x"});
    EXPECT_EQ(inv.command, "fix");
    EXPECT_EQ(inv.amend, Amending::Unknown);
    EXPECT_EQ(parse_invocation({"git"}).amend, Amending::Unknown);
}

TEST(Invocation, AliasesExpandAsGitSplitsThem) {
    EXPECT_EQ(expand_alias({"git", "-c", "a=b", "fix", "-m", "x"}, "commit --amend"),
              (std::vector<std::string>{"git", "-c", "a=b", "commit", "--amend", "-m", "x"}));
    EXPECT_EQ(expand_alias({"git", "ci"}, "commit -m 'two words' \"say \\\"hi\\\"\" a\\ b"),
              (std::vector<std::string>{"git", "commit", "-m", "two words", "say \"hi\"", "a b"}));
    EXPECT_EQ(amends(expand_alias({"git", "fix", "--no-edit"}, "commit --amend")), Amending::Yes);
}

} // namespace t_unit_fast_invocation_test
