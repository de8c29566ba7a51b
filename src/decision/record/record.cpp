#include "decision/record/record.hpp"

#include "decision/util/date.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace decision::record {

const std::vector<std::string>& category_names() {
    static const std::vector<std::string> k_names{"MODEL SELECTION",     "DATA PIPELINE",
                                                  "FEATURE ENGINEERING", "ETHICAL REVIEW",
                                                  "TRAINING STRATEGY",   "DEPLOYMENT THRESHOLD"};
    return k_names;
}

const std::vector<std::string>& status_names() {
    static const std::vector<std::string> k_names{"proposed", "accepted", "rejected", "superseded",
                                                  "deprecated"};
    return k_names;
}

std::string_view to_string(Category c) {
    return category_names()[static_cast<std::size_t>(c)];
}
std::string_view to_string(Status s) {
    return status_names()[static_cast<std::size_t>(s)];
}

namespace {
template <class E>
std::optional<E> parse_name(const std::vector<std::string>& names, std::string_view s) {
    auto it = std::find(names.begin(), names.end(), s);
    if (it == names.end())
        return std::nullopt;
    return static_cast<E>(it - names.begin());
}
} // namespace

std::optional<Category> parse_category(std::string_view s) {
    return parse_name<Category>(category_names(), s);
}
std::optional<Status> parse_status(std::string_view s) {
    return parse_name<Status>(status_names(), s);
}

bool transition_allowed(Status from, Status to) {
    switch (from) {
    case Status::Proposed:
        return to == Status::Accepted || to == Status::Rejected;
    case Status::Accepted:
        return to == Status::Superseded || to == Status::Deprecated;
    default:
        return false;
    }
}

Date local_today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{std::chrono::year(local.tm_year + 1900),
                std::chrono::month(unsigned(local.tm_mon + 1)),
                std::chrono::day(unsigned(local.tm_mday))};
}

std::string to_string(Date d) {
    return util::format_date(d);
}

std::string_view to_string(Op op) {
    static const char* const k_ops[] = {"<", "<=", ">", ">=", "==", "!="};
    return k_ops[static_cast<int>(op)];
}

std::optional<Op> parse_op(std::string_view s) {
    static const std::vector<std::string> k_ops{"<", "<=", ">", ">=", "==", "!="};
    return parse_name<Op>(k_ops, s);
}

Position Record::position_of(const std::string& key) const {
    auto it = positions.find(key);
    return it == positions.end() ? Position{1, 1} : it->second;
}

} // namespace decision::record
