#include "decision/util/date.hpp"

#include <cstdio>

namespace decision::util {

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    std::size_t starts[3] = {0, 5, 8}, sizes[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p)
        for (std::size_t i = starts[p]; i < starts[p] + sizes[p]; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return std::nullopt;
            parts[p] = parts[p] * 10 + (text[i] - '0');
        }
    std::chrono::year_month_day day{std::chrono::year(parts[0]),
                                    std::chrono::month(static_cast<unsigned>(parts[1])),
                                    std::chrono::day(static_cast<unsigned>(parts[2]))};
    return day.ok() ? std::optional(day) : std::nullopt;
}

std::string format_date(std::chrono::year_month_day day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return buf;
}

} // namespace decision::util
