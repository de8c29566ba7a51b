#include "decision/util/fs.hpp"

#include <csignal>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_util_fs_test {

namespace {

namespace fs = std::filesystem;
using namespace decision::util;

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

TEST(Fs, AtomicWritesReplaceAndCreate) {
    fs::path dir = fs::path(::testing::TempDir()) / "fs-atomic";
    fs::remove_all(dir);
    fs::create_directories(dir);
    ASSERT_TRUE(write_file_atomic(dir / "a.toml", "one\n").has_value());
    ASSERT_TRUE(write_file_atomic(dir / "a.toml", "two\n").has_value());
    EXPECT_EQ(*read_file(dir / "a.toml"), "two\n");
    auto again = write_file_atomic(dir / "a.toml", "three\n", WriteMode::CreateNew);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().kind, ErrorKind::Check);
    EXPECT_EQ(*read_file(dir / "a.toml"), "two\n");
    ASSERT_TRUE(write_file_atomic(dir / "b.toml", "new\n", WriteMode::CreateNew).has_value());
    ASSERT_TRUE(write_file_atomic(dir / "c.tsv", "cache\n", WriteMode::Cache).has_value());
    EXPECT_EQ(names_in(dir), (std::vector<std::string>{"a.toml", "b.toml", "c.tsv"}));
    fs::remove_all(dir);
}

// A write killed half way (here by the file size limit, SIGXFSZ) once left
// ".DEC-0001.toml.tmpNNN" in the records folder, which `git add -A` then staged.
TEST(Fs, AKilledWriteLeavesNothingBehind) {
    fs::path dir = fs::path(::testing::TempDir()) / "fs-killed";
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (auto mode : {WriteMode::Replace, WriteMode::CreateNew}) {
        pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            rlimit limit{4096, 4096};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            std::signal(SIGXFSZ, SIG_DFL);
            (void)write_file_atomic(dir / "DEC-0001.toml", std::string(1 << 20, 'x'), mode);
            ::_exit(0);
        }
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFSIGNALED(status)) << "the write was not cut short";
        EXPECT_EQ(WTERMSIG(status), SIGXFSZ);
        EXPECT_EQ(names_in(dir), std::vector<std::string>{});
    }
    fs::remove_all(dir);
}

} // namespace

} // namespace t_unit_util_fs_test
