// git::History over a real repository: walk callbacks that stop or fail, and the day
// lookup behind `git decision at YYYY-MM-DD`.
#include "decision/git/history.hpp"
#include "support/temp_repo.hpp"

#include <chrono>
#include <gtest/gtest.h>

namespace decision::git {
namespace {

using namespace std::chrono_literals;
using util::ErrorKind;
using util::fail;

class HistoryTest : public ::testing::Test {
protected:
    // Three commits; the last is made late on 2026-11-05 in New York, already the 6th in UTC.
    void SetUp() override {
        const char* dates[] = {"2026-11-01T12:00:00 +0000", "2026-11-03T12:00:00 +0000",
                               "2026-11-05T23:30:00 -0500"};
        int n = 0;
        for (const char* date : dates) {
            repo.write("file.txt", std::to_string(++n));
            test::RunOptions at;
            at.env = {{"GIT_COMMITTER_DATE", date}};
            ids.push_back(repo.commit_all("Commit " + std::to_string(n), at));
        }
        auto opened = Repository::open(repo.path());
        ASSERT_TRUE(opened) << opened.error().message;
        git.emplace(std::move(*opened));
    }

    test::TempRepo repo;
    std::vector<std::string> ids; // oldest first
    std::optional<Repository> git;
};

TEST_F(HistoryTest, WalkStopsWhenTheCallbackSaysSo) {
    History history(*git);
    std::vector<std::string> seen;
    auto walked = history.walk({"HEAD"}, [&](const CommitInfo& c) {
        seen.push_back(c.id);
        return seen.size() < 2;
    });
    ASSERT_TRUE(walked) << walked.error().message;
    EXPECT_EQ(seen, (std::vector<std::string>{ids[2], ids[1]}));
}

TEST_F(HistoryTest, WalkReturnsTheCallbacksErrorAndStops) {
    History history(*git);
    for (const std::string& range :
         std::vector<std::string>{"HEAD", ids[0] + "..HEAD"}) { // unlimited, then limited
        int calls = 0;
        auto walked = history.walk({range}, [&](const CommitInfo&) -> util::Result<bool> {
            if (++calls == 2)
                return fail(ErrorKind::Check, "cannot read this commit's note");
            return true;
        });
        ASSERT_FALSE(walked) << range;
        EXPECT_EQ(walked.error().kind, ErrorKind::Check);
        EXPECT_EQ(walked.error().message, "cannot read this commit's note");
        EXPECT_EQ(calls, 2) << range;
    }
}

TEST_F(HistoryTest, LastOnOrBeforeADayInTheCommittersOwnZone) {
    History history(*git);
    auto on = [&](std::chrono::year_month_day day) -> std::string {
        auto c = history.last_on_or_before(day);
        return c ? c->id : c.error().message;
    };
    EXPECT_EQ(on(2026y / 11 / 5), ids[2]); // the 6th in UTC, the 5th where it was made
    EXPECT_EQ(on(2026y / 11 / 4), ids[1]);
    EXPECT_EQ(on(2026y / 11 / 2), ids[0]);
    EXPECT_EQ(on(2026y / 11 / 1), ids[0]);
    EXPECT_EQ(on(2026y / 10 / 31), "no commit on HEAD's first-parent line was made on or before "
                                   "2026-10-31; the history starts later");
}

} // namespace
} // namespace decision::git
