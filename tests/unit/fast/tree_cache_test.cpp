#include "decision/fast/tree_cache.hpp"
#include "decision/util/digest.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_fast_tree_cache_test {

namespace {

using decision::fast::TreeFile;
using decision::fast::TreeSummary;

TreeSummary sample() {
    TreeSummary s;
    s.policy_text = "[[rules]]\nname = \"models\"\n"; // newlines inside are fine
    s.policy_blob = decision::util::git_blob_id(s.policy_text);
    s.records_dir = "decisions";
    s.records_tree = std::string(40, 'b');
    s.dvc_lock = TreeFile{"dvc.lock", 0100644, std::string(40, 'c')};
    s.governed = {TreeFile{"models/a b.onnx", 0100755, std::string(40, 'd')},
                  TreeFile{"models/link", 0120000, std::string(40, 'e')}};
    return s;
}

TEST(TreeCache, RoundTrips) {
    auto text = decision::fast::serialize(sample(), "tree-x");
    ASSERT_TRUE(text.has_value());
    auto back = decision::fast::parse_summary(*text, "tree-x");
    ASSERT_TRUE(back.has_value()) << back.error().message;
    EXPECT_EQ(back->policy_blob, sample().policy_blob);
    EXPECT_EQ(back->policy_text, sample().policy_text);
    EXPECT_EQ(back->records_dir, "decisions");
    EXPECT_EQ(back->records_tree, sample().records_tree);
    ASSERT_TRUE(back->dvc_lock);
    EXPECT_EQ(back->dvc_lock->oid, std::string(40, 'c'));
    ASSERT_EQ(back->governed.size(), 2u);
    EXPECT_EQ(back->governed[0].path, "models/a b.onnx");
    EXPECT_EQ(back->governed[0].mode, 0100755u);
    EXPECT_EQ(back->governed[1].mode, 0120000u);
}

TEST(TreeCache, NoPolicyRoundTrips) {
    auto text = decision::fast::serialize(TreeSummary{}, "commit-y");
    ASSERT_TRUE(text.has_value());
    auto back = decision::fast::parse_summary(*text, "commit-y");
    ASSERT_TRUE(back.has_value()) << back.error().message;
    EXPECT_EQ(back->policy_blob, "");
    EXPECT_TRUE(back->governed.empty());
}

TEST(TreeCache, DamagedEntriesAreErrors) {
    std::string text = *decision::fast::serialize(sample(), "tree-x");
    EXPECT_EQ(decision::fast::parse_summary(text, "tree-z").error().message,
              "the hook cache entry is damaged: it is filed under another key");
    EXPECT_EQ(
        decision::fast::parse_summary(text.substr(0, text.size() - 1), "tree-x").error().message,
        "the hook cache entry is damaged: the policy text has the wrong size");
    EXPECT_EQ(decision::fast::parse_summary("garbage", "tree-x").error().message,
              "the hook cache entry is damaged: unknown format");
    for (std::size_t n = 0; n < text.size(); ++n)
        (void)decision::fast::parse_summary(text.substr(0, n), "tree-x");
}

TEST(TreeCache, PolicyTextMustBeTheBlobItNames) {
    // The right blob id with another policy's text: the entry must not be believed.
    TreeSummary s = sample();
    s.policy_text = "[[rules]]\nname = \"nothing\"\npaths = []\n";
    auto text = decision::fast::serialize(s, "commit-x");
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(decision::fast::parse_summary(*text, "commit-x").error().message,
              "the hook cache entry is damaged: the policy text is not the blob " + s.policy_blob);
}

TEST(TreeCache, PathsWithNewlinesAreNotCached) {
    TreeSummary s = sample();
    s.governed.push_back(TreeFile{"models/two\nlines", 0100644, std::string(40, 'f')});
    EXPECT_FALSE(decision::fast::serialize(s, "tree-x").has_value());
}

} // namespace

namespace {

TEST(TreeCache, StoreKeepsOnlyRecentEntries) {
    namespace fs = std::filesystem;
    fs::path common = fs::path(::testing::TempDir()) / "tree-cache-prune";
    fs::remove_all(common);
    for (int i = 0; i < 270; ++i) {
        char key[32];
        std::snprintf(key, sizeof key, "tree-%04d", i);
        ASSERT_TRUE(decision::fast::store_summary(common, key, sample()).has_value());
        // Distinct, increasing times whatever the file system's resolution.
        fs::last_write_time(decision::fast::summary_path(common, key),
                            fs::file_time_type::clock::now() - std::chrono::seconds(1000 - i));
    }
    std::size_t left = 0;
    for (const auto& e : fs::directory_iterator(common / "decision-cache" / "hook")) {
        (void)e;
        ++left;
    }
    EXPECT_LE(left, 256u);
    EXPECT_GE(left, 128u);
    EXPECT_TRUE(decision::fast::load_summary(common, "tree-0269").has_value());
    EXPECT_FALSE(decision::fast::load_summary(common, "tree-0000").has_value());
    fs::remove_all(common);
}

} // namespace

} // namespace t_unit_fast_tree_cache_test
