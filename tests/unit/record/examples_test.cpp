// The C++ validator against the example corpus under schema/examples/ — the same files
// tests/schema/check_examples.py checks the JSON Schema against, so the two cannot drift.

#include "decision/record/parse.hpp"
#include "decision/record/template.hpp"
#include "support/temp_repo.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_record_examples_test {

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

std::string all(const std::vector<util::Diagnostic>& diags) {
    std::string out;
    for (const auto& d : diags)
        out += util::format(d) + "\n";
    return out;
}
} // namespace

TEST(Examples, ValidExamplesHaveNoErrors) {
    auto files = files_in("schema/examples/valid");
    ASSERT_GE(files.size(), 10u);
    for (const auto& f : files) {
        auto text = slurp(f);
        ASSERT_EQ(text.rfind("# expect: valid", 0), 0u) << f;
        auto result = record::parse(text, f.filename().string());
        EXPECT_TRUE(result.ok()) << f << "\n" << all(result.diagnostics);
    }
}

TEST(Examples, InvalidExamplesHaveAnErrorWithAPosition) {
    auto files = files_in("schema/examples/invalid");
    ASSERT_GE(files.size(), 20u);
    for (const auto& f : files) {
        auto text = slurp(f);
        ASSERT_EQ(text.rfind("# expect: invalid", 0), 0u) << f;
        auto result = record::parse(text, f.filename().string());
        EXPECT_TRUE(result.record.has_value()) << f << " should be TOML";
        EXPECT_TRUE(util::has_errors(result.diagnostics))
            << f << " was accepted; expected " << text.substr(0, text.find('\n'));
        for (const auto& d : result.diagnostics)
            EXPECT_GT(d.line, 0) << f << ": " << util::format(d);
    }
}

TEST(Examples, SyntaxErrorsAreReportedWithLineAndColumn) {
    auto files = files_in("schema/examples/invalid-toml");
    ASSERT_GE(files.size(), 3u);
    for (const auto& f : files) {
        auto result = record::parse(slurp(f), f.filename().string());
        EXPECT_FALSE(result.record.has_value()) << f;
        ASSERT_EQ(result.diagnostics.size(), 1u) << f;
        EXPECT_GT(result.diagnostics[0].line, 0);
        EXPECT_GT(result.diagnostics[0].column, 0);
        EXPECT_NE(result.diagnostics[0].message.find("invalid TOML: "), std::string::npos);
    }
}

TEST(Examples, EveryTemplateRendersToAValidProposedRecord) {
    using namespace std::chrono;
    for (std::size_t i = 0; i < record::category_names().size(); ++i) {
        auto c = static_cast<record::Category>(i);
        record::TemplateValues v{"DEC-0007",
                                 "A \"quoted\" title \\ with a backslash",
                                 year_month_day{year(2026), month(11), day(2)},
                                 year_month_day{year(2027), month(1), day(1)},
                                 "Priya Raman",
                                 "priya@example.com",
                                 "PM"};
        auto result = record::parse(record::render_template(c, v), "t.toml");
        ASSERT_TRUE(result.ok()) << record::to_string(c) << "\n" << all(result.diagnostics);
        EXPECT_EQ(result.record->category, c);
        EXPECT_EQ(result.record->status, record::Status::Proposed);
        EXPECT_EQ(result.record->title, v.title);
        EXPECT_EQ(result.record->owner.role, "PM");
    }
}

} // namespace t_unit_record_examples_test
