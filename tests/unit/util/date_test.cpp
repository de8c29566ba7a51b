#include "decision/util/date.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_util_date_test {

using namespace decision::util;
using namespace std::chrono;

TEST(Date, ParsesExactlyYyyyMmDd) {
    EXPECT_EQ(parse_date("2026-11-02"), year_month_day(year(2026), month(11), day(2)));
    EXPECT_EQ(parse_date("2024-02-29"), year_month_day(year(2024), month(2), day(29)));
    for (const char* bad : {"2025-02-29", "2026-13-01", "2026-00-10", "2026-1-02", "2026-01-2",
                            "+026-01-02", "2026-01-02x", "2026/01/02", "", "2026-01-0 "})
        EXPECT_EQ(parse_date(bad), std::nullopt) << bad;
}

TEST(Date, FormatsWithLeadingZeros) {
    EXPECT_EQ(format_date(year_month_day(year(2026), month(1), day(5))), "2026-01-05");
    EXPECT_EQ(format_date(year_month_day(year(987), month(12), day(31))), "0987-12-31");
}

} // namespace t_unit_util_date_test
