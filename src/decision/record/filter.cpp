#include "decision/record/filter.hpp"

#include "decision/util/pathmatch.hpp"
#include "decision/util/text.hpp"

#include <algorithm>

namespace decision::record {

namespace {
bool contains(const std::string& haystack, const std::string& lowered_needle) {
    return util::to_lower(haystack).find(lowered_needle) != std::string::npos;
}
} // namespace

bool is_open(const Record& r) {
    return r.status == Status::Proposed || r.status == Status::Accepted;
}

bool covers_model(const Record& r, const std::string& name) {
    return std::find(r.scope.models.begin(), r.scope.models.end(), name) != r.scope.models.end() ||
           std::any_of(r.models.begin(), r.models.end(),
                       [&](const ModelVersion& m) { return m.name == name; });
}

bool matches(const Record& r, const Filter& f) {
    if (f.category && r.category != *f.category)
        return false;
    if (f.status && r.status != *f.status)
        return false;
    if (!f.owner.empty()) {
        auto needle = util::to_lower(f.owner);
        if (!contains(r.owner.name, needle) && !contains(r.owner.email, needle))
            return false;
    }
    if (!f.tag.empty() && std::none_of(r.tags.begin(), r.tags.end(), [&](const std::string& t) {
            return util::iequals(t, f.tag);
        }))
        return false;
    if (!f.model.empty() && !covers_model(r, f.model))
        return false;
    if (!f.path.empty()) {
        auto set = util::PathSet::compile(r.scope.paths);
        if (!set || !set->matches(f.path))
            return false;
    }
    if (f.overdue || f.due_within_days) {
        if (!is_open(r) || !r.review_date)
            return false;
        auto days_left =
            (std::chrono::sys_days(*r.review_date) - std::chrono::sys_days(f.today)).count();
        if (f.overdue && days_left >= 0)
            return false;
        if (f.due_within_days && days_left > *f.due_within_days)
            return false;
    }
    return true;
}

std::vector<std::string> search(const Record& r, const std::string& needle) {
    std::vector<std::string> out;
    auto n = util::to_lower(needle);
    if (n.empty())
        return out;
    if (contains(r.title, n) || contains(r.id, n))
        out.push_back("title");
    if (contains(r.problem.statement, n) || contains(r.problem.trigger, n))
        out.push_back("problem");
    if (contains(r.decision.summary, n))
        out.push_back("summary");
    if (contains(r.decision.rationale, n))
        out.push_back("rationale");
    if (std::any_of(r.options.begin(), r.options.end(), [&](const Option& o) {
            return contains(o.name, n) || contains(o.summary, n) || contains(o.rejected_because, n);
        }))
        out.push_back("options");
    if (std::any_of(r.tags.begin(), r.tags.end(),
                    [&](const std::string& t) { return contains(t, n); }))
        out.push_back("tags");
    return out;
}

std::vector<const Record*> in_force(const Catalog& catalog) {
    std::vector<std::string> replaced;
    for (const auto& r : catalog.records)
        if (r.status == Status::Accepted)
            replaced.insert(replaced.end(), r.supersedes.begin(), r.supersedes.end());
    std::vector<const Record*> out;
    for (const auto& r : catalog.records)
        if (r.status == Status::Accepted &&
            std::find(replaced.begin(), replaced.end(), r.id) == replaced.end())
            out.push_back(&r);
    std::sort(out.begin(), out.end(), [](const Record* a, const Record* b) {
        return a->id.size() != b->id.size() ? a->id.size() < b->id.size() : a->id < b->id;
    });
    return out;
}

} // namespace decision::record
