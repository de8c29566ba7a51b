// record::load and Catalog::find: a set of records.
#include "decision/record/catalog.hpp"

#include <gtest/gtest.h>

namespace decision::record {
namespace {

std::string text(const std::string& id, const std::string& status,
                 const std::string& supersedes = "") {
    return "id = \"" + id + "\"\ntitle = \"T\"\ncategory = \"MODEL SELECTION\"\nstatus = \"" +
           status + "\"\ndate = 2026-11-27\n" +
           (supersedes.empty() ? "" : "supersedes = [\"" + supersedes + "\"]\n") +
           "\n[owner]\nname = \"A\"\n";
}

TEST(Catalog, LoadsRecordFilesOnly) {
    auto c = load({{"decisions/DEC-0001-a.toml", text("DEC-0001", "accepted")},
                   {"decisions/policy.toml", "[[rules]]\n"},
                   {"decisions/README.md", "# notes"},
                   {"decisions/DEC-0002-b.toml", "id = "}});
    ASSERT_EQ(c.records.size(), 1u);
    EXPECT_EQ(c.records[0].path, "decisions/DEC-0001-a.toml");
    EXPECT_FALSE(c.diagnostics.empty()); // DEC-0002's file does not parse
    EXPECT_NE(c.find("DEC-0001"), nullptr);
    EXPECT_EQ(c.find("DEC-0002"), nullptr);
    EXPECT_TRUE(is_record_file("decisions/DEC-0001-a.toml"));
    EXPECT_FALSE(is_record_file("decisions/policy.toml"));
    EXPECT_FALSE(is_record_file("decisions/notes.md"));
}

TEST(Catalog, FindFollowsRecordsAddedLater) {
    auto c = load({{"decisions/DEC-0001-a.toml", text("DEC-0001", "accepted")}});
    EXPECT_EQ(c.find("DEC-0003"), nullptr);
    c.records.push_back(c.records[0]);
    c.records.back().id = "DEC-0003";
    ASSERT_NE(c.find("DEC-0003"), nullptr);
    EXPECT_EQ(c.find("DEC-0003")->id, "DEC-0003");
}

} // namespace
} // namespace decision::record
