#include "decision/guard/review.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_guard_review_test {

using namespace decision::guard;
using namespace std::chrono;
using decision::record::Date;
using decision::record::Record;
using decision::record::Status;
using decision::util::ErrorKind;

namespace {

Record make_record(const std::string& id, Status status, std::optional<Date> review_date) {
    Record r;
    r.id = id;
    r.title = "Decision " + id;
    r.path = "decisions/" + id + "-x.toml";
    r.status = status;
    r.review_date = review_date;
    r.owner = {"Priya Raman", "PM", "priya@example.com"};
    return r;
}

constexpr Date k_today = 2027y / January / 10d;

std::vector<std::string> ids(const std::vector<ReviewItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items)
        out.push_back(i.id);
    return out;
}

std::string window_error(std::string_view text) {
    auto r = parse_window(text);
    EXPECT_FALSE(r.has_value()) << text;
    if (r)
        return "(parsed)";
    EXPECT_EQ(r.error().kind, ErrorKind::Usage);
    return r.error().message;
}

} // namespace

TEST(ReviewWindow, DaysWeeksAndBareNumbers) {
    EXPECT_EQ(parse_window("14d"), 14);
    EXPECT_EQ(parse_window("2w"), 14);
    EXPECT_EQ(parse_window("30"), 30);
    EXPECT_EQ(parse_window("0d"), 0);
    EXPECT_EQ(parse_window(" 7d "), 7);
    EXPECT_EQ(parse_window("10000"), 10000);
    EXPECT_EQ(parse_window("1428w"), 9996);
}

TEST(ReviewWindow, JunkIsAUsageError) {
    const std::string tail =
        "': expected a number of days or weeks, such as 14d, 2w or 30, up to 10000 days";
    EXPECT_EQ(window_error(""), "invalid review window '" + tail);
    EXPECT_EQ(window_error("d"), "invalid review window 'd" + tail);
    EXPECT_EQ(window_error("two weeks"), "invalid review window 'two weeks" + tail);
    EXPECT_EQ(window_error("-3d"), "invalid review window '-3d" + tail);
    EXPECT_EQ(window_error("1.5w"), "invalid review window '1.5w" + tail);
    EXPECT_EQ(window_error("3m"), "invalid review window '3m" + tail);
    EXPECT_EQ(window_error("14dd"), "invalid review window '14dd" + tail);
    EXPECT_EQ(window_error("+14"), "invalid review window '+14" + tail);
    EXPECT_EQ(window_error("10001"), "invalid review window '10001" + tail);
    EXPECT_EQ(window_error("1429w"), "invalid review window '1429w" + tail);
    EXPECT_EQ(window_error("99999999999999999999d"),
              "invalid review window '99999999999999999999d" + tail);
    EXPECT_EQ(window_error("7\x1b[2Jd"), "invalid review window '7\\x1B[2Jd" + tail);
}

TEST(Review, OverdueDueAndUndated) {
    std::vector<Record> records{
        make_record("DEC-0001", Status::Accepted, 2027y / January / 9d),   // 1 day overdue
        make_record("DEC-0002", Status::Accepted, 2026y / December / 1d),  // 40 days overdue
        make_record("DEC-0003", Status::Proposed, 2027y / January / 10d),  // due today
        make_record("DEC-0004", Status::Accepted, 2027y / January / 24d),  // last day of window
        make_record("DEC-0005", Status::Accepted, 2027y / January / 25d),  // just outside
        make_record("DEC-0006", Status::Proposed, std::nullopt),           // no date
        make_record("DEC-0007", Status::Rejected, 2026y / January / 1d),   // settled
        make_record("DEC-0008", Status::Superseded, std::nullopt),         // settled
        make_record("DEC-0009", Status::Deprecated, 2026y / January / 1d), // settled
        make_record("DEC-0010", Status::Accepted, 2027y / January / 11d),  // due tomorrow
    };
    auto report = review(records, k_today, 14);
    EXPECT_EQ(report.window_days, 14);
    EXPECT_EQ(ids(report.overdue), (std::vector<std::string>{"DEC-0002", "DEC-0001"}));
    EXPECT_EQ(report.overdue[0].days, 40);
    EXPECT_EQ(report.overdue[1].days, 1);
    EXPECT_EQ(ids(report.due), (std::vector<std::string>{"DEC-0003", "DEC-0010", "DEC-0004"}));
    EXPECT_EQ(report.due[0].days, 0);
    EXPECT_EQ(report.due[0].status, "proposed");
    EXPECT_EQ(report.due[1].days, 1);
    EXPECT_EQ(report.due[2].days, 14);
    EXPECT_EQ(ids(report.undated), (std::vector<std::string>{"DEC-0006"}));
    EXPECT_EQ(report.undated[0].review_date, std::nullopt);
    EXPECT_EQ(report.overdue[0].owner_name, "Priya Raman");
    EXPECT_EQ(report.overdue[0].owner_email, "priya@example.com");
    EXPECT_EQ(report.overdue[0].path, "decisions/DEC-0002-x.toml");
    EXPECT_EQ(report.overdue[0].review_date, 2026y / December / 1d);
}

TEST(Review, ZeroWindowHoldsOnlyToday) {
    std::vector<Record> records{
        make_record("DEC-0001", Status::Accepted, 2027y / January / 10d),
        make_record("DEC-0002", Status::Accepted, 2027y / January / 11d),
    };
    auto report = review(records, k_today, 0);
    EXPECT_EQ(ids(report.due), (std::vector<std::string>{"DEC-0001"}));
    EXPECT_TRUE(report.overdue.empty());
}

TEST(Review, CrossesYearsAndLeapDays) {
    std::vector<Record> records{
        make_record("DEC-0001", Status::Accepted, 2024y / February / 29d),
    };
    auto report = review(records, 2024y / March / 1d, 14);
    ASSERT_EQ(report.overdue.size(), 1u);
    EXPECT_EQ(report.overdue[0].days, 1);
    auto ahead = review(records, 2023y / December / 31d, 60);
    ASSERT_EQ(ahead.due.size(), 1u);
    EXPECT_EQ(ahead.due[0].days, 60);
}

TEST(Review, InvalidDateCountsAsUndated) {
    std::vector<Record> records{make_record("DEC-0001", Status::Accepted, 2027y / February / 30d)};
    auto report = review(records, k_today, 14);
    EXPECT_EQ(ids(report.undated), (std::vector<std::string>{"DEC-0001"}));
}

TEST(Review, TiesSortById) {
    std::vector<Record> records{
        make_record("DEC-0009", Status::Accepted, 2027y / January / 12d),
        make_record("DEC-0003", Status::Accepted, 2027y / January / 12d),
        make_record("DEC-0005", Status::Accepted, std::nullopt),
        make_record("DEC-0004", Status::Accepted, std::nullopt),
    };
    auto report = review(records, k_today, 14);
    EXPECT_EQ(ids(report.due), (std::vector<std::string>{"DEC-0003", "DEC-0009"}));
    EXPECT_EQ(ids(report.undated), (std::vector<std::string>{"DEC-0004", "DEC-0005"}));
}

} // namespace t_unit_guard_review_test
