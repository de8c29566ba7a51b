// check --base in a shallow clone: deep enough, it finds the merge base as git does
// (boundary commits are roots); too shallow, it says which history is missing.

#include "support/temp_repo.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_shallow_test {

namespace {

// main: 5 commits; feature: 2 more on top of main's third.
void make_history(const test::TempRepo& repo) {
    repo.write("decisions/policy.toml", "[[rules]]\nname = \"models\"\npaths = [\"models/**\"]\n");
    for (int i = 0; i < 3; ++i) {
        repo.write("README.md", "v" + std::to_string(i) + "\n");
        repo.commit_all("main " + std::to_string(i));
    }
    repo.git({"branch", "feature"});
    for (int i = 3; i < 5; ++i) {
        repo.write("README.md", "v" + std::to_string(i) + "\n");
        repo.commit_all("main " + std::to_string(i));
    }
    repo.git({"checkout", "-q", "feature"});
    for (int i = 0; i < 2; ++i) {
        repo.write("NOTES.md", "n" + std::to_string(i) + "\n");
        repo.commit_all("feature " + std::to_string(i));
    }
    repo.git({"checkout", "-q", "main"});
}

test::Output check_in_clone(const test::TempRepo& repo, int depth) {
    std::string clone = repo.path() + "/../clone" + std::to_string(depth);
    repo.git({"clone", "-q", "--depth", std::to_string(depth), "--no-single-branch",
              "file://" + repo.path(), clone});
    test::RunOptions o;
    o.cwd = clone;
    repo.git({"checkout", "-q", "-b", "work", "origin/feature"}, o);
    o.env = {{"GIT_DECISION_TODAY", "2026-11-27"}};
    return repo.decision({"check", "--base", "origin/main"}, o);
}

} // namespace

TEST(Shallow, DeepEnoughCloneFindsTheMergeBase) {
    test::TempRepo repo;
    make_history(repo);
    auto out = check_in_clone(repo, 4);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_NE(out.out.find("checked 2 commits"), std::string::npos) << out.out;
}

TEST(Shallow, TooShallowCloneSaysSo) {
    test::TempRepo repo;
    make_history(repo);
    auto out = check_in_clone(repo, 1);
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_NE(out.err.find("this is a shallow clone"), std::string::npos) << out.err;
    EXPECT_NE(out.err.find("git fetch --unshallow"), std::string::npos) << out.err;
}

// `check --range HEAD~3..HEAD` in a `--depth 3` clone: HEAD~3 is beyond the history it has.
TEST(Shallow, UnknownRevisionInAShallowCloneSaysHowToFetchIt) {
    test::TempRepo repo;
    make_history(repo);
    std::string clone = repo.path() + "/../depth3";
    repo.git({"clone", "-q", "--depth", "3", "file://" + repo.path(), clone});
    test::RunOptions o;
    o.cwd = clone;
    std::string boundary = repo.git({"rev-parse", "HEAD~2"}, o).out.substr(0, 12);
    auto out = repo.decision({"check", "--range", "HEAD~3..HEAD"}, o);
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.err, "git-decision: error: unknown revision 'HEAD~3': this is a shallow clone "
                       "whose history stops at " +
                           boundary +
                           ", so the revision may lie in history it lacks; fetch the full "
                           "history with 'git fetch --unshallow' (in GitHub Actions: "
                           "actions/checkout with fetch-depth: 0)\n");
}

} // namespace t_integration_shallow_test
