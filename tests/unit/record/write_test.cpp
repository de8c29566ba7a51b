#include "decision/record/parse.hpp"
#include "decision/record/write.hpp"
#include "support/temp_repo.hpp"

#include <filesystem>
#include <gtest/gtest.h>

using namespace decision;

namespace {
record::Record parse_ok(const std::string& text, const std::string& path) {
    auto r = record::parse(text, path);
    EXPECT_TRUE(r.ok()) << text;
    return r.record ? *r.record : record::Record{};
}

// Everything parse() reads, except where it was read from.
void expect_same(const record::Record& a, const record::Record& b) {
    EXPECT_EQ(record::to_toml(a), record::to_toml(b));
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.problem.statement, b.problem.statement);
    EXPECT_EQ(a.options.size(), b.options.size());
    EXPECT_EQ(a.guardrails.size(), b.guardrails.size());
}
} // namespace

TEST(TomlString, EscapesQuotesBackslashesAndControls) {
    EXPECT_EQ(record::toml_string("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
    EXPECT_EQ(record::toml_string("line\nnext\ttab\x1b[31m"), "\"line\\nnext\\ttab\\u001B[31m\"");
}

TEST(ToTomlWrite, MinimalRecordInTemplateOrder) {
    record::Record r;
    r.id = "DEC-0007";
    r.title = "Use \"quotes\"\nand lines";
    r.category = record::Category::DataPipeline;
    r.status = record::Status::Accepted;
    r.date = record::Date{std::chrono::year(2024), std::chrono::month(3), std::chrono::day(4)};
    r.owner.name = "Ann";
    r.problem.statement = "Why";
    r.links.push_back({"other", "doc/adr/0001-x.md", "Imported", {}});
    EXPECT_EQ(record::to_toml(r), "id = \"DEC-0007\"\n"
                                  "title = \"Use \\\"quotes\\\"\\nand lines\"\n"
                                  "category = \"DATA PIPELINE\"\n"
                                  "status = \"accepted\"\n"
                                  "date = 2024-03-04\n"
                                  "\n[owner]\n"
                                  "name = \"Ann\"\n"
                                  "\n[problem]\n"
                                  "statement = \"Why\"\n"
                                  "\n[[links]]\n"
                                  "kind = \"other\"\n"
                                  "url = \"doc/adr/0001-x.md\"\n"
                                  "title = \"Imported\"\n");
}

// Every example record of the schema corpus reads back the same after writing.
TEST(ToTomlWrite, ExamplesRoundTrip) {
    int seen = 0;
    for (const auto& e :
         std::filesystem::directory_iterator(test::source_path("schema/examples/valid"))) {
        if (e.path().extension() != ".toml")
            continue;
        std::string name = "decisions/" + e.path().filename().string();
        auto first = parse_ok(
            test::read_source("schema/examples/valid/" + e.path().filename().string()), name);
        auto second = parse_ok(record::to_toml(first), name);
        expect_same(first, second);
        ++seen;
    }
    EXPECT_GT(seen, 0);
}
