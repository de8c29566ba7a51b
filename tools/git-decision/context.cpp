#include "decision/git/history.hpp"
#include "decision/link/links.hpp"
#include "decision/record/allocate.hpp"
#include "decision/record/catalog.hpp"
#include "decision/record/parse.hpp"
#include "decision/util/date.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>

namespace cli {

using namespace decision;
using util::ErrorKind;
using util::fail;

namespace {
std::string diagnostics_text(const std::vector<util::Diagnostic>& diags) {
    std::string out;
    for (const auto& d : diags)
        if (d.severity == util::Severity::Error)
            out += "\n  " + util::sanitize(util::format(d));
    return out;
}
} // namespace

Result<policy::Policy> Context::policy(bool from_index) {
    if (m_policy)
        return *m_policy;
    TRY_ASSIGN(auto parsed, policy_result(from_index));
    if (util::has_errors(parsed.diagnostics))
        return fail(ErrorKind::Check,
                    "the policy is invalid:" + diagnostics_text(parsed.diagnostics));
    return *(m_policy = std::move(parsed.policy));
}

Result<policy::PolicyResult> Context::policy_result(bool from_index) {
    std::optional<std::string> text;
    if (!at.empty() || repo->is_bare()) {
        TRY_ASSIGN(auto t, repo->read_file_at(at.empty() ? "HEAD" : at, policy::k_policy_path,
                                              util::k_max_record_bytes));
        text = t;
    } else if (from_index) {
        TRY_ASSIGN(auto t, repo->read_index_file(policy::k_policy_path, util::k_max_record_bytes));
        text = t;
    } else {
        auto path = repo->workdir() / policy::k_policy_path;
        if (std::filesystem::exists(path)) {
            TRY_ASSIGN(auto t, util::read_file(path));
            text = t;
        }
    }
    if (!text)
        return policy::PolicyResult{};
    return policy::parse(*text);
}

Result<record::Catalog> Context::catalog() {
    if (m_catalog)
        return *m_catalog;
    TRY_ASSIGN(auto pol, policy());
    Result<std::vector<util::SourceFile>> files =
        (!at.empty() || repo->is_bare())
            ? repo->read_dir_at(at.empty() ? "HEAD" : at, pol.records_dir, record::is_record_file)
            : record::read_worktree(repo->workdir(), pol.records_dir);
    TRY(files);
    return *(m_catalog = record::load(*files));
}

Result<Linking> Context::linking() {
    TRY_ASSIGN(auto pol, policy());
    TRY_ASSIGN(auto records, catalog());
    TRY_ASSIGN(auto notes, git::History(*repo).notes(link::k_notes_ref));
    return Linking{std::move(pol), std::move(records), std::move(notes)};
}

Result<record::Record> Context::record(const std::string& id) {
    TRY_ASSIGN(auto cat, catalog());
    if (const record::Record* r = cat.find(id))
        return *r;
    // Its file may be there and not parse: say that, not that there is no such decision.
    for (const auto& d : cat.diagnostics) {
        std::string name = std::filesystem::path(d.file).filename().string();
        if (d.severity == util::Severity::Error &&
            (name.rfind(id + "-", 0) == 0 || name == id + ".toml"))
            return fail(ErrorKind::Check,
                        "the record of " + util::sanitize(id) +
                            " cannot be read: " + util::sanitize(util::format(d)) +
                            "; fix it (git decision check lists every error)");
    }
    std::vector<std::string> ids;
    for (const auto& r : cat.records)
        ids.push_back(r.id);
    std::string msg = "no decision with ID '" + util::sanitize(id) + "'";
    if (auto hint = util::closest(id, ids))
        msg += "; did you mean " + *hint + "?";
    else
        msg += "; see git decision list";
    return fail(ErrorKind::Check, msg);
}

Result<std::string> Context::path_in_repo(const std::string& typed) const {
    namespace fs = std::filesystem;
    if (typed.rfind(":/", 0) == 0)
        return typed.substr(2);
    if (repo->is_bare() || typed.empty())
        return typed;
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (ec)
        return fail(ErrorKind::Git, "cannot read the current directory: " + ec.message());
    fs::path full =
        (fs::path(typed).is_absolute() ? fs::path(typed) : cwd / typed).lexically_normal();
    if (full.filename().empty())
        full = full.parent_path();
    // Symbolic links on the way are resolved (the current directory may be reached through
    // one), the last component is not: git names a symlink by its own path.
    fs::path resolved = fs::weakly_canonical(full.parent_path(), ec) / full.filename();
    fs::path top = fs::weakly_canonical(repo->workdir(), ec);
    if (top.filename().empty())
        top = top.parent_path();
    fs::path rel = resolved.lexically_relative(top);
    if (rel.empty() || *rel.begin() == "..")
        return fail(ErrorKind::Usage, "'" + util::sanitize(typed) +
                                          "' is outside the repository at " +
                                          util::sanitize(top.string()));
    return rel == "." ? std::string() : rel.generic_string();
}

Result<long> Context::next_id_number(const policy::Policy& pol) const {
    TRY_ASSIGN(auto names, repo->names_on_all_branches(pol.records_dir));
    TRY_ASSIGN(auto local, record::read_worktree(repo->workdir(), pol.records_dir));
    for (const auto& f : local)
        names.push_back(f.path.substr(f.path.rfind('/') + 1));
    if (auto staged = repo->read_dir_from_index(pol.records_dir, record::is_record_file))
        for (const auto& f : *staged)
            names.push_back(f.path.substr(f.path.rfind('/') + 1));
    return record::highest_id_number(names, pol.id_prefix) + 1;
}

std::string Context::identity(const char* env, const char* key) const {
    if (const char* v = std::getenv(env); v && *v)
        return v;
    return repo->config_string(key).value_or("");
}

record::Date Context::today() const {
    if (const char* fixed = std::getenv("GIT_DECISION_TODAY"))
        if (auto date = util::parse_date(fixed))
            return *date;
    return record::local_today();
}

Result<record::Category> category_argument(const std::string& text) {
    const auto& names = record::category_names();
    std::vector<std::string> spellings; // each name, then its slug
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto c = static_cast<record::Category>(i);
        if (util::iequals(text, names[i]) || util::iequals(text, util::slugify(names[i])))
            return c;
        spellings.push_back(names[i]);
        spellings.push_back(util::slugify(names[i]));
    }
    std::string msg = "unknown category '" + util::sanitize(text) + "'";
    if (auto hint = util::closest(text, spellings)) {
        auto at = std::find(spellings.begin(), spellings.end(), *hint) - spellings.begin();
        msg += "; did you mean '" + names[static_cast<std::size_t>(at / 2)] + "'?";
    }
    msg += " (one of: MODEL SELECTION, DATA PIPELINE, FEATURE ENGINEERING, ETHICAL REVIEW, "
           "TRAINING STRATEGY, DEPLOYMENT THRESHOLD)";
    return fail(ErrorKind::Usage, msg);
}

void add_format_option(CLI::App& app, std::string& format, std::vector<std::string> choices) {
    format = choices.front();
    std::string desc = "Output format: ";
    for (std::size_t i = 0; i < choices.size(); ++i)
        desc += (i ? "|" : "") + choices[i];
    app.add_option("--format", format, desc)->check(CLI::IsMember(choices))->capture_default_str();
}

void add_at_option(CLI::App& app, std::string& at) {
    app.add_option("--at", at,
                   "Read the records as of this revision (through git, not the working tree)");
}

} // namespace cli
