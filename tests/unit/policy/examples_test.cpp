// The C++ policy parser against schema/examples/policy/ — the files
// tests/schema/check_examples.py holds policy.schema.json to, so the two cannot drift.

#include "decision/policy/policy.hpp"
#include "support/temp_repo.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_policy_examples_test {

namespace fs = std::filesystem;
using namespace decision;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<fs::path> files_in(const std::string& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(test::source_path(dir)))
        if (e.path().extension() == ".toml")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}
} // namespace

TEST(PolicyExamples, ValidOnesParseWithoutDiagnostics) {
    auto files = files_in("schema/examples/policy/valid");
    ASSERT_GE(files.size(), 3u);
    for (const auto& f : files) {
        auto result = policy::parse(slurp(f), f.filename().string());
        std::string all;
        for (const auto& d : result.diagnostics)
            all += util::format(d) + "\n";
        EXPECT_TRUE(result.diagnostics.empty()) << all;
    }
}

TEST(PolicyExamples, InvalidOnesAreRejected) {
    auto files = files_in("schema/examples/policy/invalid");
    ASSERT_GE(files.size(), 8u);
    for (const auto& f : files)
        EXPECT_FALSE(policy::parse(slurp(f), f.filename().string()).diagnostics.empty())
            << f.filename();
}

TEST(PolicyExamples, TheDefaultPolicyParsesWithoutDiagnostics) {
    EXPECT_TRUE(policy::parse(policy::default_policy_text()).diagnostics.empty());
}

} // namespace t_unit_policy_examples_test
