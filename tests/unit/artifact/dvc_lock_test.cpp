#include "decision/artifact/dvc_lock.hpp"
#include "support/dvc_lock.hpp"

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
    auto r = find_locked_output("dvc.lock", k_lock, "models/model.pkl");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.found->stage, "train");
    EXPECT_EQ(r.found->output, "./models/model.pkl");
    EXPECT_EQ(r.found->md5, "33333333333333333333333333333333");
    EXPECT_EQ(r.problem, "");
}

TEST(DvcLock, AFileInsideAnOutputFolderGivesTheFolder) {
    auto r = find_locked_output("dvc.lock", k_lock, "data/prepared/train.csv");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.found->stage, "prepare");
    EXPECT_EQ(r.found->md5, "22222222222222222222222222222222.dir");
}

TEST(DvcLock, DependenciesAndOtherPathsAreNotOutputs) {
    EXPECT_FALSE(find_locked_output("dvc.lock", k_lock, "data/raw.csv").found);
    EXPECT_FALSE(find_locked_output("dvc.lock", k_lock, "models/model.pkl.bak").found);
    EXPECT_FALSE(find_locked_output("dvc.lock", k_lock, "data").found);
    EXPECT_FALSE(find_locked_output("dvc.lock", "", "models/model.pkl").found);
}

TEST(DvcLock, BadYamlIsAProblemNotAnError) {
    auto r = find_locked_output("dvc.lock", "stages: [unclosed\n", "models/model.pkl");
    EXPECT_FALSE(r.found);
    EXPECT_EQ(r.problem, "dvc.lock:2:1: end of sequence flow not found");
    auto list = find_locked_output("sub/dvc.lock", "- a\n- b\n", "x");
    EXPECT_EQ(list.problem, "sub/dvc.lock: expected a mapping with 'schema' and 'stages'");
}

std::vector<LockedStage> read(const std::string& text) {
    auto stages = read_dvc_lock(text, "dvc.lock");
    EXPECT_TRUE(stages) << stages.error().message;
    return stages ? *stages : std::vector<LockedStage>{};
}

LockError read_error(const std::string& text) {
    auto stages = read_dvc_lock(text, "pipelines/dvc.lock");
    EXPECT_FALSE(stages);
    return stages ? LockError{} : stages.error();
}

TEST(DvcLockReader, StagesAsWritten) {
    auto stages = read(R"(schema: '2.0'
stages:
  train:
    cmd: python train.py
    deps:
    - path: ../data/train.csv
      md5: aaaa
      size: 10
    - path: s3://bucket/raw.csv
      etag: '"1"'
    params:
      params.yaml:
        lr: 0.1
        layers: [64, {units: 32}]
      extra.json: 3
    outs:
    - path: models/model.pkl
      md5: bbbb
)");
    ASSERT_EQ(stages.size(), 1u);
    const LockedStage& s = stages[0];
    EXPECT_EQ(s.name, "train");
    ASSERT_EQ(s.deps.size(), 2u);
    EXPECT_EQ(s.deps[0].path, "../data/train.csv");
    EXPECT_EQ(s.deps[0].identity, "md5=aaaa;");
    EXPECT_EQ(s.deps[1].path, "s3://bucket/raw.csv");
    EXPECT_EQ(s.deps[1].identity, "etag=\"1\";");
    ASSERT_EQ(s.params.size(), 3u);
    EXPECT_EQ(s.params[0].file, "params.yaml");
    EXPECT_EQ(s.params[0].key, "lr");
    EXPECT_EQ(s.params[0].value, "0.1");
    EXPECT_EQ(s.params[1].key, "layers");
    EXPECT_EQ(s.params[1].value, "[64, {units: 32}]");
    EXPECT_EQ(s.params[2].file, "extra.json");
    EXPECT_EQ(s.params[2].key, std::nullopt);
    EXPECT_EQ(s.params[2].value, "3");
    ASSERT_EQ(s.outs.size(), 1u);
    EXPECT_EQ(s.outs[0].path, "models/model.pkl");
    EXPECT_EQ(s.outs[0].md5, "bbbb");
    EXPECT_FALSE(s.outs[0].directory);
}

TEST(DvcLockReader, Schema3HashFieldsIdentifyADep) {
    auto stages = read("schema: '3.0'\nstages:\n  t:\n    deps:\n    - path: a.csv\n"
                       "      hash: md5\n      md5: cccc\n      size: 3\n");
    ASSERT_EQ(stages.size(), 1u);
    ASSERT_EQ(stages[0].deps.size(), 1u);
    EXPECT_EQ(stages[0].deps[0].identity, "md5=cccc;hash=md5;");
}

TEST(DvcLockReader, DirectoryOuts) {
    auto stages = read(R"(schema: '2.0'
stages:
  prepare:
    outs:
    - path: by-suffix
      md5: 2222.dir
    - path: by-nfiles
      md5: 3333
      nfiles: 2
    - path: no-hash
    - path: a-file
      md5: 4444
    - path: an-object
      etag: '"5"'
    - md5: 6666
)");
    ASSERT_EQ(stages.size(), 1u);
    std::vector<std::pair<std::string, bool>> outs;
    for (const auto& o : stages[0].outs)
        outs.emplace_back(o.path, o.directory);
    EXPECT_EQ(outs, (std::vector<std::pair<std::string, bool>>{{"by-suffix", true},
                                                               {"by-nfiles", true},
                                                               {"no-hash", true},
                                                               {"a-file", false},
                                                               {"an-object", false}}));
}

TEST(DvcLockReader, Dvc1xStagesAtTheTopLevel) {
    auto stages = read("train:\n  cmd: python train.py\n  outs:\n  - path: model.pkl\n"
                       "    md5: abcd\n");
    ASSERT_EQ(stages.size(), 1u);
    EXPECT_EQ(stages[0].name, "train");
    ASSERT_EQ(stages[0].outs.size(), 1u);
    EXPECT_EQ(stages[0].outs[0].md5, "abcd");
    auto r = find_locked_output("dvc.lock", "train:\n  outs:\n  - path: m.pkl\n    md5: ef01\n",
                                "m.pkl");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.found->stage, "train");
    // With a schema and no stages there are none; an empty file has none.
    EXPECT_TRUE(read("schema: '2.0'\n").empty());
    EXPECT_TRUE(read("").empty());
}

TEST(DvcLockReader, MalformedYamlNamesLineAndColumn) {
    LockError e = read_error("schema: '2.0'\nstages:\n  train:\n    deps: [a, b\n");
    EXPECT_EQ(e.fault, LockFault::NotYaml);
    EXPECT_EQ(e.message, "pipelines/dvc.lock:5:1: end of sequence flow not found");
}

TEST(DvcLockReader, WrongShapesNameTheLock) {
    LockError list = read_error("- a\n- b\n");
    EXPECT_EQ(list.fault, LockFault::NotAMapping);
    EXPECT_EQ(list.message, "pipelines/dvc.lock: expected a mapping with 'schema' and 'stages'");
    LockError stages = read_error("schema: '2.0'\nstages: [1]\n");
    EXPECT_EQ(stages.fault, LockFault::StagesNotAMapping);
    EXPECT_EQ(stages.message, "pipelines/dvc.lock: 'stages' must be a mapping");
}

TEST(DvcLockReader, AliasBombIsBounded) {
    // 201 stages naming 1,000 deps each: 201,201 entries from a 13 kB file.
    LockError e = read_error(test::aliased_dvc_lock(201));
    EXPECT_EQ(e.fault, LockFault::TooManyEntries);
    EXPECT_EQ(e.message, "pipelines/dvc.lock: too many entries (over 200000)");
    // Under the bound the same shape reads: 10 stages, 10,010 entries.
    auto under = read_dvc_lock(test::aliased_dvc_lock(10), "dvc.lock");
    ASSERT_TRUE(under) << under.error().message;
    EXPECT_EQ(under->size(), 10u);
}

TEST(DvcLockReader, ParamValuesAreCutAtABudget) {
    // Each level doubles the value through aliases; the compact text stops at its budget.
    std::string text = test::doubling_aliases(30, "[0123456789, 0123456789]");
    text += "stages:\n  s: {params: {p.yaml: {k: *a29}}}\n";
    auto stages = read(text);
    ASSERT_EQ(stages.size(), 1u);
    ASSERT_EQ(stages[0].params.size(), 1u);
    // Nesting stops at depth 8 ("..."), then the text at the budget (the last "..., ]").
    EXPECT_EQ(stages[0].params[0].value,
              "[[[[[[[[..., ...], [..., ...]], [[..., ...], [..., ...]]], [[[..., ...], [..., "
              "...]], [[..., ...], [..., ...]]]], [[[[..., ...], [..., ...]], [[..., ...], "
              "[..., ]]]]]]]]");
}

TEST(DvcLockReader, OddKeysAndEntriesAreSkippedNotThrown) {
    // yaml-cpp throws for a non-scalar key read as a string and for a scalar indexed
    // like a mapping; the reader does neither.
    std::string text = R"(schema: '2.0'
stages:
  [a, b]:
    outs:
    - path: models/model.pkl
      md5: 1111
  scalar-stage: 5
  listed: [1, 2]
  odd:
    deps: [1, {path: [x]}, {path: y, md5: {a: 1}}]
    params: {{k: 1}: {[2]: 3}}
    outs: [7, {path: {p: 1}}, {path: z, md5: [1]}]
)";
    auto stages = read(text);
    ASSERT_EQ(stages.size(), 4u);
    EXPECT_EQ(stages[0].name, "[a, b]");
    EXPECT_EQ(stages[1].name, "scalar-stage");
    EXPECT_TRUE(stages[1].outs.empty());
    EXPECT_TRUE(stages[2].outs.empty());
    const LockedStage& odd = stages[3];
    ASSERT_EQ(odd.deps.size(), 1u);
    EXPECT_EQ(odd.deps[0].path, "y");
    EXPECT_EQ(odd.deps[0].identity, "");
    ASSERT_EQ(odd.params.size(), 1u);
    EXPECT_EQ(odd.params[0].file, "{k: 1}");
    EXPECT_EQ(odd.params[0].key, "[2]");
    ASSERT_EQ(odd.outs.size(), 1u);
    EXPECT_EQ(odd.outs[0].path, "z");
    EXPECT_EQ(odd.outs[0].md5, "");

    auto r = find_locked_output("dvc.lock", text, "models/model.pkl");
    EXPECT_EQ(r.problem, "");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.found->stage, "[a, b]");
    EXPECT_EQ(r.found->md5, "1111");
}

} // namespace
} // namespace decision::artifact
