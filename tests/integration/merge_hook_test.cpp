// commit-msg on merges: [merges] mode decides whether a merge is checked for what it
// introduces itself (introduced, the default: its branch's commits are checked on their own)
// or against its first parent like a squash (first-parent). docs/workflows.md.

#include "support/temp_repo.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_merge_hook_test {

namespace {

const char* k_policy = R"([[rules]]
name = "models"
paths = ["models/**"]
[roles]
ml-lead = ["author@example.com"]
)";

// A repository whose side branch adds a governed file without a decision (--no-verify),
// with the hooks installed on main.
void prepare(const test::TempRepo& repo, const std::string& extra_policy) {
    repo.write("decisions/policy.toml", std::string(k_policy) + extra_policy);
    repo.write("README.md", "readme\n");
    repo.commit_all("Start");
    repo.git({"checkout", "-q", "-b", "side"});
    repo.write("models/x.onnx", "weights\n");
    repo.commit_all("Add a model without a decision");
    repo.git({"checkout", "-q", "main"});
    repo.write("NOTES.md", "notes\n");
    repo.commit_all("Diverge");
    ASSERT_EQ(repo.decision({"install", "--hooks", "commit-msg"}).exit_code, 0);
}

} // namespace

TEST(MergeHook, FirstParentModeChecksTheMerge) {
    test::TempRepo repo;
    prepare(repo, "[merges]\nmode = \"first-parent\"\n");
    auto merged = repo.git({"merge", "--no-ff", "-q", "-m", "Merge side", "side"}, {}, true);
    EXPECT_EQ(merged.exit_code, 1);
    EXPECT_NE(merged.err.find(
                  "  models/x.onnx  (rule 'models')\n    - no decision is linked to this change\n"),
              std::string::npos)
        << merged.err;
}

// The merge itself brings nothing: the side branch's commit is checked on its own (pre-push,
// CI, pre-receive), not again in every merge of it.
TEST(MergeHook, DefaultModeChecksOnlyWhatTheMergeIntroduces) {
    test::TempRepo repo;
    prepare(repo, "");
    auto merged = repo.git({"merge", "--no-ff", "-q", "-m", "Merge side", "side"}, {}, true);
    EXPECT_EQ(merged.exit_code, 0) << merged.err;
    EXPECT_EQ(merged.err, "");
}

} // namespace t_integration_merge_hook_test
