#pragma once
// Commit signatures verified the way git verifies them: by running `git verify-commit`,
// which honours gpg.format (openpgp, ssh, x509), gpg.program / gpg.<format>.program,
// gpg.ssh.allowedSignersFile and gpg.minTrustLevel from the repository's configuration.

#include "decision/git/repository.hpp"
#include "decision/util/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace decision::git {

// Who signed `commit`, as git verified it: for ssh signatures the principal the
// allowed-signers file names for the key; for OpenPGP and X.509 the e-mail address of the
// key's user id (the whole user id when it holds no <address>). nullopt when git does not
// accept the signature (none, bad, unknown key, no allowed-signers file). An error only
// when git cannot be run.
util::Result<std::optional<std::string>> verified_signer(const Repository& repo,
                                                         const std::string& commit);

// The signer named in `git verify-commit --raw` output that git accepted (exit 0): the
// principal of ssh-keygen's `Good "git" signature for <principal> with ...` line, else the
// user id of GnuPG's `[GNUPG:] GOODSIG <key> <user id>` status line. Never any other line:
// the rest may echo what the signature itself claims.
std::optional<std::string> signer_in(std::string_view raw_output);

} // namespace decision::git
