#pragma once
// The quick-start checklist (docs/checklist.md): nine items every record meets before it is
// accepted, as lint rules `check` reports at the policy's levels, as ✓/✗ items for people,
// and as the gate on acceptance; plus the checks that need every record at once (duplicate
// IDs, supersede links and cycles).

#include "decision/record/record.hpp"
#include "decision/util/diagnostic.hpp"

#include <map>
#include <string>
#include <vector>

namespace decision::record {

enum class LintLevel { Off, Warning, Error };

struct LintRule {
    std::string name;
    LintLevel default_level;
    std::string summary;
    int item = 0; // the checklist item (1-9) the rule checks; 0 for the rules outside it
};

// Every lint rule, in the order they are reported: the nine checklist items first.
const std::vector<LintRule>& lint_rules();

// Rule names older policies use, and the rule that now checks what they did
// ("rejected-options" -> "options-evaluated").
const std::map<std::string, std::string>& lint_rule_aliases();

struct LintConfig {
    std::map<std::string, LintLevel> levels; // overrides of the defaults, by rule name
    int review_min_days = 30;
    int review_max_days = 90;
    // [checklist] relax: categories whose records may be accepted with the checklist
    // unmet; what is missing is then reported as notes, never silently.
    std::vector<Category> relaxed;

    LintLevel level(const std::string& rule) const;
    bool relaxes(Category c) const;
};

// Checklist and hygiene findings for one record, each at the policy's level (rules at
// `off` left out), at the line to fix, named by its rule.
std::vector<util::Diagnostic> lint(const Record& record, const LintConfig& config);

// One checklist item for a record: met, or the findings that say what is missing.
struct ChecklistItem {
    int number = 0;      // 1-9
    std::string name;    // the rule's name, e.g. "options-evaluated"
    std::string summary; // what the item asks for
    bool met = false;
    std::vector<util::Diagnostic> findings; // at the policy's level (a warning when off)
};

// The nine items for `record` as it stands (an item about acceptance, exactly one chosen
// option, applies only to an accepted record).
std::vector<ChecklistItem> checklist(const Record& record, const LintConfig& config);

// What stands between `record` and acceptance: every unmet checklist item, an empty or
// placeholder scope, and template placeholders left in (empty strings, "<...>" values,
// the template's empty lists and tables), judged as if the record were accepted. They are
// errors, or notes when the policy relaxes the record's category.
struct Acceptance {
    std::vector<util::Diagnostic> errors;
    std::vector<util::Diagnostic> notes; // relaxed by [checklist] relax
    bool ok() const { return errors.empty(); }
};
Acceptance acceptance(const Record& record, const LintConfig& config);

// Findings across records: duplicate IDs, an ID that does not match its file name,
// `supersedes` naming no record, supersede cycles, a superseded record with no accepted
// successor, an ID whose prefix is not `id_prefix`.
std::vector<util::Diagnostic> check_collection(const std::vector<Record>& records,
                                               const std::string& id_prefix);

} // namespace decision::record
