#pragma once
// Cryptographic digests (Nettle, Debian's nettle-dev) and the local secret that seals
// caches. FNV-1a (text.hpp) names files; these are for what must not be forged.

#include "decision/util/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace decision::util {

// Lower-case hex SHA-1 and SHA-256 of `data`.
std::string sha1_hex(std::string_view data);
std::string sha256_hex(std::string_view data);

// The object id git gives a blob holding `content`: SHA-1 over "blob <size>\0<content>".
std::string git_blob_id(std::string_view content);

// HMAC-SHA-256 of `data` under `key`, as lower-case hex.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// Whether two strings are equal, in time that does not depend on where they differ.
bool equal_in_constant_time(std::string_view a, std::string_view b);

// A 32-byte random secret kept in `file` (created with mode 0600 on first use, atomically,
// so concurrent first users agree on one). Caches are sealed with it: a cache copied from
// another clone (say, restored by CI from a job that ran a pull request's code) does not
// verify and is recomputed. Anyone who can read the file can forge entries: it protects
// against caches that cross from one machine or job to another, not against local users.
Result<std::string> local_secret(const std::filesystem::path& file);

} // namespace decision::util
