#pragma once
// The verb table's types. Each verb file registers its options on its CLI11 subcommand
// and returns the action to run; main() parses first, then opens the repository if the
// verb needs one, then runs the action.

#include "decision/git/repository.hpp"
#include "decision/policy/policy.hpp"
#include "decision/record/catalog.hpp"
#include "decision/util/error.hpp"

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App; // the verb files include <CLI/CLI.hpp>; this header only names it
} // namespace CLI

namespace cli {

using decision::util::Result;

enum class Needs { Nothing, Repository, WorkTree };

// What the history verbs (show <commit>, log, blame) read before they walk: the policy and
// the records as of --at, and every decision note by annotated commit id.
struct Linking {
    decision::policy::Policy policy;
    decision::record::Catalog records;
    std::map<std::string, std::string> notes;
};

// What main() sets up before an action runs, and the loaders the read verbs share.
class Context {
public:
    Context(std::ostream& out_stream, std::ostream& err_stream)
        : out(out_stream), err(err_stream) {}

    std::ostream& out;
    std::ostream& err;
    std::optional<decision::git::Repository> repo;
    std::string at; // --at <rev>: read records from this revision instead of the working tree

    // The policy as of --at, the index (`from_index`) or the working tree; the defaults
    // when there is no policy file. Invalid policies are errors.
    Result<decision::policy::Policy> policy(bool from_index = false);
    // The same, with the policy's diagnostics instead of an error for an invalid one.
    Result<decision::policy::PolicyResult> policy_result(bool from_index = false);
    // The records as of --at or the working tree (a bare repository reads HEAD).
    Result<decision::record::Catalog> catalog();
    // policy(), catalog() and the notes under refs/notes/decisions, in that order.
    Result<Linking> linking();
    // The record with `id`, or an error that names the closest ID.
    Result<decision::record::Record> record(const std::string& id);
    // A path the user typed, as a path from the top of the repository, the way git reads
    // pathspecs: relative to the current directory, ":/path" from the top; a path outside
    // the working tree is a usage error. A bare repository takes paths from the top.
    Result<std::string> path_in_repo(const std::string& typed) const;
    // Today's date in local time (GIT_DECISION_TODAY=YYYY-MM-DD overrides, for tests).
    decision::record::Date today() const;
    // The first ID number no record uses on any local or remote-tracking branch, in the
    // working tree or in the index: where `new` and `import` start allocating.
    Result<long> next_id_number(const decision::policy::Policy& pol) const;
    // The user's git identity: `env` (GIT_AUTHOR_NAME, ...) if set, else config `key`.
    std::string identity(const char* env, const char* key) const;

private:
    std::optional<decision::policy::Policy> m_policy;
    std::optional<decision::record::Catalog> m_catalog;
};

using Action = std::function<Result<int>(Context&)>;

struct Verb {
    const char* name;
    const char* summary;
    Needs needs;
    Action (*setup)(CLI::App& app);
};

// Adds --format with the given choices (the first is the default).
void add_format_option(CLI::App& app, std::string& format, std::vector<std::string> choices);
// The category a user typed: "MODEL SELECTION", "model selection" or "model-selection".
// Otherwise a usage error that suggests the nearest category by its canonical name.
Result<decision::record::Category> category_argument(const std::string& text);

// Adds --at <rev>.
void add_at_option(CLI::App& app, std::string& at);

// Verb setup functions, one file each.
Action setup_init(CLI::App& app);
Action setup_new(CLI::App& app);
Action setup_check(CLI::App& app);
Action setup_list(CLI::App& app);
Action setup_search(CLI::App& app);
Action setup_show(CLI::App& app);
Action setup_status(CLI::App& app);
Action setup_supersede(CLI::App& app);
Action setup_edit(CLI::App& app);
Action setup_guard(CLI::App& app);
Action setup_install(CLI::App& app);
Action setup_uninstall(CLI::App& app);
Action setup_hook(CLI::App& app);
Action setup_use(CLI::App& app);
Action setup_approve(CLI::App& app);
Action setup_link(CLI::App& app);
Action setup_review(CLI::App& app);
Action setup_trailers(CLI::App& app);
Action setup_log(CLI::App& app);
Action setup_blame(CLI::App& app);
Action setup_at(CLI::App& app);
Action setup_export(CLI::App& app);
Action setup_import(CLI::App& app);

// Prints diagnostics (sanitized) and says whether any is an error.
bool print_diagnostics(std::ostream& err, const std::vector<decision::util::Diagnostic>& diags);

// What a read-only verb leaves out of `catalog` and why, one "git-decision: skipped: " line
// per diagnostic of a record file that did not parse, on `err`.
void print_skipped(std::ostream& err, const decision::record::Catalog& catalog);

} // namespace cli
