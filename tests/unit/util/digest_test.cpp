#include "decision/util/digest.hpp"
#include "decision/util/fs.hpp"

#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_util_digest_test {

namespace {

using namespace decision::util;

TEST(Digest, BlobIdsAreGits) {
    // `git hash-object` of an empty file and of "hello\n".
    EXPECT_EQ(git_blob_id(""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    EXPECT_EQ(git_blob_id("hello\n"), "ce013625030ba8dba906f756967f9e9ca394464a");
    EXPECT_EQ(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Digest, HmacIsRfc4231) {
    // RFC 4231, test case 2.
    EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_TRUE(equal_in_constant_time("abc", "abc"));
    EXPECT_FALSE(equal_in_constant_time("abc", "abd"));
    EXPECT_FALSE(equal_in_constant_time("abc", "ab"));
}

TEST(Digest, LocalSecretIsMadeOnceAndKept) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(::testing::TempDir()) / "digest-secret";
    fs::remove_all(dir);
    auto first = local_secret(dir / "secret");
    ASSERT_TRUE(first.has_value()) << first.error().message;
    EXPECT_EQ(first->size(), 64u);
    EXPECT_EQ(*local_secret(dir / "secret"), *first);
    EXPECT_EQ(fs::status(dir / "secret").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    // A damaged secret is replaced.
    ASSERT_TRUE(write_file_atomic(dir / "secret", "short").has_value());
    auto replaced = local_secret(dir / "secret");
    ASSERT_TRUE(replaced.has_value());
    EXPECT_EQ(replaced->size(), 64u);
    EXPECT_NE(*replaced, *first);
    fs::remove_all(dir);
}

} // namespace

} // namespace t_unit_util_digest_test
