#include "decision/gate/skip.hpp"

#include <cstdlib>
#include <ostream>
#include <string>

namespace decision::gate {

bool skipped(const char* hook, std::ostream& err) {
    const char* skip = std::getenv("GIT_DECISION_SKIP");
    if (!skip || std::string(skip) != "1")
        return false;
    err << "git-decision: GIT_DECISION_SKIP=1: skipping the " << hook
        << " hook (CI and the server still check this change)\n";
    return true;
}

} // namespace decision::gate
