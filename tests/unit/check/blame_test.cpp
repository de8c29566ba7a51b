// check::tree_path: a typed path in the form tree paths take (blame itself is driven through
// the CLI in tests/integration/link_verbs_test.cpp and models_cli_test.cpp).
#include "decision/check/blame.hpp"

#include <gtest/gtest.h>

namespace decision::check {
namespace {

TEST(TreePath, DropsEmptyAndDotComponents) {
    EXPECT_EQ(tree_path("models/model.pkl"), "models/model.pkl");
    EXPECT_EQ(tree_path("./models//model.pkl/"), "models/model.pkl");
    EXPECT_EQ(tree_path("/a/./b"), "a/b");
    EXPECT_EQ(tree_path("."), "");
    EXPECT_EQ(tree_path(""), "");
    EXPECT_EQ(tree_path("a/../b"), "a/../b"); // path_in_repo resolved ".." already
}

} // namespace
} // namespace decision::check
