// Staleness through the pipeline (GitHub issue 6) as git runs it: a commit that changes a
// dvc.lock stage's dep hashes or params names the decisions covering the stage's outputs,
// in the commit-msg hook (warn keeps the commit, fail rejects it) and in pre-push.

#include "support/governed.hpp"
#include "support/strings.hpp"
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_pipeline_test {

namespace fs = std::filesystem;

namespace {

// Its scope covers the policy too: the tests change the policy, a governed change.
const std::string k_record =
    test::ship_gbt_record(R"("models/**", "dvc.lock", "pipelines/**", "decisions/policy.toml")");

const char* k_record_path = test::k_ship_gbt_path;
const std::string k_linked = "\n\nDecision: DEC-0001\nApproved-by: A U Thor <author@example.com>\n";
const std::string k_warning =
    "git-decision: warning: DEC-0001 needs re-evaluation: dvc.lock stage 'train' changed (deps: "
    "data/train.csv; params: params.yaml:lr 0.1 -> 0.05); it covers models/fraud.pkl\n";
const std::string k_fix = "fix: re-evaluate DEC-0001 (git decision edit DEC-0001), then approve "
                          "again\n";

using test::contains;
using test::replace;

std::string lock_fixture(const std::string& name) {
    return test::source_path("tests/fixtures/pipeline/" + name);
}

class PipelineHookTest : public ::testing::Test {
protected:
    // `git decision init`, a role for the author, DEC-0001 (accepted, scope models/** and
    // dvc.lock), the hooks installed, then the "before" dvc.lock committed, linked and
    // approved.
    void SetUp() override {
        ASSERT_EQ(run_decision({"init"}).exit_code, 0);
        repo.write("decisions/policy.toml",
                   replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                           "ml-lead = [\"author@example.com\"]"));
        auto made = run_decision({"new", "-c", "MODEL SELECTION", "-t", "Ship GBT", "--no-edit"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        repo.write(k_record_path, k_record);
        auto installed = run_decision({"install"});
        ASSERT_EQ(installed.exit_code, 0) << installed.err;
        repo.commit_all("Add DEC-0001 and the policy");
        auto first = commit_lock("dvc.lock.before", "Add the pipeline" + k_linked);
        ASSERT_EQ(first.exit_code, 0) << first.err;
    }

    void set_review(const std::string& line) {
        repo.write("decisions/policy.toml",
                   replace(repo.read("decisions/policy.toml"), "overdue = \"warn\"",
                           "overdue = \"warn\"\n" + line));
        repo.git({"add", "decisions/policy.toml"});
        repo.git({"commit", "-q", "-m", "Policy: " + line + k_linked}, env());
    }

    test::RunOptions env(test::RunOptions extra = {}) const {
        std::string dir = fs::path(test::git_decision_binary()).parent_path().string();
        const char* path = std::getenv("PATH");
        extra.env["PATH"] = dir + ":" + (path ? path : "/usr/bin:/bin");
        return extra;
    }

    test::Output run_decision(const std::vector<std::string>& args) const {
        std::vector<std::string> argv{"decision"};
        argv.insert(argv.end(), args.begin(), args.end());
        return repo.git(argv, env(), true);
    }

    // Stages the fixture (or `content`) as `path` and commits with the real hooks.
    test::Output commit_text(const std::string& path, const std::string& content,
                             const std::string& message, bool verify = true) const {
        repo.write(path, content);
        repo.git({"add", path});
        std::vector<std::string> args{"commit", "-q", "-m", message};
        if (!verify)
            args.push_back("--no-verify");
        return repo.git(args, env(), true);
    }
    test::Output commit_lock(const std::string& fixture, const std::string& message,
                             bool verify = true) const {
        return commit_text("dvc.lock", read_fixture(fixture), message, verify);
    }
    std::string read_fixture(const std::string& name) const {
        std::ifstream in(lock_fixture(name), std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    std::string count() const { return repo.git({"rev-list", "--count", "HEAD"}).out; }

    test::TempRepo repo;
};

} // namespace

TEST_F(PipelineHookTest, DepHashChangeWarnsAndKeepsTheCommit) {
    std::string before = count();
    auto out = commit_lock("dvc.lock.after", "Retrain on new data" + k_linked);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, k_warning)) << out.err;
    EXPECT_NE(count(), before);
}

TEST_F(PipelineHookTest, UngovernedLockStillWarns) {
    // A policy that does not govern dvc.lock: the commit needs no decision, and still warns.
    repo.write("decisions/policy.toml",
               replace(repo.read("decisions/policy.toml"),
                       R"(paths = ["models/**", "**/*.onnx", "**/*.dvc", "dvc.lock"])",
                       R"(paths = ["models/**"])"));
    repo.git({"add", "decisions/policy.toml"});
    repo.git({"commit", "-q", "-m", "Stop governing dvc.lock" + k_linked}, env());
    auto out = commit_lock("dvc.lock.after", "Retrain on new data");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, k_warning)) << out.err;
}

TEST_F(PipelineHookTest, UnchangedInputsDoNotWarn) {
    std::string text = replace(read_fixture("dvc.lock.before"), "cmd: python src/train.py",
                               "cmd: python src/train.py --verbose");
    auto out = commit_text("dvc.lock", text, "Verbose training" + k_linked);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_FALSE(contains(out.err, "needs re-evaluation")) << out.err;
}

TEST_F(PipelineHookTest, FailModeRejectsWithTheFix) {
    set_review("pipeline_staleness = \"fail\"");
    std::string before = count();
    auto out = commit_lock("dvc.lock.after", "Retrain on new data" + k_linked);
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, "  dvc.lock  (rule 'review.pipeline_staleness')\n"
                                  "    - DEC-0001 needs re-evaluation: dvc.lock stage 'train' "
                                  "changed (deps: data/train.csv; params: params.yaml:lr 0.1 -> "
                                  "0.05); it covers models/fraud.pkl\n    " +
                                      k_fix))
        << out.err;
    EXPECT_TRUE(contains(out.err, "Your commit message is saved in")) << out.err;
    EXPECT_EQ(count(), before);
}

TEST_F(PipelineHookTest, OffModeIsSilent) {
    set_review("pipeline_staleness = \"off\"");
    auto out = commit_lock("dvc.lock.after", "Retrain on new data" + k_linked);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_FALSE(contains(out.err, "needs re-evaluation")) << out.err;
}

TEST_F(PipelineHookTest, MalformedLockWarnsAndKeepsTheCommit) {
    auto out = commit_text("dvc.lock", "schema: '2.0'\nstages:\n  train:\n    deps: [a, b\n",
                           "Break the lock" + k_linked);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision: warning: pipeline staleness not checked: "
                                  "dvc.lock:5:1: end of sequence flow not found (in the new "
                                  "version; not valid YAML)\n"))
        << out.err;
}

TEST_F(PipelineHookTest, NestedLockPathsAreRelativeToItsFolder) {
    // Nested lock files are found where a rule governs them.
    repo.write("decisions/policy.toml",
               replace(repo.read("decisions/policy.toml"), R"("**/*.dvc", "dvc.lock"])",
                       R"("**/*.dvc", "dvc.lock", "**/dvc.lock"])"));
    repo.git({"add", "decisions/policy.toml"});
    repo.git({"commit", "-q", "-m", "Govern nested lock files" + k_linked}, env());
    const std::string lock = "pipelines/fraud/dvc.lock";
    auto first = commit_text(lock, read_fixture("dvc.lock.before"), "Nested" + k_linked);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    auto out = commit_text(lock, read_fixture("dvc.lock.after"), "Retrain nested" + k_linked);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(contains(out.err, "git-decision: warning: DEC-0001 needs re-evaluation: "
                                  "pipelines/fraud/dvc.lock stage 'train' changed (deps: "
                                  "pipelines/fraud/data/train.csv; params: "
                                  "pipelines/fraud/params.yaml:lr 0.1 -> 0.05); it covers "
                                  "pipelines/fraud/models/fraud.pkl\n"))
        << out.err;
}

TEST_F(PipelineHookTest, PrePushFailModeRejectsWithTheFix) {
    set_review("pipeline_staleness = \"fail\"");
    test::TempRepo remote(test::TempRepo::Kind::Bare);
    repo.git({"remote", "add", "origin", remote.path()});
    ASSERT_EQ(repo.git({"push", "-q", "origin", "main"}, env(), true).exit_code, 0);
    ASSERT_EQ(commit_lock("dvc.lock.after", "Retrain" + k_linked, false).exit_code, 0);
    auto out = repo.git({"push", "-q", "origin", "main"}, env(), true);
    EXPECT_NE(out.exit_code, 0);
    EXPECT_TRUE(contains(out.err, "    dvc.lock  (rule 'review.pipeline_staleness')\n")) << out.err;
    EXPECT_TRUE(contains(out.err, "      " + k_fix)) << out.err;
    EXPECT_TRUE(contains(out.err, "push rejected")) << out.err;
}

} // namespace t_integration_pipeline_test
