#include "decision/util/error.hpp"

#include <gtest/gtest.h>
#include <string>

namespace decision::util {
namespace {

Result<int> number(bool ok) {
    if (!ok)
        return fail(ErrorKind::Usage, "not a number");
    return 41;
}

Result<void> step(bool ok) {
    if (!ok)
        return fail(ErrorKind::Git, "step failed");
    return {};
}

Result<int> add_one(bool ok) {
    TRY_ASSIGN(int n, number(ok));
    return n + 1;
}

Result<std::string> steps(bool first, bool second) {
    TRY(step(first));
    TRY(step(second));
    std::string out;
    TRY_ASSIGN(int n, number(true));
    out = std::to_string(n);
    TRY_ASSIGN(out, Result<std::string>(out + "!"));
    return out;
}

TEST(Try, AssignGivesTheValueAndPropagatesTheError) {
    ASSERT_TRUE(add_one(true));
    EXPECT_EQ(*add_one(true), 42);
    auto bad = add_one(false);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().kind, ErrorKind::Usage);
    EXPECT_EQ(bad.error().message, "not a number");
}

TEST(Try, ReturnsTheFirstErrorAndStopsThere) {
    EXPECT_EQ(*steps(true, true), "41!");
    auto first = steps(false, true);
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().message, "step failed");
    EXPECT_EQ(first.error().kind, ErrorKind::Git);
}

TEST(Try, WorksInResultReturningLambdas) {
    auto walk = [](bool ok) -> Result<bool> {
        TRY(step(ok));
        return true;
    };
    EXPECT_TRUE(*walk(true));
    EXPECT_EQ(walk(false).error().message, "step failed");
}

TEST(Try, LeavesAnLvalueResultIntact) {
    auto lvalue = [](const Result<int>& r) -> Result<int> {
        TRY(r);
        return *r;
    };
    Result<int> bad = fail(ErrorKind::Check, "kept");
    EXPECT_EQ(lvalue(bad).error().message, "kept");
    EXPECT_EQ(bad.error().message, "kept");
}

} // namespace
} // namespace decision::util
