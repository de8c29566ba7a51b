// The index reader against indexes written by real git (versions 2, 3 and 4), compared
// with `git ls-files --stage` and, for the cache-tree, `git write-tree` / `git ls-tree -d`.

#include "decision/fast/index.hpp"
#include "decision/util/fs.hpp"
#include "support/temp_repo.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <set>
#include <sstream>
#include <string>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_fast_index_test {

namespace {

using decision::fast::Index;

// `git ls-files --stage` as our reader sees the index.
std::string as_ls_files(const Index& index) {
    std::string out;
    for (const auto& e : index.entries) {
        char mode[16];
        std::snprintf(mode, sizeof mode, "%06o", e.mode);
        out += std::string(mode) + " " + decision::fast::to_hex(e.oid) + " " +
               std::to_string(e.stage) + "\t" + std::string(e.path) + "\n";
    }
    return out;
}

class IndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        repo.write("README.md", "readme\n");
        repo.write("models/fraud/model.onnx", "weights\n");
        repo.write("models/fraud/deeper/a-much-longer-file-name-for-prefix-compression.txt", "a\n");
        repo.write("models/fraud/deeper/a-much-longer-file-name-for-prefix-compression.txz", "b\n");
        repo.write("decisions/DEC-0001-x.toml", "id = \"DEC-0001\"\n");
        repo.write("zeta/" + std::string(300, 'n') + ".txt", "long name\n");
        repo.commit_all("init");
    }

    Index read() const {
        auto index = decision::fast::read_index(repo.path() + "/.git/index");
        EXPECT_TRUE(index.has_value()) << (index ? "" : index.error().message);
        return index ? *index : Index{};
    }

    void expect_same_as_git() const {
        Index index = read();
        EXPECT_EQ(as_ls_files(index), repo.git({"ls-files", "--stage"}).out);
    }

    test::TempRepo repo;
};

TEST_F(IndexTest, Version2MatchesLsFiles) {
    repo.git({"update-index", "--index-version", "2"});
    EXPECT_EQ(read().version, 2u);
    expect_same_as_git();
}

TEST_F(IndexTest, Version3WithIntentToAddMatchesLsFiles) {
    repo.write("models/new.onnx", "new\n");
    repo.git({"add", "-N", "models/new.onnx"});
    repo.git({"update-index", "--index-version", "3"});
    Index index = read();
    EXPECT_EQ(index.version, 3u);
    expect_same_as_git();
    bool found = false;
    for (const auto& e : index.entries)
        if (e.path == "models/new.onnx")
            found = e.intent_to_add;
    EXPECT_TRUE(found);
}

TEST_F(IndexTest, Version4PrefixCompressedPathsMatchLsFiles) {
    repo.git({"update-index", "--index-version", "4"});
    EXPECT_EQ(read().version, 4u);
    expect_same_as_git();
}

TEST_F(IndexTest, UnmergedEntriesKeepTheirStages) {
    repo.git({"checkout", "-q", "-b", "other"});
    repo.write("README.md", "theirs\n");
    repo.commit_all("theirs");
    repo.git({"checkout", "-q", "-"});
    repo.write("README.md", "ours\n");
    repo.commit_all("ours");
    repo.git({"merge", "-q", "other"}, {}, true);
    expect_same_as_git();
    Index index = read();
    int unmerged = 0;
    for (const auto& e : index.entries)
        unmerged += e.stage != 0;
    EXPECT_EQ(unmerged, 3);
}

TEST_F(IndexTest, CacheTreeMatchesWriteTreeAndLsTree) {
    for (const char* version : {"2", "4"}) {
        repo.git({"update-index", "--index-version", version});
        std::string root = repo.git({"write-tree"}).out;
        root.pop_back();
        Index index = read();
        const auto* node = index.tree("");
        ASSERT_NE(node, nullptr);
        ASSERT_TRUE(node->oid);
        EXPECT_EQ(decision::fast::to_hex(*node->oid), root);
        // Every folder, with its tree id, as ls-tree lists them.
        // (git keeps a node's subtrees in the order it met them, not sorted.)
        std::set<std::string> ours;
        for (const auto& t : index.trees)
            if (!t.path.empty() && t.oid)
                ours.insert("040000 tree " + decision::fast::to_hex(*t.oid) + "\t" + t.path);
        std::set<std::string> theirs;
        std::istringstream listed(repo.git({"ls-tree", "-d", "-r", root}).out);
        for (std::string line; std::getline(listed, line);)
            theirs.insert(line);
        EXPECT_EQ(ours, theirs);
        EXPECT_EQ(ours.size(), 4u);
    }
}

TEST_F(IndexTest, StagingAFileInvalidatesItsFolders) {
    repo.git({"write-tree"});
    repo.write("models/fraud/model.onnx", "retrained\n");
    repo.git({"add", "models/fraud/model.onnx"});
    Index index = read();
    ASSERT_NE(index.tree(""), nullptr);
    EXPECT_FALSE(index.tree("")->oid);
    EXPECT_FALSE(index.tree("models/fraud")->oid);
    ASSERT_NE(index.tree("decisions"), nullptr);
    EXPECT_EQ(decision::fast::to_hex(*index.tree("decisions")->oid),
              repo.git({"rev-parse", "HEAD:decisions"}).out.substr(0, 40));
}

TEST_F(IndexTest, SplitIndexIsRefused) {
    repo.git({"update-index", "--split-index"});
    auto index = decision::fast::read_index(repo.path() + "/.git/index");
    ASSERT_FALSE(index.has_value());
    EXPECT_EQ(index.error().message,
              "the index is not one this reader understands: it needs the 'link' extension");
}

// Every prefix and many single-byte corruptions of real indexes: an error or a result,
// never a crash (run the suite under GD_SANITIZE to check reads stay in bounds).
TEST_F(IndexTest, CorruptIndexesNeverCrash) {
    for (const char* version : {"2", "3", "4"}) {
        repo.git({"update-index", "--index-version", version});
        repo.git({"write-tree"});
        auto bytes = decision::util::read_file(repo.path() + "/.git/index", 1 << 20);
        ASSERT_TRUE(bytes.has_value());
        for (std::size_t n = 0; n < bytes->size(); ++n) {
            auto cut = decision::fast::parse_index(bytes->substr(0, n));
            (void)cut;
            std::string flipped = *bytes;
            flipped[n] = static_cast<char>(flipped[n] ^ 0xff);
            (void)decision::fast::parse_index(flipped);
        }
        EXPECT_FALSE(decision::fast::parse_index(bytes->substr(0, bytes->size() / 2)));
    }
}

TEST(IndexParse, RejectsWhatItDoesNotKnow) {
    EXPECT_EQ(decision::fast::parse_index("").error().message,
              "the index is not one this reader understands: the file is too short");
    std::string header("DIRC\0\0\0\5\0\0\0\0", 12);
    EXPECT_EQ(decision::fast::parse_index(header + std::string(20, '\0')).error().message,
              "the index is not one this reader understands: version 5");
    std::string many("DIRC\0\0\0\2\xff\xff\xff\xff", 12);
    EXPECT_EQ(decision::fast::parse_index(many + std::string(20, '\0')).error().message,
              "the index is not one this reader understands: more entries than the file can "
              "hold");
}

} // namespace

} // namespace t_unit_fast_index_test
