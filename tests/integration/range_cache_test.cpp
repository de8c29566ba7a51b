// check --range caches each commit's result; what the result depends on (the notes, the
// policy, the day) must invalidate it, and a damaged cache must be ignored.

#include "support/temp_repo.hpp"

#include <gtest/gtest.h>

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
    repo.write(".git/decision-cache/commits.tsv",
               "{\"" + governed + "\": 42, \"x\": \"{not json\"");
    auto again = check();
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_EQ(again.err, "");
    repo.write(".git/decision-cache/commits.tsv", "");
    EXPECT_EQ(check().exit_code, 1);
}
