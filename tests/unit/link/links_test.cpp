// link::extract and its parsers: what ties a commit to decisions, from trailers and notes.
#include "decision/link/links.hpp"

#include <gtest/gtest.h>

namespace decision::link {
namespace {

std::vector<trailer::Trailer> trailers_of(const std::string& block) {
    return trailer::parse("Subject\n\n" + block + "\n");
}

TEST(Extract, DecisionsOnceEachATrailerWinsOverANote) {
    std::string note = R"({"decision":"DEC-0002","by":"a@example.com","at":"x"})"
                       "\n"
                       R"({"decision":"DEC-0003"})";
    auto links =
        extract(trailers_of("Decision: DEC-0002, DEC-0001\ndecision: DEC-0002"), &note, {});
    ASSERT_EQ(links.decisions.size(), 3u);
    EXPECT_EQ(links.decisions[0].id, "DEC-0002");
    EXPECT_EQ(links.decisions[0].via, Via::Trailer);
    EXPECT_EQ(links.decisions[1].id, "DEC-0001");
    EXPECT_EQ(links.decisions[2].id, "DEC-0003");
    EXPECT_EQ(links.decisions[2].via, Via::Note);
    EXPECT_TRUE(links.links("DEC-0003"));
    EXPECT_FALSE(links.links("DEC-0004"));
}

TEST(Extract, WhatIsNotALinkIsKeptToBeReported) {
    std::string note = "not json\n\n{\"by\":\"a@example.com\"}\n{\"decision\":\"nope\"}";
    auto links = extract(trailers_of("Decision: 42\nModel-Version: ranker\nModel-Version: "
                                     "ranker@v1.2.0"),
                         &note, {});
    EXPECT_TRUE(links.decisions.empty());
    EXPECT_EQ(links.malformed, (std::vector<std::string>{"42", "nope"}));
    EXPECT_EQ(links.malformed_models, std::vector<std::string>{"ranker"});
    ASSERT_EQ(links.models.size(), 1u);
    EXPECT_EQ(links.models[0].name, "ranker");
    EXPECT_EQ(links.models[0].version, "1.2.0");
    EXPECT_EQ(
        links.note_problems,
        (std::vector<std::string>{"line 1 is not a JSON link like {\"decision\": \"DEC-0042\"}",
                                  "line 3 is not a JSON link like {\"decision\": \"DEC-0042\"}"}));
}

TEST(Extract, SignOffsAndWaiversFollowTheVocabulary) {
    auto block = "Approved-by: Lead <lead@example.com>\nReviewed-by: rev@example.com\n"
                 "Acked-by: Other <o@example.com>\nDecision-Waiver: outage";
    auto links = extract(trailers_of(block), nullptr, {});
    ASSERT_EQ(links.signoffs.size(), 2u);
    EXPECT_EQ(links.signoffs[0].key, "Approved-by");
    EXPECT_EQ(links.signoffs[0].who.name, "Lead");
    EXPECT_EQ(links.signoffs[0].who.email, "lead@example.com");
    EXPECT_EQ(links.signoffs[1].who.name, "");
    EXPECT_EQ(links.signoffs[1].who.email, "rev@example.com");
    EXPECT_EQ(links.waivers, std::vector<std::string>{"outage"});

    Vocabulary own;
    own.signoff_keys = {"Acked-by"};
    own.waiver_key = "Skip-Decision";
    auto other = extract(trailers_of(block), nullptr, own);
    ASSERT_EQ(other.signoffs.size(), 1u);
    EXPECT_EQ(other.signoffs[0].who.email, "o@example.com");
    EXPECT_TRUE(other.waivers.empty());
}

TEST(ParsePerson, NameAndEmailAsTrailersWriteThem) {
    auto both = parse_person("  Ada Lovelace <ada@example.com> ");
    EXPECT_EQ(both.name, "Ada Lovelace");
    EXPECT_EQ(both.email, "ada@example.com");
    auto bare = parse_person("ada@example.com");
    EXPECT_EQ(bare.name, "");
    EXPECT_EQ(bare.email, "ada@example.com");
    auto name_only = parse_person("Ada Lovelace");
    EXPECT_EQ(name_only.name, "Ada Lovelace");
    EXPECT_EQ(name_only.email, "");
}

TEST(ParseModelRef, NameAtVersionAsGtoTagsWriteIt) {
    auto tagged = parse_model_ref("ranker@v1.2.3");
    ASSERT_TRUE(tagged);
    EXPECT_EQ(tagged->name, "ranker");
    EXPECT_EQ(tagged->version, "1.2.3");
    auto plain = parse_model_ref("team/ranker@7");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->name, "team/ranker");
    EXPECT_EQ(plain->version, "7");
    EXPECT_EQ(parse_model_ref("ranker@vnext")->version, "vnext"); // only "v<digit>" drops the v
    for (const char* bad : {"ranker", "@1", "ranker@", "my ranker@1"})
        EXPECT_FALSE(parse_model_ref(bad)) << bad;
}

TEST(NoteLine, OneJsonObjectThatExtractReadsBack) {
    std::string line = note_line("DEC-0042", "a@example.com", "2026-11-29T10:00:00Z");
    EXPECT_EQ(line, R"({"at":"2026-11-29T10:00:00Z","by":"a@example.com","decision":"DEC-0042"})");
    auto links = extract({}, &line, {});
    ASSERT_EQ(links.decisions.size(), 1u);
    EXPECT_EQ(links.decisions[0].id, "DEC-0042");
    EXPECT_EQ(links.decisions[0].via, Via::Note);
}

} // namespace
} // namespace decision::link
