// Which policy judges a change (issue 10, items 4-6), with the real `git commit`, `git push`
// (to a bare repository with the pre-receive hook) and `check --range`: a commit is judged
// by the policy in force before it, a change to the policy is itself governed, the server
// fails closed without a policy, and the lifecycle rules hold at commit and push time.

#include "support/governed.hpp"
#include "support/strings.hpp"
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_policy_in_force_test {

namespace fs = std::filesystem;

namespace {

using test::contains;
using test::replace;

const char* k_policy_record_path = "decisions/DEC-0002-policy-owners.toml";
// The decision that covers changes to the policy: accepted, scope the policy file.
const char* k_policy_record = R"(id = "DEC-0002"
title = "The ML leads own the policy"
category = "DEPLOYMENT THRESHOLD"
status = "accepted"
date = 2026-11-27
review_date = 2027-01-26

[owner]
name = "A U Thor"
email = "author@example.com"
role = "ML Lead"

[scope]
paths = ["decisions/policy.toml"]

[decision]
summary = "Policy changes need the ML leads"
rationale = "They answer for the gate"
)";

const char* k_models_line = "paths = [\"models/**\", \"**/*.onnx\", \"**/*.dvc\", \"dvc.lock\"]";

// The hooks binaries' folder and git-decision on PATH.
test::RunOptions env(test::RunOptions extra = {}) {
    std::string dir = fs::path(test::git_decision_binary()).parent_path().string();
    const char* path = std::getenv("PATH");
    extra.env["PATH"] = dir + ":" + (path ? path : "/usr/bin:/bin");
    return extra;
}

// As the approver: author and committer are A U Thor (trust = committer).
test::RunOptions as_author() {
    test::RunOptions o;
    o.env["GIT_COMMITTER_NAME"] = "A U Thor";
    o.env["GIT_COMMITTER_EMAIL"] = "author@example.com";
    return env(o);
}

// Installs hooks/pre-receive in the bare repository `server`, exec'ing the built hook.
void install_pre_receive(const test::TempRepo& server, const std::vector<std::string>& args = {}) {
    std::string script = "#!/bin/sh\nexec '" + test::hook_binary("pre-receive") + "'";
    for (const auto& a : args)
        script += " '" + a + "'";
    script += "\n";
    server.write("hooks/pre-receive", script);
    fs::permissions(fs::path(server.path()) / "hooks/pre-receive",
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
}

// `git push <args>` without the local hooks, git's "remote:" padding dropped.
test::Output push(const test::TempRepo& repo, std::vector<std::string> args) {
    args.insert(args.begin(), {"push", "--no-verify"});
    auto out = repo.git(args, env(), true);
    std::string err;
    std::istringstream lines(out.err);
    for (std::string line; std::getline(lines, line);)
        err += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
    out.err = err;
    return out;
}

std::string server_ref(const test::TempRepo& server, const std::string& ref) {
    return server.git({"rev-parse", "--verify", "-q", ref}, {}, true).out;
}

class PolicyInForceTest : public ::testing::Test {
protected:
    // The policy `init` writes with the author as ml-lead, DEC-0001 (models/**) and DEC-0002
    // (the policy file), the hooks installed, committed; `origin` is a bare repository with
    // the pre-receive hook, holding main.
    void SetUp() override {
        ASSERT_EQ(repo.git({"decision", "init"}, env(), true).exit_code, 0);
        repo.write("decisions/policy.toml",
                   replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                           "ml-lead = [\"author@example.com\"]"));
        repo.write(test::k_ship_gbt_path, test::ship_gbt_record());
        repo.write(k_policy_record_path, k_policy_record);
        auto installed = repo.git({"decision", "install"}, env(), true);
        ASSERT_EQ(installed.exit_code, 0) << installed.err;
        auto first = commit_all("Add the policy and DEC-0001, DEC-0002");
        ASSERT_EQ(first.exit_code, 0) << first.err;
        base = repo.head();
        install_pre_receive(server);
        repo.git({"remote", "add", "origin", server.path()});
        auto pushed = push(repo, {"origin", "main"});
        ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
    }

    // Stages everything and commits with the real hooks (or none, with `verify` false).
    test::Output commit_all(const std::string& message, bool verify = true,
                            test::RunOptions extra = env()) const {
        repo.git({"add", "-A"});
        std::vector<std::string> args{"commit", "-q", "-m", message};
        if (!verify)
            args.push_back("--no-verify");
        return repo.git(args, env(std::move(extra)), true);
    }

    // Deletes the policy and adds a model, in one change (staged).
    void delete_policy_with_a_model() const {
        repo.git({"rm", "-q", "decisions/policy.toml"});
        repo.write("models/x.onnx", "x\n");
    }

    // Narrows the models rule to a folder nobody uses and adds a model (unstaged).
    void narrow_paths_with_a_model() const {
        repo.write("decisions/policy.toml", replace(repo.read("decisions/policy.toml"),
                                                    k_models_line, "paths = [\"legacy/**\"]"));
        repo.write("models/x.onnx", "x\n");
    }

    test::Output check_range() const {
        return repo.git({"decision", "check", "--range", base + "..HEAD"}, env(), true);
    }

    test::TempRepo server{test::TempRepo::Kind::Bare};
    test::TempRepo repo;
    std::string base; // main as pushed by SetUp
};

const char* k_policy_uncovered = "decisions/policy.toml  (rule 'policy')\n";
const char* k_model_uncovered = "models/x.onnx  (rule 'models')\n";

// ---- 10.4: the policy in force judges -------------------------------------------------------

TEST_F(PolicyInForceTest, DeletingThePolicyWithAModelIsRejectedByTheCommitHooks) {
    delete_policy_with_a_model();
    auto out = commit_all("Drop the policy, add a model");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  " + std::string(k_policy_uncovered) +
                                      "    - no decision is linked to this change\n"
                                      "    fix: add the trailer 'Decision: DEC-0002' (decisions "
                                      "covering this path: DEC-0002)\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, std::string("  ") + k_model_uncovered)) << out.err;
    EXPECT_EQ(repo.head(), base);
}

TEST_F(PolicyInForceTest, NarrowingPathsWithAModelIsRejectedByTheCommitHooks) {
    narrow_paths_with_a_model();
    auto out = commit_all("Narrow the rule, add a model");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, std::string("  ") + k_policy_uncovered)) << out.err;
    EXPECT_TRUE(contains(out.err, std::string("  ") + k_model_uncovered)) << out.err;
}

TEST_F(PolicyInForceTest, DeletingThePolicyIsRejectedByPrePushCheckRangeAndPreReceive) {
    delete_policy_with_a_model();
    ASSERT_EQ(commit_all("Drop the policy, add a model", false).exit_code, 0);
    std::string bad = repo.head();
    // pre-push (the local hook, as `git push` runs it).
    auto out = repo.git({"push", "origin", "main"}, env(), true);
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, bad.substr(0, 12) +
                                      " Drop the policy, add a model (refs/heads/"
                                      "main)\n    " +
                                      k_policy_uncovered))
        << out.err;
    EXPECT_TRUE(contains(out.err, std::string("    ") + k_model_uncovered)) << out.err;
    // check --range.
    out = check_range();
    EXPECT_EQ(out.exit_code, 1) << out.out;
    EXPECT_TRUE(contains(out.out, "  decisions/policy.toml  (rule 'policy'): not covered\n"))
        << out.out;
    EXPECT_TRUE(contains(out.out, "  models/x.onnx  (rule 'models'): not covered\n")) << out.out;
    // pre-receive.
    out = push(repo, {"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote: git-decision: " + bad.substr(0, 12) +
                                      " Drop the policy, add a model (refs/heads/main)\n"
                                      "remote:     " +
                                      k_policy_uncovered))
        << out.err;
    EXPECT_TRUE(contains(out.err, std::string("remote:     ") + k_model_uncovered)) << out.err;
    EXPECT_EQ(server_ref(server, "main"), base + "\n");
}

TEST_F(PolicyInForceTest, NarrowingPathsIsRejectedByPrePushCheckRangeAndPreReceive) {
    narrow_paths_with_a_model();
    ASSERT_EQ(commit_all("Narrow the rule, add a model", false).exit_code, 0);
    // A later commit is judged by the narrowed policy, but the one that narrowed it is not.
    repo.write("README.md", "readme\n");
    ASSERT_EQ(commit_all("Readme", false).exit_code, 0);
    auto out = repo.git({"push", "origin", "main"}, env(), true);
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, std::string("    ") + k_policy_uncovered)) << out.err;
    EXPECT_TRUE(contains(out.err, "1 of 2 pushed commits are not covered")) << out.err;
    out = check_range();
    EXPECT_EQ(out.exit_code, 1) << out.out;
    EXPECT_TRUE(contains(out.out, "  models/x.onnx  (rule 'models'): not covered\n")) << out.out;
    out = push(repo, {"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, std::string("remote:     ") + k_model_uncovered)) << out.err;
    EXPECT_EQ(server_ref(server, "main"), base + "\n");
}

TEST_F(PolicyInForceTest, ApprovedPolicyChangePassesEverywhere) {
    // Approved in the commit itself, by the role [policy] signoffs names (ml-lead).
    repo.write("decisions/policy.toml", replace(repo.read("decisions/policy.toml"), k_models_line,
                                                "paths = [\"models/**\", \"weights/**\"]"));
    auto out = commit_all(std::string("Govern weights/ too\n\nDecision: DEC-0002\n") +
                              test::k_author_approval + "\n",
                          true, as_author());
    EXPECT_EQ(out.exit_code, 0) << out.err;
    out = check_range();
    EXPECT_EQ(out.exit_code, 0) << out.out;
    out = repo.git({"push", "origin", "main"}, env(), true); // pre-push and pre-receive
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(server_ref(server, "main"), repo.head() + "\n");
    // The next commit is judged by the new policy.
    repo.write("weights/w.bin", "w\n");
    out = commit_all("Sneak weights in");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  weights/w.bin  (rule 'models')\n")) << out.err;
}

TEST_F(PolicyInForceTest, PolicyChangeWithoutTheSignoffRoleIsRejected) {
    // Linked to the right decision, but approved by nobody who holds ml-lead.
    std::string text = repo.read("decisions/policy.toml");
    auto at = text.find("mode = \"introduced\"");
    ASSERT_NE(at, std::string::npos) << text;
    repo.write("decisions/policy.toml", text.replace(at, 19, "mode = \"first-parent\""));
    auto out = commit_all("Check merges against their first parent\n\nDecision: DEC-0002\n");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  " + std::string(k_policy_uncovered) +
                                      "    - DEC-0002 has no approval from role 'ml-lead' "
                                      "(author@example.com)\n"))
        << out.err;
}

TEST_F(PolicyInForceTest, WaiverDoesNotCoverAPolicyChange) {
    delete_policy_with_a_model();
    auto out = commit_all(std::string("Drop the policy\n\nDecision-Waiver: incident 7\n") +
                              test::k_author_approval + "\n",
                          true, as_author());
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "warning: a waiver does not apply to a change of "
                                  "decisions/policy.toml; it was not honoured\n"))
        << out.err;
}

TEST_F(PolicyInForceTest, SignoffRolesComeFromThePolicySection) {
    // [policy] signoffs names a role of its own: ml-lead's approval no longer suffices.
    std::string policy =
        replace(repo.read("decisions/policy.toml"), "signoffs = [\"ml-lead\"]\n\n[review]",
                "signoffs = [\"owner\"]\n\n[review]");
    policy = replace(policy, "[roles]\n", "[roles]\nowner = [\"owner@example.com\"]\n");
    repo.write("decisions/policy.toml", policy);
    auto out = commit_all(std::string("Hand the policy to its owner\n\nDecision: DEC-0002\n") +
                              test::k_author_approval + "\n",
                          true, as_author());
    ASSERT_EQ(out.exit_code, 0) << out.err;
    repo.write("decisions/policy.toml", repo.read("decisions/policy.toml") + "# edited\n");
    out = commit_all(std::string("Edit again\n\nDecision: DEC-0002\n") + test::k_author_approval +
                         "\n",
                     true, as_author());
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "DEC-0002 has no approval from role 'owner' "
                                  "(owner@example.com)\n"))
        << out.err;
}

TEST(PolicyInForceFreshTest, FirstPolicyOfANewRepositoryNeedsNothing) {
    test::TempRepo repo;
    test::TempRepo server(test::TempRepo::Kind::Bare);
    install_pre_receive(server);
    auto installed = repo.git({"decision", "install"}, env(), true);
    ASSERT_EQ(installed.exit_code, 0) << installed.err;
    repo.write("models/old.onnx", "old\n");
    repo.git({"add", "-A"});
    ASSERT_EQ(repo.git({"commit", "-q", "-m", "Before any policy"}, env(), true).exit_code, 0);
    // The commit that adds the first policy starts enforcement; it needs nothing itself.
    ASSERT_EQ(repo.git({"decision", "init"}, env(), true).exit_code, 0);
    repo.write("models/x.onnx", "x\n");
    repo.git({"add", "-A"});
    auto out = repo.git({"commit", "-q", "-m", "Adopt git-decision"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    repo.git({"remote", "add", "origin", server.path()});
    out = repo.git({"push", "origin", "main"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    // The commits after it are judged by it.
    repo.write("models/y.onnx", "y\n");
    repo.git({"add", "-A"});
    out = repo.git({"commit", "-q", "-m", "Sneak a model in"}, env(), true);
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/y.onnx  (rule 'models')\n")) << out.err;
}

// ---- 10.5: the server fails closed ------------------------------------------------------------

TEST_F(PolicyInForceTest, ServerRejectsAnUnapprovedPolicyDeletion) {
    repo.git({"rm", "-q", "decisions/policy.toml"});
    ASSERT_EQ(commit_all("Drop the policy", false).exit_code, 0);
    auto out = push(repo, {"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, std::string("remote:     ") + k_policy_uncovered)) << out.err;
    // Nor does the next push of a model change get through behind it.
    repo.write("models/x.onnx", "x\n");
    ASSERT_EQ(commit_all("Add a model", false).exit_code, 0);
    out = push(repo, {"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_EQ(server_ref(server, "main"), base + "\n");
}

TEST_F(PolicyInForceTest, ServerWithHeadAtMasterEnforcesMain) {
    // A stock `git init --bare`: HEAD names refs/heads/master, which nobody pushes.
    test::TempRepo stock(test::TempRepo::Kind::Bare);
    stock.git({"symbolic-ref", "HEAD", "refs/heads/master"});
    install_pre_receive(stock);
    repo.git({"remote", "add", "stock", stock.path()});
    auto out = push(repo, {"stock", "main"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    repo.write("models/x.onnx", "x\n");
    ASSERT_EQ(commit_all("Sneak a model in", false).exit_code, 0);
    out = push(repo, {"stock", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, std::string("remote:     ") + k_model_uncovered)) << out.err;
    // A new branch with no policy in its history is judged by the default branch's.
    repo.git({"checkout", "-q", "--orphan", "side"});
    repo.git({"rm", "-q", "-r", "--cached", "."});
    fs::remove_all(fs::path(repo.path()) / "decisions");
    repo.write("models/y.onnx", "y\n");
    repo.git({"add", "models/y.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Orphan model"}, env());
    out = push(repo, {"stock", "side"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote:     models/y.onnx  (rule 'models')\n")) << out.err;
    EXPECT_EQ(server_ref(stock, "side"), "");
}

TEST_F(PolicyInForceTest, PolicyRefConfigNamesTheDefaultBranch) {
    // HEAD's branch has no policy; decision.policyRef points at the branch that has one.
    test::TempRepo other(test::TempRepo::Kind::Bare);
    install_pre_receive(other);
    repo.git({"remote", "add", "other", other.path()});
    ASSERT_EQ(push(repo, {"other", "main:refs/heads/governed"}).exit_code, 0);
    other.git({"config", "decision.policyRef", "refs/heads/governed"});
    repo.git({"checkout", "-q", "--orphan", "bare-history"});
    repo.git({"rm", "-q", "-r", "--cached", "."});
    fs::remove_all(fs::path(repo.path()) / "decisions");
    repo.write("models/y.onnx", "y\n");
    repo.git({"add", "models/y.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Orphan model"}, env());
    auto out = push(repo, {"other", "bare-history:main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote:     models/y.onnx  (rule 'models')\n")) << out.err;
}

TEST(PolicyInForceServerTest, NoPolicyAnywhereIsRejectedUnlessAllowed) {
    test::TempRepo repo;
    test::TempRepo server(test::TempRepo::Kind::Bare);
    install_pre_receive(server);
    repo.write("models/x.onnx", "x\n");
    repo.commit_all("A model, no policy");
    repo.git({"remote", "add", "origin", server.path()});
    auto out = push(repo, {"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote: git-decision: refs/heads/main: no policy is in force: "
                                  "neither the pushed commit " +
                                      repo.head().substr(0, 12) +
                                      " nor the default branch (HEAD) has decisions/policy.toml; "
                                      "push rejected.\n"
                                      "remote: Add a policy (git decision init), or run the server "
                                      "hook with --allow-no-policy to accept ungoverned pushes.\n"))
        << out.err;
    EXPECT_EQ(server_ref(server, "main"), "");

    install_pre_receive(server, {"--allow-no-policy"});
    out = push(repo, {"origin", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "remote: git-decision: no policy is in force for refs/heads/main "
                                  "(--allow-no-policy); nothing is enforced\n"))
        << out.err;
    EXPECT_EQ(server_ref(server, "main"), repo.head() + "\n");
}

TEST(PolicyInForceServerTest, ServerPolicyFileNeedsNoRepositoryPolicy) {
    test::TempRepo repo;
    test::TempRepo server(test::TempRepo::Kind::Bare);
    server.write("policy.toml", "[[rules]]\nname = \"data\"\npaths = [\"data/**\"]\n");
    install_pre_receive(server, {"--policy", (fs::path(server.path()) / "policy.toml").string()});
    repo.write("models/x.onnx", "x\n");
    repo.commit_all("A model, no policy");
    repo.git({"remote", "add", "origin", server.path()});
    auto out = push(repo, {"origin", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    repo.write("data/d.csv", "d\n");
    repo.commit_all("Data");
    out = push(repo, {"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote:     data/d.csv  (rule 'data')\n")) << out.err;
}

// ---- 10.6: the lifecycle, everywhere ----------------------------------------------------------

class LifecycleTest : public PolicyInForceTest {
protected:
    // DEC-0003 (models/**) approved by the ml-lead while proposed, then rejected.
    void SetUp() override {
        PolicyInForceTest::SetUp();
        record = replace(test::ship_gbt_record(), "DEC-0001", "DEC-0003");
        record = replace(record, "status = \"accepted\"", "status = \"proposed\"");
        repo.write(k_path, record);
        ASSERT_EQ(commit_all("Propose DEC-0003").exit_code, 0);
        auto approved = repo.git({"decision", "approve", "DEC-0003"}, as_author(), true);
        ASSERT_EQ(approved.exit_code, 0) << approved.err;
        repo.write(k_path, replace(record, "status = \"proposed\"", "status = \"rejected\""));
        ASSERT_EQ(commit_all("Reject DEC-0003").exit_code, 0);
        ASSERT_EQ(push(repo, {"origin", "main"}).exit_code, 0);
        base = repo.head();
    }

    // Edits DEC-0003 back to accepted by hand and adds a model it covers.
    void revive_with_a_model() const {
        repo.write(k_path, replace(record, "status = \"proposed\"", "status = \"accepted\""));
        repo.write("models/x.onnx", "x\n");
    }

    static constexpr const char* k_path = "decisions/DEC-0003-ship-gbt.toml";
    static constexpr const char* k_illegal =
        "decisions/DEC-0003-ship-gbt.toml  (rule 'lifecycle')\n"
        "    - DEC-0003 moved from rejected to accepted, which the lifecycle does not allow "
        "(proposed -> accepted | rejected; accepted -> superseded | deprecated)\n";
    std::string record;
};

TEST_F(LifecycleTest, RejectedEditedBackToAcceptedIsRejectedByCommitMsg) {
    revive_with_a_model();
    auto out = commit_all("Ship it after all\n\nDecision: DEC-0003\n");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision: this commit changes decision records against "
                                  "their lifecycle:\n  " +
                                      std::string(k_illegal)))
        << out.err;
    // The model alone is covered (DEC-0003 is accepted in the index, approved): the
    // lifecycle is what stops it.
    EXPECT_FALSE(contains(out.err, "models/x.onnx  (rule 'models')")) << out.err;
}

TEST_F(LifecycleTest, RecordOnlyCommitTakesTheFullCommitMsgHook) {
    repo.write(k_path, replace(record, "status = \"proposed\"", "status = \"accepted\""));
    auto out = commit_all("Revive DEC-0003");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, std::string("  ") + k_illegal)) << out.err;
}

TEST_F(LifecycleTest, RejectedEditedBackToAcceptedIsRejectedOnPushAndInCi) {
    revive_with_a_model();
    ASSERT_EQ(commit_all("Ship it after all\n\nDecision: DEC-0003\n", false).exit_code, 0);
    std::string bad = repo.head();
    auto out = repo.git({"push", "origin", "main"}, env(), true); // pre-push
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, bad.substr(0, 12) +
                                      " Ship it after all (refs/heads/main) changes decision "
                                      "records against their lifecycle:\n"
                                      "    decisions/DEC-0003-ship-gbt.toml  (rule 'lifecycle')\n"
                                      "      - DEC-0003 moved from rejected to accepted"))
        << out.err;
    out = push(repo, {"origin", "main"}); // pre-receive
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote:     decisions/DEC-0003-ship-gbt.toml  (rule "
                                  "'lifecycle')\n"))
        << out.err;
    EXPECT_EQ(server_ref(server, "main"), base + "\n");
    out = check_range();
    EXPECT_EQ(out.exit_code, 1) << out.out;
    EXPECT_TRUE(contains(out.out, "DEC-0003 moved from rejected to accepted")) << out.out;
}

TEST_F(LifecycleTest, EditingAnAcceptedRecordIsRejectedOnPush) {
    repo.write(test::k_ship_gbt_path,
               replace(test::ship_gbt_record(), "Best recall", "Best precision"));
    ASSERT_EQ(commit_all("Reword DEC-0001", false).exit_code, 0);
    auto out = push(repo, {"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote:     decisions/DEC-0001-ship-gbt.toml  (rule "
                                  "'accepted-is-immutable')\n"
                                  "remote:       - DEC-0001 was accepted and its normative content "
                                  "changed"))
        << out.err;
}

TEST_F(LifecycleTest, LegalMovesPass) {
    // proposed -> accepted through the verb, accepted -> deprecated by hand.
    repo.write(test::k_ship_gbt_path, replace(test::ship_gbt_record(), "status = \"accepted\"",
                                              "status = \"deprecated\""));
    auto out = commit_all("Deprecate DEC-0001");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    out = repo.git({"push", "origin", "main"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(check_range().exit_code, 0);
}

TEST_F(LifecycleTest, AMergeAnswersOnlyForWhatItIntroduces) {
    // On a branch, DEC-0004 goes proposed -> accepted -> deprecated, each step legal; the
    // merge moves it from proposed (main's) to deprecated, which it did not do itself.
    std::string proposed = replace(replace(test::ship_gbt_record(), "DEC-0001", "DEC-0004"),
                                   "status = \"accepted\"", "status = \"proposed\"");
    const std::string path = "decisions/DEC-0004-ship-gbt.toml";
    repo.write(path, proposed);
    ASSERT_EQ(commit_all("Propose DEC-0004").exit_code, 0);
    repo.git({"checkout", "-q", "-b", "side"});
    repo.write(path, replace(proposed, "\"proposed\"", "\"accepted\""));
    ASSERT_EQ(commit_all("Accept DEC-0004").exit_code, 0);
    repo.write(path, replace(proposed, "\"proposed\"", "\"deprecated\""));
    ASSERT_EQ(commit_all("Deprecate DEC-0004").exit_code, 0);
    repo.git({"checkout", "-q", "main"});
    repo.write("README.md", "readme\n");
    ASSERT_EQ(commit_all("Readme").exit_code, 0);
    auto out = repo.git({"merge", "-q", "--no-ff", "-m", "Merge side", "side"}, env(), true);
    EXPECT_EQ(out.exit_code, 0) << out.err; // commit-msg ran on the merge
    EXPECT_EQ(repo.git({"rev-list", "--count", "--merges", "HEAD"}).out, "1\n");
    out = check_range();
    EXPECT_EQ(out.exit_code, 0) << out.out;
    out = repo.git({"push", "origin", "main"}, env(), true); // pre-push and pre-receive
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

} // namespace

} // namespace t_integration_policy_in_force_test
