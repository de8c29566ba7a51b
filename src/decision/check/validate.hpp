#pragma once
// Validation of records as `git decision check` (without a range) and the pre-commit hook
// run it: syntax and structure, the lint rules at the policy's levels, cross-record checks.

#include "decision/policy/policy.hpp"
#include "decision/record/catalog.hpp"
#include "decision/util/diagnostic.hpp"

#include <string>
#include <vector>

namespace decision::check {

// Parse and lint findings for one record file, sorted by line and column.
std::vector<util::Diagnostic> validate_record(const std::string& text, const std::string& path,
                                              const policy::Policy& policy);

// Every finding for a set of records: the catalog's parse errors, lint findings and
// cross-record checks, sorted by file, line and column. With `lint_only`, records at other
// paths are not linted (the cross-record checks still see them all): the pre-commit hook
// lints only what is staged.
std::vector<util::Diagnostic> validate_catalog(const record::Catalog& catalog,
                                               const policy::Policy& policy,
                                               const std::vector<std::string>* lint_only = nullptr);

} // namespace decision::check
