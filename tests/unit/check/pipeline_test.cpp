#include "decision/check/pipeline.hpp"
#include "decision/gate/names.hpp"
#include "decision/util/fs.hpp"
#include "support/dvc_lock.hpp"

#include <gtest/gtest.h>
#include <map>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_check_pipeline_test {

using namespace decision;
using namespace decision::check;
using decision::util::ErrorKind;

namespace {

std::string fixture(const std::string& name) {
    auto text = util::read_file(std::string(GD_SOURCE_DIR) + "/tests/fixtures/pipeline/" + name,
                                k_max_lock_bytes);
    EXPECT_TRUE(text.has_value()) << name;
    return text ? *text : std::string();
}

std::vector<StageChange> diff(std::string_view path, const std::optional<std::string>& before,
                              const std::optional<std::string>& after) {
    auto changes = diff_lock(path, before, after);
    EXPECT_TRUE(changes.has_value()) << (changes ? "" : changes.error().message);
    return changes ? *changes : std::vector<StageChange>{};
}

std::string diff_error(const std::optional<std::string>& before,
                       const std::optional<std::string>& after) {
    auto changes = diff_lock("dvc.lock", before, after);
    EXPECT_FALSE(changes.has_value());
    if (changes)
        return "(parsed)";
    EXPECT_EQ(changes.error().kind, ErrorKind::Check);
    return changes.error().message;
}

const StageChange* stage(const std::vector<StageChange>& changes, const std::string& name) {
    for (const auto& c : changes)
        if (c.stage == name)
            return &c;
    return nullptr;
}

std::vector<std::string> out_paths(const StageChange& c) {
    std::vector<std::string> out;
    for (const auto& o : c.outs)
        out.push_back(o.path);
    return out;
}

record::Record decision_record(const std::string& id, std::vector<std::string> paths,
                               record::Status status = record::Status::Accepted) {
    record::Record r;
    r.id = id;
    r.status = status;
    r.scope.paths = std::move(paths);
    return r;
}

const std::string k_train_before = R"(schema: '2.0'
stages:
  train:
    cmd: python train.py
    deps:
    - path: data/train.csv
      md5: 3863d0e317dee0a55c4e59d2ec0eef33
      size: 2048
    params:
      params.yaml:
        lr: 0.1
    outs:
    - path: models/fraud.pkl
      md5: 0c4a5a0a3f2b8e4f8f3b0e9e4f2d1c0a
      size: 1930261
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

} // namespace

TEST(PipelineDiff, FixturesReportChangedAddedAndRemovedStagesOnly) {
    auto changes = diff("dvc.lock", fixture("dvc.lock.before"), fixture("dvc.lock.after"));
    std::vector<std::string> names;
    for (const auto& c : changes)
        names.push_back(c.stage);
    // evaluate's deps and params are unchanged (only its output changed): not reported.
    EXPECT_EQ(names, (std::vector<std::string>{"featurize", "report", "train"}));

    const StageChange* train = stage(changes, "train");
    ASSERT_NE(train, nullptr);
    EXPECT_FALSE(train->added);
    EXPECT_FALSE(train->removed);
    EXPECT_EQ(train->deps, (std::vector<std::string>{"data/train.csv"}));
    EXPECT_EQ(train->params, (std::vector<std::string>{"params.yaml:lr 0.1 -> 0.05"}));
    EXPECT_EQ(out_paths(*train), (std::vector<std::string>{"models/fraud.pkl"}));
    EXPECT_FALSE(train->outs[0].directory);

    const StageChange* featurize = stage(changes, "featurize");
    ASSERT_NE(featurize, nullptr);
    EXPECT_TRUE(featurize->removed);
    EXPECT_EQ(out_paths(*featurize), (std::vector<std::string>{"features"}));
    EXPECT_TRUE(featurize->outs[0].directory);

    const StageChange* report = stage(changes, "report");
    ASSERT_NE(report, nullptr);
    EXPECT_TRUE(report->added);
    EXPECT_EQ(report->deps, (std::vector<std::string>{"eval/metrics.json"}));
}

TEST(PipelineDiff, DepHashChangeOnly) {
    auto after = replaced(k_train_before, "md5: 3863d0e317dee0a55c4e59d2ec0eef33",
                          "md5: a304afb96060aad90176268345e10355");
    auto changes = diff("dvc.lock", k_train_before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].deps, (std::vector<std::string>{"data/train.csv"}));
    EXPECT_TRUE(changes[0].params.empty());
}

TEST(PipelineDiff, DepAddedAndRemovedCount) {
    auto after = replaced(k_train_before, "- path: data/train.csv", "- path: data/train2.csv");
    auto changes = diff("dvc.lock", k_train_before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].deps, (std::vector<std::string>{"data/train.csv", "data/train2.csv"}));
}

TEST(PipelineDiff, ParamsChangeAddedAndRemovedKeys) {
    auto after = replaced(k_train_before, "        lr: 0.1\n",
                          "        epochs: 10\n        layers: [64, 32]\n");
    auto changes = diff("dvc.lock", k_train_before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_TRUE(changes[0].deps.empty());
    EXPECT_EQ(changes[0].params, (std::vector<std::string>{"params.yaml:epochs (none) -> 10",
                                                           "params.yaml:layers (none) -> [64, 32]",
                                                           "params.yaml:lr 0.1 -> (none)"}));
}

TEST(PipelineDiff, LongParamValuesAreBounded) {
    auto after = replaced(k_train_before, "lr: 0.1", "lr: " + std::string(100, 'x'));
    auto changes = diff("dvc.lock", k_train_before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].params,
              (std::vector<std::string>{"params.yaml:lr 0.1 -> " + std::string(37, 'x') + "..."}));
}

TEST(PipelineDiff, LongParamValuesAreCutBetweenCharacters) {
    std::string e_acute = "\xc3\xa9";
    auto repeated = [&](int n) {
        std::string out;
        for (int i = 0; i < n; ++i)
            out += e_acute;
        return out;
    };
    // 30 characters (60 bytes) fit; 50 are cut to 37 whole characters.
    auto fits = diff("dvc.lock", k_train_before,
                     replaced(k_train_before, "lr: 0.1", "lr: " + repeated(30)));
    ASSERT_EQ(fits.size(), 1u);
    EXPECT_EQ(fits[0].params, (std::vector<std::string>{"params.yaml:lr 0.1 -> " + repeated(30)}));
    auto cut = diff("dvc.lock", k_train_before,
                    replaced(k_train_before, "lr: 0.1", "lr: " + repeated(50)));
    ASSERT_EQ(cut.size(), 1u);
    EXPECT_EQ(cut[0].params,
              (std::vector<std::string>{"params.yaml:lr 0.1 -> " + repeated(37) + "..."}));
}

TEST(PipelineDiff, UnchangedInputsAndChangedCmdOrOutsAreNotReported) {
    auto after = replaced(k_train_before, "md5: 0c4a5a0a3f2b8e4f8f3b0e9e4f2d1c0a",
                          "md5: ffffffffffffffffffffffffffffffff");
    after = replaced(after, "cmd: python train.py", "cmd: python train.py --fast");
    EXPECT_TRUE(diff("dvc.lock", k_train_before, after).empty());
    EXPECT_TRUE(diff("dvc.lock", k_train_before, k_train_before).empty());
}

TEST(PipelineDiff, LockAddedOrDeletedReportsEveryStage) {
    auto added = diff("dvc.lock", std::nullopt, k_train_before);
    ASSERT_EQ(added.size(), 1u);
    EXPECT_TRUE(added[0].added);
    auto removed = diff("dvc.lock", k_train_before, std::nullopt);
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_TRUE(removed[0].removed);
    EXPECT_EQ(out_paths(removed[0]), (std::vector<std::string>{"models/fraud.pkl"}));
}

TEST(PipelineDiff, NestedLockPathsAreRepositoryRelative) {
    std::string before = R"(schema: '2.0'
stages:
  train:
    cmd: python train.py
    deps:
    - path: ../../data/train.csv
      md5: aaaa
    - path: s3://bucket/raw.csv
      etag: '"1"'
    params:
      params.yaml:
        lr: 0.1
    outs:
    - path: models
      md5: bbbb.dir
      nfiles: 3
    - path: ../../../outside.pkl
      md5: cccc
)";
    std::string after =
        replaced(replaced(before, "md5: aaaa", "md5: dddd"), "etag: '\"1\"'", "etag: '\"2\"'");
    after = replaced(after, "lr: 0.1", "lr: 0.2");
    auto changes = diff("pipelines/fraud/dvc.lock", before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].lock_path, "pipelines/fraud/dvc.lock");
    EXPECT_EQ(changes[0].deps, (std::vector<std::string>{"data/train.csv", "s3://bucket/raw.csv"}));
    EXPECT_EQ(changes[0].params,
              (std::vector<std::string>{"pipelines/fraud/params.yaml:lr 0.1 -> 0.2"}));
    // The output that leaves the repository is dropped.
    EXPECT_EQ(out_paths(changes[0]), (std::vector<std::string>{"pipelines/fraud/models"}));
    EXPECT_TRUE(changes[0].outs[0].directory);
}

TEST(PipelineDiff, MalformedYamlNamesLineAndColumn) {
    std::string bad = "schema: '2.0'\nstages:\n  train:\n    deps: [a, b\n";
    EXPECT_EQ(diff_error(k_train_before, bad),
              "dvc.lock:5:1: end of sequence flow not found (in the new version; not valid YAML)");
    EXPECT_EQ(diff_error(bad, k_train_before),
              "dvc.lock:5:1: end of sequence flow not found (in the previous version; not valid "
              "YAML)");
}

TEST(PipelineDiff, WrongShapesAreClearErrorsOrIgnored) {
    EXPECT_EQ(diff_error(std::string("- a\n- b\n"), k_train_before),
              "dvc.lock: expected a mapping with 'schema' and 'stages' (in the previous version)");
    EXPECT_EQ(diff_error(k_train_before, std::string("schema: '2.0'\nstages: [1]\n")),
              "dvc.lock: 'stages' must be a mapping (in the new version)");
    // Odd entries inside a stage are skipped, not fatal; an empty file has no stages.
    auto changes = diff("dvc.lock", std::string(""),
                        std::string("schema: '2.0'\nstages:\n  s:\n    deps: [1, {path: x}]\n"
                                    "    outs: 7\n    params: {p.yaml: 3}\n"));
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].deps, (std::vector<std::string>{"x"}));
    EXPECT_EQ(changes[0].params, (std::vector<std::string>{"p.yaml (none) -> 3"}));
}

TEST(PipelineDiff, AliasBombIsBounded) {
    // Each level doubles the entries visited through aliases; the walk stops at its bound.
    std::string text = test::doubling_aliases(24, "[{path: x, md5: y}, {path: z, md5: w}]");
    text += "stages:\n";
    for (int i = 0; i < 300; ++i)
        text += "  s" + std::to_string(i) + ": {deps: *a0, params: {p: {k: *a23}}}\n";
    auto changes = diff_lock("dvc.lock", std::nullopt, text);
    // Either it finishes quickly within bounds or says it would not; it never hangs.
    if (!changes) {
        EXPECT_NE(changes.error().message.find("too many entries"), std::string::npos);
    }
}

TEST(PipelineDiff, TooManyEntriesNamesTheVersion) {
    // 201 stages naming 1,000 deps each: over the reader's 200,000 entries.
    EXPECT_EQ(diff_error(k_train_before, test::aliased_dvc_lock(201)),
              "dvc.lock: too many entries (over 200000) in the new version; not read");
}

TEST(PipelineDiff, OddStageKeysAreStagesNotErrors) {
    // A non-scalar key is shown compactly; a stage that is not a mapping has no inputs.
    auto changes = diff("dvc.lock", std::string(""),
                        std::string("schema: '2.0'\nstages:\n  [a, b]:\n    deps: [{path: x}]\n"
                                    "  scalar: 5\n"));
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].stage, "[a, b]");
    EXPECT_EQ(changes[0].deps, (std::vector<std::string>{"x"}));
    EXPECT_EQ(changes[1].stage, "scalar");
    EXPECT_TRUE(changes[1].added);
}

TEST(PipelineStale, ScopesMatchOutputsAndFolders) {
    auto changes = diff("dvc.lock", fixture("dvc.lock.before"), fixture("dvc.lock.after"));
    record::Catalog catalog;
    catalog.records.push_back(decision_record("DEC-0042", {"models/**"}));
    catalog.records.push_back(decision_record("DEC-0043", {"features/**/*.parquet"}));
    catalog.records.push_back(decision_record("DEC-0044", {"/reports/"}, record::Status::Proposed));
    catalog.records.push_back(
        decision_record("DEC-0045", {"models/**"}, record::Status::Superseded));
    catalog.records.push_back(decision_record("DEC-0046", {"data/**"}));
    auto stale = stale_decisions(changes, catalog);
    std::vector<std::string> seen;
    for (const auto& s : stale)
        seen.push_back(s.decision_id + " " + s.stage->stage);
    // featurize's output `features` is a folder: a scope beneath it matches. DEC-0044's
    // "/reports/" only matches that folder, and report's output is a file inside it
    // (unanchored, "reports/" could also match a folder inside `features`).
    EXPECT_EQ(seen, (std::vector<std::string>{"DEC-0043 featurize", "DEC-0044 report",
                                              "DEC-0042 train"}));
}

TEST(PipelineStale, FolderOutputUnderADirectoryScope) {
    StageChange change;
    change.lock_path = "dvc.lock";
    change.stage = "train";
    change.deps = {"data/train.csv"};
    change.outs = {{"models/fraud", true}, {"metrics.json", false}};
    std::vector<StageChange> changes{change};
    record::Catalog catalog;
    catalog.records.push_back(decision_record("DEC-0001", {"models/**"}));
    catalog.records.push_back(decision_record("DEC-0002", {"models/fraud/weights.bin"}));
    catalog.records.push_back(decision_record("DEC-0003", {"*.pkl"}));
    catalog.records.push_back(decision_record("DEC-0004", {"metrics.json/x"}));
    auto stale = stale_decisions(changes, catalog);
    ASSERT_EQ(stale.size(), 3u);
    EXPECT_EQ(stale[0].decision_id, "DEC-0001");
    EXPECT_EQ(stale[1].decision_id, "DEC-0002");
    // A folder output may hold .pkl files; a file output is not a folder.
    EXPECT_EQ(stale[2].decision_id, "DEC-0003");
    EXPECT_EQ(stale[2].covered_outs, (std::vector<std::string>{"models/fraud"}));
}

TEST(PipelineStale, DescribeGolden) {
    auto after = replaced(k_train_before, "md5: 3863d0e317dee0a55c4e59d2ec0eef33",
                          "md5: a304afb96060aad90176268345e10355");
    after = replaced(after, "lr: 0.1", "lr: 0.05");
    auto changes = diff("dvc.lock", k_train_before, after);
    record::Catalog catalog;
    catalog.records.push_back(decision_record("DEC-0042", {"models/**"}));
    auto stale = stale_decisions(changes, catalog);
    ASSERT_EQ(stale.size(), 1u);
    EXPECT_EQ(describe(stale[0]),
              "DEC-0042 needs re-evaluation: dvc.lock stage 'train' changed (deps: "
              "data/train.csv; params: params.yaml:lr 0.1 -> 0.05); it covers models/fraud.pkl");

    StageChange removed;
    removed.lock_path = "a/dvc.lock";
    removed.stage = "old";
    removed.removed = true;
    for (int i = 0; i < 7; ++i)
        removed.outs.push_back({"a/out" + std::to_string(i), false});
    StaleDecision s{"DEC-0001", &removed, {}};
    for (const auto& o : removed.outs)
        s.covered_outs.push_back(o.path);
    EXPECT_EQ(describe(s), "DEC-0001 needs re-evaluation: a/dvc.lock stage 'old' was removed; it "
                           "covers a/out0, a/out1, a/out2, a/out3, a/out4 and 2 more");
}

TEST(PipelineStale, ModesWarnFailOff) {
    StageChange change;
    change.lock_path = "dvc.lock";
    change.stage = "train";
    change.params = {"params.yaml:lr 0.1 -> 0.05"};
    StaleDecision s{"DEC-0042", &change, {"models/fraud.pkl"}};
    std::string text = "DEC-0042 needs re-evaluation: dvc.lock stage 'train' changed (params: "
                       "params.yaml:lr 0.1 -> 0.05); it covers models/fraud.pkl";

    gate::Coverage warn;
    add_staleness(warn, {s}, policy::PipelineStaleness::Warn);
    EXPECT_EQ(warn.warnings, (std::vector<std::string>{text}));
    EXPECT_TRUE(warn.ok());

    gate::Coverage fail;
    add_staleness(fail, {s}, policy::PipelineStaleness::Fail);
    ASSERT_EQ(fail.paths.size(), 1u);
    EXPECT_FALSE(fail.ok());
    EXPECT_EQ(fail.paths[0].path, "dvc.lock");
    EXPECT_EQ(fail.paths[0].rule, "review.pipeline_staleness");
    EXPECT_EQ(fail.paths[0].problems, (std::vector<std::string>{text}));
    EXPECT_EQ(fail.paths[0].fixes,
              (std::vector<std::string>{
                  "re-evaluate DEC-0042 (git decision edit DEC-0042), then approve again"}));

    gate::Coverage off;
    add_staleness(off, {s}, policy::PipelineStaleness::Off);
    EXPECT_TRUE(off.warnings.empty());
    EXPECT_TRUE(off.paths.empty());
}

TEST(PipelineStale, IsDvcLock) {
    EXPECT_TRUE(gate::is_dvc_lock("dvc.lock"));
    EXPECT_TRUE(gate::is_dvc_lock("a/b/dvc.lock"));
    EXPECT_FALSE(gate::is_dvc_lock("a/dvc.lock.bak"));
    EXPECT_FALSE(gate::is_dvc_lock("xdvc.lock"));
}

TEST(PipelinePolicy, StalenessModeParsesAndDefaultsToWarn) {
    auto mode = [](const std::string& value) {
        auto r = policy::parse("[review]\npipeline_staleness = \"" + value + "\"\n");
        EXPECT_TRUE(r.diagnostics.empty()) << value;
        return r.policy.pipeline_staleness;
    };
    EXPECT_EQ(mode("warn"), policy::PipelineStaleness::Warn);
    EXPECT_EQ(mode("fail"), policy::PipelineStaleness::Fail);
    EXPECT_EQ(mode("off"), policy::PipelineStaleness::Off);
    EXPECT_EQ(policy::parse("").policy.pipeline_staleness, policy::PipelineStaleness::Warn);
    auto defaults = policy::parse(policy::default_policy_text());
    EXPECT_EQ(defaults.policy.pipeline_staleness, policy::PipelineStaleness::Warn);
    EXPECT_NE(policy::default_policy_text().find("# pipeline_staleness = \"warn\""),
              std::string::npos);
}

TEST(PipelinePolicy, UnknownStalenessModeIsAnError) {
    auto r = policy::parse("[review]\npipeline_staleness = \"fial\"\n");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(util::format(r.diagnostics[0]),
              "decisions/policy.toml:2:22: error: 'review.pipeline_staleness' is 'fial'; did you "
              "mean 'fail'?");
    EXPECT_EQ(r.policy.pipeline_staleness, policy::PipelineStaleness::Warn);
}

// ---------------------------------------------------------------- changed_stages()

namespace {

LockReader reads(std::map<std::string, util::Result<std::optional<std::string>>> files) {
    return [files](const std::string& path) -> util::Result<std::optional<std::string>> {
        auto it = files.find(path);
        return it == files.end() ? util::Result<std::optional<std::string>>(std::nullopt)
                                 : it->second;
    };
}

} // namespace

TEST(PipelineChangedStages, DiffsEachLockThatChanged) {
    std::vector<std::string> warnings;
    auto stages = changed_stages({"dvc.lock", "other/dvc.lock"},
                                 reads({{"dvc.lock", fixture("dvc.lock.before")},
                                        {"other/dvc.lock", fixture("dvc.lock.before")}}),
                                 reads({{"dvc.lock", fixture("dvc.lock.after")},
                                        {"other/dvc.lock", fixture("dvc.lock.before")}}),
                                 warnings);
    ASSERT_TRUE(stages) << stages.error().message;
    EXPECT_EQ(stages->size(),
              diff("dvc.lock", fixture("dvc.lock.before"), fixture("dvc.lock.after")).size());
    for (const auto& s : *stages)
        EXPECT_EQ(s.lock_path, "dvc.lock");
    EXPECT_TRUE(warnings.empty());
}

TEST(PipelineChangedStages, ATooLargeOrMalformedLockIsAWarning) {
    std::vector<std::string> warnings;
    auto stages = changed_stages(
        {"a/dvc.lock", "b/dvc.lock"},
        reads({{"a/dvc.lock", util::fail(ErrorKind::Check, "a/dvc.lock is larger than 4 MiB")}}),
        reads({{"b/dvc.lock", std::optional<std::string>("stages: [")}}), warnings);
    ASSERT_TRUE(stages) << stages.error().message;
    EXPECT_TRUE(stages->empty());
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[0], "pipeline staleness not checked: a/dvc.lock is larger than 4 MiB");
    EXPECT_TRUE(warnings[1].starts_with("pipeline staleness not checked: b/dvc.lock:"))
        << warnings[1];
}

TEST(PipelineChangedStages, ALockGitCannotReadIsAnError) {
    std::vector<std::string> warnings;
    auto stages = changed_stages(
        {"dvc.lock"}, reads({}),
        reads({{"dvc.lock", util::fail(ErrorKind::Git, "cannot read 'dvc.lock'")}}), warnings);
    ASSERT_FALSE(stages);
    EXPECT_EQ(stages.error().kind, ErrorKind::Git);
    EXPECT_EQ(stages.error().message, "cannot read 'dvc.lock'");
}

} // namespace t_unit_check_pipeline_test
