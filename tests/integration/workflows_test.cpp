// Everyday git workflows against the hooks, `check --range` and pre-receive, each driven by
// the real git command (docs/workflows.md): amends, merges of approved branches and evil
// merges, a pull request's synthetic merge, reverts as rollbacks, cherry-picks.

#include "support/governed.hpp"
#include "support/strings.hpp"
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_workflows_test {

namespace fs = std::filesystem;

namespace {

using test::contains;
using test::replace;

const char* k_approval = test::k_author_approval;
const std::string k_covered = std::string("Retrain\n\nDecision: DEC-0001\n") + k_approval + "\n";

class WorkflowTest : public ::testing::Test {
protected:
    // `git decision init`, the author as ml-lead, DEC-0001 (accepted, scope models/**), the
    // hooks installed, everything committed.
    void SetUp() override {
        ASSERT_EQ(run_decision({"init"}).exit_code, 0);
        repo.write("decisions/policy.toml",
                   replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                           "ml-lead = [\"author@example.com\"]"));
        repo.write(test::k_ship_gbt_path, test::ship_gbt_record());
        repo.write("README.md", "readme\n");
        auto installed = run_decision({"install"});
        ASSERT_EQ(installed.exit_code, 0) << installed.err;
        base = repo.commit_all("Add DEC-0001 and the policy");
    }

    // git-decision on PATH, so `git decision` and the hooks work.
    test::RunOptions env(test::RunOptions extra = {}) const {
        std::string dir = fs::path(test::git_decision_binary()).parent_path().string();
        const char* path = std::getenv("PATH");
        extra.env["PATH"] = dir + ":" + (path ? path : "/usr/bin:/bin");
        return extra;
    }
    // As the approver: author and committer are A U Thor (trust = committer).
    test::RunOptions as_author() const {
        test::RunOptions o;
        o.env["GIT_COMMITTER_NAME"] = "A U Thor";
        o.env["GIT_COMMITTER_EMAIL"] = "author@example.com";
        return env(std::move(o));
    }

    test::Output run_decision(const std::vector<std::string>& args) const {
        std::vector<std::string> argv{"decision"};
        argv.insert(argv.end(), args.begin(), args.end());
        return repo.git(argv, env(), true);
    }
    test::Output git(const std::vector<std::string>& args, test::RunOptions extra = {}) const {
        return repo.git(args, env(std::move(extra)), true);
    }

    // Writes and stages `path`.
    void stage(const std::string& path) const {
        repo.write(path, "content of " + path + " " + std::to_string(m_counter++) + "\n");
        repo.git({"add", path});
    }
    // Stages `path` and commits with the real hooks.
    test::Output commit(const std::string& path, const std::string& message,
                        test::RunOptions extra = {}) const {
        if (!path.empty())
            stage(path);
        return git({"commit", "-q", "-m", message}, std::move(extra));
    }
    // The same without hooks: what --no-verify lets in.
    std::string sneak(const std::string& path, const std::string& message) const {
        stage(path);
        repo.git({"commit", "-q", "--no-verify", "-m", message}, env());
        return repo.head();
    }

    test::TempRepo repo;
    std::string base;

private:
    mutable int m_counter = 0;
};

// 1. Amend: checked against the commit it will sit on (HEAD's parents), with the new message.

TEST_F(WorkflowTest, AmendThatDropsTheLinkIsRejected) {
    ASSERT_EQ(commit("models/x.onnx", k_covered).exit_code, 0);
    std::string covered = repo.head();
    auto out = git({"commit", "-q", "--amend", "-m", "Retrain (link dropped)"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "(it amends HEAD (git commit --amend), so it is checked against "
                                  "HEAD's parent with the new message)\n"
                                  "  models/x.onnx  (rule 'models')\n"
                                  "    - no decision is linked to this change\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "reuse it with: git commit --amend -e -F ")) << out.err;
    EXPECT_EQ(repo.head(), covered);
}

TEST_F(WorkflowTest, AmendNoEditThatAddsAGovernedFileToAnUnlinkedCommitIsRejected) {
    ASSERT_EQ(commit("README.md", "Docs").exit_code, 0);
    std::string docs = repo.head();
    stage("models/x.onnx");
    auto out = git({"commit", "-q", "--amend", "--no-edit"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
    EXPECT_EQ(repo.head(), docs);
    // Nor does amending an unlinked governed commit (made with --no-verify) make it pass.
    repo.git({"reset", "-q", "models/x.onnx"});
    std::string sneaked = sneak("models/y.onnx", "Sneak a model in");
    out = git({"commit", "-q", "--amend", "--no-edit"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/y.onnx  (rule 'models')\n")) << out.err;
    EXPECT_EQ(repo.head(), sneaked);
}

TEST_F(WorkflowTest, AmendAllThatDropsTheLinkIsRejected) {
    ASSERT_EQ(commit("models/x.onnx", k_covered).exit_code, 0);
    repo.write("README.md", "edited readme\n"); // tracked: -a stages it
    auto out = git({"commit", "-q", "--amend", "-a", "-m", "Docs"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
}

TEST_F(WorkflowTest, AmendThatKeepsTheLinkPasses) {
    ASSERT_EQ(commit("models/x.onnx", k_covered).exit_code, 0);
    auto out = git({"commit", "-q", "--amend", "--no-edit"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    out = git({"commit", "-q", "--amend", "-m",
               "Retrain, reworded\n\nDecision: DEC-0001\n" + std::string(k_approval) + "\n"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    // Abbreviated, as git's option parser allows.
    out = git({"commit", "-q", "--amen", "-m", "Retrain (link dropped)"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
}

TEST_F(WorkflowTest, AmendThroughAnAliasIsRejected) {
    ASSERT_EQ(commit("models/x.onnx", k_covered).exit_code, 0);
    repo.git({"config", "alias.fix", "commit --amend"});
    auto out = git({"fix", "-q", "-m", "Retrain (link dropped)"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
    // An alias for a plain commit is an ordinary commit on HEAD.
    repo.git({"config", "alias.ci", "commit"});
    out = git({"ci", "-q", "--allow-empty", "-m", "Nothing governed"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

// `rebase -i` runs commit-msg only for `reword`, through `git commit --amend` of the commit
// it has just picked onto the new base: judged against that base with the new message.
TEST_F(WorkflowTest, RebaseRewordIsJudgedOnTheNewBaseWithTheNewMessage) {
    ASSERT_EQ(commit("docs/a.md", "Docs").exit_code, 0);
    ASSERT_EQ(commit("models/x.onnx", k_covered).exit_code, 0);
    ASSERT_EQ(commit("docs/b.md", "Docs 2").exit_code, 0);
    const std::string tip = repo.head();
    // Drop the first commit (so the model commit is picked onto a new base) and reword it.
    auto rebase = [&](const std::string& editor) {
        test::RunOptions o;
        o.env["GIT_SEQUENCE_EDITOR"] = "sed -i -e '1s/^pick/drop/' -e '2s/^pick/reword/'";
        o.env["GIT_EDITOR"] = editor;
        return git({"rebase", "-q", "-i", base}, std::move(o));
    };

    auto reworded = rebase("sed -i -e 's/^Retrain/Retrain, reworded/'");
    EXPECT_EQ(reworded.exit_code, 0) << reworded.err;
    EXPECT_EQ(repo.git({"log", "-1", "--format=%s", "HEAD^"}).out, "Retrain, reworded\n");
    EXPECT_EQ(repo.git({"rev-parse", "HEAD~2"}).out, base + "\n");

    repo.git({"reset", "-q", "--hard", tip});
    auto unlinked = rebase("sed -i -e '/^Decision:/d'");
    EXPECT_NE(unlinked.exit_code, 0);
    EXPECT_TRUE(contains(unlinked.err, "  models/x.onnx  (rule 'models')\n"
                                       "    - no decision is linked to this change\n"))
        << unlinked.err;
    repo.git({"rebase", "--abort"});
    EXPECT_EQ(repo.head(), tip);
}

TEST_F(WorkflowTest, OrdinaryCommitAfterACoveredOneStaysOnTheFastPath) {
    ASSERT_EQ(commit("models/x.onnx", k_covered).exit_code, 0);
    test::RunOptions trace;
    trace.env["GIT_DECISION_TRACE"] = "1";
    auto out = commit("README.md", "Docs", trace);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: fast path: no governed path is "
                                  "staged\n"))
        << out.err;
    // The same change as an amend of the covered commit leaves the fast path.
    out = git({"commit", "-q", "--amend", "-m", "Docs, amended"}, trace);
    EXPECT_TRUE(contains(out.err, "git-decision commit-msg: full check: an amend is checked "
                                  "against HEAD's parents\n"))
        << out.err;
    EXPECT_EQ(out.exit_code, 0) << out.err; // HEAD (Docs) changed nothing governed
}

// Outside git (no git process above the hook), git's author variables equal to HEAD's author
// and date are what git exports for an amend: checked against HEAD's parents too.
TEST_F(WorkflowTest, HookRunOutsideGitWithHeadsAuthorFailsClosed) {
    ASSERT_EQ(commit("models/x.onnx", k_covered).exit_code, 0);
    std::string msg = repo.path() + "/msg";
    repo.write("msg", "Docs\n");
    test::RunOptions o = env();
    auto out = test::run({test::hook_binary("commit-msg"), msg}, repo.options(o));
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "(it amends HEAD (not run by git, with HEAD's author and date "
                                  "in GIT_AUTHOR_*), so it is checked against HEAD's parent with "
                                  "the new message)\n"))
        << out.err;
    o.env["GIT_AUTHOR_DATE"] = "@1112355055 +0200"; // a commit made later: not an amend
    out = test::run({test::hook_binary("commit-msg"), msg}, repo.options(o));
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

// 2. Merges: checked for what the merge itself introduces; approvals on the merged branch count.

class MergeWorkflowTest : public WorkflowTest {
protected:
    // A feature branch approved and linked on its own (the approval on the branch), and main
    // moved on meanwhile.
    void SetUp() override {
        WorkflowTest::SetUp();
        repo.git({"checkout", "-q", "-b", "feature"});
        auto approved = repo.git({"decision", "approve", "DEC-0001"}, as_author(), true);
        ASSERT_EQ(approved.exit_code, 0) << approved.err;
        auto out = commit("models/x.onnx", "Retrain\n\nDecision: DEC-0001\n");
        ASSERT_EQ(out.exit_code, 0) << out.err;
        repo.git({"checkout", "-q", "main"});
        ASSERT_EQ(commit("NOTES.md", "Diverge").exit_code, 0);
    }
};

TEST_F(MergeWorkflowTest, NoFastForwardMergeOfAnApprovedBranchPasses) {
    auto out = git({"merge", "--no-ff", "-q", "-m", "Merge feature", "feature"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(repo.git({"rev-list", "--count", "--merges", "HEAD"}).out, "1\n");
    auto checked = run_decision({"check", "--range", base + "..HEAD"});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
}

TEST_F(MergeWorkflowTest, EvilMergeIsFlaggedByCommitMsgNamingThePath) {
    ASSERT_EQ(git({"merge", "--no-ff", "--no-commit", "-q", "feature"}).exit_code, 0);
    stage("models/evil.onnx");
    auto out = git({"commit", "-q", "-m", "Merge feature"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/evil.onnx  (rule 'models')\n"
                                  "    - no decision is linked to this change\n"))
        << out.err;
    EXPECT_FALSE(contains(out.err, "models/x.onnx")) << out.err; // the branch's own change
    // Linked, it is covered by the approval given on the merged branch.
    out = git({"commit", "-q", "-m", "Merge feature\n\nDecision: DEC-0001\n"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

TEST_F(MergeWorkflowTest, EvilMergeIsFlaggedByCheckRangeAndPrePush) {
    test::TempRepo remote(test::TempRepo::Kind::Bare);
    repo.git({"remote", "add", "origin", remote.path()});
    ASSERT_EQ(git({"push", "-q", "--no-verify", "origin", "main", "feature"}).exit_code, 0);
    ASSERT_EQ(git({"merge", "--no-ff", "--no-commit", "-q", "feature"}).exit_code, 0);
    stage("models/evil.onnx");
    repo.git({"commit", "-q", "--no-verify", "-m", "Merge feature"}, env());
    auto out = run_decision({"check", "--range", base + "..HEAD", "--format", "json"});
    EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
    EXPECT_TRUE(contains(out.out, "\"path\":\"models/evil.onnx\"") ||
                contains(out.out, "\"path\": \"models/evil.onnx\""))
        << out.out;
    EXPECT_FALSE(contains(out.out, "\"path\":\"models/x.onnx\"") ||
                 contains(out.out, "\"path\": \"models/x.onnx\""))
        << out.out;
    out = git({"push", "-q", "origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "    models/evil.onnx  (rule 'models')\n")) << out.err;
}

// In a range, approvals are carried from commit to commit; across a merge they take in the
// merged branch's: a linked evil merge is covered by the approval given on the branch.
TEST_F(MergeWorkflowTest, ALinkedEvilMergeIsCoveredByTheMergedBranchsApprovalInARange) {
    std::string on_main = sneak("models/main.onnx", "Unlinked model on main");
    ASSERT_EQ(git({"merge", "--no-ff", "--no-commit", "-q", "feature"}).exit_code, 0);
    stage("models/evil.onnx");
    repo.git({"commit", "-q", "--no-verify", "-m", "Merge feature\n\nDecision: DEC-0001\n"}, env());
    std::string merge = repo.head();
    auto out = run_decision({"check", "--range", base + "..HEAD", "--format", "json"});
    EXPECT_EQ(out.exit_code, 1) << out.out << out.err; // the unlinked model on main
    auto j = nlohmann::json::parse(out.out, nullptr, false);
    ASSERT_TRUE(j.is_object()) << out.out;
    int seen = 0;
    for (const auto& c : j["commits"]) {
        if (c["commit"] == merge) {
            EXPECT_EQ(c["covered"], true) << c.dump();
            ++seen;
        } else if (c["commit"] == on_main) {
            EXPECT_EQ(c["covered"], false) << c.dump();
            ++seen;
        }
    }
    EXPECT_EQ(seen, 2) << out.out;
}

TEST_F(MergeWorkflowTest, FirstParentModeIsAnOptIn) {
    repo.write("decisions/policy.toml",
               replace(repo.read("decisions/policy.toml"), "mode = \"introduced\"",
                       "mode = \"first-parent\""));
    repo.commit_all("Every merge must be linked");
    auto out = git({"merge", "--no-ff", "-q", "-m", "Merge feature", "feature"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
    repo.git({"merge", "--abort"});
    out = git({"merge", "--no-ff", "-q", "-m", "Merge feature\n\nDecision: DEC-0001\n", "feature"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

// pre-receive on a bare repository: the evil merge is rejected, the clean one accepted.
TEST_F(MergeWorkflowTest, PreReceiveRejectsAnEvilMergeNamingThePath) {
    test::TempRepo server(test::TempRepo::Kind::Bare);
    server.write("hooks/pre-receive",
                 "#!/bin/sh\nexec '" + test::hook_binary("pre-receive") + "' \"$@\"\n");
    fs::permissions(fs::path(server.path()) / "hooks/pre-receive", fs::perms::owner_all);
    repo.git({"remote", "add", "origin", server.path()});
    ASSERT_EQ(git({"push", "-q", "--no-verify", "origin", "main", "feature"}).exit_code, 0);
    ASSERT_EQ(git({"merge", "--no-ff", "--no-commit", "-q", "feature"}).exit_code, 0);
    stage("models/evil.onnx");
    repo.git({"commit", "-q", "--no-verify", "-m", "Merge feature"}, env());
    auto out = git({"push", "-q", "--no-verify", "origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "models/evil.onnx")) << out.err;
    EXPECT_FALSE(contains(out.err, "models/x.onnx")) << out.err;
    // The merge without the evil file goes through.
    repo.git({"reset", "-q", "--hard", "HEAD~1"});
    ASSERT_EQ(git({"merge", "--no-ff", "-q", "-m", "Merge feature", "feature"}).exit_code, 0);
    out = git({"push", "-q", "--no-verify", "origin", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

// 3. A GitHub pull request's synthetic merge (refs/pull/N/merge): `check --base main` passes.
TEST_F(MergeWorkflowTest, CheckBaseOnAPullRequestsSyntheticMergePasses) {
    repo.git({"checkout", "-q", "--detach", "main"});
    repo.git({"merge", "--no-ff", "-q", "--no-verify", "-m", "Merge feature into main (synthetic)",
              "feature"},
             env());
    repo.git({"update-ref", "refs/pull/1/merge", "HEAD"});
    repo.git({"checkout", "-q", "refs/pull/1/merge"});
    auto out = run_decision({"check", "--base", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
    // An uncovered change on the pull request is still found.
    repo.git({"checkout", "-q", "feature"});
    sneak("models/y.onnx", "Retrain, unlinked");
    repo.git({"checkout", "-q", "--detach", "main"});
    repo.git({"merge", "--no-ff", "-q", "--no-verify", "-m", "Synthetic", "feature"}, env());
    out = run_decision({"check", "--base", "main"});
    EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
    EXPECT_TRUE(contains(out.out + out.err, "models/y.onnx")) << out.out;
}

// 4. Reverts are rollbacks under the decision that covered the reverted commit.

TEST_F(WorkflowTest, RevertOfACoveredCommitIsARollbackOfItsDecision) {
    ASSERT_EQ(commit("models/x.onnx", k_covered).exit_code, 0);
    // commit-msg sees the revert when it is committed by `git commit`.
    ASSERT_EQ(git({"revert", "--no-commit", "HEAD"}).exit_code, 0);
    auto out = git({"commit", "-q", "--no-edit"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "rollback of DEC-0001 (reverts ")) << out.err;
    // `git revert` alone runs no commit-msg: check --range sees it.
    ASSERT_EQ(git({"revert", "--no-edit", "HEAD"}).exit_code, 0); // revert the revert
    ASSERT_EQ(git({"revert", "--no-edit", "HEAD"}).exit_code, 0);
    out = run_decision({"check", "--range", base + "..HEAD"});
    EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
    EXPECT_TRUE(contains(out.out + out.err, "rollback of DEC-0001")) << out.out << out.err;
}

TEST_F(WorkflowTest, RevertOfAnUncoveredCommitIsJudgedLikeAnyChange) {
    sneak("models/x.onnx", "Sneak a model in");
    ASSERT_EQ(git({"revert", "--no-commit", "HEAD"}).exit_code, 0);
    auto out = git({"commit", "-q", "--no-edit"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n"
                                  "    - no decision is linked to this change\n"))
        << out.err;
}

TEST_F(WorkflowTest, RevertUnderADecisionNoLongerInForceIsNotARollback) {
    ASSERT_EQ(commit("models/x.onnx", k_covered).exit_code, 0);
    repo.write(test::k_ship_gbt_path, replace(test::ship_gbt_record(), "status = \"accepted\"",
                                              "status = \"deprecated\""));
    repo.commit_all("Deprecate DEC-0001");
    ASSERT_EQ(git({"revert", "--no-commit", "HEAD~1"}).exit_code, 0);
    auto out = git({"commit", "-q", "--no-edit"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, ", linked to DEC-0001, which is deprecated here: not a "
                                  "rollback under it\n"))
        << out.err;
}

// 5. Cherry-pick -x follows "(cherry picked from commit ...)" to the original's links.
TEST_F(WorkflowTest, CherryPickWithXKeepsTheOriginalsNoteLink) {
    ASSERT_EQ(repo.git({"decision", "approve", "DEC-0001"}, as_author(), true).exit_code, 0);
    std::string approved = repo.head();
    repo.git({"checkout", "-q", "-b", "side"});
    std::string original = sneak("models/x.onnx", "Retrain on side");
    ASSERT_EQ(run_decision({"link", original, "DEC-0001"}).exit_code, 0);
    repo.git({"checkout", "-q", "main"});
    ASSERT_EQ(git({"cherry-pick", "-x", original}).exit_code, 0);
    auto out = run_decision({"check", "--range", approved + "..HEAD"});
    EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
    // Without -x the copy names no original: git copies the message (and its trailers), not
    // the note, so it is uncovered.
    repo.git({"reset", "-q", "--hard", "HEAD~1"});
    test::RunOptions later; // else the copy would be the very same commit as the original
    later.env["GIT_COMMITTER_DATE"] = "1112355055 +0200";
    ASSERT_EQ(git({"cherry-pick", original}, later).exit_code, 0);
    ASSERT_NE(repo.head(), original);
    out = run_decision({"check", "--range", approved + "..HEAD"});
    EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
    // A cherry-pick committed by `git commit` goes through commit-msg, which follows it too.
    repo.git({"reset", "-q", "--hard", "HEAD~1"});
    ASSERT_EQ(git({"cherry-pick", "-x", "--no-commit", original}).exit_code, 0);
    out = git({"commit", "-q", "--no-edit"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

} // namespace

} // namespace t_integration_workflows_test
