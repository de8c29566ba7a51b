// The hooks as git runs them: every test installs them with `git decision install` and drives
// the real `git commit` / `git push`, asserting exit codes and the key lines of stderr.

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
namespace t_integration_hooks_test {

namespace fs = std::filesystem;

namespace {

const std::string k_record = test::ship_gbt_record();

const char* k_record_path = test::k_ship_gbt_path;
const char* k_approval = test::k_author_approval;

using test::contains;
using test::replace;

class HookTest : public ::testing::Test {
protected:
    // `git decision init`, a role for the author, DEC-0001 (accepted, scope models/**), the
    // hooks installed, the records committed.
    void SetUp() override {
        ASSERT_EQ(run_decision({"init"}).exit_code, 0);
        set_policy(replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                           "ml-lead = [\"author@example.com\"]"));
        auto made = run_decision({"new", "-c", "MODEL SELECTION", "-t", "Ship GBT", "--no-edit"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        ASSERT_TRUE(repo.exists(k_record_path));
        repo.write(k_record_path, k_record);
        auto installed = run_decision({"install"});
        ASSERT_EQ(installed.exit_code, 0) << installed.err;
        repo.commit_all("Add DEC-0001 and the policy");
    }

    void set_policy(const std::string& text) { repo.write("decisions/policy.toml", text); }

    // The environment with git-decision on PATH, so `git decision` works.
    test::RunOptions env(test::RunOptions extra = {}) const {
        std::string dir = fs::path(test::git_decision_binary()).parent_path().string();
        const char* path = std::getenv("PATH");
        extra.env["PATH"] = dir + ":" + (path ? path : "/usr/bin:/bin");
        return extra;
    }
    // As the approver: author and committer are A U Thor.
    test::RunOptions as_author(test::RunOptions extra = {}) const {
        extra.env["GIT_COMMITTER_NAME"] = "A U Thor";
        extra.env["GIT_COMMITTER_EMAIL"] = "author@example.com";
        return env(std::move(extra));
    }

    test::Output run_decision(const std::vector<std::string>& args,
                              test::RunOptions extra = {}) const {
        std::vector<std::string> argv{"decision"};
        argv.insert(argv.end(), args.begin(), args.end());
        return repo.git(argv, env(std::move(extra)), true);
    }

    // Stages `path` and commits with the real hooks.
    test::Output commit(const std::string& path, const std::string& message,
                        test::RunOptions extra = {}) const {
        if (!path.empty()) {
            repo.write(path, "content of " + path + " " + std::to_string(m_counter++) + "\n");
            repo.git({"add", path});
        }
        return repo.git({"commit", "-q", "-m", message}, env(std::move(extra)), true);
    }

    std::string last_message() const { return repo.git({"log", "-1", "--format=%B"}).out; }

    test::TempRepo repo;

private:
    mutable int m_counter = 0;
};

// 1. Ungoverned, unlinked, linked and approved, approved once with `git decision approve`.
TEST_F(HookTest, UngovernedCommitPassesSilently) {
    auto out = commit("README.md", "Update the readme");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.err, "");
}

TEST_F(HookTest, GovernedCommitWithoutTrailerIsRejected) {
    auto out = commit("models/x.onnx", "Retrain");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err,
                         "git-decision: this commit changes governed paths that no approved "
                         "decision covers:\n  models/x.onnx  (rule 'models')\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "    - no decision is linked to this change\n")) << out.err;
    EXPECT_TRUE(contains(out.err, "    fix: add the trailer 'Decision: DEC-0001' (decisions "
                                  "covering this path: DEC-0001)\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "Your commit message is saved in " + repo.path() +
                                      "/.git/COMMIT_EDITMSG\n"))
        << out.err;
    EXPECT_TRUE(contains(repo.read(".git/COMMIT_EDITMSG"), "Retrain"));
    EXPECT_EQ(repo.git({"rev-list", "--count", "HEAD"}).out, "1\n");
}

TEST_F(HookTest, GovernedCommitWithTrailerAndApprovalIsAccepted) {
    auto out =
        commit("models/x.onnx", std::string("Retrain\n\nDecision: DEC-0001\n") + k_approval + "\n");
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

TEST_F(HookTest, LinkedButUnapprovedIsRejected) {
    auto out = commit("models/x.onnx", "Retrain\n\nDecision: DEC-0001\n");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
    EXPECT_TRUE(contains(out.err, "ml-lead")) << out.err;
}

TEST_F(HookTest, ApproveCommandCoversLaterCommits) {
    auto approved = repo.git({"decision", "approve", "DEC-0001"}, as_author(), true);
    ASSERT_EQ(approved.exit_code, 0) << approved.err;
    EXPECT_TRUE(contains(last_message(), "Approved-by: A U Thor <author@example.com>\n"));
    auto out = commit("models/x.onnx", "Retrain\n\nDecision: DEC-0001\n");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    out = commit("models/y.onnx", "Retrain again\n\nDecision: DEC-0001\n");
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

// 2. Editing a normative field makes earlier approvals stale; non-normative ones do not.
TEST_F(HookTest, NormativeEditMakesApprovalStale) {
    ASSERT_EQ(
        commit("models/x.onnx", std::string("Retrain\n\nDecision: DEC-0001\n") + k_approval + "\n")
            .exit_code,
        0);
    repo.write(k_record_path, replace(k_record, "Best recall", "Best precision"));
    repo.commit_all("Change the rationale");
    auto out = commit("models/y.onnx", "Retrain\n\nDecision: DEC-0001\n");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "    - DEC-0001: the approval by author@example.com ("))
        << out.err;
    EXPECT_TRUE(contains(out.err, ") is stale: the decision's content changed since; role "
                                  "'ml-lead' must approve again\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "    fix: as author@example.com: git decision approve DEC-0001"))
        << out.err;
    ASSERT_EQ(repo.git({"decision", "approve", "DEC-0001"}, as_author(), true).exit_code, 0);
    out = repo.git({"commit", "-q", "-m", "Retrain\n\nDecision: DEC-0001\n"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

TEST_F(HookTest, NonNormativeEditKeepsApprovalFresh) {
    ASSERT_EQ(
        commit("models/x.onnx", std::string("Retrain\n\nDecision: DEC-0001\n") + k_approval + "\n")
            .exit_code,
        0);
    // review_date and links are not normative.
    repo.write(k_record_path,
               replace(k_record, "review_date = 2027-01-26", "review_date = 2027-02-10") +
                   "\n[[links]]\nkind = \"dashboard\"\nurl = \"https://x.example\"\n");
    repo.commit_all("Push the review out");
    auto out = commit("models/y.onnx", "Retrain\n\nDecision: DEC-0001\n");
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

// 3. Waivers.
TEST_F(HookTest, WaiverFromWaiverRolePasses) {
    auto out = commit("models/x.onnx",
                      std::string("Hotfix\n\nDecision-Waiver: hotfix\n") + k_approval + "\n");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    // Waivers are always reported.
    EXPECT_EQ(out.err, "git-decision: warning: waived by author@example.com: hotfix\n");
}

TEST_F(HookTest, WaiverFromOutsideTheRoleIsRejected) {
    set_policy(
        replace(repo.read("decisions/policy.toml"), "trust = \"committer\"", "trust = \"any\""));
    repo.commit_all("Trust any sign-off");
    auto out = commit("models/x.onnx", "Hotfix\n\nDecision-Waiver: hotfix\nApproved-by: "
                                       "Mallory <mallory@example.com>\n");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
    EXPECT_TRUE(contains(out.err, "  warning: the Decision-Waiver trailer needs a trusted sign-off "
                                  "from a role in [waivers] roles (ml-lead); it was not "
                                  "honoured\n"))
        << out.err;
}

// 4. Ways of committing and of installing.
TEST_F(HookTest, CommitAllBehavesTheSame) {
    ASSERT_EQ(
        commit("models/x.onnx", std::string("Add\n\nDecision: DEC-0001\n") + k_approval + "\n")
            .exit_code,
        0);
    repo.write("models/x.onnx", "changed in the worktree\n");
    auto out = repo.git({"commit", "-q", "-a", "-m", "Retrain"}, env(), true);
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
    out = repo.git({"commit", "-q", "-a", "-m", "Retrain\n\nDecision: DEC-0001\n"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

TEST_F(HookTest, LinkedWorktreeBehavesTheSame) {
    std::string wt = repo.path() + "/../wt";
    repo.git({"worktree", "add", "-q", "-b", "side", wt});
    test::RunOptions in_wt;
    in_wt.cwd = wt;
    fs::create_directories(wt + "/models");
    std::ofstream(wt + "/models/x.onnx") << "x\n";
    repo.git({"add", "models/x.onnx"}, in_wt);
    auto out = repo.git({"commit", "-q", "-m", "Retrain"}, env(in_wt), true);
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
    out = repo.git(
        {"commit", "-q", "-m", std::string("Retrain\n\nDecision: DEC-0001\n") + k_approval + "\n"},
        env(in_wt), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

TEST_F(HookTest, HooksPathInstallIsIdempotentAndRuns) {
    ASSERT_EQ(run_decision({"uninstall"}).exit_code, 0);
    repo.git({"config", "core.hooksPath", "githooks"});
    ASSERT_EQ(run_decision({"install"}).exit_code, 0);
    ASSERT_TRUE(repo.exists("githooks/commit-msg"));
    std::string first = repo.read("githooks/commit-msg");
    ASSERT_EQ(run_decision({"install"}).exit_code, 0);
    EXPECT_EQ(repo.read("githooks/commit-msg"), first);
    EXPECT_FALSE(repo.exists("githooks/commit-msg.local"));
    auto out = commit("models/x.onnx", "Retrain");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
    ASSERT_EQ(run_decision({"uninstall"}).exit_code, 0);
    EXPECT_FALSE(repo.exists("githooks/commit-msg"));
    out = repo.git({"commit", "-q", "-m", "Retrain"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

TEST_F(HookTest, ForeignHookIsKeptRunFirstAndRestored) {
    ASSERT_EQ(run_decision({"uninstall"}).exit_code, 0);
    const std::string foreign = "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/marker\"\n";
    repo.write(".git/hooks/commit-msg", foreign);
    fs::permissions(repo.path() + "/.git/hooks/commit-msg", fs::perms::owner_all,
                    fs::perm_options::add);
    ASSERT_EQ(run_decision({"install"}).exit_code, 0);
    ASSERT_EQ(run_decision({"install"}).exit_code, 0);
    EXPECT_EQ(repo.read(".git/hooks/commit-msg.local"), foreign);
    auto out = commit("models/x.onnx", "Retrain");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(repo.read(".git/marker"), "ran\n");
    ASSERT_EQ(run_decision({"uninstall"}).exit_code, 0);
    EXPECT_EQ(repo.read(".git/hooks/commit-msg"), foreign);
    EXPECT_FALSE(repo.exists(".git/hooks/commit-msg.local"));
    EXPECT_FALSE(repo.exists(".git/hooks/pre-push"));
}

// 5. pre-push catches --no-verify.
TEST_F(HookTest, PrePushRejectsUncoveredCommitsUntilFixed) {
    test::TempRepo remote(test::TempRepo::Kind::Bare);
    repo.git({"remote", "add", "origin", remote.path()});
    ASSERT_EQ(repo.git({"push", "-q", "origin", "main"}, env(), true).exit_code, 0);
    repo.write("models/x.onnx", "x\n");
    repo.git({"add", "models/x.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Sneak a model in"}, env());
    std::string bad = repo.head();
    auto out = repo.git({"push", "-q", "origin", "main"}, env(), true);
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, bad.substr(0, 7))) << out.err;
    EXPECT_TRUE(contains(out.err, "push rejected")) << out.err;
    // A new branch holding the same commit is rejected too.
    out = repo.git({"push", "-q", "origin", "main:side"}, env(), true);
    EXPECT_NE(out.exit_code, 0);
    // Fix by amending with the trailers.
    repo.git({"commit", "-q", "--amend", "-m",
              std::string("Add a model\n\nDecision: DEC-0001\n") + k_approval + "\n"},
             env());
    out = repo.git({"push", "-q", "origin", "main"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    out = repo.git({"push", "-q", "origin", "main:side"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    out = repo.git({"push", "-q", "origin", ":side"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

TEST_F(HookTest, PrePushAcceptsALinkAfterTheFact) {
    test::TempRepo remote(test::TempRepo::Kind::Bare);
    repo.git({"remote", "add", "origin", remote.path()});
    // Approvals count in the history of the commit checked, so this one comes first.
    ASSERT_EQ(repo.git({"decision", "approve", "DEC-0001"}, as_author(), true).exit_code, 0);
    repo.write("models/x.onnx", "x\n");
    repo.git({"add", "models/x.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Sneak a model in"}, env());
    std::string bad = repo.head();
    EXPECT_NE(repo.git({"push", "-q", "origin", "main"}, env(), true).exit_code, 0);
    auto linked = run_decision({"link", bad, "DEC-0001"});
    ASSERT_EQ(linked.exit_code, 0) << linked.err;
    auto out = repo.git({"push", "-q", "origin", "main"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

// 6. Skipping, and prepare-commit-msg.
TEST_F(HookTest, SkipVariableSkipsWithANotice) {
    test::RunOptions skip;
    skip.env["GIT_DECISION_SKIP"] = "1";
    auto out = commit("models/x.onnx", "Retrain", skip);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    // One line per hook, and nothing else.
    EXPECT_EQ(out.err,
              "git-decision: GIT_DECISION_SKIP=1: skipping the pre-commit hook (CI and the "
              "server still check this change)\n"
              "git-decision: GIT_DECISION_SKIP=1: skipping the prepare-commit-msg hook (CI and "
              "the server still check this change)\n"
              "git-decision: GIT_DECISION_SKIP=1: skipping the commit-msg hook (CI and the "
              "server still check this change)\n");
}

TEST_F(HookTest, ActiveDecisionIsWrittenOnce) {
    ASSERT_EQ(repo.git({"decision", "approve", "DEC-0001"}, as_author(), true).exit_code, 0);
    ASSERT_EQ(run_decision({"use", "DEC-0001"}).exit_code, 0);
    auto out = commit("models/x.onnx", "x");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(last_message(), "x\n\nDecision: DEC-0001\n\n");
    out = commit("models/x.onnx", "y\n\nDecision: DEC-0001\n");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(last_message(), "y\n\nDecision: DEC-0001\n\n");
    ASSERT_EQ(run_decision({"use", "--clear"}).exit_code, 0);
    out = commit("README.md", "z");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(last_message(), "z\n\n");
}

// `git decision use` links the commits that change what the decision governs, not a README
// edit made while it is active.
TEST_F(HookTest, ActiveDecisionIsWrittenOnlyWhenTheChangeIsInItsScope) {
    ASSERT_EQ(run_decision({"use", "DEC-0001"}).exit_code, 0);
    auto out = commit("README.md", "Docs");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(last_message(), "Docs\n\n");
    repo.write("docs/notes.md", "notes\n");
    repo.git({"add", "docs/notes.md"});
    out = commit("models/fraud/model.onnx", "Retrain\n\n" + std::string(k_approval));
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(last_message(), "Retrain\n\n" + std::string(k_approval) + "\nDecision: DEC-0001\n\n");
}

TEST_F(HookTest, MergeCommitMessageIsLeftAlone) {
    repo.git({"checkout", "-q", "-b", "side"});
    repo.write("side.txt", "side\n");
    repo.commit_all("Side work");
    repo.git({"checkout", "-q", "main"});
    repo.write("main.txt", "main\n");
    repo.commit_all("Main work");
    ASSERT_EQ(run_decision({"use", "DEC-0001"}).exit_code, 0);
    auto out = repo.git({"merge", "-q", "--no-edit", "side"}, env(), true);
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(last_message(), "Merge branch 'side'\n\n");
}

// 7. Hostile input.
TEST_F(HookTest, EscapeCharactersNeverReachTheTerminal) {
    auto out =
        commit("models/x.onnx", "Retrain \x1b]0;owned\x07\x1b[2J\n\nDecision: DEC-\x1b[31m0001\n");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_FALSE(contains(out.err, "\x1b")) << out.err;
    EXPECT_FALSE(contains(out.err, "\x07")) << out.err;
    EXPECT_TRUE(contains(out.err, "  warning: 'Decision: DEC-\\x1B[31m0001' is not a decision ID "
                                  "like DEC-0042; ignored\n"))
        << out.err;
}

TEST_F(HookTest, SyntaxErrorInStagedRecordBlocksTheCommit) {
    repo.write("decisions/DEC-0002-broken.toml", "id = \"DEC-0002\"\ntitle = = \"x\"\n");
    repo.git({"add", "decisions/DEC-0002-broken.toml"});
    auto out = repo.git({"commit", "-q", "-m", "Add a record"}, env(), true);
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "decisions/DEC-0002-broken.toml:2:9: error: invalid TOML: "))
        << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision: the staged decision records have errors; fix "
                                  "them, git add, and commit again\n"))
        << out.err;
}

// `git commit <paths>` commits from a temporary index (GIT_INDEX_FILE): the hooks must check
// what is committed, not what else happens to be staged.
TEST_F(HookTest, CommitOnlyPathsChecksTheCommittedPaths) {
    ASSERT_EQ(
        commit("models/x.onnx", std::string("Add\n\nDecision: DEC-0001\n") + k_approval + "\n")
            .exit_code,
        0);
    repo.write("models/x.onnx", "changed\n");
    repo.write("README.md", "readme\n");
    repo.git({"add", "README.md"});
    auto out = repo.git({"commit", "-q", "-m", "Retrain", "--", "models/x.onnx"}, env(), true);
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
    // The other way round: the governed change stays staged, only README.md is committed.
    repo.git({"add", "models/x.onnx"});
    out = repo.git({"commit", "-q", "-m", "Docs", "--", "README.md"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(repo.git({"diff", "--cached", "--name-only"}).out, "models/x.onnx\n");
}

// pre-commit reads the staged record, not the work tree's copy.
TEST_F(HookTest, SyntaxErrorStagedButFixedInTheWorktreeStillBlocks) {
    repo.write("decisions/DEC-0002-broken.toml", "id = \"DEC-0002\"\ntitle = = \"x\"\n");
    repo.git({"add", "decisions/DEC-0002-broken.toml"});
    repo.write("decisions/DEC-0002-broken.toml", "id = \"DEC-0002\"\ntitle = \"x\"\n");
    auto out = repo.git({"commit", "-q", "-m", "Add a record"}, env(), true);
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_TRUE(contains(out.err, "decisions/DEC-0002-broken.toml:2:9: error: invalid TOML: "))
        << out.err;
}

TEST_F(HookTest, HostilePathNameIsNotPrintedRaw) {
    auto out = commit("models/\x1b[2J\x1b]0;owned\x07.onnx", "Retrain");
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_FALSE(contains(out.err, "\x1b")) << out.err;
    EXPECT_FALSE(contains(out.err, "\x07")) << out.err;
}

TEST_F(HookTest, FailingForeignHookStopsTheCommit) {
    ASSERT_EQ(run_decision({"uninstall"}).exit_code, 0);
    repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho foreign says no >&2\nexit 3\n");
    fs::permissions(repo.path() + "/.git/hooks/pre-commit", fs::perms::owner_all,
                    fs::perm_options::add);
    ASSERT_EQ(run_decision({"install"}).exit_code, 0);
    auto out = commit("README.md", "Docs");
    EXPECT_NE(out.exit_code, 0);
    EXPECT_EQ(out.err, "foreign says no\n");
}

TEST_F(HookTest, InstallFromALinkedWorktreeUsesTheCommonHooksDir) {
    ASSERT_EQ(run_decision({"uninstall"}).exit_code, 0);
    EXPECT_FALSE(repo.exists(".git/hooks/commit-msg"));
    std::string wt = repo.path() + "/../wt";
    repo.git({"worktree", "add", "-q", "-b", "side", wt});
    test::RunOptions in_wt;
    in_wt.cwd = wt;
    auto installed = run_decision({"install"}, in_wt);
    ASSERT_EQ(installed.exit_code, 0) << installed.err;
    EXPECT_TRUE(repo.exists(".git/hooks/commit-msg"));
    auto out = commit("models/x.onnx", "Retrain");
    EXPECT_EQ(out.exit_code, 1);
}

// Pushing a branch and a tag that share commits checks each new commit once: the count is
// of commits, and each report is printed once.
TEST_F(HookTest, PrePushCountsEachNewCommitOnce) {
    test::TempRepo remote(test::TempRepo::Kind::Bare);
    repo.git({"remote", "add", "origin", remote.path()});
    ASSERT_EQ(repo.git({"push", "-q", "origin", "main"}, env(), true).exit_code, 0);
    repo.write("README.md", "one\n");
    repo.commit_all("Docs one");
    repo.write("models/x.onnx", "x\n");
    repo.git({"add", "models/x.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Sneak a model in"}, env());
    std::string bad = repo.head();
    repo.write("README.md", "two\n");
    repo.commit_all("Docs two");
    repo.git({"tag", "v1"});
    auto out = repo.git({"push", "-q", "origin", "main", "v1"}, env(), true);
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "git-decision: 1 of 3 pushed commits are not covered by an "
                                  "approved decision; push rejected.\n"))
        << out.err;
    auto first = out.err.find(bad.substr(0, 12) + " Sneak a model in");
    ASSERT_NE(first, std::string::npos) << out.err;
    EXPECT_EQ(out.err.find(bad.substr(0, 12) + " Sneak a model in", first + 1), std::string::npos)
        << out.err;
}

// `git decision hook <name> [args...]` runs the same hooks, with git's arguments and standard
// input; it is what husky, lefthook and pre-commit call.
TEST_F(HookTest, HookVerbRunsTheInstalledHooks) {
    repo.write("models/x.onnx", "x\n");
    repo.git({"add", "models/x.onnx"});
    repo.write("message.txt", "Retrain\n");
    auto rejected = run_decision({"hook", "commit-msg", "message.txt"});
    EXPECT_EQ(rejected.exit_code, 1);
    EXPECT_TRUE(contains(rejected.err, "    - no decision is linked to this change\n"))
        << rejected.err;
    repo.write("message.txt", "Retrain\n\nDecision: DEC-0001\n" + std::string(k_approval) + "\n");
    auto accepted = run_decision({"hook", "commit-msg", "message.txt"});
    EXPECT_EQ(accepted.exit_code, 0) << accepted.err;
    repo.git({"reset", "-q"});

    // pre-push reads the pushed refs on standard input...
    repo.git({"add", "models/x.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Sneak a model in"}, env());
    std::string bad = repo.head();
    std::string zero(40, '0');
    test::RunOptions push;
    push.input = "refs/heads/main " + bad + " refs/heads/main " + zero + "\n";
    auto pushed = run_decision({"hook", "pre-push", "origin", "url"}, push);
    EXPECT_EQ(pushed.exit_code, 1);
    EXPECT_TRUE(contains(pushed.err, bad.substr(0, 12) + " Sneak a model in")) << pushed.err;
    // ...or, under the pre-commit framework, which consumed them, from its variables.
    test::RunOptions framework;
    framework.env = {{"PRE_COMMIT_FROM_REF", repo.git({"rev-parse", "HEAD~1"}).out.substr(0, 40)},
                     {"PRE_COMMIT_TO_REF", bad},
                     {"PRE_COMMIT_LOCAL_BRANCH", "refs/heads/main"},
                     {"PRE_COMMIT_REMOTE_BRANCH", "refs/heads/main"},
                     {"PRE_COMMIT_REMOTE_NAME", "origin"},
                     {"PRE_COMMIT_REMOTE_URL", "url"}};
    auto via_framework = run_decision({"hook", "pre-push"}, framework);
    EXPECT_EQ(via_framework.exit_code, 1);
    EXPECT_TRUE(contains(via_framework.err, "1 of 1 pushed commits are not covered"))
        << via_framework.err;

    auto unknown = run_decision({"hook", "post-merge"});
    EXPECT_EQ(unknown.exit_code, 129);
    EXPECT_EQ(unknown.err, "git-decision: error: unknown hook 'post-merge' (one of: pre-commit, "
                           "prepare-commit-msg, commit-msg, pre-push)\n");
}

TEST_F(HookTest, PrePushLetsADeletionOfAnUncoveredBranchThrough) {
    test::TempRepo remote(test::TempRepo::Kind::Bare);
    repo.git({"remote", "add", "origin", remote.path()});
    repo.git({"checkout", "-q", "-b", "bad"});
    repo.write("models/x.onnx", "x\n");
    repo.git({"add", "models/x.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Sneak a model in"}, env());
    ASSERT_EQ(repo.git({"push", "-q", "--no-verify", "origin", "bad"}, env(), true).exit_code, 0);
    auto out = repo.git({"push", "-q", "origin", ":bad"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    // A force push over it from a covered tip is fine too.
    repo.git({"checkout", "-q", "main"});
    out = repo.git({"push", "-q", "--force", "origin", "main:bad"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

// `git decision init` configures notes.rewriteRef; before any note exists, amending must not
// make git warn about it.
TEST_F(HookTest, AmendBeforeAnyNoteIsQuiet) {
    ASSERT_EQ(commit("README.md", "Docs").exit_code, 0);
    auto out = repo.git({"commit", "-q", "--amend", "-m", "Docs, amended"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.err, "");
}

// Quitting the editor without writing a message aborts the commit, as it does without an
// active decision, rather than committing a message that is only the added trailer.
TEST_F(HookTest, EmptyMessageWithActiveDecisionStillAborts) {
    ASSERT_EQ(run_decision({"use", "DEC-0001"}).exit_code, 0);
    repo.write("models/x.onnx", "weights\n");
    repo.git({"add", "models/x.onnx"});
    test::RunOptions editor;
    editor.env["GIT_EDITOR"] = "true";
    auto before = repo.head();
    auto out = repo.git({"commit", "-q"}, env(editor), true);
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "git-decision: aborting commit: the message holds only "
                                  "'Decision:' trailers; write a subject line\n"))
        << out.err;
    EXPECT_EQ(repo.head(), before);
}

} // namespace

} // namespace t_integration_hooks_test
