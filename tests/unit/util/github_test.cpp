#include "decision/util/github.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_util_github_test {

using namespace decision::util;

TEST(GithubEscape, DataEscapesPercentAndLineBreaks) {
    EXPECT_EQ(github_escape_data("50% drop\r\nnext: a,b"), "50%25 drop%0D%0Anext: a,b");
}

TEST(GithubEscape, PropertiesAlsoEscapeColonAndComma) {
    EXPECT_EQ(github_escape_property("50% drop\r\nnext: a,b"), "50%25 drop%0D%0Anext%3A a%2Cb");
    EXPECT_EQ(github_escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
}

} // namespace t_unit_util_github_test
