#include "decision/guard/review.hpp"

#include "decision/util/text.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace decision::guard {

using util::ErrorKind;
using util::fail;

util::Result<int> parse_window(std::string_view text) {
    auto usage = [&] {
        return fail(ErrorKind::Usage,
                    "invalid review window '" + util::sanitize(text) +
                        "': expected a number of days or weeks, such as 14d, 2w or 30, up to " +
                        std::to_string(k_max_review_window_days) + " days");
    };
    std::string_view s = util::trim(text);
    int per_unit = 1;
    if (!s.empty() && (s.back() == 'd' || s.back() == 'w')) {
        per_unit = s.back() == 'w' ? 7 : 1;
        s.remove_suffix(1);
    }
    if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos)
        return usage();
    long long n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size() || n > k_max_review_window_days)
        return usage();
    n *= per_unit;
    if (n > k_max_review_window_days)
        return usage();
    return static_cast<int>(n);
}

ReviewReport review(const std::vector<record::Record>& records, record::Date today,
                    int window_days) {
    using std::chrono::sys_days;
    ReviewReport report{today, window_days, {}, {}, {}};
    for (const auto& r : records) {
        bool proposed = r.status == record::Status::Proposed;
        if (!proposed && r.status != record::Status::Accepted)
            continue;
        ReviewItem item{r.id,         r.title,       r.path, proposed ? "proposed" : "accepted",
                        r.owner.name, r.owner.email, {},     0};
        if (!r.review_date || !r.review_date->ok()) {
            report.undated.push_back(std::move(item));
            continue;
        }
        item.review_date = r.review_date;
        auto days = (sys_days(*r.review_date) - sys_days(today)).count();
        if (days < 0) {
            item.days = static_cast<int>(-days);
            report.overdue.push_back(std::move(item));
        } else if (days <= window_days) {
            item.days = static_cast<int>(days);
            report.due.push_back(std::move(item));
        }
    }
    auto by_days = [](bool descending) {
        return [descending](const ReviewItem& a, const ReviewItem& b) {
            if (a.days != b.days)
                return descending ? a.days > b.days : a.days < b.days;
            return a.id < b.id;
        };
    };
    std::stable_sort(report.overdue.begin(), report.overdue.end(), by_days(true));
    std::stable_sort(report.due.begin(), report.due.end(), by_days(false));
    std::stable_sort(report.undated.begin(), report.undated.end(),
                     [](const ReviewItem& a, const ReviewItem& b) { return a.id < b.id; });
    return report;
}

} // namespace decision::guard
