#pragma once
// GitHub Actions workflow-command escaping (`::error file=...,title=...::message`).

#include <string>
#include <string_view>

namespace decision::util {

// A command's message: '%' -> %25, CR -> %0D, LF -> %0A.
std::string github_escape_data(std::string_view s);

// A property value: as data, and also ':' -> %3A, ',' -> %2C.
std::string github_escape_property(std::string_view s);

} // namespace decision::util
