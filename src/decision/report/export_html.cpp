#include "decision/report/export.hpp"

#include <nlohmann/json.hpp>

namespace decision::report {

std::string render_html(const nlohmann::json&) {
    return {};
}

} // namespace decision::report
