// pre-receive's input lines, "<old> <new> <ref>" (the hook itself is tested against real
// pushes in tests/integration/pre_receive_test.cpp).

#include "decision/hook/hooks.hpp"

#include <gtest/gtest.h>
#include <string>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_hook_pre_receive_test {

namespace {

using decision::hook::parse_ref_update;

const std::string k_old(40, '0');
const std::string k_new = "0123456789abcdef0123456789abcdef01234567";

TEST(PreReceiveLine, ReadsOldNewAndRef) {
    auto update = parse_ref_update(k_old + " " + k_new + " refs/heads/main");
    ASSERT_TRUE(update && *update);
    EXPECT_EQ((*update)->old_id, k_old);
    EXPECT_EQ((*update)->new_id, k_new);
    EXPECT_EQ((*update)->ref, "refs/heads/main");
}

TEST(PreReceiveLine, ReadsSha256IdsAndTrimsTheLine) {
    auto update = parse_ref_update(" " + std::string(64, 'a') + " " + std::string(64, '0') +
                                   " refs/tags/v1\r");
    ASSERT_TRUE(update && *update);
    EXPECT_EQ((*update)->ref, "refs/tags/v1");
}

TEST(PreReceiveLine, BlankLinesAreSkipped) {
    auto update = parse_ref_update(" \t");
    ASSERT_TRUE(update);
    EXPECT_FALSE(update->has_value());
}

TEST(PreReceiveLine, OtherLinesAreErrors) {
    EXPECT_EQ(parse_ref_update(k_old + " " + k_new).error().message,
              "cannot read the input line '" + k_old + " " + k_new +
                  "'; expected '<old> <new> <ref>'");
    EXPECT_EQ(parse_ref_update("ABC " + k_new + " refs/heads/main").error().message,
              "cannot read the input line 'ABC " + k_new +
                  " refs/heads/main'; expected '<old> <new> <ref>'");
    EXPECT_EQ(parse_ref_update(std::string(5000, 'a')).error().message,
              "an input line is too long");
    EXPECT_EQ(parse_ref_update("x").error().kind, decision::util::ErrorKind::Git);
}

} // namespace

} // namespace t_unit_hook_pre_receive_test
