#include "decision/adr/parse.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_adr_parse_test {

using namespace decision;

namespace {
adr::Adr parse_ok(const std::string& text, const std::string& name = "0001-x.md") {
    auto a = adr::parse(text, name);
    EXPECT_TRUE(a) << (a ? "" : a.error().message);
    return a ? *a : adr::Adr{};
}
std::string fixture(const std::string& path) {
    return test::read_source("tests/fixtures/adr/" + path);
}
std::vector<std::string> headings(const adr::Adr& a) {
    std::vector<std::string> out;
    for (const auto& s : a.sections)
        out.push_back(s.heading);
    return out;
}
} // namespace

TEST(AdrParse, AdrToolsFile) {
    auto a = parse_ok(fixture("adr-tools/0003-score-transactions-with-gradient-boosted-trees.md"),
                      "0003-score-transactions-with-gradient-boosted-trees.md");
    EXPECT_EQ(a.format, adr::Format::AdrTools);
    EXPECT_EQ(a.title, "Score transactions with gradient-boosted trees");
    EXPECT_EQ(a.status, "Accepted");
    EXPECT_EQ(a.date, "2024-04-22");
    EXPECT_EQ(headings(a),
              (std::vector<std::string>{"Status", "Context", "Decision", "Consequences"}));
    ASSERT_EQ(a.relations.size(), 2u);
    EXPECT_EQ(a.relations[0].kind, "amended by");
    EXPECT_EQ(a.relations[0].target, "0004-retrain-the-scoring-model-every-week.md");
    EXPECT_EQ(a.relations[1].kind, "supersedes");
    EXPECT_EQ(a.relations[1].target, "0002-score-transactions-with-logistic-regression.md");
}

TEST(AdrParse, AdrToolsSupersededStatusIsARelation) {
    auto a = parse_ok(fixture("adr-tools/0002-score-transactions-with-logistic-regression.md"));
    EXPECT_EQ(a.status, "Superseded by [3. Score transactions with gradient-boosted trees]"
                        "(0003-score-transactions-with-gradient-boosted-trees.md)");
    ASSERT_EQ(a.relations.size(), 1u);
    EXPECT_EQ(a.relations[0].kind, "superseded by");
    EXPECT_EQ(a.relations[0].target, "0003-score-transactions-with-gradient-boosted-trees.md");
}

TEST(AdrParse, Madr2ListMetadataAndCommentsInHeadings) {
    auto a = parse_ok(fixture("madr2/0001-serve-features-from-an-online-store.md"));
    EXPECT_EQ(a.format, adr::Format::Madr);
    EXPECT_EQ(a.status, "accepted");
    EXPECT_EQ(a.date, "2023-09-14");
    EXPECT_EQ(a.decision_makers, (std::vector<std::string>{"Mara Quinn", "Tobias Berg"}));
    EXPECT_EQ(a.preamble,
              "Technical Story: FRAUD-212, features computed at request time time out under load");
    EXPECT_EQ(headings(a),
              (std::vector<std::string>{"Context and Problem Statement", "Decision Drivers",
                                        "Considered Options", "Decision Outcome",
                                        "Pros and Cons of the Options", "Links"}));
    ASSERT_EQ(a.sections[3].subsections.size(), 2u);
    EXPECT_EQ(a.sections[3].subsections[0].heading, "Positive Consequences");
    EXPECT_EQ(a.sections[4].subsections.size(), 3u);
    ASSERT_EQ(a.relations.size(), 1u);
    EXPECT_EQ(a.relations[0].kind, "refined by");
}

TEST(AdrParse, Madr3FrontMatter) {
    auto a = parse_ok(fixture("madr3/0001-measure-fairness-by-demographic-parity.md"));
    EXPECT_EQ(a.format, adr::Format::Madr);
    EXPECT_EQ(a.status, "accepted");
    EXPECT_EQ(a.date, "2024-01-18");
    EXPECT_EQ(a.decision_makers, (std::vector<std::string>{"Ines Duarte", "Sam Okafor"}));
    EXPECT_EQ(a.consulted, (std::vector<std::string>{"Legal"}));
    EXPECT_EQ(a.informed, (std::vector<std::string>{"Support leads"}));
    EXPECT_EQ(a.title, "Measure fairness by demographic parity");
}

TEST(AdrParse, Madr4KeepsUnknownFrontMatterAndSkipsHeadingsInCode) {
    auto a = parse_ok(fixture("madr4/0001-pick-a-ranking-model-for-search.md"));
    EXPECT_EQ(a.decision_makers,
              (std::vector<std::string>{"Priya Raman <priya@example.com>", "Leo Marsh"}));
    EXPECT_EQ(a.extra_metadata, (std::vector<std::string>{"parent: Decisions", "nav_order: 1"}));
    EXPECT_EQ(headings(a).back(), "More Information");
    EXPECT_NE(a.sections.back().text.find("## Judged queries"), std::string::npos);
}

TEST(AdrParse, Log4brainsShape) {
    auto a = parse_ok(fixture("log4brains/20240110-publish-a-fairness-dashboard.md"),
                      "20240110-publish-a-fairness-dashboard.md");
    EXPECT_EQ(a.format, adr::Format::Log4brains);
    EXPECT_EQ(a.status, "draft");
    EXPECT_EQ(a.tags, (std::vector<std::string>{"fairness", "monitoring"}));
    EXPECT_EQ(a.decision_makers, (std::vector<std::string>{"Nadia Haddad"}));
}

TEST(AdrParse, TitleNumbersAreDropped) {
    EXPECT_EQ(parse_ok("# 12. Use Kafka\n").title, "Use Kafka");
    EXPECT_EQ(parse_ok("# ADR-0007: Use Kafka\n").title, "Use Kafka");
    EXPECT_EQ(parse_ok("# ADR 7 Use Kafka\n").title, "Use Kafka");
    EXPECT_EQ(parse_ok("# 0003 - Use Kafka\n").title, "Use Kafka");
    EXPECT_EQ(parse_ok("# 2025 roadmap model\n").title, "2025 roadmap model");
    EXPECT_EQ(parse_ok("# 42.\n").title, "42.");
}

TEST(AdrParse, WindowsLineEndingsAndByteOrderMark) {
    auto a = parse_ok(
        "\xEF\xBB\xBF# 1. Title\r\n\r\nDate: 2024-01-02\r\n\r\n## Status\r\n\r\nAccepted\r\n");
    EXPECT_EQ(a.title, "Title");
    EXPECT_EQ(a.date, "2024-01-02");
    EXPECT_EQ(a.status, "Accepted");
}

TEST(AdrParse, MultiLineCommentsAreSkipped) {
    auto a = parse_ok("# T\n\n## Context\n\nkept <!-- a\n## not a heading\n--> too\n");
    ASSERT_EQ(a.sections.size(), 1u);
    EXPECT_EQ(a.sections[0].text, "kept\n too");
}

TEST(AdrParse, StatusWithoutLinkNamesANumber) {
    auto a = parse_ok("---\nstatus: superseded by ADR-0005\n---\n# T\n");
    ASSERT_EQ(a.relations.size(), 1u);
    EXPECT_EQ(a.relations[0].kind, "superseded by");
    EXPECT_EQ(a.relations[0].target, "ADR-0005");
}

TEST(AdrParse, WhatIsNoAdrIsAnError) {
    auto error = [](const std::string& text) {
        auto a = adr::parse(text, "bad.md");
        return a ? std::string("parsed") : a.error().message;
    };
    EXPECT_EQ(error(std::string("# T\0\x01", 5)), "bad.md: a binary file, not Markdown");
    EXPECT_EQ(error("# T \xff\xfe"), "bad.md: not UTF-8 text");
    EXPECT_EQ(error(" \n\n"), "bad.md: the file is empty");
    EXPECT_EQ(error("just some notes\nwith no headings\n"),
              "bad.md: no '# title' heading, metadata or '## ' sections; not an ADR");
    EXPECT_EQ(error("---\nstatus: accepted\n# T\n"),
              "bad.md:1: the front matter is never closed with a '---' line");
    EXPECT_EQ(error("---\n- a\n- b\n---\n# T\n"),
              "bad.md:2: the front matter is not a YAML mapping of keys to values");
    EXPECT_EQ(error("---\nstatus: [unclosed\n---\n# T\n").rfind("bad.md (front matter):", 0), 0u);
}

TEST(AdrParse, DeepFrontMatterIsRefusedNotACrash) {
    std::string deep = "---\nk: " + std::string(100000, '[') + "\n---\n# T\n";
    auto a = adr::parse(deep, "deep.md");
    EXPECT_FALSE(a);
}

TEST(AdrItems, ListsParagraphsAndPlaceholders) {
    EXPECT_EQ(adr::items("* a\n  continued\n* b\n* …\n- c"),
              (std::vector<std::string>{"a continued", "b", "c"}));
    EXPECT_EQ(adr::items("1. one\n2. two"), (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(adr::items("First para\nline two.\n\nSecond."),
              (std::vector<std::string>{"First para line two.", "Second."}));
}

TEST(AdrStripLinks, KeepsTheText) {
    EXPECT_EQ(adr::strip_links("see [ADR-5](0005-x.md) and [b](c"), "see ADR-5 and [b](c");
}

TEST(AdrReflow, JoinsSoftBreaksAndKeepsBlocks) {
    EXPECT_EQ(
        adr::reflow(
            "one\ntwo  \n\nthree\n* a\n  more\n* b\n```\nx\n  y\n```\n| t |\n| u |\n# h\nend"),
        "one two\n\nthree\n* a more\n* b\n```\nx\n  y\n```\n| t |\n| u |\n# h\nend");
}

// A double-quoted YAML string can spell a NUL or an escape character; what comes out is
// printable like the rest of the file.
TEST(AdrParse, FrontMatterEscapesComeOutPrintable) {
    auto a = parse_ok("---\nstatus: \"acc\\0epted\"\ntags: [\"\\ex\"]\n---\n# T\n");
    EXPECT_EQ(a.status, "acc\\x00epted");
    ASSERT_EQ(a.tags.size(), 1u);
    EXPECT_EQ(a.tags[0], "\\x1Bx");
}

} // namespace t_unit_adr_parse_test
