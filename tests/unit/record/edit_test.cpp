#include "decision/record/edit.hpp"
#include "decision/record/parse.hpp"
#include "decision/record/template.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_record_edit_test {

using namespace decision;

namespace {
record::Record parse_ok(const std::string& text) {
    auto r = record::parse(text, "decisions/DEC-0001-x.toml");
    EXPECT_TRUE(r.ok());
    return *r.record;
}
const char* k_text =
    "id = \"DEC-0001\"  # keep me\ntitle = \"t\"\ncategory = \"MODEL SELECTION\"\n"
    "status = \"proposed\"   # lifecycle\ndate = 2026-11-02\n\n[owner]\nname = \"P\"\n";
} // namespace

TEST(Edit, StatusKeepsCommentsAndLayout) {
    auto out = record::with_status(parse_ok(k_text), record::Status::Accepted);
    ASSERT_TRUE(out);
    std::string expected = k_text;
    expected.replace(expected.find("\"proposed\""), 10, "\"accepted\"");
    EXPECT_EQ(*out, expected);
}

TEST(Edit, SupersedesIsInsertedAfterStatus) {
    auto out = record::with_supersedes(parse_ok(k_text), "DEC-0007");
    ASSERT_TRUE(out);
    EXPECT_NE(out->find("status = \"proposed\"   # lifecycle\nsupersedes = [\"DEC-0007\"]\ndate"),
              std::string::npos);
}

TEST(Edit, SupersedesIsAppendedToAnExistingArray) {
    std::string text = k_text;
    text.replace(text.find("date"), 0, "supersedes = [\"DEC-0003\"]\n");
    auto out = record::with_supersedes(parse_ok(text), "DEC-0007");
    ASSERT_TRUE(out);
    EXPECT_NE(out->find("supersedes = [\"DEC-0003\", \"DEC-0007\"]\n"), std::string::npos);
    auto again = record::with_supersedes(parse_ok(*out), "DEC-0007");
    EXPECT_EQ(*again, *out);
}

TEST(Edit, MultiLineArrayIsLeftToTheUser) {
    std::string text = k_text;
    text.replace(text.find("date"), 0, "supersedes = [\n  \"DEC-0003\",\n]\n");
    auto out = record::with_supersedes(parse_ok(text), "DEC-0007");
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().message, "supersedes in decisions/DEC-0001-x.toml spans several lines; "
                                   "add \"DEC-0007\" to it by hand");
}

TEST(Edit, CrlfLineEndsAreKept) {
    std::string text = k_text;
    for (auto pos = text.find('\n'); pos != std::string::npos; pos = text.find('\n', pos + 2))
        text.replace(pos, 1, "\r\n");
    auto status = record::with_status(parse_ok(text), record::Status::Accepted);
    ASSERT_TRUE(status) << status.error().message;
    std::string expected = text;
    expected.replace(expected.find("\"proposed\""), 10, "\"accepted\"");
    EXPECT_EQ(*status, expected);

    auto supersedes = record::with_supersedes(parse_ok(text), "DEC-0007");
    ASSERT_TRUE(supersedes) << supersedes.error().message;
    EXPECT_NE(supersedes->find("# lifecycle\r\nsupersedes = [\"DEC-0007\"]\r\ndate"),
              std::string::npos)
        << *supersedes;
}

// Editors (Taplo, Even Better TOML) find a record's schema through the `#:schema` first line
// every template starts with; the lifecycle verbs must leave it where it is.
TEST(Edit, SchemaDirectiveOfEveryTemplateSurvivesStatusAndSupersede) {
    using namespace std::chrono;
    const std::string directive = "#:schema ./decision.schema.json\n";
    for (std::size_t i = 0; i < record::category_names().size(); ++i) {
        auto c = static_cast<record::Category>(i);
        record::TemplateValues v{"DEC-0007",
                                 "t",
                                 year_month_day{year(2026), month(11), day(2)},
                                 year_month_day{year(2027), month(1), day(1)},
                                 "P",
                                 "p@example.com",
                                 "PM"};
        std::string text = record::render_template(c, v);
        ASSERT_EQ(text.rfind(directive, 0), 0u) << record::to_string(c);
        auto accepted = record::with_status(parse_ok(text), record::Status::Accepted);
        ASSERT_TRUE(accepted) << accepted.error().message;
        EXPECT_EQ(accepted->rfind(directive, 0), 0u) << *accepted;
        auto superseding = record::with_supersedes(parse_ok(*accepted), "DEC-0003");
        ASSERT_TRUE(superseding) << superseding.error().message;
        EXPECT_EQ(superseding->rfind(directive, 0), 0u) << *superseding;
    }
}

} // namespace t_unit_record_edit_test
