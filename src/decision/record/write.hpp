#pragma once
// Record -> TOML text: the writer for records made by a program rather than from a template
// (`git decision import`, `git decision new --supersedes`). The output is what parse() reads
// back to the same Record.

#include "decision/record/record.hpp"

#include <string>
#include <string_view>

namespace decision::record {

// `s` as a TOML basic string, quotes included; control characters become \uXXXX escapes,
// so any text (titles, multi-line statements) is safe.
std::string toml_string(std::string_view s);

// What to_toml does with the fields a person is expected to write (the problem statement, the
// decision's summary and rationale) while they are empty.
enum class Blanks { Omit, Keep };

// The record as a TOML document in the template's order (top-level keys, [owner], [scope],
// [[models]], [problem], [[options]], [decision], [[guardrails]], [[stakeholders]],
// [[links]], [[fairness]]), preceded by `comment` (each line a `#` comment; empty: none).
// Empty optional fields are left out, and so are the ones above unless `blanks` keeps them
// as "" for the author to fill in. `path`, `positions` and `text` are not written.
std::string to_toml(const Record& r, std::string_view comment = "", Blanks blanks = Blanks::Omit);

// What a successor of `old` starts from: its category, tags, scope, models, problem,
// options, priorities, guardrails, fairness assessments, stakeholders and links; `id`,
// `title`, `owner`, `date` and `review_date` as given, status `proposed`, `supersedes =
// [old.id]`, and the decision's summary, rationale and trade-offs left for its author.
Record successor_of(const Record& old, const std::string& id, const std::string& title,
                    const Person& owner, Date date, Date review_date);

} // namespace decision::record
