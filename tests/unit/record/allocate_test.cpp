// record::format_id, highest_id_number and create_with_free_id on a scratch folder.
#include "decision/record/allocate.hpp"
#include "decision/util/fs.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace decision::record {
namespace {

namespace fs = std::filesystem;

TEST(FormatId, FourDigitsAtLeast) {
    EXPECT_EQ(format_id("DEC", 42), "DEC-0042");
    EXPECT_EQ(format_id("ML", 12345), "ML-12345");
}

TEST(HighestIdNumber, FileNamesAndIdsOfThePrefixOnly) {
    EXPECT_EQ(highest_id_number({}, "DEC"), 0);
    EXPECT_EQ(highest_id_number({"DEC-0042-ship.toml", "DEC-0007", "DEC-0100.toml",
                                 "ML-0500-other.toml", "README.md", "DECX-0900"},
                                "DEC"),
              100);
}

class CreateWithFreeId : public ::testing::Test {
protected:
    void SetUp() override {
        root = fs::path(::testing::TempDir()) /
               ("allocate-" +
                std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(root);
        fs::create_directories(root / "decisions");
        where = {root / "decisions", root / "git" / "decision-ids", "DEC", 1, "ship-it"};
    }
    void TearDown() override { fs::remove_all(root); }
    std::string render(const std::string& id) { return "id = \"" + id + "\"\n"; }

    fs::path root;
    NewRecord where;
};

TEST_F(CreateWithFreeId, WritesTheFirstFreeIdAndReleasesItsReservation) {
    where.first = 3;
    auto id = create_with_free_id(where, [&](const std::string& i) { return render(i); });
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(*id, "DEC-0003");
    auto text = util::read_file(where.records_dir / "DEC-0003-ship-it.toml", 1024);
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, "id = \"DEC-0003\"\n");
    EXPECT_FALSE(fs::exists(where.reservations / "DEC-0003"));
}

TEST_F(CreateWithFreeId, SkipsIdsOnDiskAndIdsAnotherWriterHolds) {
    std::ofstream(where.records_dir / "DEC-0001.toml") << "taken";
    std::ofstream(where.records_dir / "DEC-0002-other.toml") << "taken";
    fs::create_directories(where.reservations);
    std::ofstream(where.reservations / "DEC-0003") << ""; // held by a writer running now
    auto id = create_with_free_id(where, [&](const std::string& i) { return render(i); });
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(*id, "DEC-0004");
    EXPECT_TRUE(fs::exists(where.reservations / "DEC-0003")); // not ours to remove
}

} // namespace
} // namespace decision::record
