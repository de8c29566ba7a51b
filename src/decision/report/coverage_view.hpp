#pragma once
// Coverage results for people: per path, what covers it or what is missing and the fix.

#include "decision/check/lifecycle.hpp"
#include "decision/gate/coverage.hpp"

#include <string>

namespace decision::report {

// Lines describing the uncovered paths and warnings of `c`, every string sanitized.
std::string render_coverage(const gate::Coverage& c, const std::string& indent = "  ");

// Lines describing lifecycle findings (one per record, with its fix), every string sanitized.
std::string render_lifecycle(const std::vector<check::LifecycleFinding>& found,
                             const std::string& indent = "  ");

} // namespace decision::report
