// `git decision --help` is git's: it opens the git-decision(1) man page.

#include "support/temp_repo.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_help_test {

TEST(Help, GitDecisionHelpOpensTheManPage) {
    if (!std::filesystem::exists("/usr/bin/man"))
        GTEST_SKIP() << "man is not installed (scripts/bootstrap installs man-db)";
    test::TempRepo repo;
    std::string tools = std::filesystem::path(test::git_decision_binary()).parent_path().string();
    test::RunOptions o;
    o.env = {{"MANPATH", test::source_path("docs/man")},
             {"MANPAGER", "cat"},
             {"PAGER", "cat"},
             {"MANWIDTH", "80"},
             {"PATH", tools + ":" + std::getenv("PATH")}};
    auto out = repo.git({"decision", "--help"}, o, true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out.rfind("GIT-DECISION(1)", 0), 0u) << out.out;
    EXPECT_NE(out.out.find("SYNOPSIS\n       git decision verb [options]\n"), std::string::npos)
        << out.out;
    EXPECT_NE(out.out.find("GIT_DECISION_SKIP=1"), std::string::npos);
}

TEST(Help, BinaryHelpWorksOutsideARepository) {
    auto out = test::run({test::git_decision_binary(), "--help"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_NE(out.out.find("Subcommands:"), std::string::npos);
}

// A user who only put build/tools on PATH (as the README says) gets the manual: man-db
// searches <dir>/../share/man for every <dir> on PATH, and the build copies the page to
// build/share/man/man1.
TEST(Help, GitDecisionHelpFindsTheManPageOfTheBuildTreeOnPath) {
    if (!std::filesystem::exists("/usr/bin/man"))
        GTEST_SKIP() << "man is not installed (scripts/bootstrap installs man-db)";
    test::TempRepo repo;
    std::string tools = std::filesystem::path(test::git_decision_binary()).parent_path().string();
    test::RunOptions o;
    o.unset = {"MANPATH", "MANOPT"};
    o.env = {{"MANPAGER", "cat"},
             {"PAGER", "cat"},
             {"MANWIDTH", "80"},
             {"PATH", tools + ":" + std::getenv("PATH")}};
    auto out = repo.git({"decision", "--help"}, o, true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out.rfind("GIT-DECISION(1)", 0), 0u) << out.out << out.err;
}

TEST(Help, NoVerbListsTheVerbs) {
    auto out = test::run({test::git_decision_binary()});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_NE(out.err.find("Subcommands:\n  init "), std::string::npos) << out.err;
    EXPECT_NE(out.err.find("\n  trailers "), std::string::npos) << out.err;
}

} // namespace t_integration_help_test
