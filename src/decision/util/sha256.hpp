#pragma once
// SHA-256 (Nettle, linked statically so the commit-time hooks load nothing more).

#include <string>
#include <string_view>

namespace decision::util {

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

} // namespace decision::util
