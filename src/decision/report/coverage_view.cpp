#include "decision/report/coverage_view.hpp"

#include "decision/util/text.hpp"

namespace decision::report {

std::string render_coverage(const gate::Coverage& c, const std::string& indent) {
    std::string out;
    for (const auto& p : c.paths) {
        if (p.covered || c.waived)
            continue;
        out += indent + util::sanitize(p.path) + "  (rule '" + util::sanitize(p.rule) + "')\n";
        for (const auto& problem : p.problems)
            out += indent + "  - " + util::sanitize(problem) + "\n";
        for (const auto& fix : p.fixes)
            out += indent + "  fix: " + util::sanitize(fix) + "\n";
    }
    for (const auto& w : c.warnings)
        out += indent + "warning: " + util::sanitize(w) + "\n";
    return out;
}

std::string render_lifecycle(const std::vector<check::LifecycleFinding>& found,
                             const std::string& indent) {
    std::string out;
    for (const auto& f : found) {
        out += indent + util::sanitize(f.path) + "  (rule '" + check::rule_name(f.kind) + "')\n";
        out += indent + "  - " + util::sanitize(f.message) + "\n";
        out += indent + "  fix: " + util::sanitize(f.fix) + "\n";
    }
    return out;
}

} // namespace decision::report
