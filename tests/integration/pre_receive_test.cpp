// The server-side pre-receive hook as git runs it: a bare repository with the hook installed
// as hooks/pre-receive, and a clone (with no local hooks) pushing into it with the real
// `git push`. Asserts exit codes, the key lines git relays as "remote: ...", and that a
// rejected push moves no ref.

#include "support/governed.hpp"
#include "support/strings.hpp"
#include "support/temp_repo.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_pre_receive_test {

namespace fs = std::filesystem;

namespace {

const std::string k_record = test::ship_gbt_record();

const char* k_record_path = test::k_ship_gbt_path;
const char* k_covered =
    "Retrain\n\nDecision: DEC-0001\nApproved-by: A U Thor <author@example.com>\n";

// A server-side policy governing data/** (not models/**).
const char* k_server_policy = R"([[rules]]
name = "data"
paths = ["data/**"]
categories = ["MODEL SELECTION"]
signoffs = ["ml-lead"]

[roles]
ml-lead = ["author@example.com"]
)";

using test::contains;
using test::replace;

class PreReceiveTest : public ::testing::Test {
protected:
    // The clone: `git decision init`, a role for the author, DEC-0001 (accepted, scope
    // models/**), committed, with `origin` the bare repository (hook installed).
    void SetUp() override {
        install_hook({});
        auto init = repo.decision({"init"});
        ASSERT_EQ(init.exit_code, 0) << init.err;
        repo.write("decisions/policy.toml",
                   replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                           "ml-lead = [\"author@example.com\"]"));
        repo.write(k_record_path, k_record);
        repo.commit_all("Add DEC-0001 and the policy");
        repo.git({"remote", "add", "origin", server.path()});
    }

    // hooks/pre-receive in the bare repository: a script exec'ing the built hook with `args`.
    void install_hook(const std::vector<std::string>& args) const {
        std::string script = "#!/bin/sh\nexec '" + test::hook_binary("pre-receive") + "'";
        for (const auto& a : args)
            script += " '" + a + "'";
        script += " \"$@\"\n";
        server.write("hooks/pre-receive", script);
        fs::permissions(fs::path(server.path()) / "hooks/pre-receive",
                        fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
    }

    // The first push: the server has no policy yet; the pushed commit that adds one starts
    // enforcement and needs nothing itself.
    void push_main() const {
        auto out = push({"origin", "main"});
        ASSERT_EQ(out.exit_code, 0) << out.err;
        ASSERT_FALSE(contains(out.err, "remote: git-decision")) << out.err;
    }

    // As the approver: author and committer are A U Thor (trust = committer).
    static test::RunOptions as_author() {
        test::RunOptions o;
        o.env["GIT_COMMITTER_NAME"] = "A U Thor";
        o.env["GIT_COMMITTER_EMAIL"] = "author@example.com";
        return o;
    }

    // Changes `path` and commits it (no local hooks are installed, as after --no-verify).
    std::string commit(const std::string& path, const std::string& message,
                       test::RunOptions extra = {}) const {
        repo.write(path, "content of " + path + " " + std::to_string(m_counter++) + "\n");
        repo.git({"add", path});
        repo.git({"commit", "-q", "--no-verify", "-m", message}, std::move(extra));
        return repo.head();
    }

    test::Output push(std::vector<std::string> args, test::RunOptions extra = {}) const {
        args.insert(args.begin(), "push");
        auto out = repo.git(args, std::move(extra), true);
        // git pads each "remote:" line with spaces (to overwrite progress): drop them.
        std::string err;
        std::istringstream lines(out.err);
        for (std::string line; std::getline(lines, line);)
            err += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
        out.err = err;
        return out;
    }

    std::string server_ref(const std::string& ref) const {
        return server.git({"rev-parse", "--verify", "-q", ref}, {}, true).out;
    }

    test::TempRepo server{test::TempRepo::Kind::Bare};
    test::TempRepo repo;

private:
    mutable int m_counter = 0;
};

// (a)
TEST_F(PreReceiveTest, UngovernedCommitIsAccepted) {
    push_main();
    commit("README.md", "Update the readme");
    auto out = push({"origin", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_FALSE(contains(out.err, "remote: git-decision")) << out.err;
    EXPECT_EQ(server_ref("main"), repo.head() + "\n");
}

// (b)
TEST_F(PreReceiveTest, UncoveredCommitIsRejectedAndNoRefMoves) {
    push_main();
    std::string before = server_ref("main");
    std::string bad = commit("models/x.onnx", "Sneak a model in");
    auto out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote: git-decision: " + bad.substr(0, 12) +
                                      " Sneak a model in (refs/heads/main)\n"
                                      "remote:     models/x.onnx  (rule 'models')\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "remote:       - no decision is linked to this change\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "fix: link it: git decision link ")) << out.err;
    EXPECT_TRUE(contains(out.err, "remote: git-decision: 1 of 1 pushed commits are not covered by "
                                  "an approved decision; push rejected.\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "pre-receive hook declined")) << out.err;
    EXPECT_EQ(server_ref("main"), before);
    // The quarantine is dropped with the push: the server never got the commit.
    EXPECT_NE(server.git({"cat-file", "-e", bad}, {}, true).exit_code, 0);
}

// (c)
TEST_F(PreReceiveTest, CoveredAndApprovedCommitIsAccepted) {
    push_main();
    commit("models/x.onnx", k_covered, as_author());
    auto out = push({"origin", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(server_ref("main"), repo.head() + "\n");
}

TEST_F(PreReceiveTest, LinkedButUnapprovedIsRejected) {
    push_main();
    commit("models/x.onnx", "Retrain\n\nDecision: DEC-0001\n");
    auto out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "models/x.onnx  (rule 'models')")) << out.err;
}

// (d)
TEST_F(PreReceiveTest, NewBranchWithUncoveredCommitIsRejected) {
    push_main();
    repo.git({"checkout", "-q", "-b", "feature/x"});
    commit("README.md", "Readme first");
    std::string bad = commit("models/x.onnx", "Sneak a model in");
    auto out = push({"origin", "feature/x"});
    EXPECT_NE(out.exit_code, 0);
    // Only the commits the branch adds are checked: the one ungoverned, the other not.
    EXPECT_TRUE(contains(out.err, "remote: git-decision: " + bad.substr(0, 12) +
                                      " Sneak a model in (refs/heads/feature/x)\n"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "1 of 2 pushed commits are not covered")) << out.err;
    EXPECT_EQ(server_ref("feature/x"), "");
}

TEST_F(PreReceiveTest, NewBranchAtAnExistingCommitChecksNothing) {
    push_main();
    auto out = push({"origin", "main:side"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(server_ref("side"), repo.head() + "\n");
}

// (e)
TEST_F(PreReceiveTest, ForcePushChecksTheRewrittenCommits) {
    push_main();
    commit("models/x.onnx", k_covered, as_author());
    ASSERT_EQ(push({"origin", "main"}).exit_code, 0);
    std::string accepted = repo.head();
    repo.git({"reset", "-q", "--hard", "HEAD~1"});
    std::string bad = commit("models/y.onnx", "Rewrite history");
    auto out = push({"-f", "origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, bad.substr(0, 12) + " Rewrite history (refs/heads/main)"))
        << out.err;
    EXPECT_TRUE(contains(out.err, "1 of 1 pushed commits")) << out.err;
    EXPECT_EQ(server_ref("main"), accepted + "\n");
    // Amended into a covered commit, the same force push goes through.
    repo.git({"commit", "-q", "--amend", "-m", k_covered}, as_author());
    out = push({"-f", "origin", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(server_ref("main"), repo.head() + "\n");
}

// (f)
TEST_F(PreReceiveTest, BranchDeletionIsAccepted) {
    push_main();
    ASSERT_EQ(push({"origin", "main:side"}).exit_code, 0);
    auto out = push({"origin", ":side"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(server_ref("side"), "");
}

// (g)
TEST_F(PreReceiveTest, PolicyWeakenedInThePushStillApplies) {
    push_main();
    // Drop every rule in the pushed policy, in the same commit as the model.
    std::string text = repo.read("decisions/policy.toml");
    auto rules = text.find("[[rules]]");
    auto roles = text.find("[roles]");
    ASSERT_NE(rules, std::string::npos);
    ASSERT_NE(roles, std::string::npos);
    repo.write("decisions/policy.toml", text.substr(0, rules) + text.substr(roles));
    repo.write("models/x.onnx", "x\n");
    repo.git({"add", "-A"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Relax the policy and add a model"});
    auto out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote:     models/x.onnx  (rule 'models')\n")) << out.err;
    // Nor does the pushed policy count once a later commit follows it in the same push.
    commit("README.md", "And something else");
    out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "1 of 2 pushed commits")) << out.err;
}

TEST_F(PreReceiveTest, InvalidPolicyOnTheDefaultBranchRejects) {
    repo.write("decisions/policy.toml", "[[rules]]\nname = 3\n");
    repo.git({"add", "-A"});
    repo.git({"commit", "-q", "-m", "Break the policy"});
    // The hook would reject that push (a policy change, and an invalid policy): land it
    // without the hook, as a server that installs the hook later finds it.
    fs::remove(fs::path(server.path()) / "hooks/pre-receive");
    push_main();
    install_hook({});
    commit("README.md", "Anything");
    auto out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote: git-decision: the policy on the default branch (" +
                                      server_ref("main").substr(0, 12) +
                                      ") is invalid; push rejected:\nremote:   "
                                      "decisions/policy.toml:2:"))
        << out.err;
}

// (h)
TEST_F(PreReceiveTest, ServerPolicyFileReplacesTheRepositoryPolicy) {
    std::string policy = (fs::path(server.path()) / "decision-policy.toml").string();
    server.write("decision-policy.toml", k_server_policy);
    install_hook({"--policy", policy});
    auto out = push({"origin", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_FALSE(contains(out.err, "nothing is enforced")) << out.err;
    // models/** is the repository's rule, not the server's: accepted.
    commit("models/x.onnx", "Sneak a model in");
    out = push({"origin", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    // data/** is the server's: rejected, with the server rule named.
    std::string before = server_ref("main");
    commit("data/train.csv", "New data");
    out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote:     data/train.csv  (rule 'data')\n")) << out.err;
    EXPECT_EQ(server_ref("main"), before);
}

TEST_F(PreReceiveTest, InvalidServerPolicyFileRejectsWithItsPosition) {
    std::string policy = (fs::path(server.path()) / "decision-policy.toml").string();
    server.write("decision-policy.toml", "[[rules]]\nname = \"x\"\npaths = 3\n");
    install_hook({"--policy", policy});
    auto out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote: git-decision: the server policy " + policy +
                                      " is invalid; push rejected:\nremote:   " + policy + ":3:"))
        << out.err;
    EXPECT_EQ(server_ref("main"), "");
}

TEST_F(PreReceiveTest, MissingServerPolicyFileRejects) {
    install_hook({"--policy", "/nonexistent/decision-policy.toml"});
    auto out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "remote: git-decision pre-receive: error: cannot read the "
                                  "server policy: "))
        << out.err;
    EXPECT_EQ(server_ref("main"), "");
}

// (i)
TEST_F(PreReceiveTest, GitLabSeesEveryRejectionLinePrefixed) {
    push_main();
    commit("models/x.onnx", "Sneak a model in");
    test::RunOptions gitlab;
    gitlab.env["GL_ID"] = "user-1";
    auto out = push({"origin", "main"}, gitlab);
    EXPECT_NE(out.exit_code, 0);
    std::istringstream lines(out.err);
    std::string line;
    int prefixed = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("remote: ", 0) != 0)
            continue; // git's own lines
        EXPECT_EQ(line.rfind("remote: GL-HOOK-ERR: ", 0), 0u) << line;
        ++prefixed;
    }
    EXPECT_GE(prefixed, 3) << out.err;
    EXPECT_TRUE(contains(out.err, "remote: GL-HOOK-ERR:     models/x.onnx  (rule 'models')\n"))
        << out.err;
}

TEST_F(PreReceiveTest, SkipVariableDoesNotSkipTheServerHook) {
    push_main();
    commit("models/x.onnx", "Sneak a model in");
    test::RunOptions skip;
    skip.env["GIT_DECISION_SKIP"] = "1";
    auto out = push({"origin", "main"}, skip);
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "push rejected")) << out.err;
}

// (j)
TEST_F(PreReceiveTest, OnlyEnforcedRefsAreChecked) {
    repo.write("decisions/policy.toml",
               repo.read("decisions/policy.toml") +
                   "\n[enforce]\nrefs = [\"refs/heads/main\", \"refs/heads/release/*\"]\n");
    repo.git({"add", "-A"});
    // In the commit that adds the policy: a later change to it would need an approval.
    repo.git({"commit", "-q", "--amend", "--no-edit"});
    push_main();
    std::string bad = commit("models/x.onnx", "Sneak a model in");
    // wip/* is not enforced: accepted, and no commit is checked.
    auto out = push({"origin", "HEAD:refs/heads/wip/x"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(server_ref("wip/x"), bad + "\n");
    // `*` spans '/': release/1.0 and release/2/rc1 are both enforced.
    for (const char* ref : {"refs/heads/release/1.0", "refs/heads/release/2/rc1"}) {
        out = push({"origin", std::string("HEAD:") + ref});
        EXPECT_NE(out.exit_code, 0) << ref;
        EXPECT_TRUE(contains(out.err, bad.substr(0, 12) + " Sneak a model in (" + ref + ")"))
            << out.err;
    }
    // A commit already on the server, but only on an unenforced ref, is still checked
    // when it reaches an enforced one.
    out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, bad.substr(0, 12) + " Sneak a model in (refs/heads/main)"))
        << out.err;
}

TEST_F(PreReceiveTest, TagsAreCheckedOnlyWhenEnforced) {
    push_main();
    std::string bad = commit("models/x.onnx", "Sneak a model in");
    repo.git({"tag", "-a", "-m", "Release", "v1", bad});
    auto out = push({"origin", "v1"});
    EXPECT_EQ(out.exit_code, 0) << out.err;

    repo.git({"reset", "-q", "--hard", "HEAD~1"});
    repo.write("decisions/policy.toml",
               repo.read("decisions/policy.toml") +
                   "\n[enforce]\nrefs = [\"refs/heads/*\", \"refs/tags/*\"]\n");
    // A change to the policy is governed: DEC-0002 covers it, approved by the ml-lead.
    repo.write("decisions/DEC-0002-enforce-tags.toml",
               replace(replace(k_record, "DEC-0001", "DEC-0002"), "\"models/**\"",
                       "\"decisions/policy.toml\""));
    repo.git({"add", "-A"});
    repo.git({"commit", "-q", "-m",
              "Enforce tags\n\nDecision: DEC-0002\nApproved-by: A U Thor <author@example.com>\n"},
             as_author());
    ASSERT_EQ(push({"origin", "main"}).exit_code, 0);
    std::string bad2 = commit("models/y.onnx", "Another model");
    repo.git({"tag", "-a", "-m", "Release", "v2", bad2});
    out = push({"origin", "v2"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, bad2.substr(0, 12) + " Another model (refs/tags/v2)")) << out.err;
    EXPECT_EQ(server_ref("refs/tags/v2"), "");
}

TEST_F(PreReceiveTest, ACommitPushedToTwoRefsIsReportedOnce) {
    push_main();
    commit("models/x.onnx", "Sneak a model in");
    auto out = push({"origin", "main", "main:side"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "1 of 1 pushed commits")) << out.err;
    EXPECT_EQ(server_ref("side"), "");
}

TEST_F(PreReceiveTest, LinkAfterTheFactCountsOnceItsNotesArePushed) {
    push_main();
    // Approvals count in the history of the commit checked, so this one comes first.
    auto approved = repo.decision({"approve", "DEC-0001"}, as_author());
    ASSERT_EQ(approved.exit_code, 0) << approved.err;
    std::string bad = commit("models/x.onnx", "Sneak a model in");
    auto linked = repo.decision({"link", bad, "DEC-0001"});
    ASSERT_EQ(linked.exit_code, 0) << linked.err;
    // In the same push the note is not visible yet.
    auto out = push({"origin", "main", "refs/notes/decisions"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, bad.substr(0, 12) + " Sneak a model in")) << out.err;
    out = push({"origin", "refs/notes/decisions"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    out = push({"origin", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

// (k)
TEST_F(PreReceiveTest, EscapeCharactersNeverReachTheTerminal) {
    push_main();
    commit("models/x.onnx", "Sneak \x1b]0;owned\x07\x1b[2J in\n\nDecision: DEC-\x1b[31m0001\n");
    auto out = push({"origin", "main"});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_FALSE(contains(out.err, "\x1b")) << out.err;
    EXPECT_FALSE(contains(out.err, "\x07")) << out.err;
    EXPECT_TRUE(contains(out.err, " Sneak \\x1B]0;owned\\x07\\x1B[2J in (refs/heads/main)\n"))
        << out.err;
}

} // namespace

// The hook binary fed directly, for input git itself would only send on other setups.
class PreReceiveInputTest : public PreReceiveTest {
protected:
    test::Output hook(const std::string& input, std::vector<std::string> args = {}) const {
        args.insert(args.begin(), test::hook_binary("pre-receive"));
        test::RunOptions o;
        o.input = input;
        return test::run(args, server.options(o));
    }
};

TEST_F(PreReceiveInputTest, DeletionWithSha256ZeroIdChecksNothing) {
    push_main();
    std::string zero(64, '0');
    auto out = hook(std::string(64, 'a') + " " + zero + " refs/heads/main\n");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.err, "");
}

TEST_F(PreReceiveInputTest, MalformedInputFailsClosed) {
    push_main();
    auto out = hook("not a pre-receive line\n");
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.err, "git-decision pre-receive: error: cannot read the input line "
                       "'not a pre-receive line'; expected '<old> <new> <ref>'\n");
}

TEST_F(PreReceiveInputTest, UnknownArgumentIsAUsageError) {
    auto out = hook("", {"--polcy", "x"});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_EQ(out.err, "git-decision pre-receive: error: usage: pre-receive [--policy FILE] "
                       "[--allow-no-policy]\n");
}

} // namespace t_integration_pre_receive_test
