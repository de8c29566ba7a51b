#include "decision/report/export.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_report_export_html_test {

using decision::report::script_json;

TEST(ScriptJson, AngleBracketsBecomeEscapesThatReadBackTheSame) {
    nlohmann::json doc = {{"title", "</script><!-- <Feast> & friends"}};
    std::string text = script_json(doc);
    EXPECT_EQ(text, R"({"title":"\u003c/script\u003e\u003c!-- \u003cFeast\u003e & friends"})");
    EXPECT_EQ(nlohmann::json::parse(text), doc);
}

TEST(ScriptJson, InvalidUtf8IsReplacedNotThrown) {
    nlohmann::json doc = {{"title", std::string("a\xff"
                                                "b")}};
    EXPECT_EQ(script_json(doc), "{\"title\":\"a\xEF\xBF\xBD"
                                "b\"}");
}

TEST(RenderHtml, TheLogAndTheContextEachSitInTheirOwnScriptElement) {
    nlohmann::json log = {
        {"version", 1}, {"records", nlohmann::json::array()}, {"links", nlohmann::json::array()}};
    std::string page = decision::report::render_html(log, {"2026-11-27", std::nullopt});
    EXPECT_NE(page.find("<script type=\"application/json\" id=\"decision-log\">"
                        "{\"links\":[],\"records\":[],\"version\":1}</script>"),
              std::string::npos);
    EXPECT_NE(page.find("<script type=\"application/json\" id=\"site-context\">"
                        "{\"generated\":\"2026-11-27\"}</script>"),
              std::string::npos);
}

} // namespace t_unit_report_export_html_test
