// Repositories are opened exactly as git opens them: GIT_DIR, GIT_WORK_TREE, GIT_COMMON_DIR,
// `git -C`, `git --git-dir`, bare repositories, core.worktree, linked worktrees and
// repositories without a config file. Each case compares what the binaries open
// (tests/open_probe.cpp) with what `git rev-parse` says in the same place and environment.

#include "integration/cli_fixture.hpp"
#include "support/governed.hpp"

#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_repository_open_test {

namespace fs = std::filesystem;
using test::TempRepo;

namespace {

std::string canonical_lines(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::error_code ec;
        out += fs::weakly_canonical(text.substr(start, end - start), ec).string() + "\n";
        start = end + 1;
    }
    return out;
}

// git's answer: the absolute git dir, then the top of the working tree when there is one.
std::string git_says(const TempRepo& repo, test::RunOptions o) {
    auto dir = repo.git({"rev-parse", "--absolute-git-dir"}, o);
    std::string out = dir.out;
    auto top = repo.git({"rev-parse", "--show-toplevel"}, o, true);
    if (top.exit_code == 0)
        out += top.out;
    return canonical_lines(out);
}

std::string we_open(const TempRepo& repo, test::RunOptions o) {
    auto out = test::run({std::string(GD_BINARY_DIR) + "/tests/gd_open_probe"}, repo.options(o));
    EXPECT_EQ(out.exit_code, 0) << out.err;
    return canonical_lines(out.out);
}

test::RunOptions in(const std::string& cwd, std::map<std::string, std::string> env = {}) {
    auto o = test::with_env(std::move(env));
    o.cwd = cwd;
    return o;
}

// A repository with one commit, a bare clone of it next to it, and an unrelated folder.
struct Layout {
    TempRepo repo;
    std::string root = fs::path(repo.path()).parent_path().string();
    std::string bare = root + "/srv/repo.git";
    std::string elsewhere = root + "/elsewhere";
    Layout() {
        repo.write("models/README.md", "models\n");
        repo.commit_all("first");
        repo.git({"clone", "-q", "--bare", repo.path(), bare});
        fs::create_directories(elsewhere);
    }
    void expect_same(const test::RunOptions& o, const std::string& what) const {
        EXPECT_EQ(we_open(repo, o), git_says(repo, o)) << what;
    }
};

} // namespace

TEST(RepositoryOpen, MatchesGitInEveryLayout) {
    Layout l;
    const std::string& r = l.repo.path();
    fs::create_directories(r + "/models/deep");
    l.expect_same(in(r + "/models/deep"), "discovered from a subdirectory");
    l.expect_same(in(l.elsewhere, {{"GIT_DIR", l.bare}}), "GIT_DIR of a bare repository");
    l.expect_same(in(l.bare + "/refs"), "inside a bare repository");
    l.expect_same(in(r + "/.git/refs"), "inside .git");
    l.expect_same(in(l.elsewhere, {{"GIT_DIR", r + "/.git"}}),
                  "GIT_DIR of a non-bare repository: the current directory is the work tree");
    l.expect_same(in(l.elsewhere, {{"GIT_DIR", "../repo/.git"}}), "a relative GIT_DIR");
    l.expect_same(in(l.elsewhere, {{"GIT_DIR", r + "/.git"}, {"GIT_WORK_TREE", r}}),
                  "GIT_DIR and GIT_WORK_TREE");
    l.expect_same(in(r + "/models", {{"GIT_WORK_TREE", l.elsewhere}}), "GIT_WORK_TREE alone");
    l.expect_same(in(l.elsewhere, {{"GIT_DIR", l.bare}, {"GIT_WORK_TREE", r}}),
                  "a bare repository given a work tree");
    l.expect_same(in(r, {{"GIT_COMMON_DIR", r + "/.git"}}), "GIT_COMMON_DIR naming its own");
}

TEST(RepositoryOpen, MatchesGitWithoutAConfigFile) {
    Layout l;
    fs::remove(l.bare + "/config");
    fs::remove(l.repo.path() + "/.git/config");
    l.expect_same(in(l.repo.path() + "/models"), "discovered, no config");
    l.expect_same(in(l.bare), "inside a bare repository without config");
    l.expect_same(in(l.elsewhere, {{"GIT_DIR", l.bare}}), "GIT_DIR without config");
}

TEST(RepositoryOpen, MatchesGitWithCoreWorktreeAndLinkedWorktrees) {
    Layout l;
    const std::string& r = l.repo.path();
    l.repo.git({"worktree", "add", "-q", l.root + "/linked"});
    fs::create_directories(l.root + "/linked/sub");
    l.expect_same(in(l.root + "/linked/sub"), "a linked worktree");
    l.expect_same(in(l.root + "/linked",
                     {{"GIT_COMMON_DIR", r + "/.git"}, {"GIT_DIR", r + "/.git/worktrees/linked"}}),
                  "a linked worktree's git dir with its common dir");
    l.repo.git({"config", "core.worktree", "../../elsewhere"});
    l.expect_same(in(l.elsewhere, {{"GIT_DIR", r + "/.git"}}), "core.worktree");
}

TEST(RepositoryOpen, AForeignCommonDirIsAnErrorNotAGuess) {
    Layout l;
    auto o = in(l.repo.path(), {{"GIT_COMMON_DIR", l.bare}});
    auto out = l.repo.decision({"trailers", "HEAD"}, o);
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.err, "git-decision: error: GIT_COMMON_DIR names " + l.bare +
                           ", but the git directory " + l.repo.path() + "/.git/ shares " +
                           l.repo.path() +
                           "/.git/; git-decision cannot open a repository split that way (unset "
                           "GIT_COMMON_DIR)\n");
}

TEST(RepositoryOpen, GitDirFromAnotherDirectoryReadsThatRepository) {
    Layout l;
    std::string head = l.repo.head();
    std::string expected = "{\"commit\":\"" + head + "\",\"trailers\":[]}\n";
    auto out = l.repo.decision({"trailers", "HEAD"}, in(l.elsewhere, {{"GIT_DIR", l.bare}}));
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, expected);

    // git --git-dir=... decision: git sets GIT_DIR for the subcommand.
    std::string path =
        fs::path(test::git_decision_binary()).parent_path().string() + ":" + std::getenv("PATH");
    auto via_git = l.repo.git({"--git-dir=" + l.bare, "decision", "trailers", "HEAD"},
                              in(l.elsewhere, {{"PATH", path}}));
    EXPECT_EQ(via_git.out, expected);
    auto via_c = l.repo.git({"-C", l.repo.path() + "/models", "decision", "trailers", "HEAD"},
                            in(l.elsewhere, {{"PATH", path}}));
    EXPECT_EQ(via_c.out, expected);

    auto missing = l.repo.decision({"list"}, in(l.elsewhere, {{"GIT_DIR", l.root + "/nope"}}));
    EXPECT_EQ(missing.exit_code, 128);
    EXPECT_EQ(missing.err, "git-decision: error: not a git repository: '" + l.root +
                               "/nope' (named by GIT_DIR or git --git-dir)\n");
}

// git commit --git-dir/--work-tree runs the hooks with GIT_DIR and GIT_WORK_TREE set; the
// hooks must judge the change, not fail on the environment.
TEST(RepositoryOpen, HooksRunUnderGitDirAndWorkTree) {
    Layout l;
    const std::string& r = l.repo.path();
    l.repo.write("decisions/policy.toml",
                 "[[rules]]\nname = \"models\"\npaths = [\"models/**\"]\n");
    l.repo.commit_all("policy");
    auto installed = l.repo.decision({"install"});
    ASSERT_EQ(installed.exit_code, 0) << installed.err;
    l.repo.write("models/m.onnx", "weights\n");
    auto o = in(l.elsewhere);
    l.repo.git({"--git-dir=" + r + "/.git", "--work-tree=" + r, "add", "models/m.onnx"}, o);
    auto commit = l.repo.git(
        {"--git-dir=" + r + "/.git", "--work-tree=" + r, "commit", "-q", "-m", "Retrain"}, o, true);
    EXPECT_EQ(commit.exit_code, 1) << commit.err;
    EXPECT_NE(commit.err.find("no decision is linked to this change"), std::string::npos)
        << commit.err;
}

} // namespace t_integration_repository_open_test
