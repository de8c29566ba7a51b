#pragma once
// What an approval binds to: a record's normative content — every field but status,
// review_date, links and the stakeholders' stances — as one canonical text, and that
// text's SHA-256. The text is versioned and independent of every output format, so
// changing how `show --format json` prints a record never invalidates an approval.
// docs/approvals.md describes the format.

#include "decision/record/record.hpp"

#include <string>

namespace decision::record {

// The first line of the canonical text; a new version of the format changes it.
inline constexpr const char* k_normative_version = "git-decision normative v1";

// The canonical normative text of `r`: the version line, then one `path = value` line per
// field that differs from its default, in a fixed order.
std::string normative_text(const Record& r);

// SHA-256 of normative_text(r), 64 lower-case hex digits.
std::string normative_hash(const Record& r);

} // namespace decision::record
