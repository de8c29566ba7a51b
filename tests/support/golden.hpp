#pragma once
// Golden output: a command's whole output compared with tests/golden/<name>, so a reviewer
// reads exactly what a user sees. GD_UPDATE_GOLDEN=1 rewrites the files instead (then read
// the diff before committing it).

#include <string>

namespace test {

// Fails the test, showing both texts, when `actual` differs from tests/golden/<name>; a
// missing file fails too (run once with GD_UPDATE_GOLDEN=1 to create it).
void expect_golden(const std::string& name, const std::string& actual);

} // namespace test
