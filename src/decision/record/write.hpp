#pragma once
// Record -> TOML text: the writer for records made by a program rather than from a template
// (`git decision import`). The output is what parse() reads back to the same Record.

#include "decision/record/record.hpp"

#include <string>
#include <string_view>

namespace decision::record {

// `s` as a TOML basic string, quotes included; control characters become \uXXXX escapes,
// so any text (titles, multi-line statements) is safe.
std::string toml_string(std::string_view s);

// The record as a TOML document in the template's order (top-level keys, [owner], [scope],
// [[models]], [problem], [[options]], [decision], [[guardrails]], [[stakeholders]],
// [[links]], [[fairness]]); empty optional fields are left out. `path`, `positions` and
// `text` are not written.
std::string to_toml(const Record& r);

} // namespace decision::record
