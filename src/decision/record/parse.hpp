#pragma once
// TOML text -> Record, with every structural problem reported as a file:line:col
// diagnostic. toml++'s parse_error is caught here and nowhere else.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decision/record/record.hpp"
#include "decision/util/diagnostic.hpp"

namespace decision::record {

struct ParseResult {
    // Present when the text is TOML, even if some fields were wrong (those are left at
    // their defaults and reported); absent on a syntax error.
    std::optional<Record> record;
    std::vector<util::Diagnostic> diagnostics;

    bool ok() const { return record && !util::has_errors(diagnostics); }
};

// Parses the record at `path` (repository-relative, used in diagnostics).
ParseResult parse(std::string_view text, const std::string& path);

// Whether `id` is PREFIX-digits with an upper-case prefix (letters/digits, starting with a
// letter). Also the guard against IDs that could escape the records folder.
bool is_valid_id(std::string_view id);

// The number of an ID ("DEC-0042" -> 42), if it is valid.
std::optional<long> id_number(std::string_view id);

} // namespace decision::record
