#pragma once
// The accepted MODEL SELECTION decision the enforcement tests (hooks, pre-receive,
// pipeline staleness) govern `models/**` with, approved by the fixture's author.

#include <string>

namespace test {

inline constexpr const char* k_ship_gbt_path = "decisions/DEC-0001-ship-gbt.toml";
inline constexpr const char* k_author_approval = "Approved-by: A U Thor <author@example.com>";

// DEC-0001 with `scope.paths` set to `paths` (a TOML array's contents).
inline std::string ship_gbt_record(const std::string& paths = "\"models/**\"") {
    return "id = \"DEC-0001\"\n"
           "title = \"Ship GBT\"\n"
           "category = \"MODEL SELECTION\"\n"
           "status = \"accepted\"\n"
           "date = 2026-11-27\n"
           "review_date = 2027-01-26\n"
           "\n"
           "[owner]\n"
           "name = \"A U Thor\"\n"
           "email = \"author@example.com\"\n"
           "role = \"ML Engineer\"\n"
           "\n"
           "[scope]\n"
           "paths = [" +
           paths +
           "]\n"
           "\n"
           "[decision]\n"
           "summary = \"Ship the GBT model\"\n"
           "rationale = \"Best recall\"\n";
}

} // namespace test
