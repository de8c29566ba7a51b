// check --range caches each commit's result; what the result depends on (the notes, the
// policy, the day) must invalidate it, and a damaged cache must be ignored.

#include "decision/check/commit_check.hpp"
#include "decision/util/digest.hpp"
#include "support/temp_repo.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_range_cache_test {

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

    test::Output check(const std::vector<std::string>& extra = {}) {
        test::RunOptions o;
        o.env = {{"GIT_DECISION_TODAY", "2026-11-27"}};
        std::vector<std::string> args{"check", "--range", base + "..HEAD"};
        args.insert(args.end(), extra.begin(), extra.end());
        return repo.decision(args, o);
    }

    // A cache file's text without its last line, the "#<seal>" line.
    static std::string without_seal(const std::string& text) {
        auto last = text.rfind('\n', text.size() - 2);
        return text.substr(0, last == std::string::npos ? 0 : last + 1);
    }

    // `text` sealed as this repository seals its caches.
    std::string seal(const std::string& text) const {
        std::string secret = repo.read(".git/decision-secret");
        return text + "#" + decision::util::hmac_sha256_hex(secret, text) + "\n";
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

// The saved rows are sealed with the repository's secret (.git/decision-secret, outside the
// cache folder): a row edited by hand is not believed, a row sealed again with the secret
// is what the next check of the same range reports, and --no-cache ignores it.
TEST_F(RangeCache, ASecondCheckOfTheSameRangeReadsOnlySealedRows) {
    EXPECT_EQ(check().exit_code, 1);
    std::string ranges = repo.path() + "/.git/decision-cache/ranges";
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(ranges))
        files.push_back(e.path().filename().string());
    ASSERT_EQ(files.size(), 1u);
    std::string file = ".git/decision-cache/ranges/" + files[0];
    std::string sealed = repo.read(file);
    std::string rows = without_seal(sealed);
    auto at = rows.find(governed + "\t");
    ASSERT_NE(at, std::string::npos) << rows;
    auto line_end = rows.find('\n', at);
    auto result = rows.rfind('\t', line_end);
    std::string planted = rows.substr(0, result + 1) + "-" + rows.substr(line_end);

    repo.write(file, planted + sealed.substr(rows.size())); // the old seal: not believed
    auto forged = check();
    EXPECT_EQ(forged.exit_code, 1) << forged.out;

    repo.write(file, seal(planted)); // as this repository would have written it: read
    auto read = check();
    EXPECT_EQ(read.exit_code, 0) << read.out;
    auto audit = check({"--no-cache"});
    EXPECT_EQ(audit.exit_code, 1) << audit.out;

    repo.write(file, sealed.substr(0, sealed.size() / 2)); // cut short: ignored, recomputed
    auto again = check();
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.out.find(governed.substr(0, 12)), std::string::npos) << again.out;
}

// Without the range's rows, each commit's result comes from commits.tsv, keyed by the commit,
// the notes ref and the day, and used only when its seal verifies.
TEST_F(RangeCache, EachCommitsResultIsReadFromTheResultsFileWhenSealed) {
    EXPECT_EQ(check().exit_code, 1);
    std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
    std::string results = without_seal(repo.read(".git/decision-cache/commits.tsv"));
    std::string key =
        governed + "::2026-11-27:" + std::string(decision::check::k_results_engine) + "\t";
    auto at = results.find(key);
    ASSERT_NE(at, std::string::npos) << results;
    auto end = results.find('\n', at);
    std::string planted = results.substr(0, at) + key + "-" + results.substr(end);
    // Edited by hand (the issue's bypass: a line changed to "-"), with or without the old seal.
    repo.write(".git/decision-cache/commits.tsv", planted);
    EXPECT_EQ(check().exit_code, 1);
    std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
    repo.write(".git/decision-cache/commits.tsv", planted + "#" + std::string(64, '0') + "\n");
    EXPECT_EQ(check().exit_code, 1);
    // Sealed with the secret: read.
    std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
    repo.write(".git/decision-cache/commits.tsv", seal(planted));
    EXPECT_EQ(check().exit_code, 0);
    EXPECT_EQ(check({"--no-cache"}).exit_code, 1);
    // A result that is not one (damaged JSON) is recomputed.
    std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
    repo.write(".git/decision-cache/commits.tsv",
               seal(results.substr(0, at) + key + "{not json" + results.substr(end)));
    EXPECT_EQ(check().exit_code, 1);
}

// A result written by an older engine (key ending ":v3", before the checklist gated
// acceptance; ":v4", before deleting an accepted record was refused) may say "pass" for a
// commit today's rules refuse: it is never read.
TEST_F(RangeCache, AResultAnOlderEngineWroteIsNotBelieved) {
    EXPECT_EQ(check().exit_code, 1);
    std::string results = without_seal(repo.read(".git/decision-cache/commits.tsv"));
    for (std::string engine : {"v3", "v4"}) {
        std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
        repo.write(".git/decision-cache/commits.tsv",
                   seal(results + governed + "::2026-11-27:" + engine + "\t-\n"));
        EXPECT_EQ(check().exit_code, 1) << engine;
    }
}

// docs/ci.md once recommended restoring .git/decision-cache between CI jobs: a cache a job
// wrote while running a pull request's code (planted "-" rows, sealed with that clone's
// secret) must not decide in another clone.
TEST_F(RangeCache, ACacheRestoredIntoAnotherCloneIsNotBelieved) {
    EXPECT_EQ(check().exit_code, 1);
    std::string results = without_seal(repo.read(".git/decision-cache/commits.tsv"));
    std::string key =
        governed + "::2026-11-27:" + std::string(decision::check::k_results_engine) + "\t";
    auto at = results.find(key);
    ASSERT_NE(at, std::string::npos) << results;
    auto end = results.find('\n', at);
    std::filesystem::remove_all(repo.path() + "/.git/decision-cache/ranges");
    repo.write(".git/decision-cache/commits.tsv",
               seal(results.substr(0, at) + key + "-" + results.substr(end)));
    ASSERT_EQ(check().exit_code, 0); // believed where it was sealed

    test::TempRepo ci(test::TempRepo::Kind::Empty);
    ASSERT_EQ(test::run({"git", "clone", "-q", repo.path(), ci.path() + "/clone"}, ci.options())
                  .exit_code,
              0);
    std::filesystem::copy(repo.path() + "/.git/decision-cache",
                          ci.path() + "/clone/.git/decision-cache",
                          std::filesystem::copy_options::recursive);
    test::RunOptions o = ci.options();
    o.cwd = ci.path() + "/clone";
    o.env["GIT_DECISION_TODAY"] = "2026-11-27";
    auto restored =
        test::run({test::git_decision_binary(), "check", "--range", base + "..HEAD"}, o);
    EXPECT_EQ(restored.exit_code, 1) << restored.out << restored.err;
}

} // namespace t_integration_range_cache_test
