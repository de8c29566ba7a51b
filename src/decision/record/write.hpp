#pragma once
// A Record as TOML text: what `git decision new --supersedes` writes. The text parses back
// to the same record (every field, normative or not); fields at their defaults are left
// out, except the sections a person is expected to fill in.

#include "decision/record/record.hpp"

#include <string>
#include <string_view>

namespace decision::record {

// `r` as a record file, sections in the template's order, preceded by `comment` (each
// line written as a `#` comment; empty: none).
std::string to_toml(const Record& r, std::string_view comment = "");

// A TOML basic string holding `s`, quotes included.
std::string toml_quote(std::string_view s);

// What a successor of `old` starts from: its category, tags, scope, models, problem,
// options, priorities, guardrails, fairness assessments, stakeholders and links; `id`,
// `title`, `owner`, `date` and `review_date` as given, status `proposed`, `supersedes =
// [old.id]`, and the decision's summary, rationale and trade-offs left for its author.
Record successor_of(const Record& old, const std::string& id, const std::string& title,
                    const Person& owner, Date date, Date review_date);

} // namespace decision::record
