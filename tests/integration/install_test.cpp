// git decision install's warnings about a policy that cannot govern anything.

#include "support/temp_repo.hpp"

#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_install_test {

namespace fs = std::filesystem;

TEST(Install, WarnsWhenThePolicyGovernsNothing) {
    test::TempRepo repo;
    repo.write("decisions/policy.toml", "[lint]\nguardrails = \"error\"\n");
    auto out = repo.decision({"install", "--hooks", "commit-msg"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "commit-msg: installed in " + repo.path() + "/.git/hooks\n");
    EXPECT_EQ(
        out.err,
        "git-decision: warning: decisions/policy.toml has no [[rules]], so the hooks require no "
        "decision for any change; add a rule with paths such as [\"models/**\"]\n");
}

TEST(Install, ReportsAnInvalidPolicyButStillInstalls) {
    test::TempRepo repo;
    repo.write("decisions/policy.toml",
               "[[rules]]\npaths = [\"models/**\"]\nsignoffs = [\"ml-lead\"]\n");
    auto out = repo.decision({"install", "--hooks", "commit-msg"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(
        out.err,
        "git-decision: warning: the policy is invalid:\n  decisions/policy.toml:3:13: error: rule "
        "'rule 1' requires sign-off from role 'ml-lead', which [roles] does not define\n");
}

// A core.hooksPath from ~/.gitconfig is every repository's hooks directory: install refuses
// to write there unless asked with --global.
TEST(Install, RefusesAGlobalHooksPathWithoutGlobal) {
    test::TempRepo repo;
    std::string global = fs::path(repo.path()).parent_path().string() + "/global-hooks";
    repo.git({"config", "--global", "core.hooksPath", global});
    auto out = repo.decision({"install", "--hooks", "commit-msg"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err, "git-decision: error: core.hooksPath is set in your global "
                       "(~/.gitconfig) configuration to " +
                           global +
                           ": hooks installed there run in every repository on this machine. "
                           "Run 'git decision install --global' if that is what you want, or "
                           "'git config core.hooksPath .git/hooks' to install for this "
                           "repository only\n");
    EXPECT_FALSE(fs::exists(global + "/commit-msg"));
    auto forced = repo.decision({"install", "--global", "--hooks", "commit-msg"});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_TRUE(fs::exists(global + "/commit-msg"));
    // A repository's own core.hooksPath needs no flag.
    repo.git({"config", "core.hooksPath", "githooks"});
    EXPECT_EQ(repo.decision({"install", "--hooks", "commit-msg"}).exit_code, 0);
    EXPECT_TRUE(repo.exists("githooks/commit-msg"));
}

// lefthook renames hooks it did not write to *.old and never runs them: install writes none
// and prints the configuration to add, which is the one shipped in scripts/lefthook.yml.
TEST(Install, UnderLefthookPrintsTheSnippetAndWritesNothing) {
    test::TempRepo repo;
    repo.write("lefthook.yml", "pre-commit:\n  commands: {}\n");
    auto out = repo.decision({"install"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "lefthook manages this repository's hooks (lefthook.yml), and 'lefthook "
                       "install' would set aside hooks written here; git-decision installed "
                       "none.\nAdd this to lefthook.yml, then run 'lefthook install' (see "
                       "docs/hook-managers.md):\n\n" +
                           test::read_source("scripts/lefthook.yml"));
    EXPECT_FALSE(repo.exists(".git/hooks/commit-msg"));
    EXPECT_FALSE(repo.exists(".git/hooks/pre-push"));
}

// husky v9: core.hooksPath=.husky/_ holds generated stubs that run .husky/<hook>; install adds
// its call to those scripts (which husky never rewrites), once, and uninstall takes it out.
TEST(Install, UnderHuskyAddsACallToTheUserScripts) {
    test::TempRepo repo;
    repo.git({"config", "core.hooksPath", ".husky/_"});
    repo.write(".husky/_/h", "# husky\n");
    repo.write(".husky/_/pre-commit", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"");
    repo.write(".husky/pre-commit", "npm test\n");
    auto out = repo.decision({"install", "--hooks", "pre-commit,commit-msg"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "pre-commit: added to " + repo.path() +
                           "/.husky/pre-commit (husky runs it)\ncommit-msg: added to " +
                           repo.path() + "/.husky/commit-msg (husky runs it)\n");
    const std::string marker =
        "# git-decision (added by git decision install; git decision uninstall removes it)\n";
    EXPECT_EQ(repo.read(".husky/pre-commit"),
              "npm test\n" + marker + "git decision hook pre-commit \"$@\"\n");
    EXPECT_EQ(repo.read(".husky/commit-msg"), marker + "git decision hook commit-msg \"$@\"\n");
    EXPECT_EQ(repo.read(".husky/_/pre-commit"), "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"");
    auto again = repo.decision({"install", "--hooks", "pre-commit"});
    EXPECT_EQ(again.out,
              "pre-commit: already in " + repo.path() + "/.husky/pre-commit (husky runs it)\n");
    EXPECT_EQ(repo.read(".husky/pre-commit"),
              "npm test\n" + marker + "git decision hook pre-commit \"$@\"\n");
    auto removed = repo.decision({"uninstall", "--hooks", "pre-commit,commit-msg"});
    EXPECT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_EQ(repo.read(".husky/pre-commit"), "npm test\n");
    EXPECT_FALSE(repo.exists(".husky/commit-msg"));
}

} // namespace t_integration_install_test
