// check --range caches each commit's result; what the result depends on (the notes, the
// policy, the day) must invalidate it, and a damaged cache must be ignored.

#include "support/temp_repo.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

const char* k_policy = R"([[rules]]
name = "models"
paths = ["models/**"]
signoffs = ["ml-lead"]
[roles]
ml-lead = ["author@example.com"]
)";

const char* k_record = R"(id = "DEC-0001"
title = "Ship the GBT model"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-02
[owner]
name = "A U Thor"
[scope]
paths = ["models/**"]
)";

class RangeCache : public ::testing::Test {
protected:
    test::TempRepo repo;
    std::string base, governed;

    void SetUp() override {
        repo.write("decisions/policy.toml", k_policy);
        repo.write("decisions/DEC-0001-ship-gbt.toml", k_record);
        base = repo.commit_all(
            "Records\n\nDecision: DEC-0001\nApproved-by: A U Thor <author@example.com>");
        repo.write("models/x.onnx", "weights\n");
        governed = repo.commit_all("Add a model without a trailer");
    }

    test::Output check() {
        test::RunOptions o;
        o.env = {{"GIT_DECISION_TODAY", "2026-11-27"}};
        return repo.decision({"check", "--range", base + "..HEAD"}, o);
    }
};

} // namespace

TEST_F(RangeCache, ANoteAddedLaterIsSeenDespiteTheCache) {
    EXPECT_EQ(check().exit_code, 1);
    EXPECT_EQ(check().exit_code, 1); // from the cache
    ASSERT_TRUE(repo.exists(".git/decision-cache/commits.tsv"));
    ASSERT_EQ(repo.decision({"link", governed, "DEC-0001"}).exit_code, 0);
    auto after = check();
    EXPECT_EQ(after.exit_code, 0) << after.out;
}

TEST_F(RangeCache, ADamagedCacheIsIgnored) {
    EXPECT_EQ(check().exit_code, 1);
    std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
    repo.write(".git/decision-cache/commits.tsv",
               "{\"" + governed + "\": 42, \"x\": \"{not json\"");
    auto again = check();
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_EQ(again.err, "");
    std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
    repo.write(".git/decision-cache/commits.tsv", "");
    EXPECT_EQ(check().exit_code, 1);
}

// The rows a check saved are what the next check of the same range reports: planting a
// "nothing governed" row for the uncovered commit proves the second run read it.
TEST_F(RangeCache, ASecondCheckOfTheSameRangeReadsTheSavedRows) {
    EXPECT_EQ(check().exit_code, 1);
    std::string ranges = repo.path() + "/.git/decision-cache/ranges";
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(ranges))
        files.push_back(e.path().filename().string());
    ASSERT_EQ(files.size(), 1u);
    std::string file = ".git/decision-cache/ranges/" + files[0];
    std::string rows = repo.read(file);
    auto at = rows.find(governed + "\t");
    ASSERT_NE(at, std::string::npos) << rows;
    auto line_end = rows.find('\n', at);
    auto result = rows.rfind('\t', line_end);
    repo.write(file, rows.substr(0, result + 1) + "-" + rows.substr(line_end));
    auto planted = check();
    EXPECT_EQ(planted.exit_code, 0) << planted.out;

    repo.write(file, rows.substr(0, rows.size() / 2)); // cut short: ignored, recomputed
    auto again = check();
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.out.find(governed.substr(0, 12)), std::string::npos) << again.out;
}

// Without the range's rows, each commit's result comes from commits.tsv, keyed by the commit,
// the notes ref and the day.
TEST_F(RangeCache, EachCommitsResultIsReadFromTheResultsFile) {
    EXPECT_EQ(check().exit_code, 1);
    std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
    std::string results = repo.read(".git/decision-cache/commits.tsv");
    std::string key = governed + "::2026-11-27:pif\t";
    auto at = results.find(key);
    ASSERT_NE(at, std::string::npos) << results;
    auto end = results.find('\n', at);
    repo.write(".git/decision-cache/commits.tsv",
               results.substr(0, at) + key + "-" + results.substr(end));
    EXPECT_EQ(check().exit_code, 0);
    // A result that is not one (damaged JSON) is recomputed.
    std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
    repo.write(".git/decision-cache/commits.tsv",
               results.substr(0, at) + key + "{not json" + results.substr(end));
    EXPECT_EQ(check().exit_code, 1);
}
