#pragma once
// Review dates: which decisions are overdue, due soon, or carry no review date. "Today" is
// always passed in; the library never reads the clock, so results are reproducible.

#include "decision/record/record.hpp"
#include "decision/util/error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::guard {

// Longest window accepted (about 27 years): keeps date arithmetic far from overflow.
inline constexpr int k_max_review_window_days = 10'000;

// "14d" -> 14, "2w" -> 14, "30" -> 30 (days). Anything else, negative or over
// k_max_review_window_days, is a Usage error naming the text and the accepted forms.
util::Result<int> parse_window(std::string_view text);

// One reviewable decision. Strings come from records: renderers sanitise them.
struct ReviewItem {
    std::string id;
    std::string title;
    std::string path;
    std::string status; // "proposed" | "accepted"
    std::string owner_name;
    std::string owner_email;
    std::optional<record::Date> review_date;
    int days = 0; // overdue: days past the date (>= 1); due: days left (0 = today); else 0
};

struct ReviewReport {
    record::Date today;
    int window_days = 0;
    std::vector<ReviewItem> overdue; // review_date < today; most overdue first
    std::vector<ReviewItem> due;     // today <= review_date <= today + window; soonest first
    std::vector<ReviewItem> undated; // no (valid) review_date; by id
};

// Sorts the `proposed` and `accepted` records by review date; other statuses are settled and
// never due. Records due later than the window are left out.
ReviewReport review(const std::vector<record::Record>& records, record::Date today,
                    int window_days);

} // namespace decision::guard
