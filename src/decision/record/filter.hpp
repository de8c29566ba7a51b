#pragma once
// Which records `list`, `search` and `at` show.

#include "decision/record/catalog.hpp"
#include "decision/record/record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace decision::record {

struct Filter {
    std::optional<Category> category;
    std::optional<Status> status;
    std::string owner;                  // substring of the owner's name or email, case-insensitive
    std::string tag;                    // exact tag, case-insensitive
    std::string model;                  // a name in scope.models or [[models]]
    std::string path;                   // a repository path inside scope.paths
    bool overdue = false;               // review date before today (open decisions only)
    std::optional<int> due_within_days; // review date within this many days (overdue included)
    Date today{};
};

bool matches(const Record& r, const Filter& f);

// Whether `r` governs the model called `name`.
bool covers_model(const Record& r, const std::string& name);

// The fields of `r` that contain `needle` (case-insensitive): "title", "problem", "rationale",
// "options", "tags", "summary". Empty when none does.
std::vector<std::string> search(const Record& r, const std::string& needle);

// The records in force: accepted and not superseded by another accepted record of
// `catalog`, by ID (shorter IDs first, so DEC-9999 comes before DEC-10000).
std::vector<const Record*> in_force(const Catalog& catalog);

// Whether a record is still open for review (proposed or accepted).
bool is_open(const Record& r);

} // namespace decision::record
