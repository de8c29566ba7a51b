// The MADR folder rendered from an export document: MADR 4's headings, front matter that a
// YAML parser reads back exactly, file names, the index, and hostile strings.

#include "decision/record/parse.hpp"
#include "decision/report/export.hpp"
#include "decision/report/record_view.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <yaml-cpp/yaml.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_report_export_madr_test {

using namespace decision;
using nlohmann::json;

namespace {

json record_json(const std::string& example) {
    auto parsed = record::parse(test::read_source("schema/examples/valid/" + example),
                                "decisions/" + example);
    EXPECT_TRUE(parsed.record) << example;
    return report::to_json(*parsed.record);
}

json document(std::vector<json> records) {
    return {{"version", 1}, {"records", records}, {"links", json::array()}};
}

const report::MadrFile& file(const std::vector<report::MadrFile>& files, const std::string& name) {
    for (const auto& f : files)
        if (f.name == name)
            return f;
    ADD_FAILURE() << "no " << name;
    return files.back();
}

// Lines of the Markdown after the front matter that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    auto end = text.rfind("---\n", 0) == 0 ? text.find("\n---\n", 4) : std::string::npos;
    std::istringstream in(end == std::string::npos ? text : text.substr(end + 5));
    for (std::string line; std::getline(in, line);)
        if (line.rfind(prefix, 0) == 0)
            out.push_back(line);
    return out;
}

// The YAML between the first two "---" lines.
YAML::Node front_matter(const std::string& text) {
    EXPECT_EQ(text.rfind("---\n", 0), 0u);
    auto end = text.find("\n---\n", 4);
    EXPECT_NE(end, std::string::npos);
    return YAML::Load(text.substr(4, end - 4));
}

std::vector<std::string> strings(const YAML::Node& n) {
    std::vector<std::string> out;
    for (const auto& item : n)
        out.push_back(item.as<std::string>());
    return out;
}

} // namespace

// MADR 4's template (adr/madr, template/adr-template.md) has these second-level headings in
// this order, and "### Consequences" under "## Decision Outcome".
TEST(ExportMadr, HeadingsAreMadr4s) {
    auto files = report::render_madr(document({record_json("design-example.toml")}));
    const auto& text = file(files, "0042-optimize-for-recall-over-precision-in-the-fraud.md").text;
    EXPECT_EQ(lines_starting(text, "## "),
              (std::vector<std::string>{"## Context and Problem Statement", "## Decision Drivers",
                                        "## Considered Options", "## Decision Outcome",
                                        "## Pros and Cons of the Options", "## More Information"}));
    EXPECT_EQ(lines_starting(text, "# "),
              (std::vector<std::string>{
                  "# Optimize for recall over precision in the fraud detection model"}));
    auto outcome = text.find("## Decision Outcome");
    auto consequences = text.find("### Consequences");
    EXPECT_LT(outcome, consequences);
    EXPECT_LT(consequences, text.find("## Pros and Cons of the Options"));
    EXPECT_NE(text.find("Chosen option: \"Gradient-boosted trees, recall-weighted loss\", because"),
              std::string::npos)
        << text;
}

TEST(ExportMadr, FrontMatterIsYamlWithMadrsFieldsAndOurs) {
    auto files = report::render_madr(document({record_json("design-example.toml")}));
    auto meta = front_matter(files.front().text);
    EXPECT_EQ(meta["status"].as<std::string>(), "accepted");
    EXPECT_EQ(meta["date"].as<std::string>(), "2026-11-02");
    EXPECT_EQ(strings(meta["decision-makers"]), (std::vector<std::string>{"Priya Raman"}));
    EXPECT_EQ(strings(meta["consulted"]), (std::vector<std::string>{"Jane Doe"}));
    EXPECT_EQ(strings(meta["informed"]), std::vector<std::string>{});
    EXPECT_EQ(meta["id"].as<std::string>(), "DEC-0042");
    EXPECT_EQ(meta["category"].as<std::string>(), "MODEL SELECTION");
    EXPECT_EQ(meta["review-date"].as<std::string>(), "2027-01-15");
    EXPECT_EQ(strings(meta["models"]), (std::vector<std::string>{"fraud-detector@3.2.0"}));
}

TEST(ExportMadr, DriversAreWeightedPrioritiesHeaviestFirst) {
    auto r = record_json("design-example.toml");
    r["decision"]["priorities"] = {
        {"cost", 0.1}, {"latency", 0.25}, {"performance", 0.5}, {"fairness", 0.15}};
    auto text = report::render_madr(document({r})).front().text;
    EXPECT_NE(text.find("## Decision Drivers\n\n* performance: 50%\n* latency: 25%\n"
                        "* fairness: 15%\n* cost: 10%\n\n"),
              std::string::npos)
        << text;
}

TEST(ExportMadr, HostileStringsReadBackFromTheFrontMatter) {
    for (const std::string hostile : {"Name: # not a comment",
                                      "- a list?",
                                      "[a, b]",
                                      "{a: b}",
                                      "'single' \"double\"",
                                      "line\nbreak",
                                      "tab\there",
                                      "nel\xC2\x85 del\x7F esc\x1B",
                                      "yes",
                                      "null",
                                      "~",
                                      "@at",
                                      "*alias",
                                      "&anchor",
                                      "!tag",
                                      "%directive",
                                      "|",
                                      ">",
                                      "`",
                                      "<script>",
                                      "\xEF\xBF\xBF"}) {
        auto r = record_json("design-example.toml");
        r["owner"]["name"] = hostile;
        r["models"] = json::array({{{"name", hostile}, {"version", "1"}}});
        auto meta = front_matter(report::render_madr(document({r})).front().text);
        EXPECT_EQ(strings(meta["decision-makers"]), (std::vector<std::string>{hostile})) << hostile;
        EXPECT_EQ(strings(meta["models"]).at(0), hostile + "@1") << hostile;
    }
}

TEST(ExportMadr, HostileTitlesStayOneHeadingAndOneIndexLine) {
    auto r = record_json("design-example.toml");
    r["title"] = "Title: # with *stars* _under_ <b>html</b> | pipe\n## injected";
    auto files = report::render_madr(document({r}));
    const auto& text = files.front().text;
    EXPECT_EQ(lines_starting(text, "# "),
              (std::vector<std::string>{"# Title: \\# with \\*stars\\* \\_under\\_ "
                                        "\\<b\\>html\\</b\\> \\| pipe \\#\\# injected"}));
    EXPECT_EQ(lines_starting(text, "## ").size(), 6u);
    EXPECT_EQ(files.front().name, "0042-title-with-stars-under-b-html-b-pipe-injected.md");
    EXPECT_EQ(lines_starting(file(files, "index.md").text, "* ").size(), 1u);
}

TEST(ExportMadr, IndexStrikesThroughSupersededRecords) {
    auto files = report::render_madr(
        document({record_json("superseded-deprecated.toml"), record_json("design-example.toml")}));
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0].name, "0017-logistic-regression-with-a-tuned-threshold-for-f.md");
    EXPECT_EQ(front_matter(files[0].text)["status"].as<std::string>(), "superseded by DEC-0042");
    EXPECT_NE(files[0].text.find("* Superseded by [DEC-0042](0042-optimize-for-recall-over-"
                                 "precision-in-the-fraud.md)"),
              std::string::npos)
        << files[0].text;
    EXPECT_EQ(
        file(files, "index.md").text,
        "<!-- Generated by git decision export; edits are overwritten. -->\n\n"
        "# Decision log\n\n"
        "* ~~[DEC-0017](0017-logistic-regression-with-a-tuned-threshold-for-f.md): Logistic "
        "regression "
        "with a tuned threshold for fraud~~ (superseded by DEC-0042, MODEL SELECTION, 2025-03-01)\n"
        "* [DEC-0042](0042-optimize-for-recall-over-precision-in-the-fraud.md): Optimize for "
        "recall over precision in the fraud detection model (accepted, MODEL SELECTION, "
        "2026-11-02)\n");
}

TEST(ExportMadr, RecordsSharingANumberKeepTheirWholeId) {
    auto a = record_json("design-example.toml");
    auto b = a;
    b["id"] = "ADR-0042";
    auto files = report::render_madr(document({a, b}));
    EXPECT_EQ(files[0].name, "dec-0042-optimize-for-recall-over-precision-in-the-fraud.md");
    EXPECT_EQ(files[1].name, "adr-0042-optimize-for-recall-over-precision-in-the-fraud.md");
}

} // namespace t_unit_report_export_madr_test
