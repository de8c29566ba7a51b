#include "decision/util/process.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_util_process_test {

using namespace decision::util;

TEST(RunProcess, ReadsStdoutAndStderrTogether) {
    ProcessOptions options;
    options.capture = true;
    auto run = run_process({"sh", "-c", "printf out; printf err >&2; exit 3"}, options);
    ASSERT_TRUE(run) << run.error().message;
    EXPECT_EQ(run->exit_code, 3);
    EXPECT_EQ(run->output, "outerr");
    EXPECT_EQ(run->errors, "");
}

TEST(RunProcess, ReadsStderrApartWhenAsked) {
    ProcessOptions options;
    options.capture = true;
    options.errors_apart = true;
    options.max_errors = 4;
    auto run = run_process({"sh", "-c", "printf out; printf errors >&2"}, options);
    ASSERT_TRUE(run) << run.error().message;
    EXPECT_EQ(run->exit_code, 0);
    EXPECT_EQ(run->output, "out");
    EXPECT_EQ(run->errors, "erro");
    EXPECT_FALSE(run->truncated);
}

TEST(RunProcess, SaysWhenOutputWasCut) {
    ProcessOptions options;
    options.capture = true;
    options.errors_apart = true;
    options.max_output = 3;
    auto run = run_process({"sh", "-c", "printf 12345"}, options);
    ASSERT_TRUE(run) << run.error().message;
    EXPECT_EQ(run->output, "123");
    EXPECT_TRUE(run->truncated);
}

TEST(RunProcess, AProgramThatIsNotThereIsAnError) {
    auto run = run_process({"git-decision-no-such-program"});
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().message,
              "cannot run git-decision-no-such-program: No such file or directory");
}

} // namespace t_unit_util_process_test
