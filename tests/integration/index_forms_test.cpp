// The commit hooks handle every index git writes: a split index (core.splitIndex), a sparse
// index (sparse-checkout --sparse-index), intent-to-add entries (git add -N), and paths
// that differ in case where core.ignorecase says they are one. libgit2 1.5 refuses the first
// two ("unsupported mandatory extension"), which once made every commit fail.

#include "support/governed.hpp"
#include "support/strings.hpp"
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_index_forms_test {

namespace fs = std::filesystem;

namespace {

using test::contains;
using test::replace;

const std::string k_covered =
    std::string("Retrain\n\nDecision: DEC-0001\n") + test::k_author_approval + "\n";

class IndexForms : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(decision({"init"}).exit_code, 0);
        repo.write("decisions/policy.toml",
                   replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                           "ml-lead = [\"author@example.com\"]"));
        repo.write(test::k_ship_gbt_path, test::ship_gbt_record());
        repo.write("other/notes.txt", "notes\n");
        repo.write("models/keep.onnx", "weights\n");
        base = repo.commit_all("Add DEC-0001 and the policy");
        ASSERT_EQ(decision({"install"}).exit_code, 0);
    }

    test::RunOptions env(test::RunOptions extra = {}) const {
        std::string dir = fs::path(test::git_decision_binary()).parent_path().string();
        const char* path = std::getenv("PATH");
        extra.env["PATH"] = dir + ":" + (path ? path : "/usr/bin:/bin");
        extra.env["GIT_COMMITTER_NAME"] = "A U Thor";
        extra.env["GIT_COMMITTER_EMAIL"] = "author@example.com";
        return extra;
    }

    test::Output decision(const std::vector<std::string>& args) const {
        std::vector<std::string> argv{"decision"};
        argv.insert(argv.end(), args.begin(), args.end());
        return repo.git(argv, env(), true);
    }

    // Writes and stages `path`, then commits with the real hooks.
    test::Output commit(const std::string& path, const std::string& message) {
        repo.write(path, "content " + std::to_string(++m_counter) + "\n");
        repo.git({"add", path});
        return repo.git({"commit", "-q", "-m", message}, env(), true);
    }

    // The hooks ran the full check and judged the change, whatever the index looked like.
    void expect_judged() {
        auto plain = commit("README.md", "Readme");
        EXPECT_EQ(plain.exit_code, 0) << plain.err;
        EXPECT_EQ(plain.err, "");
        auto uncovered = commit("models/x.onnx", "Retrain");
        EXPECT_EQ(uncovered.exit_code, 1) << uncovered.err;
        EXPECT_TRUE(contains(uncovered.err, "  models/x.onnx  (rule 'models')\n")) << uncovered.err;
        EXPECT_FALSE(contains(uncovered.err, "extension")) << uncovered.err;
        auto covered = repo.git({"commit", "-q", "-m", k_covered}, env(), true);
        EXPECT_EQ(covered.exit_code, 0) << covered.err;
    }

    test::TempRepo repo;
    std::string base;
    int m_counter = 0;
};

} // namespace

TEST_F(IndexForms, SplitIndex) {
    repo.git({"config", "core.splitIndex", "true"});
    repo.git({"update-index", "--split-index"});
    ASSERT_FALSE(repo.git({"rev-parse", "--shared-index-path"}).out.empty());
    expect_judged();
}

TEST_F(IndexForms, SparseIndex) {
    repo.git({"sparse-checkout", "init", "--cone", "--sparse-index"});
    repo.git({"sparse-checkout", "set", "models", "decisions"});
    ASSERT_FALSE(repo.exists("other/notes.txt")); // outside the cone: a sparse directory entry
    expect_judged();
}

TEST_F(IndexForms, IntentToAddPathsDoNotBlockAnUnrelatedCommit) {
    repo.write("models/wip.onnx", "not yet\n");
    repo.write("decisions/DEC-0002-wip.toml", "id = \"DEC-0002\"\n");
    repo.git({"add", "-N", "models/wip.onnx", "decisions/DEC-0002-wip.toml"});
    auto plain = commit("README.md", "Readme");
    EXPECT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(plain.err, "");
    // The intent-to-add paths were not committed, and governed ones still are checked.
    EXPECT_EQ(repo.git({"show", "--name-only", "--format=", "HEAD"}).out, "README.md\n");
    auto uncovered = commit("models/x.onnx", "Retrain");
    EXPECT_EQ(uncovered.exit_code, 1) << uncovered.err;
    EXPECT_TRUE(contains(uncovered.err, "  models/x.onnx  (rule 'models')\n")) << uncovered.err;
    EXPECT_FALSE(contains(uncovered.err, "wip")) << uncovered.err;
}

// git's own .gitignore matching lets "models/**" match Models/a.bin under core.ignorecase;
// the policy does the same, in the hooks and in check --range.
TEST_F(IndexForms, IgnoreCaseGovernsEitherCase) {
    // With models/ in the index git would file Models/a.bin under it; start without.
    repo.git({"rm", "-q", "models/keep.onnx"});
    ASSERT_EQ(repo.git({"commit", "-q", "--no-verify", "-m", "No models"}).exit_code, 0);
    repo.git({"config", "core.ignorecase", "true"});
    auto uncovered = commit("Models/a.bin", "Retrain");
    EXPECT_EQ(uncovered.exit_code, 1) << uncovered.err;
    EXPECT_TRUE(contains(uncovered.err, "  Models/a.bin  (rule 'models')\n")) << uncovered.err;
    auto covered = repo.git({"commit", "-q", "-m", k_covered}, env(), true);
    EXPECT_EQ(covered.exit_code, 0) << covered.err; // DEC-0001's scope covers it too
    repo.write("Models/b.bin", "weights\n");
    repo.git({"add", "Models/b.bin"});
    ASSERT_EQ(repo.git({"commit", "-q", "--no-verify", "-m", "Sneak"}, env(), true).exit_code, 0);
    test::RunOptions o = env();
    o.env["GIT_DECISION_TODAY"] = "2026-11-28";
    auto range = repo.git({"decision", "check", "--range", base + "..HEAD"}, o, true);
    EXPECT_EQ(range.exit_code, 1) << range.out;
    EXPECT_TRUE(contains(range.out, "  Models/b.bin  (rule 'models'): not covered\n")) << range.out;
}

} // namespace t_integration_index_forms_test
