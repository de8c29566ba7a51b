// The fast path of the commit-time hooks (src/decision/fast/) under the real `git commit`:
// with GIT_DECISION_TRACE=1 every hook says whether it decided alone or ran the full hook,
// so these tests prove which path ran, and that the full hook still decides everything
// the fast path cannot tell.

#include "support/governed.hpp"
#include "support/strings.hpp"
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_fast_hook_test {

namespace fs = std::filesystem;

namespace {

using test::contains;

const std::string k_governed_message =
    std::string("Retrain\n\nDecision: DEC-0001\n") + test::k_author_approval + "\n";

class FastHookTest : public ::testing::Test {
protected:
    // A policy governing models/** with the author as ml-lead, DEC-0001 accepted, the
    // hooks installed; everything committed without hooks (so the hook cache is empty).
    void SetUp() override {
        ASSERT_EQ(decision({"init"}).exit_code, 0);
        std::string policy = repo.read("decisions/policy.toml");
        auto at = policy.find("ml-lead = []");
        ASSERT_NE(at, std::string::npos);
        policy.replace(at, 12, "ml-lead = [\"author@example.com\"]");
        repo.write("decisions/policy.toml", policy);
        repo.write(test::k_ship_gbt_path, test::ship_gbt_record());
        repo.write("README.md", "readme\n");
        auto installed = decision({"install"});
        ASSERT_EQ(installed.exit_code, 0) << installed.err;
        repo.commit_all("Add DEC-0001 and the policy");
    }

    test::RunOptions env(test::RunOptions extra = {}) const {
        std::string dir = fs::path(test::git_decision_binary()).parent_path().string();
        const char* path = std::getenv("PATH");
        extra.env["PATH"] = dir + ":" + (path ? path : "/usr/bin:/bin");
        extra.env["GIT_DECISION_TRACE"] = "1";
        return extra;
    }

    test::Output decision(const std::vector<std::string>& args) const {
        std::vector<std::string> argv{"decision"};
        argv.insert(argv.end(), args.begin(), args.end());
        return repo.git(argv, env(), true);
    }

    // Changes `path`, stages it and commits with the real hooks.
    test::Output commit(const std::string& path, const std::string& message,
                        test::RunOptions extra = {}) const {
        if (!path.empty()) {
            repo.write(path, "content of " + path + " " + std::to_string(m_counter++) + "\n");
            repo.git({"add", path}, extra);
        }
        return repo.git({"commit", "-q", "-m", message}, env(std::move(extra)), true);
    }

    // A governed commit (full path) that fills the cache for the commit after it.
    void governed_commit() {
        auto out = commit("models/x.onnx", k_governed_message);
        ASSERT_EQ(out.exit_code, 0) << out.err;
        ASSERT_TRUE(contains(out.err, "git-decision pre-commit: full check: a governed path is "
                                      "staged: models/x.onnx\n"))
            << out.err;
    }

    static bool all_fast(const std::string& err) {
        return contains(err, "git-decision pre-commit: fast path: no governed path is staged\n") &&
               contains(err, "git-decision prepare-commit-msg: fast path: no governed path is "
                             "staged\n") &&
               contains(err, "git-decision commit-msg: fast path: no governed path is staged\n");
    }

    test::TempRepo repo;

private:
    mutable int m_counter = 0;
};

TEST_F(FastHookTest, UngovernedCommitAfterAGovernedOneTakesTheFastPathInEveryHook) {
    governed_commit();
    auto out = commit("README.md", "Update the readme");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(all_fast(out.err)) << out.err;
    EXPECT_FALSE(contains(out.err, "full check")) << out.err;
    // And the commit after that one too: the cache entry for its tree was found through the
    // loose commit object.
    out = commit("docs/guide.md", "Add a guide");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(all_fast(out.err)) << out.err;
}

// (git runs prepare-commit-msg even under --no-verify, so SetUp's commit filled the cache.)
TEST_F(FastHookTest, EmptyCacheFallsBackThenFillsIt) {
    fs::remove_all(fs::path(repo.path()) / ".git" / "decision-cache" / "hook");
    auto out = commit("README.md", "Update the readme");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision pre-commit: full check: no hook cache entry "))
        << out.err;
    out = commit("README.md", "Update the readme again");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(all_fast(out.err)) << out.err;
}

TEST_F(FastHookTest, GovernedChangeStillRunsTheFullCheckWithItsMessages) {
    governed_commit();
    auto out = commit("models/y.onnx", "Retrain");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: a governed path is "
                                  "staged: models/y.onnx\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err,
                         "git-decision: this commit changes governed paths that no approved "
                         "decision covers:\n  models/y.onnx  (rule 'models')\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "Your commit message is saved in " + repo.path() +
                                      "/.git/COMMIT_EDITMSG\n"))
        << out.err;
}

TEST_F(FastHookTest, ChangedGovernedFileFallsBack) {
    governed_commit();
    auto out = commit("models/x.onnx", "Retrain");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: a governed path is "
                                  "changed: models/x.onnx\n"))
        << out.err;
}

TEST_F(FastHookTest, DeletedGovernedFileFallsBack) {
    governed_commit();
    repo.git({"rm", "-q", "models/x.onnx"});
    auto out = repo.git({"commit", "-q", "-m", "Drop the model"}, env(), true);
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: a governed path is "
                                  "deleted\n"))
        << out.err;
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
}

TEST_F(FastHookTest, StagedPolicyFallsBack) {
    governed_commit();
    repo.write("decisions/policy.toml", repo.read("decisions/policy.toml") + "\n# edited\n");
    repo.git({"add", "decisions/policy.toml"});
    auto out = repo.git({"commit", "-q", "-m", "Edit the policy"}, env(), true);
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: the staged policy is not "
                                  "HEAD's\n"))
        << out.err;
    // A change to the policy is governed by the policy in force (HEAD's).
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  decisions/policy.toml  (rule 'policy')\n")) << out.err;
}

TEST_F(FastHookTest, StagedRecordFallsBackInPreCommit) {
    governed_commit();
    auto out = commit("decisions/DEC-0002-broken.toml", "Add a record");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "git-decision pre-commit: full check: records are staged\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision: the staged decision records have errors; fix "
                                  "them, git add, and commit again\n"))
        << out.err;
}

TEST_F(FastHookTest, CommitAllReadsTheIndexGitPrepared) {
    governed_commit();
    // Changed in the worktree only: only `commit -a`'s temporary index has it.
    repo.write("models/x.onnx", "changed in the worktree\n");
    repo.write("README.md", "changed too\n");
    auto out = repo.git({"commit", "-q", "-a", "-m", "Retrain"}, env(), true);
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: a governed path is "
                                  "changed: models/x.onnx\n"))
        << out.err;
    repo.git({"checkout", "models/x.onnx"});
    out = repo.git({"commit", "-q", "-a", "-m", "Docs"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(all_fast(out.err)) << out.err;
}

TEST_F(FastHookTest, LinkedWorktreeTakesTheFastPath) {
    governed_commit();
    std::string wt = repo.path() + "/../wt";
    repo.git({"worktree", "add", "-q", "-b", "side", wt});
    test::RunOptions in_wt;
    in_wt.cwd = wt;
    auto stage = [&](const std::string& path) {
        fs::create_directories(fs::path(wt + "/" + path).parent_path());
        std::ofstream(wt + "/" + path) << "changed in the worktree\n";
        repo.git({"add", path}, in_wt);
    };
    stage("README.md");
    auto out = repo.git({"commit", "-q", "-m", "Docs in a worktree"}, env(in_wt), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(all_fast(out.err)) << out.err;
    stage("models/z.onnx");
    out = repo.git({"commit", "-q", "-m", "Retrain in a worktree"}, env(in_wt), true);
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: a governed path is "
                                  "staged: models/z.onnx\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "  models/z.onnx  (rule 'models')\n")) << out.err;
}

TEST_F(FastHookTest, PackedHeadFallsBackOnceThenIsFast) {
    governed_commit();
    repo.git({"gc", "-q"});
    auto out = commit("README.md", "Docs after gc");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision pre-commit: full check: no hook cache entry for "
                                  "HEAD (HEAD's commit is not a loose object)\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: fast path: no governed path is "
                                  "staged\n"))
        << out.err;
    out = commit("README.md", "Docs again");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(all_fast(out.err)) << out.err;
}

TEST_F(FastHookTest, DamagedCacheEntryIsIgnoredAndRewritten) {
    governed_commit();
    fs::path cache = fs::path(repo.path()) / ".git" / "decision-cache" / "hook";
    ASSERT_TRUE(fs::is_directory(cache));
    for (const auto& e : fs::directory_iterator(cache))
        std::ofstream(e.path(), std::ios::trunc) << "git-decision hook-cache 1\nkey nonsense\n";
    auto out = commit("README.md", "Docs");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision pre-commit: full check: the hook cache entry is "
                                  "damaged: it is filed under another key\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: fast path: no governed path is "
                                  "staged\n"))
        << out.err;
}

TEST_F(FastHookTest, CorruptIndexFallsBackAndTheFullHookReports) {
    governed_commit();
    fs::path index = fs::path(repo.path()) / ".git" / "index";
    fs::resize_file(index, fs::file_size(index) / 2);
    std::string msg = repo.path() + "/msg";
    std::ofstream(msg) << "Docs\n";
    test::RunOptions o = env();
    o.cwd = repo.path();
    auto out = test::run({test::hook_binary("commit-msg"), msg}, repo.options(o));
    EXPECT_EQ(out.exit_code, 128) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: the index is not one this "
                                  "reader understands: "))
        << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: error: ")) << out.err;
}

TEST_F(FastHookTest, MessageOfOnlyDecisionLinesRunsTheFullCheck) {
    governed_commit();
    repo.write("README.md", "docs\n");
    repo.git({"add", "README.md"});
    auto out = repo.git({"commit", "-q", "-m", "Decision: DEC-0001"}, env(), true);
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: the message has a "
                                  "Decision: line\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision: aborting commit: the message holds only "
                                  "'Decision:' trailers; write a subject line\n"))
        << out.err;
}

TEST_F(FastHookTest, ActiveDecisionRunsTheFullPrepareCommitMsg) {
    governed_commit();
    ASSERT_EQ(decision({"use", "DEC-0001"}).exit_code, 0);
    auto out = commit("README.md", "Docs");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision prepare-commit-msg: full check: a decision is "
                                  "active (git decision use)\n"))
        << out.err;
    // The full hook judged it: a README edit is outside DEC-0001's scope, so no trailer.
    EXPECT_FALSE(contains(repo.git({"log", "-1", "--format=%B"}).out, "Decision: DEC-0001"));
}

TEST_F(FastHookTest, MissingFullHookIsAClearError) {
    fs::path alone = fs::path(repo.path()).parent_path() / "alone";
    fs::create_directories(alone);
    fs::copy_file(test::hook_binary("pre-commit"), alone / "pre-commit");
    fs::remove(fs::path(repo.path()) / ".git" / "index"); // cannot tell: fall back
    test::RunOptions o = env();
    o.cwd = repo.path();
    auto out = test::run({(alone / "pre-commit").string()}, repo.options(o));
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_TRUE(contains(out.err, "git-decision pre-commit: error: cannot find git-decision-hook "
                                  "next to " +
                                      (alone / "pre-commit").string() +
                                      "; reinstall git-decision (the hook binaries belong in one "
                                      "folder)\n"))
        << out.err;
}

TEST_F(FastHookTest, DeletedPolicyFallsBackAndIsJudgedByHeads) {
    governed_commit();
    repo.git({"rm", "-q", "decisions/policy.toml"});
    auto out = commit("models/y.onnx", "Drop the policy");
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: the staged change deletes "
                                  "the policy\n"))
        << out.err;
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  decisions/policy.toml  (rule 'policy')\n")) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/y.onnx  (rule 'models')\n")) << out.err;
}

TEST_F(FastHookTest, DeletedPolicyWithoutTheCacheFallsBack) {
    repo.git({"rm", "-q", "decisions/policy.toml"});
    fs::remove_all(fs::path(repo.path()) / ".git" / "decision-cache");
    auto out = commit("models/y.onnx", "Drop the policy");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision pre-commit: full check: no hook cache entry"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "  decisions/policy.toml  (rule 'policy')\n")) << out.err;
}

TEST_F(FastHookTest, WithNoPolicyInForceTheFastPathDecidesOnceHeadIsCached) {
    repo.git({"rm", "-q", "decisions/policy.toml"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Drop the policy"});
    auto first = commit("README.md", "Readme");
    EXPECT_EQ(first.exit_code, 0) << first.err;
    auto second = commit("models/y.onnx", "Anything goes without a policy");
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_TRUE(contains(second.err, "git-decision commit-msg: fast path: no policy is in force "
                                     "or staged\n"))
        << second.err;
}

TEST_F(FastHookTest, StagedRecordFallsBackInCommitMsg) {
    governed_commit();
    // commit-msg judges what a commit does to records (their lifecycle): the full hook.
    repo.write(test::k_ship_gbt_path,
               test::replace(test::ship_gbt_record(), "2027-01-26", "2027-01-20"));
    repo.git({"add", test::k_ship_gbt_path});
    auto out = repo.git({"commit", "-q", "-m", "Move the review"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: records are staged\n"))
        << out.err;
}

TEST_F(FastHookTest, SkipIsUnchanged) {
    test::RunOptions skip;
    skip.env["GIT_DECISION_SKIP"] = "1";
    auto out = commit("models/y.onnx", "Retrain", skip);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision: GIT_DECISION_SKIP=1: skipping the commit-msg "
                                  "hook (CI and the server still check this change)\n"))
        << out.err;
    EXPECT_FALSE(contains(out.err, "fast path")) << out.err;
}

} // namespace

} // namespace t_integration_fast_hook_test
