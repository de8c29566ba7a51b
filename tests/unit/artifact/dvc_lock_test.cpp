#include "decision/artifact/dvc_lock.hpp"

#include <gtest/gtest.h>

namespace decision::artifact {
namespace {

const char* k_lock = R"(schema: '2.0'
stages:
  prepare:
    cmd: python prepare.py
    deps:
    - path: data/raw.csv
      md5: 11111111111111111111111111111111
    outs:
    - path: data/prepared
      md5: 22222222222222222222222222222222.dir
      size: 2048
      nfiles: 2
  train:
    cmd: python train.py
    outs:
    - path: ./models/model.pkl
      md5: 33333333333333333333333333333333
      size: 1234
    - path: metrics.json
      md5: 44444444444444444444444444444444
)";

TEST(DvcLock, FindsAStageOutput) {
    auto r = find_locked_output(k_lock, "models/model.pkl");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.found->stage, "train");
    EXPECT_EQ(r.found->output, "./models/model.pkl");
    EXPECT_EQ(r.found->md5, "33333333333333333333333333333333");
    EXPECT_EQ(r.problem, "");
}

TEST(DvcLock, AFileInsideAnOutputFolderGivesTheFolder) {
    auto r = find_locked_output(k_lock, "data/prepared/train.csv");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.found->stage, "prepare");
    EXPECT_EQ(r.found->md5, "22222222222222222222222222222222.dir");
}

TEST(DvcLock, DependenciesAndOtherPathsAreNotOutputs) {
    EXPECT_FALSE(find_locked_output(k_lock, "data/raw.csv").found);
    EXPECT_FALSE(find_locked_output(k_lock, "models/model.pkl.bak").found);
    EXPECT_FALSE(find_locked_output(k_lock, "data").found);
    EXPECT_FALSE(find_locked_output("", "models/model.pkl").found);
}

TEST(DvcLock, BadYamlIsAProblemNotAnError) {
    auto r = find_locked_output("stages: [unclosed\n", "models/model.pkl");
    EXPECT_FALSE(r.found);
    EXPECT_EQ(r.problem.rfind("cannot parse: ", 0), 0u) << r.problem;
    auto list = find_locked_output("- a\n- b\n", "x");
    EXPECT_EQ(list.problem, "not a dvc.lock: expected a mapping with 'stages'");
}

} // namespace
} // namespace decision::artifact
