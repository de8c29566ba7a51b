#include "decision/record/lint.hpp"
#include "decision/record/parse.hpp"
#include "decision/record/template.hpp"
#include "decision/util/text.hpp"

#include <gtest/gtest.h>
#include <regex>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_record_template_test {

using namespace decision;

namespace {

record::TemplateValues values() {
    record::TemplateValues v;
    v.id = "DEC-0001";
    v.title = "Ship it";
    v.date = record::Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{27}};
    v.review_date =
        record::Date{std::chrono::year{2027}, std::chrono::month{1}, std::chrono::day{26}};
    v.owner_name = "Priya Raman";
    v.owner_email = "priya@example.com";
    v.owner_role = "PM";
    return v;
}

// A template filled in as a PM does (and as scripts/demo's record is): every placeholder
// replaced with a real value, nothing else touched.
std::string filled(std::string text) {
    static const std::vector<std::pair<std::regex, std::string>> k_fills{
        {std::regex(R"(^stance = ""(.*)$)"), "stance = \"approve\"$1"},
        {std::regex(R"(^metric = ""(.*)$)"), "metric = \"recall\"$1"},
        {std::regex(R"(^(\w+) = ""(.*)$)"), "$1 = \"Filled in: $1\"$2"},
        {std::regex(R"(^paths = \["<[^"]*>"\](.*)$)"), "paths = [\"models/fraud/**\"]$1"},
        {std::regex(R"(^metrics = \{\}(.*)$)"), "metrics = { recall = 0.8 }$1"},
        {std::regex(R"(^priorities = \{\}(.*)$)"),
         "priorities = { performance = 0.6, cost = 0.4 }$1"},
        {std::regex(R"(^(\w+) = \[\](.*)$)"), "$1 = [\"filled\"]$2"},
    };
    std::string out;
    for (auto& line : util::split(text, '\n')) {
        for (const auto& [pattern, replacement] : k_fills)
            if (std::regex_search(line, pattern)) {
                line = std::regex_replace(line, pattern, replacement);
                break;
            }
        out += line + "\n";
    }
    return out;
}

} // namespace

// Every template ships what the checklist asks for: filled in, it can be accepted; as
// written, it cannot (its placeholders and empty fields are errors at acceptance).
TEST(Template, EveryTemplateFilledInPassesItsChecklist) {
    for (std::size_t i = 0; i < record::category_names().size(); ++i) {
        auto category = static_cast<record::Category>(i);
        SCOPED_TRACE(record::category_names()[i]);
        std::string text = record::render_template(category, values());

        auto blank = record::parse(text, "decisions/DEC-0001-ship-it.toml");
        ASSERT_TRUE(blank.ok());
        EXPECT_FALSE(record::acceptance(*blank.record, {}).ok());
        auto scope = record::acceptance(*blank.record, {}).errors;
        EXPECT_TRUE(std::any_of(scope.begin(), scope.end(),
                                [](const util::Diagnostic& d) { return d.rule == "scope"; }));

        auto parsed = record::parse(filled(text), "decisions/DEC-0001-ship-it.toml");
        ASSERT_TRUE(parsed.ok()) << filled(text);
        auto gate = record::acceptance(*parsed.record, {});
        std::string errors;
        for (const auto& d : gate.errors)
            errors += util::format(d) + "\n";
        EXPECT_EQ(errors, "") << filled(text);
        for (const auto& item : record::checklist(*parsed.record, {}))
            EXPECT_TRUE(item.met) << item.name;
    }
}

} // namespace t_unit_record_template_test
