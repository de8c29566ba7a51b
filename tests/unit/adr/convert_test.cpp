#include "decision/adr/convert.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_adr_convert_test {

using namespace decision;
using record::Category;
using record::Status;

namespace {
const record::Date k_today{std::chrono::year(2026), std::chrono::month(11), std::chrono::day(27)};

adr::Converted convert(const std::string& text, const std::string& name,
                       std::optional<Category> category = std::nullopt) {
    auto a = adr::parse(text, name);
    EXPECT_TRUE(a) << (a ? "" : a.error().message);
    adr::ConvertOptions o{
        category, k_today, {"Importer", "", "imp@example.com"}, "doc/adr/" + name};
    return adr::convert(a ? *a : adr::Adr{}, name, o);
}
adr::Converted fixture(const std::string& path, std::optional<Category> category = std::nullopt) {
    return convert(test::read_source("tests/fixtures/adr/" + path), path.substr(path.find('/') + 1),
                   category);
}
} // namespace

TEST(AdrConvert, AdrToolsSectionsIntoFields) {
    auto c = fixture("adr-tools/0001-record-decisions-in-the-repository.md");
    const auto& r = c.record;
    EXPECT_EQ(r.title, "Record decisions in the repository");
    EXPECT_EQ(r.status, Status::Accepted);
    EXPECT_EQ(record::to_string(*r.date), "2024-03-04");
    EXPECT_EQ(
        r.problem.statement,
        "Our fraud team keeps losing track of why a scoring change was made. Slack threads expire "
        "and the wiki drifts from the code.");
    EXPECT_EQ(r.decision.summary,
              "We keep one short Markdown file per decision next to the code, numbered in order.");
    EXPECT_EQ(r.decision.rationale,
              "Each file says what we knew, what we chose and what it costs us.");
    EXPECT_EQ(
        r.decision.tradeoffs,
        (std::vector<std::string>{
            "Reviewers can ask for a decision file in the same pull request as the change."}));
    EXPECT_EQ(r.owner.name, "Importer");
    EXPECT_EQ(r.owner.email, "imp@example.com");
    ASSERT_EQ(r.links.size(), 1u);
    EXPECT_EQ(r.links[0].kind, "other");
    EXPECT_EQ(r.links[0].url, "doc/adr/0001-record-decisions-in-the-repository.md");
    EXPECT_EQ(r.links[0].title,
              "Imported from adr-tools ADR 0001-record-decisions-in-the-repository.md");
    EXPECT_EQ(c.notes, (std::vector<std::string>{
                           "no decision-makers; the owner is Importer (who imported it)"}));
}

TEST(AdrConvert, AdrToolsStatusLinesThatDoNotMapStayInTheStatement) {
    auto c = fixture("adr-tools/0003-score-transactions-with-gradient-boosted-trees.md");
    EXPECT_NE(c.record.problem.statement.find(
                  "Status:\nSupersedes [2. Score transactions with logistic regression]"),
              std::string::npos)
        << c.record.problem.statement;
    EXPECT_NE(c.record.problem.statement.find("Amended by [4. Retrain"), std::string::npos);
}

TEST(AdrConvert, Madr2OptionsChosenOptionConsequencesAndPeople) {
    auto c = fixture("madr2/0001-serve-features-from-an-online-store.md");
    const auto& r = c.record;
    EXPECT_EQ(r.owner.name, "Mara Quinn");
    ASSERT_EQ(r.stakeholders.size(), 1u);
    EXPECT_EQ(r.stakeholders[0].name, "Tobias Berg");
    EXPECT_EQ(r.stakeholders[0].role, "decision-maker");
    EXPECT_EQ(r.problem.constraints,
              (std::vector<std::string>{"p99 latency under 40 ms",
                                        "the same feature values in training and serving"}));
    ASSERT_EQ(r.options.size(), 3u);
    EXPECT_EQ(r.options[0].name, "Online feature store fed by the streaming job");
    EXPECT_TRUE(r.options[0].chosen);
    EXPECT_EQ(r.options[0].rejected_because, "");
    EXPECT_EQ(r.options[1].rejected_because,
              "Bad, because cached values drift from the training data");
    EXPECT_EQ(r.options[2].summary,
              "* Good, because it is simple\n* Bad, because features are up to a day old");
    EXPECT_EQ(r.decision.summary, "Chosen option: Online feature store fed by the streaming job");
    EXPECT_EQ(r.decision.rationale, "it is the only option that gives training and serving the "
                                    "same values within the latency budget.");
    EXPECT_EQ(r.decision.tradeoffs,
              (std::vector<std::string>{"Positive: Feature lookups take 3 ms at p99.",
                                        "Negative: One more service to run and page for."}));
    EXPECT_NE(r.problem.statement.find("\n\nTechnical Story: FRAUD-212"), std::string::npos);
    EXPECT_NE(r.problem.statement.find(
                  "\n\nLinks:\n* Refined by [ADR-0002](0002-expire-features-after-a-day.md)"),
              std::string::npos);
    EXPECT_TRUE(c.category_guessed);
    EXPECT_EQ(r.category, Category::FeatureEngineering);
    EXPECT_TRUE(c.notes.empty()) << c.notes.front();
}

TEST(AdrConvert, Madr4ConfirmationAndMoreInformationGoToTheStatement) {
    auto c = fixture("madr4/0001-pick-a-ranking-model-for-search.md", Category::ModelSelection);
    const auto& r = c.record;
    EXPECT_EQ(r.owner.name, "Priya Raman");
    EXPECT_EQ(r.owner.email, "priya@example.com");
    EXPECT_FALSE(c.category_guessed);
    EXPECT_EQ(r.decision.rationale,
              "it wins NDCG@10 by 6 points and stays within the latency budget.\n\n"
              "The cross-encoder stays on the list for a later re-ranking stage.");
    EXPECT_EQ(r.decision.tradeoffs,
              (std::vector<std::string>{"Good, because no GPU is needed at serving time",
                                        "Bad, because every new feature needs a retrain"}));
    EXPECT_NE(r.problem.statement.find("Metadata:\nparent: Decisions\nnav_order: 1"),
              std::string::npos);
    EXPECT_NE(r.problem.statement.find("Confirmation:\nThe offline evaluation notebook"),
              std::string::npos);
    EXPECT_NE(r.problem.statement.find("More Information:\n"), std::string::npos);
    EXPECT_NE(r.problem.statement.find("## Judged queries"), std::string::npos);
    EXPECT_EQ(r.options[0].summary.rfind("Gradient-boosted ranking trees", 0), 0u);
    EXPECT_EQ(r.options[1].rejected_because, "Bad, because p95 latency is 240 ms on CPU");
}

TEST(AdrConvert, StatusesMapAndUnknownOnesAreReported) {
    EXPECT_EQ(adr::map_status("Accepted"), Status::Accepted);
    EXPECT_EQ(adr::map_status("superseded by [ADR-0005](0005-x.md)"), Status::Superseded);
    EXPECT_EQ(adr::map_status("Deprecated."), Status::Deprecated);
    EXPECT_EQ(adr::map_status("rejected"), Status::Rejected);
    EXPECT_EQ(adr::map_status("draft"), Status::Proposed);
    EXPECT_EQ(adr::map_status("in review"), std::nullopt);

    auto c = convert("# T\n\n* Status: In review\n* Date: last week\n", "0001-t.md");
    EXPECT_EQ(c.record.status, Status::Proposed);
    EXPECT_EQ(record::to_string(*c.record.date), "2026-11-27");
    EXPECT_EQ(c.notes, (std::vector<std::string>{
                           "status 'In review' is not accepted, proposed, rejected, deprecated or "
                           "superseded; imported as proposed",
                           "date 'last week' is not a date like 2026-11-02; dated 2026-11-27",
                           "no decision-makers; the owner is Importer (who imported it)"}));
}

TEST(AdrConvert, NoTitleTakesTheFileName) {
    auto c = convert("## Context\n\nSomething.\n", "20240101-use-the-file-name.md");
    EXPECT_EQ(c.record.title, "Use the file name");
    EXPECT_EQ(c.notes.front(), "no '# title' heading; the title comes from the file name");
}

TEST(AdrConvert, ChosenOptionMissingFromTheListIsAdded) {
    auto c = convert("# T\n\n## Considered Options\n\n* A\n* B\n\n## Decision Outcome\n\n"
                     "Chosen option: “C”, because it is new.\n",
                     "0001-t.md");
    ASSERT_EQ(c.record.options.size(), 3u);
    EXPECT_TRUE(c.record.options[2].chosen);
    EXPECT_EQ(c.record.options[2].name, "C");
    EXPECT_EQ(c.record.decision.rationale, "it is new.");
}

TEST(AdrConvert, CategoryGuessFromKeywords) {
    EXPECT_EQ(adr::guess_category("Retrain weekly", "the training job").first,
              Category::TrainingStrategy);
    EXPECT_EQ(adr::guess_category("Fairness gate", "demographic parity").first,
              Category::EthicalReview);
    auto none = adr::guess_category("Use Markdown", "we write files");
    EXPECT_EQ(none.first, Category::ModelSelection);
    EXPECT_TRUE(none.second.empty());
    // Words count at the start of a word only: "remodel" is no "model".
    EXPECT_TRUE(adr::guess_category("Remodel", "").second.empty());
}

TEST(AdrConvert, DatesNeedFourDigitYears) {
    EXPECT_EQ(record::to_string(*convert("# T\n\nDate: -001-01-01\n", "0001-t.md").record.date),
              "2026-11-27");
    EXPECT_EQ(
        record::to_string(*convert("# T\n\nDate: 2024-02-29T10:00\n", "0001-t.md").record.date),
        "2024-02-29");
}

// MADR's own records name the chosen option with other quotes, or by its first words.
TEST(AdrConvert, ChosenOptionMatchesAcrossQuotesAndByAUniquePrefix) {
    auto quoted =
        convert("# T\n\n## Considered Options\n\n* Include \"A\" of B\n* Other\n\n"
                "## Decision Outcome\n\nChosen option: \"Include 'A' of B\", because x.\n",
                "0001-t.md");
    ASSERT_EQ(quoted.record.options.size(), 2u);
    EXPECT_TRUE(quoted.record.options[0].chosen);
    auto prefix =
        convert("# T\n\n## Considered Options\n\n* [Tool](https://x.org) 4.0 - long name\n"
                "* Other tool\n\n## Decision Outcome\n\nChosen option: \"Tool 4.0\"\n",
                "0001-t.md");
    ASSERT_EQ(prefix.record.options.size(), 2u);
    EXPECT_TRUE(prefix.record.options[0].chosen);
    for (const auto& note : prefix.notes)
        EXPECT_EQ(note.find("chosen option"), std::string::npos) << note;
}

} // namespace t_unit_adr_convert_test
