#include "support/golden.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace test {

void expect_golden(const std::string& name, const std::string& actual) {
    std::filesystem::path path = std::filesystem::path(GD_SOURCE_DIR) / "tests" / "golden" / name;
    const char* update = std::getenv("GD_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ADD_FAILURE() << "no golden file " << path
                      << " (run with GD_UPDATE_GOLDEN=1 to create it); the output was:\n"
                      << actual;
        return;
    }
    std::ostringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(expected.str(), actual)
        << "output differs from " << path << " (GD_UPDATE_GOLDEN=1 rewrites it)";
}

} // namespace test
