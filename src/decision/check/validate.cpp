#include "decision/check/validate.hpp"

#include "decision/record/evidence.hpp"
#include "decision/record/lint.hpp"
#include "decision/record/parse.hpp"

#include <algorithm>
#include <tuple>

namespace decision::check {

namespace {
// Findings in reading order: by file, line and column (stable, so a rule's order holds).
void sort_by_position(std::vector<util::Diagnostic>& out) {
    std::stable_sort(
        out.begin(), out.end(), [](const util::Diagnostic& a, const util::Diagnostic& b) {
            return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
        });
}
} // namespace

std::vector<util::Diagnostic> validate_record(const std::string& text, const std::string& path,
                                              const policy::Policy& policy) {
    auto parsed = record::parse(text, path);
    auto out = parsed.diagnostics;
    if (parsed.record) {
        auto lints = record::lint(*parsed.record, policy.lint);
        out.insert(out.end(), lints.begin(), lints.end());
        auto links = record::check_links(*parsed.record);
        out.insert(out.end(), links.begin(), links.end());
    }
    sort_by_position(out);
    return out;
}

std::vector<util::Diagnostic> validate_catalog(const record::Catalog& catalog,
                                               const policy::Policy& policy,
                                               const std::vector<std::string>* lint_only) {
    auto out = catalog.diagnostics;
    for (const auto& r : catalog.records) {
        if (lint_only &&
            std::find(lint_only->begin(), lint_only->end(), r.path) == lint_only->end())
            continue;
        auto lints = record::lint(r, policy.lint);
        out.insert(out.end(), lints.begin(), lints.end());
        auto links = record::check_links(r);
        out.insert(out.end(), links.begin(), links.end());
    }
    auto cross = record::check_collection(catalog.records, policy.id_prefix);
    out.insert(out.end(), cross.begin(), cross.end());
    sort_by_position(out);
    return out;
}

} // namespace decision::check
