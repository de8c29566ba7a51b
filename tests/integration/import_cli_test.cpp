// `git decision import` end to end: each ADR shape (tests/fixtures/adr/) imported into a real
// temporary repository, then checked, shown and committed; repeated imports, dry runs,
// JSON, and files that are no ADRs. Whole outputs are golden files (tests/golden/import/).

#include "integration/cli_fixture.hpp"
#include "support/golden.hpp"

#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_import_cli_test {

using test::on_day;
using test::TempRepo;

namespace {

// Copies tests/fixtures/adr/<shape>/ into the repository as doc/adr/.
void copy_fixture(const TempRepo& repo, const std::string& shape) {
    for (const auto& e :
         std::filesystem::directory_iterator(test::source_path("tests/fixtures/adr/" + shape)))
        repo.write(
            "doc/adr/" + e.path().filename().string(),
            test::read_source("tests/fixtures/adr/" + shape + "/" + e.path().filename().string()));
}

std::vector<std::string> records(const TempRepo& repo) {
    std::vector<std::string> out;
    if (!repo.exists("decisions"))
        return out;
    for (const auto& e : std::filesystem::directory_iterator(repo.path() + "/decisions"))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Imports a fixture folder, checks the result and commits it; returns the import's output.
std::string import_and_check(const TempRepo& repo, const std::string& shape) {
    copy_fixture(repo, shape);
    auto imported = repo.decision({"import", "doc/adr"}, on_day());
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported.err, "");
    auto check = repo.decision({"check"}, on_day());
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_NE(check.out.find(": 0 errors,"), std::string::npos) << check.out;
    repo.commit_all("Import the " + shape + " ADRs");
    auto again = repo.decision({"check"}, on_day());
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    return imported.out;
}

} // namespace

TEST(ImportCli, AdrToolsFolderKeepsTheSupersedeLink) {
    TempRepo repo;
    test::expect_golden("import/adr-tools.txt", import_and_check(repo, "adr-tools"));
    EXPECT_EQ(records(repo), (std::vector<std::string>{
                                 "DEC-0001-record-decisions-in-the-repository.toml",
                                 "DEC-0002-score-transactions-with-logistic-regression.toml",
                                 "DEC-0003-score-transactions-with-gradient-boosted-trees.toml",
                                 "DEC-0004-retrain-the-scoring-model-every-week.toml"}));
    test::expect_golden(
        "import/adr-tools-DEC-0003.toml",
        repo.read("decisions/DEC-0003-score-transactions-with-gradient-boosted-trees.toml"));
    auto show = repo.decision({"show", "DEC-0002"}, on_day());
    EXPECT_EQ(show.exit_code, 0) << show.err;
    test::expect_golden("import/adr-tools-show-DEC-0002.txt", show.out);
}

TEST(ImportCli, Madr2Folder) {
    TempRepo repo;
    test::expect_golden("import/madr2.txt", import_and_check(repo, "madr2"));
    auto show = repo.decision({"show", "DEC-0001"}, on_day());
    EXPECT_EQ(show.exit_code, 0) << show.err;
    test::expect_golden("import/madr2-show-DEC-0001.txt", show.out);
}

TEST(ImportCli, Madr3Folder) {
    TempRepo repo;
    test::expect_golden("import/madr3.txt", import_and_check(repo, "madr3"));
}

TEST(ImportCli, Madr4Folder) {
    TempRepo repo;
    test::expect_golden("import/madr4.txt", import_and_check(repo, "madr4"));
    auto show = repo.decision({"show", "DEC-0001"}, on_day());
    EXPECT_EQ(show.exit_code, 0) << show.err;
    test::expect_golden("import/madr4-show-DEC-0001.txt", show.out);
}

TEST(ImportCli, Log4brainsFolderIgnoresReadmeIndexAndTemplate) {
    TempRepo repo;
    test::expect_golden("import/log4brains.txt", import_and_check(repo, "log4brains"));
    EXPECT_EQ(records(repo).size(), 3u);
    auto show = repo.decision({"show", "DEC-0002"}, on_day());
    EXPECT_NE(show.out.find("  status     superseded\n"), std::string::npos) << show.out;
}

TEST(ImportCli, SecondImportSkipsWhatIsThere) {
    TempRepo repo;
    copy_fixture(repo, "madr3");
    ASSERT_EQ(repo.decision({"import", "doc/adr"}, on_day()).exit_code, 0);
    repo.write("doc/adr/0003-add-a-new-one.md", "# 3. Add a new one\n\nDate: 2024-02-01\n\n"
                                                "## Status\n\nProposed\n");
    // From another directory, with the folder named relative to it.
    test::RunOptions sub = on_day();
    sub.cwd = repo.path() + "/decisions";
    auto again = repo.decision({"import", "../doc/adr", "--category", "ethical-review"}, sub);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.out,
              "Imported 1 of 3 ADR files from doc/adr into decisions/ (2 skipped)\n"
              "skipped 0001-measure-fairness-by-demographic-parity.md: already imported as "
              "DEC-0001 (decisions/DEC-0001-measure-fairness-by-demographic-parity.toml)\n"
              "skipped 0002-keep-protected-attributes-out-of-training.md: already imported as "
              "DEC-0002 (decisions/DEC-0002-keep-protected-attributes-out-of-training.toml)\n"
              "DEC-0003 proposed  Add a new one\n"
              "  from 0003-add-a-new-one.md (adr-tools) into "
              "decisions/DEC-0003-add-a-new-one.toml\n"
              "  category: ETHICAL REVIEW\n"
              "  note: no decision-makers; the owner is A U Thor (who imported it)\n"
              "  missing: problem-baseline, options-evaluated, fairness-assessed, "
              "decision-rationale, guardrails, review-date, stakeholders, owner-role, scope\n"
              "Next: git decision check, fill in what is missing, then commit decisions/\n");
    EXPECT_EQ(records(repo).size(), 3u);
}

TEST(ImportCli, DryRunWritesNothingAndJsonReportsEverything) {
    TempRepo repo;
    copy_fixture(repo, "log4brains");
    auto dry = repo.decision({"import", "doc/adr", "--dry-run", "--format", "json"}, on_day());
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    test::expect_golden("import/log4brains-dry-run.json", dry.out);
    EXPECT_TRUE(records(repo).empty());
}

TEST(ImportCli, FilesThatAreNoAdrsAreReportedNeverHalfWritten) {
    TempRepo repo;
    repo.write("adr/0001-binary.md", std::string("\x7f"
                                                 "ELF\x02\x01\0\0\0",
                                                 9));
    repo.write("adr/0002-huge.md", "# Huge\n\n## Context\n\n" + std::string(2 << 20, 'x') + "\n");
    repo.write("adr/0003-notes.md", "some notes\nwithout any heading\n");
    repo.write("adr/0004-open-front-matter.md", "---\nstatus: accepted\n\n# Title\n");
    repo.write("adr/0005-deep.md", "---\nstatus: " + std::string(50000, '[') + "\n---\n# Deep\n");
    repo.write("adr/0006-control.md", "# 6. Title with \x1b[31mescape\n\n## Status\n\nAccepted\n");
    repo.write("adr/0007-fine.md", "# 7. Fine\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n");
    auto out = repo.decision({"import", "adr", "--category", "MODEL SELECTION"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.err, "");
    test::expect_golden("import/hostile.txt", out.out);
    EXPECT_EQ(records(repo), (std::vector<std::string>{"DEC-0001-title-with-31mescape.toml",
                                                       "DEC-0002-fine.toml"}));
    auto check = repo.decision({"check"}, on_day());
    EXPECT_EQ(check.exit_code, 0) << check.out;
    auto show = repo.decision({"show", "DEC-0001"}, on_day());
    EXPECT_EQ(show.out.find('\x1b'), std::string::npos);
}

TEST(ImportCli, UsageErrors) {
    TempRepo repo;
    auto missing = repo.decision({"import", "nowhere"}, on_day());
    EXPECT_EQ(missing.exit_code, 129);
    EXPECT_EQ(missing.err, "git-decision: error: 'nowhere' is not a folder of ADRs\n");
    repo.write("doc/adr/0001-a.md", "# A\n");
    auto category = repo.decision({"import", "doc/adr", "--category", "modle selection"}, on_day());
    EXPECT_EQ(category.exit_code, 129);
    EXPECT_EQ(category.err.rfind("git-decision: error: ", 0), 0u);
    EXPECT_TRUE(records(repo).empty());
}

// Imported records take IDs after every one in use, on other branches too, as `new` does.
TEST(ImportCli, IdsFollowEveryBranch) {
    TempRepo repo;
    repo.write("README.md", "x\n");
    repo.commit_all("Start");
    repo.git({"checkout", "-q", "-b", "other"});
    std::string record = test::k_full_record;
    record.replace(record.find("DEC-0001"), 8, "DEC-0007");
    repo.write("decisions/DEC-0007-elsewhere.toml", record);
    repo.commit_all("A record on another branch");
    repo.git({"checkout", "-q", "-"});
    ASSERT_FALSE(repo.exists("decisions/DEC-0007-elsewhere.toml"));
    repo.write("doc/adr/0001-a.md", "# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nProposed\n");
    auto out = repo.decision({"import", "doc/adr", "--format", "json"}, on_day());
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_NE(out.out.find("\"id\": \"DEC-0008\""), std::string::npos) << out.out;
    EXPECT_TRUE(repo.exists("decisions/DEC-0008-a.toml"));
}

} // namespace t_integration_import_cli_test
