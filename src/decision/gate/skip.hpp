#pragma once
// GIT_DECISION_SKIP=1: the local hooks stand aside (CI and the server still check), shared
// by the fast hook front-ends and the full hooks.

#include <iosfwd>

namespace decision::gate {

// Whether GIT_DECISION_SKIP=1 asks to skip local hooks (and says so on `err`).
bool skipped(const char* hook, std::ostream& err);

} // namespace decision::gate
