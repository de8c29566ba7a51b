// The gate fails closed and does not crash (issue 10, items 8-10): unreadable objects are
// errors, caches cannot decide, and hostile records cannot take a hook or the CLI down.
// Every test drives the built binaries and the real git.

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
namespace t_integration_fail_closed_test {

namespace fs = std::filesystem;

namespace {

using test::contains;
using test::replace;

// 60,000 dotted key parts (120 KB): toml++ overflowed its stack on it.
std::string deep_record() {
    std::string key = "x";
    for (int i = 1; i < 60'000; ++i)
        key += ".x";
    return key + " = 1\n";
}

class FailClosed : public ::testing::Test {
protected:
    // `git decision init`, a role for the author, DEC-0001 (accepted, scope models/**), the
    // hooks installed, the records committed.
    void SetUp() override {
        ASSERT_EQ(decision({"init"}).exit_code, 0);
        repo.write("decisions/policy.toml",
                   replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                           "ml-lead = [\"author@example.com\"]"));
        repo.write(test::k_ship_gbt_path, test::ship_gbt_record());
        base = repo.commit_all("Add DEC-0001 and the policy");
        ASSERT_EQ(decision({"install"}).exit_code, 0);
    }

    // The environment with git-decision on PATH, so `git decision` works.
    test::RunOptions env(test::RunOptions extra = {}) const {
        std::string dir = fs::path(test::git_decision_binary()).parent_path().string();
        const char* path = std::getenv("PATH");
        extra.env["PATH"] = dir + ":" + (path ? path : "/usr/bin:/bin");
        extra.env["GIT_DECISION_TODAY"] = "2026-11-28";
        return extra;
    }

    test::Output decision(const std::vector<std::string>& args) const {
        std::vector<std::string> argv{"decision"};
        argv.insert(argv.end(), args.begin(), args.end());
        return repo.git(argv, env(), true);
    }

    test::Output commit(const std::string& message, bool verify = true) const {
        std::vector<std::string> args{"commit", "-q", "-m", message};
        if (!verify)
            args.push_back("--no-verify");
        return repo.git(args, env(), true);
    }

    // Deletes the loose object `rev` names (what a damaged or partial clone lacks).
    void remove_object(const std::string& rev) const {
        std::string id = repo.git({"rev-parse", rev}).out.substr(0, 40);
        fs::path file = fs::path(repo.path()) / ".git/objects" / id.substr(0, 2) / id.substr(2);
        ASSERT_TRUE(fs::remove(file)) << file;
    }

    test::TempRepo repo;
    std::string base;
};

} // namespace

// A missing tree object once made check --range print "0 errors": the changed-path walk
// dropped subtrees it could not read.
TEST_F(FailClosed, AMissingTreeObjectIsAnErrorNotNothingChanged) {
    repo.write("models/fraud/model.onnx", "weights\n");
    repo.git({"add", "-A"});
    ASSERT_EQ(commit("Retrain without a decision", false).exit_code, 0);
    std::string tree = repo.git({"rev-parse", "HEAD:models"}).out.substr(0, 40);
    remove_object("HEAD:models");
    for (std::vector<std::string> extra : {std::vector<std::string>{}, {"--no-cache"}}) {
        std::vector<std::string> args{"check", "--range", base + "..HEAD"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto out = decision(args);
        EXPECT_EQ(out.exit_code, 128) << out.out << out.err;
        EXPECT_TRUE(
            contains(out.err, "git-decision: error: cannot read the tree 'models' (" + tree + ")"))
            << out.err;
    }
}

// A missing folder on the way to the policy once read as "no policy here": nothing enforced.
TEST_F(FailClosed, AMissingPolicyFolderIsAnErrorNotNoPolicy) {
    repo.write("decisions/notes.md", "a note\n"); // a new decisions/ tree
    repo.write("models/fraud/model.onnx", "weights\n");
    repo.git({"add", "-A"});
    ASSERT_EQ(commit("Retrain without a decision", false).exit_code, 0);
    remove_object("HEAD:decisions");
    auto out = decision({"check", "--range", base + "..HEAD"});
    EXPECT_EQ(out.exit_code, 128) << out.out << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision: error: cannot read the tree 'decisions' ("))
        << out.err;
}

// A hand-written hook cache entry with the right policy blob id but a policy that governs
// nothing once let all three commit hooks pass an unlinked model change.
TEST_F(FailClosed, AForgedHookCacheEntryDoesNotDecide) {
    repo.write("README.md", "readme\n");
    repo.git({"add", "README.md"});
    ASSERT_EQ(commit("Readme").exit_code, 0); // the full hooks write the new tree's entry
    ASSERT_TRUE(repo.exists(".git/decision-cache/hook/tree-" +
                            repo.git({"rev-parse", "HEAD^{tree}"}).out.substr(0, 40)));
    // Every entry (HEAD's tree among them) keeps its policy blob id and gets a policy text
    // that governs nothing.
    const std::string nothing = "[records]\ndir = \"decisions\"\n";
    for (const auto& e :
         fs::directory_iterator(fs::path(repo.path()) / ".git/decision-cache/hook")) {
        std::string name = ".git/decision-cache/hook/" + e.path().filename().string();
        std::string text = repo.read(name);
        auto at = text.find("policy-text ");
        ASSERT_NE(at, std::string::npos) << text;
        repo.write(name, text.substr(0, at) + "policy-text " + std::to_string(nothing.size()) +
                             "\n" + nothing);
    }
    repo.write("models/x.onnx", "weights\n");
    repo.git({"add", "models/x.onnx"});
    test::RunOptions trace = env();
    trace.env["GIT_DECISION_TRACE"] = "1";
    auto out = repo.git({"commit", "-q", "-m", "Retrain"}, trace, true);
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "the policy text is not the blob ")) << out.err;
    EXPECT_TRUE(contains(out.err, "  models/x.onnx  (rule 'models')\n")) << out.err;
}

// A record nested 60,000 levels deep once killed list, check, show, the commit hooks, guard
// and (once on main) every push with SIGSEGV.
TEST_F(FailClosed, ADeeplyNestedRecordIsAnErrorNotACrash) {
    const std::string path = "decisions/DEC-0002-deep.toml";
    const std::string error =
        path + ":1:1: error: too deeply nested (more than 64 levels of tables, arrays or "
               "dotted keys)";
    repo.write(path, deep_record());
    repo.git({"add", path});
    auto hooked = commit("A deep record");
    EXPECT_EQ(hooked.exit_code, 1) << hooked.err; // pre-commit validates staged records
    EXPECT_TRUE(contains(hooked.err, error)) << hooked.err;
    ASSERT_EQ(commit("A deep record", false).exit_code, 0);

    auto checked = decision({"check"});
    EXPECT_EQ(checked.exit_code, 1) << checked.err;
    EXPECT_TRUE(contains(checked.out, error)) << checked.out;
    for (std::vector<std::string> args : {std::vector<std::string>{"list"},
                                          {"show", "DEC-0001"},
                                          {"list", "--format", "json"},
                                          {"check", "--range", base + "..HEAD"},
                                          {"review"}}) {
        auto out = decision(args);
        EXPECT_LT(out.exit_code, 2) << args[0] << ": " << out.err;
    }
    repo.write("metrics.json", "{\"recall\": 0.9}\n");
    auto guarded = decision({"guard", "--metrics", "metrics.json"});
    EXPECT_LT(guarded.exit_code, 2) << guarded.err;

    // The server hook, with the record on the pushed branch.
    test::TempRepo server(test::TempRepo::Kind::Bare);
    repo.git({"push", "-q", server.path(), "HEAD:refs/heads/main"});
    repo.write("models/x.onnx", "weights\n");
    repo.git({"add", "models/x.onnx"});
    ASSERT_EQ(
        commit("Retrain\n\nDecision: DEC-0001\n" + std::string(test::k_author_approval), false)
            .exit_code,
        0);
    repo.git({"push", "-q", server.path(), "HEAD:refs/heads/topic"});
    test::RunOptions o = server.options();
    o.cwd = server.path();
    o.input = std::string(40, '0') + " " + repo.head() + " refs/heads/main\n";
    auto received = test::run({test::hook_binary("pre-receive")}, o);
    EXPECT_LT(received.exit_code, 2) << received.err;
}

// A tag of a tree or a blob adds no commits: pre-receive once failed on it with exit 128.
TEST_F(FailClosed, ATagOfATreeOrBlobPushesNoCommits) {
    test::TempRepo server(test::TempRepo::Kind::Bare);
    std::string policy = fs::path(server.path()).parent_path().string() + "/server-policy.toml";
    std::ofstream(policy) << repo.read("decisions/policy.toml")
                          << "\n[enforce]\nrefs = [\"refs/heads/*\", \"refs/tags/*\"]\n";
    std::string script =
        "#!/bin/sh\nexec '" + test::hook_binary("pre-receive") + "' --policy '" + policy + "'\n";
    server.write("hooks/pre-receive", script);
    fs::permissions(fs::path(server.path()) / "hooks/pre-receive", fs::perms::owner_all);
    ASSERT_EQ(
        repo.git({"push", "-q", server.path(), "HEAD:refs/heads/main"}, env(), true).exit_code, 0);
    repo.git({"tag", "tree-tag", "HEAD^{tree}"});
    repo.git({"tag", "-a", "-m", "the policy blob", "blob-tag", "HEAD:decisions/policy.toml"});
    auto pushed =
        repo.git({"push", server.path(), "refs/tags/tree-tag", "refs/tags/blob-tag"}, env(), true);
    EXPECT_EQ(pushed.exit_code, 0) << pushed.err;
    // pre-push (installed locally) too.
    auto local =
        repo.git({"push", server.path(), "refs/tags/tree-tag:refs/tags/tree-tag-2"}, env(), true);
    EXPECT_EQ(local.exit_code, 0) << local.err;
}

// A submodule (gitlink) at dvc.lock once failed every governed commit with an ODB type
// error: it holds no lock file, so there is no pipeline to compare.
TEST_F(FailClosed, AGitlinkAtDvcLockIsNoLock) {
    repo.git({"update-index", "--add", "--cacheinfo", "160000," + base + ",dvc.lock"});
    ASSERT_EQ(commit("A submodule at dvc.lock", false).exit_code, 0);
    repo.write("models/x.onnx", "weights\n");
    repo.git({"add", "models/x.onnx"});
    test::RunOptions as_author = env();
    as_author.env["GIT_COMMITTER_NAME"] = "A U Thor";
    as_author.env["GIT_COMMITTER_EMAIL"] = "author@example.com";
    auto out = repo.git({"commit", "-q", "-m",
                         "Retrain\n\nDecision: DEC-0001\n" + std::string(test::k_author_approval)},
                        as_author, true);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    auto range = decision({"check", "--range", base + "..HEAD"});
    EXPECT_FALSE(contains(range.err, "error")) << range.err;
}

} // namespace t_integration_fail_closed_test
