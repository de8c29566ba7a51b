// Model versions and time travel: show --model (GTO tags and Model-Version trailers),
// at <rev|date>, and blame on a DVC stage output listed in dvc.lock.

#include "cli_fixture.hpp"
#include "support/golden.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_models_cli_test {

namespace {

// Committer and author dates one day apart (git's test-suite time, +0200).
test::RunOptions on(int day) {
    std::string date = std::to_string(1112354055 + 86400 * (day - 1)) + " +0200";
    return test::with_env({{"GIT_AUTHOR_DATE", date}, {"GIT_COMMITTER_DATE", date}});
}

const std::string k_title1 = "Optimize for recall over precision in the fraud detection model";

class Models : public ::testing::Test {
protected:
    void SetUp() override {
        repo.write("decisions/DEC-0001-recall.toml", test::k_full_record);
        repo.write("decisions/DEC-0002-scope.toml",
                   test::minimal_record("DEC-0002", "Scope only", "accepted",
                                        "[scope]\nmodels = [\"fraud-detector\"]"));
        repo.write("decisions/DEC-0003-proposed.toml",
                   test::minimal_record("DEC-0003", "Not yet", "proposed",
                                        "[[models]]\nname = \"fraud-detector\"\n"
                                        "version = \"3.2.0\""));
        c1 = repo.commit_all("Add decisions", on(1));
        repo.write("models/fraud.onnx", "weights v3.2.0\n");
        c2 = repo.commit_all("Train fraud-detector 3.2.0\n\nDecision: DEC-0001\n"
                             "Model-Version: fraud-detector@3.2.0\n",
                             on(2));
        repo.git({"tag", "-a", "-m", "register", "fraud-detector@v3.2.0", c2}, on(2));
        repo.git({"tag", "fraud-detector#staging#1", c2});
        repo.git({"tag", "fraud-detector#prod#2", c2});
        repo.git({"tag", "fraud-detector@", c2}, {}, true); // malformed: ignored
        repo.write("decisions/DEC-0004-replace.toml",
                   test::minimal_record("DEC-0004", "Replace the scope decision", "accepted",
                                        "supersedes = [\"DEC-0002\"]"));
        c3 = repo.commit_all("Supersede DEC-0002\n\nModel-Version: fraud-detector@v3.3.0\n", on(3));
        repo.git({"tag", "fraud-detector#prod#3", c3});
    }
    static std::string s(const std::string& sha) { return sha.substr(0, 12); }

    test::TempRepo repo;
    std::string c1, c2, c3;
};

// Without a version: every version, newest first, with its commits, stages and decisions.
TEST_F(Models, ShowModelWithoutAVersionListsEveryVersion) {
    auto named = [&](std::string out) {
        for (const auto& [id, label] : {std::pair{c1, "<c1>"}, {c2, "<c2>"}, {c3, "<c3>"}})
            for (const auto& spelled : {id, s(id)})
                for (std::size_t at; (at = out.find(spelled)) != std::string::npos;)
                    out.replace(at, spelled.size(), label);
        return out;
    };
    auto out = repo.decision({"show", "--model", "fraud-detector"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    test::expect_golden("show-model-versions.txt", named(out.out));
    auto json = repo.decision({"show", "--model", "fraud-detector", "--format", "json"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    test::expect_golden("show-model-versions.json", named(json.out));
    auto unknown = repo.decision({"show", "--model", "churn"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.err, "git-decision: error: no versions of model 'churn': no tag "
                           "churn@v<version>, no commit on HEAD with 'Model-Version: "
                           "churn@<version>' and no record listing it under [[models]]\n");
}

TEST_F(Models, ShowModelFromTagAndTrailer) {
    auto out = repo.decision({"show", "--model", "fraud-detector@3.2.0"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "Model fraud-detector@3.2.0\n"
                       "Commits:\n"
                       "  " +
                           s(c2) +
                           "  via tag fraud-detector@v3.2.0  2005-04-02  "
                           "Train fraud-detector 3.2.0\n"
                           "  " +
                           s(c2) +
                           "  via Model-Version trailer  2005-04-02  "
                           "Train fraud-detector 3.2.0\n"
                           "Stages:\n"
                           "  prod  (tag fraud-detector#prod#2 on " +
                           s(c2) +
                           "; reassigned since)\n"
                           "  staging  (tag fraud-detector#staging#1 on " +
                           s(c2) +
                           ")\n"
                           "Decisions (records as of " +
                           s(c2) +
                           "):\n"
                           "  DEC-0001  [[models]] fraud-detector@3.2.0  MODEL SELECTION  " +
                           k_title1 +
                           "  (owner: Priya Raman)\n"
                           "  DEC-0002  scope.models fraud-detector  TRAINING STRATEGY  Scope only"
                           "  (owner: A. N. Other)\n");
    auto with_v = repo.decision({"show", "--model", "fraud-detector@v3.2.0"});
    EXPECT_EQ(with_v.out, out.out);
}

TEST_F(Models, ShowModelFromTrailerOnly) {
    auto out = repo.decision({"show", "--model", "fraud-detector@3.3.0"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "Model fraud-detector@3.3.0\n"
                       "Commits:\n"
                       "  " +
                           s(c3) +
                           "  via Model-Version trailer  2005-04-03  "
                           "Supersede DEC-0002\n"
                           "Stages:\n"
                           "  prod  (tag fraud-detector#prod#3 on " +
                           s(c3) +
                           ")\n"
                           "Decisions (records as of " +
                           s(c3) +
                           "):\n"
                           "  DEC-0001  scope.models fraud-detector  MODEL SELECTION  " +
                           k_title1 +
                           "  (owner: Priya Raman)\n"
                           "  DEC-0002  scope.models fraud-detector  TRAINING STRATEGY  Scope only"
                           "  (owner: A. N. Other)\n");
}

TEST_F(Models, ShowModelJson) {
    auto out = repo.decision({"show", "--model", "fraud-detector@3.2.0", "--format", "json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto doc = nlohmann::json::parse(out.out);
    EXPECT_EQ(doc["model"], (nlohmann::json{{"name", "fraud-detector"}, {"version", "3.2.0"}}));
    ASSERT_EQ(doc["commits"].size(), 2u);
    EXPECT_EQ(doc["commits"][0]["via"], "tag");
    EXPECT_EQ(doc["commits"][0]["tag"], "fraud-detector@v3.2.0");
    EXPECT_EQ(doc["commits"][0]["commit"], c2);
    EXPECT_EQ(doc["commits"][1]["via"], "trailer");
    EXPECT_EQ(doc["stages"][0], (nlohmann::json{{"stage", "prod"},
                                                {"tag", "fraud-detector#prod#2"},
                                                {"number", 2},
                                                {"current", false},
                                                {"commit", c2}}));
    EXPECT_EQ(doc["records_at"], c2);
    ASSERT_EQ(doc["decisions"].size(), 2u);
    EXPECT_EQ(doc["decisions"][0]["id"], "DEC-0001");
    EXPECT_EQ(doc["decisions"][0]["covers"], "version");
    EXPECT_EQ(doc["decisions"][1]["covers"], "scope");
}

TEST_F(Models, ShowModelErrors) {
    auto unknown = repo.decision({"show", "--model", "fraud-detector@9.9.9"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.err, "git-decision: error: no version 9.9.9 of model 'fraud-detector': "
                           "no tag fraud-detector@v9.9.9 and no commit on HEAD with "
                           "'Model-Version: fraud-detector@9.9.9'\n");
    // A name alone lists every version (ShowModelWithoutAVersionListsEveryVersion).
    auto malformed = repo.decision({"show", "--model", "fraud-detector@"});
    EXPECT_EQ(malformed.exit_code, 129);
    EXPECT_EQ(malformed.err, "git-decision: error: --model 'fraud-detector@' is not "
                             "name@version, e.g. fraud-detector@3.2.0\n");
    auto neither = repo.decision({"show"});
    EXPECT_EQ(neither.exit_code, 129);
}

TEST_F(Models, ListByModelStillWorks) {
    auto out = repo.decision({"list", "--model", "fraud-detector", "--format", "json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto doc = nlohmann::json::parse(out.out);
    ASSERT_EQ(doc.size(), 3u);
    EXPECT_EQ(doc[2]["id"], "DEC-0003");
}

TEST_F(Models, AtRevision) {
    auto out = repo.decision({"at", c1});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto table = repo.decision({"list", "--at", c1, "--status", "accepted"});
    EXPECT_EQ(out.out, "commit " + s(c1) + "  2005-04-01  Add decisions\n" + table.out);
    EXPECT_NE(out.out.find("DEC-0001  accepted"), std::string::npos) << out.out;
    EXPECT_NE(out.out.find("DEC-0002  accepted"), std::string::npos) << out.out;
    EXPECT_EQ(out.out.find("DEC-0003"), std::string::npos) << out.out;
}

TEST_F(Models, AtDateResolvesOnTheFirstParentLine) {
    auto day2 = repo.decision({"at", "2005-04-02", "--format", "json"});
    ASSERT_EQ(day2.exit_code, 0) << day2.err;
    auto doc = nlohmann::json::parse(day2.out);
    EXPECT_EQ(doc["at"], "2005-04-02");
    EXPECT_EQ(doc["commit"], c2);
    EXPECT_EQ(doc["date"], "2005-04-02");
    ASSERT_EQ(doc["decisions"].size(), 2u);

    // DEC-0004 supersedes DEC-0002 on day 3: DEC-0002 is no longer in force.
    auto day3 = repo.decision({"at", "2005-04-30"});
    ASSERT_EQ(day3.exit_code, 0) << day3.err;
    auto head = day3.out.substr(0, day3.out.find('\n') + 1);
    EXPECT_EQ(head, "commit " + s(c3) + "  2005-04-03  Supersede DEC-0002\n");
    EXPECT_NE(day3.out.find("DEC-0001"), std::string::npos);
    EXPECT_EQ(day3.out.find("DEC-0002", head.size()), std::string::npos) << day3.out;
    EXPECT_NE(day3.out.find("DEC-0004"), std::string::npos);
}

TEST_F(Models, AtErrors) {
    auto early = repo.decision({"at", "2005-03-31"});
    EXPECT_EQ(early.exit_code, 128);
    EXPECT_EQ(early.err, "git-decision: error: no commit on HEAD's first-parent line was made "
                         "on or before 2005-03-31; the history starts later\n");
    auto invalid = repo.decision({"at", "2005-02-30"});
    EXPECT_EQ(invalid.exit_code, 129);
    EXPECT_EQ(invalid.err, "git-decision: error: '2005-02-30' is not a valid date (YYYY-MM-DD)\n");
    auto loose = repo.decision({"at", "2005-4-1"});
    EXPECT_EQ(loose.exit_code, 129);
    EXPECT_EQ(loose.err, "git-decision: error: cannot read '2005-4-1' as a date; write "
                         "YYYY-MM-DD, e.g. 2026-11-02\n");
    auto unknown = repo.decision({"at", "no-such-branch"});
    EXPECT_EQ(unknown.exit_code, 128);
    EXPECT_EQ(unknown.err, "git-decision: error: unknown revision 'no-such-branch'\n");
}

const char* k_lock_a = R"(schema: '2.0'
stages:
  train:
    cmd: python train.py
    deps:
    - path: data/train.csv
      md5: 11111111111111111111111111111111
    outs:
    - path: models/model.pkl
      md5: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
      size: 1234
)";

TEST(ModelsDvcLock, BlameAStageOutputListedInDvcLock) {
    test::TempRepo repo;
    repo.write("dvc.lock", k_lock_a);
    std::string c1 = repo.commit_all("Train\n\nDecision: DEC-0001\n", on(1));
    repo.write("README.md", "unrelated\n");
    repo.commit_all("Docs", on(2));
    repo.write("dvc.lock", test::replaced(k_lock_a, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                                          "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
    std::string c3 = repo.commit_all("Retrain", on(3));
    repo.write("dvc.lock", "stages: [unclosed\n");
    std::string c4 = repo.commit_all("Break the lock", on(4));
    auto s = [](const std::string& sha) { return sha.substr(0, 12); };

    auto out = repo.decision({"blame", "models/model.pkl"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out,
              "commit " + s(c4) +
                  "  2005-04-04  Break the lock\n"
                  "  blob (not in git)\n"
                  "  problem: dvc.lock:2:1: end of sequence flow not found\n"
                  "  Decisions: none\n  Sign-offs: none\n"
                  "\n"
                  "commit " +
                  s(c3) +
                  "  2005-04-03  Retrain\n"
                  "  blob (not in git: a DVC stage output)\n"
                  "  dvc.lock md5 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb  (stage train in dvc.lock)\n"
                  "  Decisions: none\n  Sign-offs: none\n"
                  "\n"
                  "commit " +
                  s(c1) +
                  "  2005-04-01  Train\n"
                  "  blob (not in git: a DVC stage output)\n"
                  "  dvc.lock md5 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  (stage train in dvc.lock)\n"
                  "  Decisions:\n"
                  "    DEC-0001  via trailer  unknown decision (no record with this ID)\n"
                  "  Sign-offs: none\n");

    auto json = repo.decision({"blame", "models/model.pkl", "--format", "json"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    auto doc = nlohmann::json::parse(json.out);
    ASSERT_EQ(doc["commits"].size(), 3u);
    EXPECT_EQ(doc["commits"][1]["dvc_lock"],
              (nlohmann::json{{"file", "dvc.lock"},
                              {"stage", "train"},
                              {"output", "models/model.pkl"},
                              {"md5", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}}));
    EXPECT_EQ(doc["commits"][1]["fingerprints"][0],
              (nlohmann::json{{"kind", "dvc.lock"},
                              {"field", "md5"},
                              {"value", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}}));
    EXPECT_TRUE(doc["commits"][0]["dvc_lock"].is_null());
    EXPECT_EQ(doc["commits"][0]["problems"].size(), 1u);
}

} // namespace

// Paths are taken relative to the current directory, as git takes them: blame from a
// subdirectory finds the same history as from the top; ":/" names the top.
TEST(ModelsPaths, BlameAndListTakePathsRelativeToTheCurrentDirectory) {
    test::TempRepo repo;
    repo.write("decisions/DEC-0001-ship.toml",
               test::k_full_record); // scope: models/fraud/**
    repo.write("models/fraud/model.onnx", "weights\n");
    repo.write("notebooks/eval.ipynb", "{}\n");
    repo.commit_all("Train\n\nDecision: DEC-0001\n", on(1));
    test::RunOptions top = test::on_day();
    test::RunOptions below = test::on_day();
    below.cwd = repo.path() + "/notebooks";
    auto expected = repo.decision({"blame", "models/fraud/model.onnx"}, top);
    ASSERT_EQ(expected.exit_code, 0) << expected.err;
    ASSERT_NE(expected.out.find("DEC-0001"), std::string::npos) << expected.out;
    auto relative = repo.decision({"blame", "../models/fraud/model.onnx"}, below);
    EXPECT_EQ(relative.exit_code, 0) << relative.err;
    EXPECT_EQ(relative.out, expected.out);
    EXPECT_EQ(repo.decision({"blame", ":/models/fraud/model.onnx"}, below).out, expected.out);

    auto listed = repo.decision({"list", "--path", "../models/fraud/model.onnx"}, below);
    EXPECT_EQ(listed.out, repo.decision({"list", "--path", "models/fraud/model.onnx"}, top).out);
    EXPECT_NE(listed.out.find("DEC-0001"), std::string::npos) << listed.out;

    auto outside = repo.decision({"blame", "../../elsewhere.onnx"}, below);
    EXPECT_EQ(outside.exit_code, 129);
    EXPECT_EQ(outside.err, "git-decision: error: '../../elsewhere.onnx' is outside the "
                           "repository at " +
                               std::filesystem::weakly_canonical(repo.path()).string() + "\n");
}

} // namespace t_integration_models_cli_test
