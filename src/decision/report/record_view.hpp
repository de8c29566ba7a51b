#pragma once
// How a record looks to people (text) and to programs (JSON).

#include "decision/record/record.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace decision::report {

// Every field of the record; dates as "YYYY-MM-DD". The shape is documented in docs/json.md.
nlohmann::json to_json(const record::Record& r);

// Every section of the record, readable in a terminal; strings from the record are
// sanitized. `today` marks an overdue review date.
std::string render_text(const record::Record& r, std::optional<record::Date> today = std::nullopt);

// One line per record: ID, status, category, review date, owner, title — the title cut to
// fit `width` columns (0: never cut). Widths count characters, not bytes.
std::string render_table(const std::vector<const record::Record*>& records, std::size_t width);

// "2026-11-02" or "-" when unset.
std::string date_or_dash(const std::optional<record::Date>& d);

} // namespace decision::report
