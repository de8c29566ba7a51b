#include "decision/record/normative.hpp"
#include "decision/record/parse.hpp"
#include "decision/record/write.hpp"
#include "integration/cli_fixture.hpp"
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

namespace decision::record {
namespace {

Record parsed(const std::string& text) {
    auto result = parse(text, "decisions/x.toml");
    EXPECT_TRUE(result.ok()) << text;
    for (const auto& d : result.diagnostics)
        ADD_FAILURE() << d.message;
    return result.record.value_or(Record{});
}

// Every field, normative or not.
void expect_same_fields(const Record& a, const Record& b) {
    EXPECT_EQ(normative_text(a), normative_text(b));
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.review_date, b.review_date);
    ASSERT_EQ(a.links.size(), b.links.size());
    for (std::size_t i = 0; i < a.links.size(); ++i) {
        EXPECT_EQ(a.links[i].kind, b.links[i].kind);
        EXPECT_EQ(a.links[i].url, b.links[i].url);
        EXPECT_EQ(a.links[i].title, b.links[i].title);
    }
    ASSERT_EQ(a.stakeholders.size(), b.stakeholders.size());
    for (std::size_t i = 0; i < a.stakeholders.size(); ++i)
        EXPECT_EQ(a.stakeholders[i].stance, b.stakeholders[i].stance);
}

TEST(WriteToml, TheFullRecordParsesBackToTheSameRecord) {
    Record r = parsed(test::k_full_record);
    std::string text = to_toml(r);
    Record again = parsed(text);
    expect_same_fields(r, again);
    EXPECT_EQ(to_toml(again), text) << "writing is a fixed point";
}

TEST(WriteToml, AwkwardStringsKeysAndNumbersSurvive) {
    Record r = parsed(
        test::minimal_record("DEC-0007", "Quotes \\\" and \\\\ and tabs\\t and é", "accepted"));
    r.tags = {"a\"b", "line\nbreak", "\x7f"};
    r.options.push_back({});
    r.options.back().name = "weird";
    r.options.back().metrics = {
        {"p95 latency (ms)", 31.0}, {"tiny", 1e-05}, {"big", 1e21}, {"neg", -0.5}, {"whole", 4.0}};
    r.guardrails.push_back({});
    r.guardrails.back().metric = "eval/metrics.json:roc_auc.test";
    r.guardrails.back().max_relative_drop = 0.063;
    r.guardrails.back().direction = "higher_is_better";
    std::string text = to_toml(r, "first line\n\nthird line");
    EXPECT_EQ(text.substr(0, 35), "# first line\n#\n# third line\nid = \"D");
    // A comment cannot break the file: its control characters are escaped.
    std::string hostile = to_toml(r, "title\rid = \"DEC-9999\"\x1b[31m");
    EXPECT_EQ(hostile.find('\r'), std::string::npos) << hostile;
    EXPECT_EQ(hostile.find('\x1b'), std::string::npos) << hostile;
    EXPECT_EQ(parsed(hostile).id, r.id);
    EXPECT_NE(text.find("metrics = { big = 1e+21, neg = -0.5, \"p95 latency (ms)\" = 31.0, "
                        "tiny = 1e-05, whole = 4.0 }"),
              std::string::npos)
        << text;
    expect_same_fields(r, parsed(text));
}

TEST(WriteToml, ASuccessorKeepsWhatItInheritsAndStartsItsOwnDecision) {
    Record old = parsed(test::k_full_record);
    Record next = successor_of(
        old, "DEC-0002", "Raise the recall floor", {"Omar Diaz", "PM", "omar@example.com"},
        Date{std::chrono::year(2026), std::chrono::month(11), std::chrono::day(27)},
        Date{std::chrono::year(2027), std::chrono::month(1), std::chrono::day(26)});
    EXPECT_EQ(next.id, "DEC-0002");
    EXPECT_EQ(next.title, "Raise the recall floor");
    EXPECT_EQ(next.status, Status::Proposed);
    EXPECT_EQ(next.supersedes, std::vector<std::string>{"DEC-0001"});
    EXPECT_EQ(next.owner.name, "Omar Diaz");
    EXPECT_EQ(to_string(*next.date), "2026-11-27");
    EXPECT_EQ(to_string(*next.review_date), "2027-01-26");
    EXPECT_EQ(next.category, old.category);
    EXPECT_EQ(next.scope.paths, old.scope.paths);
    EXPECT_EQ(next.models.size(), old.models.size());
    EXPECT_EQ(next.problem.statement, old.problem.statement);
    EXPECT_EQ(next.options.size(), old.options.size());
    EXPECT_EQ(next.guardrails.size(), old.guardrails.size());
    EXPECT_EQ(next.stakeholders.size(), old.stakeholders.size());
    EXPECT_EQ(next.links.size(), old.links.size());
    EXPECT_EQ(next.decision.priorities, old.decision.priorities);
    EXPECT_EQ(next.decision.summary, "");
    EXPECT_EQ(next.decision.rationale, "");
    EXPECT_TRUE(next.decision.tradeoffs.empty());
    expect_same_fields(next, parsed(to_toml(next)));
}

// What `new --supersedes` writes: the blanks its author fills in are there, empty, and a
// fairness_not_applicable carried over from the predecessor survives.
TEST(WriteToml, KeptBlanksAreWrittenEmptyAndParseBack) {
    Record r = parsed(test::minimal_record("DEC-0009", "Blank", "proposed"));
    r.problem.statement.clear();
    r.decision = {};
    r.fairness_not_applicable = "It scores machines, not people";
    std::string omitted = to_toml(r);
    EXPECT_EQ(omitted.find("[decision]"), std::string::npos) << omitted;
    std::string kept = to_toml(r, "", Blanks::Keep);
    EXPECT_NE(kept.find("\n[problem]\nstatement = \"\"\n"), std::string::npos) << kept;
    EXPECT_NE(kept.find("\n[decision]\nsummary = \"\"\nrationale = \"\"\n"), std::string::npos)
        << kept;
    EXPECT_NE(kept.find("fairness_not_applicable = \"It scores machines, not people\"\n"),
              std::string::npos)
        << kept;
    EXPECT_EQ(parsed(kept).fairness_not_applicable, r.fairness_not_applicable);
}

} // namespace
} // namespace decision::record
