#pragma once
// Small string helpers the integration tests share.

#include <gtest/gtest.h>
#include <string>

namespace test {

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// `s` with the first `from` replaced by `to`; a missing `from` fails the test.
inline std::string replace(std::string s, const std::string& from, const std::string& to) {
    auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        s.replace(at, from.size(), to);
    return s;
}

} // namespace test
