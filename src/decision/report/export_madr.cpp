#include "decision/report/export.hpp"

#include <nlohmann/json.hpp>

namespace decision::report {

util::Result<void> write_madr(const nlohmann::json&, const std::string&) {
    return util::fail(util::ErrorKind::Usage, "--format madr is not available yet");
}

} // namespace decision::report
