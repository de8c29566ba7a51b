#pragma once
// How a record looks to people (text) and to programs (JSON).

#include "decision/check/approval_status.hpp"
#include "decision/record/record.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace decision::report {

// Every field of the record; dates as "YYYY-MM-DD". The shape is documented in docs/json.md.
nlohmann::json to_json(const record::Record& r);
// Where a record stands with its approvers: "required_roles", "approvals",
// "approvals_without_role", "stance_mismatches" (docs/json.md).
nlohmann::json to_json(const check::Standing& standing);
// The record's fields and its standing, in one object: what `show --format json` prints.
nlohmann::json to_json(const record::Record& r, const check::Standing& standing);

// Every section of the record, readable in a terminal; strings from the record are
// sanitized. `today` marks an overdue review date; `standing`, when given, adds the
// approvals per required role and the notes on stances and sign-offs.
std::string render_text(const record::Record& r, std::optional<record::Date> today = std::nullopt,
                        const check::Standing* standing = nullptr);

// One line per required role's approval (who, which commit, fresh or stale since when, or
// who can give a missing one), each indented by `indent` spaces; `id` names the decision in
// the hint to approve again.
std::string render_approval_rows(const std::string& id,
                                 const std::vector<check::RoleApproval>& rows, std::size_t indent);

// One line per record: ID, status, category, review date, owner, title — the title cut to
// fit `width` columns (0: never cut). Widths count characters, not bytes.
std::string render_table(const std::vector<const record::Record*>& records, std::size_t width);

// "2026-11-02" or "-" when unset.
std::string date_or_dash(const std::optional<record::Date>& d);

} // namespace decision::report
