#pragma once
// The quick-start checklist as lint rules (each error/warning/off per policy), and the
// checks that need every record at once (duplicate IDs, supersede links and cycles).

#include <map>
#include <string>
#include <vector>

#include "decision/record/record.hpp"
#include "decision/util/diagnostic.hpp"

namespace decision::record {

enum class LintLevel { Off, Warning, Error };

struct LintRule {
    std::string name;
    LintLevel default_level;
    std::string summary;
};

// Every lint rule, in the order they are reported.
const std::vector<LintRule>& lint_rules();

struct LintConfig {
    std::map<std::string, LintLevel> levels; // overrides of the defaults, by rule name
    int review_min_days = 30;
    int review_max_days = 90;

    LintLevel level(const std::string& rule) const;
};

// Checklist findings for one record.
std::vector<util::Diagnostic> lint(const Record& record, const LintConfig& config);

// Findings across records: duplicate IDs, an ID that does not match its file name,
// `supersedes` naming no record, supersede cycles, a superseded record with no accepted
// successor, an ID whose prefix is not `id_prefix`.
std::vector<util::Diagnostic> check_collection(const std::vector<Record>& records, const std::string& id_prefix);

} // namespace decision::record
