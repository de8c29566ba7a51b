#include "decision/adr/import.hpp"
#include "decision/record/catalog.hpp"
#include "decision/util/fs.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_adr_import_test {

using namespace decision;
namespace fs = std::filesystem;

namespace {

// A folder of ADRs and an empty records folder under the test's temp dir.
class AdrImport : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::path(::testing::TempDir()) /
                 ("adr-import-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_root);
        fs::create_directories(m_root / "adr");
        fs::create_directories(m_root / "decisions");
    }
    void TearDown() override { fs::remove_all(m_root); }

    void write(const std::string& name, const std::string& text) {
        std::ofstream(m_root / "adr" / name, std::ios::binary) << text;
    }
    adr::ImportReport run(bool dry_run = false) {
        adr::ImportOptions o;
        o.folder = m_root / "adr";
        o.source_prefix = "doc/adr";
        o.convert.today =
            record::Date{std::chrono::year(2026), std::chrono::month(11), std::chrono::day(27)};
        o.convert.owner.name = "Importer";
        o.convert.category = record::Category::ModelSelection;
        o.dry_run = dry_run;
        auto files = record::read_worktree(m_root, "decisions");
        EXPECT_TRUE(files);
        adr::Destination to{m_root / "decisions",         "decisions", m_root / "ids", "DEC", 1,
                            record::load(*files).records, {}};
        auto report = adr::import_folder(o, to);
        EXPECT_TRUE(report) << (report ? "" : report.error().message);
        return report ? *report : adr::ImportReport{};
    }
    std::vector<std::string> records() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(m_root / "decisions"))
            out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }

    fs::path m_root;
};

const std::string k_old = "# 1. Old\n\n## Status\n\nSuperseded by [2. New](0002-new.md)\n";
const std::string k_new = "# 2. New\n\n## Status\n\nAccepted\n";

} // namespace

TEST_F(AdrImport, SuccessorSupersedesWhatItReplaces) {
    write("0001-old.md", k_old);
    write("0002-new.md", k_new);
    write("README.md", "# ADRs\n");
    auto report = run();
    ASSERT_EQ(report.files.size(), 2u);
    EXPECT_EQ(report.files[0].id, "DEC-0001");
    EXPECT_EQ(report.files[0].converted.record.status, record::Status::Superseded);
    EXPECT_EQ(report.files[1].converted.record.supersedes, (std::vector<std::string>{"DEC-0001"}));
    EXPECT_EQ(report.ignored, (std::vector<std::string>{"README.md"}));
    EXPECT_EQ(records(), (std::vector<std::string>{"DEC-0001-old.toml", "DEC-0002-new.toml"}));
    auto files = record::read_worktree(m_root, "decisions");
    auto catalog = record::load(*files);
    EXPECT_TRUE(catalog.diagnostics.empty());
    EXPECT_TRUE(record::check_collection(catalog.records, "DEC").empty());
}

// The record replaced is written first even when its file sorts after its successor's.
TEST_F(AdrImport, ReplacedRecordIsWrittenBeforeItsSuccessor) {
    write("0001-new.md", "# 1. New\n\n## Status\n\nAccepted\n\nSupersedes [2. Old](0002-old.md)\n");
    write("0002-old.md", "# 2. Old\n\n## Status\n\nSuperseded\n");
    auto report = run();
    EXPECT_EQ(report.files[1].id, "DEC-0001"); // 0002-old.md
    EXPECT_EQ(report.files[0].id, "DEC-0002");
    EXPECT_EQ(report.files[0].converted.record.supersedes, (std::vector<std::string>{"DEC-0001"}));
}

TEST_F(AdrImport, SupersededWithoutAnAcceptedSuccessorIsDeprecated) {
    write("0001-old.md", "# 1. Old\n\n## Status\n\nSuperseded by [9. Gone](0009-gone.md)\n");
    auto report = run();
    const auto& f = report.files[0];
    EXPECT_EQ(f.converted.record.status, record::Status::Deprecated);
    EXPECT_EQ(f.converted.notes,
              (std::vector<std::string>{
                  "no date; dated 2026-11-27",
                  "no decision-makers; the owner is Importer (who imported it)",
                  "'superseded by 0009-gone.md' names no ADR in this folder; kept in the problem "
                  "statement",
                  "superseded, but no accepted ADR imported here replaces it; imported as "
                  "deprecated"}));
    EXPECT_NE(f.converted.record.problem.statement.find("Superseded by 0009-gone.md"),
              std::string::npos);
}

TEST_F(AdrImport, SupersedeCycleIsBrokenAndReported) {
    write("0001-a.md", "# A\n\n## Status\n\nAccepted\n\nSupersedes [B](0002-b.md)\n");
    write("0002-b.md", "# B\n\n## Status\n\nAccepted\n\nSupersedes [A](0001-a.md)\n");
    auto report = run();
    ASSERT_EQ(report.count(adr::Outcome::Imported), 2u);
    EXPECT_EQ(report.files[0].converted.notes.back(),
              "supersede cycle: its link to 0002-b.md was dropped");
    auto files = record::read_worktree(m_root, "decisions");
    EXPECT_TRUE(record::check_collection(record::load(*files).records, "DEC").empty());
}

TEST_F(AdrImport, SecondImportSkipsAndDryRunWritesNothing) {
    write("0001-old.md", k_old);
    write("0002-new.md", k_new);
    auto dry = run(true);
    EXPECT_EQ(dry.files[1].id, "DEC-0002");
    EXPECT_TRUE(records().empty());
    run();
    auto again = run();
    ASSERT_EQ(again.count(adr::Outcome::Skipped), 2u);
    EXPECT_EQ(again.files[0].message, "already imported as DEC-0001");
    EXPECT_EQ(again.files[0].path, "decisions/DEC-0001-old.toml");
    EXPECT_EQ(records().size(), 2u);
}

TEST_F(AdrImport, BadFilesAreReportedAndTheRestImported) {
    write("0001-binary.md", std::string("\x7f"
                                        "ELF\0\0\x01",
                                        7));
    write("0002-huge.md", "# Huge\n\n## Context\n\n" + std::string(util::k_max_record_bytes, 'x'));
    write("0003-fine.md", k_new);
    auto report = run();
    ASSERT_EQ(report.files.size(), 3u);
    EXPECT_EQ(report.files[0].outcome, adr::Outcome::Failed);
    EXPECT_EQ(report.files[0].message, "0001-binary.md: a binary file, not Markdown");
    EXPECT_EQ(report.files[1].outcome, adr::Outcome::Failed);
    EXPECT_EQ(report.files[1].message, "0002-huge.md is 1048596 bytes, over the limit of 1048576");
    EXPECT_EQ(report.files[2].outcome, adr::Outcome::Imported);
    EXPECT_EQ(records(), (std::vector<std::string>{"DEC-0001-new.toml"}));
}

TEST(AdrFiles, WhichFilesAreAdrs) {
    EXPECT_TRUE(adr::is_adr_file("0001-x.md"));
    EXPECT_TRUE(adr::is_adr_file("20240101-x.MD"));
    EXPECT_FALSE(adr::is_adr_file("README.md"));
    EXPECT_FALSE(adr::is_adr_file("index.md"));
    EXPECT_FALSE(adr::is_adr_file("adr-template.md"));
    EXPECT_FALSE(adr::is_adr_file(".0001-x.md"));
    EXPECT_FALSE(adr::is_adr_file("0008-example.png"));
}

} // namespace t_unit_adr_import_test
