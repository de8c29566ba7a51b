#include "decision/git/signature.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_git_signature_test {

using decision::git::signer_in;

// ssh-keygen -Y verify, as `git verify-commit --raw` relays it.
TEST(SignerIn, SshPrincipalFromTheAllowedSignersFile) {
    EXPECT_EQ(signer_in("Good \"git\" signature for alice@example.com with ED25519 key "
                        "SHA256:WcR7fFPG7l3imqeEsBDeD8o9ksP53PgquLefqTnhv90\n"),
              "alice@example.com");
}

// A key the allowed-signers file does not list verifies, but names nobody.
TEST(SignerIn, SshKeyWithoutPrincipalNamesNobody) {
    EXPECT_EQ(signer_in("Good \"git\" signature with ED25519 key SHA256:+AszM2wdVqN\n"
                        "No principal matched.\n"),
              std::nullopt);
}

TEST(SignerIn, OpenPgpUserIdAddressOfAValidKey) {
    EXPECT_EQ(signer_in("[GNUPG:] NEWSIG\n"
                        "[GNUPG:] KEY_CONSIDERED 0123456789ABCDEF0123456789ABCDEF01234567 0\n"
                        "[GNUPG:] SIG_ID abc 2026-11-29 1764400000\n"
                        "[GNUPG:] GOODSIG 89ABCDEF01234567 Alice Example <alice@example.com>\n"
                        "[GNUPG:] VALIDSIG 0123456789ABCDEF0123456789ABCDEF01234567 2026-11-29\n"
                        "[GNUPG:] TRUST_FULLY 0 pgp\n"),
              "alice@example.com");
}

// Any key may carry any user id: one the keyring's web of trust does not vouch for
// (git's %G? "U") names nobody.
TEST(SignerIn, OpenPgpKeyOfUndefinedTrustNamesNobody) {
    EXPECT_EQ(signer_in("[GNUPG:] NEWSIG mallory@example.com\n"
                        "[GNUPG:] GOODSIG 89ABCDEF01234567 Alice <alice@example.com>\n"
                        "[GNUPG:] TRUST_UNDEFINED 0 pgp\n"),
              std::nullopt);
}

// Only GOODSIG names the signer: NEWSIG echoes the signature's own claim.
TEST(SignerIn, OnlyGoodSigNamesTheSigner) {
    EXPECT_EQ(signer_in("[GNUPG:] NEWSIG alice@example.com\n"
                        "[GNUPG:] BADSIG 89ABCDEF01234567 Alice <alice@example.com>\n"
                        "[GNUPG:] TRUST_FULLY 0 pgp\n"),
              std::nullopt);
    EXPECT_EQ(signer_in(""), std::nullopt);
}

} // namespace t_unit_git_signature_test
