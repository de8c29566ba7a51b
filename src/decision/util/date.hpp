#pragma once
// Calendar dates as the project writes them, YYYY-MM-DD: records, --date, `at <day>`,
// GIT_DECISION_TODAY and every report.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace decision::util {

// "2026-11-02" -> that day; nullopt unless exactly YYYY-MM-DD (ten characters, digits
// where digits go) naming a real day.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

// That day as YYYY-MM-DD.
std::string format_date(std::chrono::year_month_day day);

} // namespace decision::util
