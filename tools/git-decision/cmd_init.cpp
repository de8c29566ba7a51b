// git decision init: the records folder, a commented policy, editor validation, notes
// refspecs.

#include "decision/util/fs.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

namespace cli {

using namespace decision;

// The JSON Schemas of schema/, embedded by cmake/EmbedTemplates.cmake.
extern const std::string_view k_decision_schema;
extern const std::string_view k_policy_schema;

namespace {

// Taplo (and Even Better TOML, which runs it) reads .taplo.toml at the repository root;
// records also name their schema in a `#:schema ./decision.schema.json` first line.
std::string taplo_config(const std::string& records_dir) {
    return "# Editor validation of git-decision's records and policy (Taplo, Even Better TOML).\n"
           "# Written by `git decision init`, which also refreshes the schemas it names.\n"
           "[[rule]]\n"
           "include = [\"decisions/policy.toml\"]\n"
           "schema.path = \"decisions/policy.schema.json\"\n\n"
           "[[rule]]\n"
           "include = [\"" +
           records_dir +
           "/*.toml\"]\n"
           "exclude = [\"decisions/policy.toml\"]\n"
           "schema.path = \"" +
           records_dir + "/decision.schema.json\"\n";
}

// Writes a tool-owned file when it is missing or differs; whether it wrote.
Result<bool> refresh(const std::filesystem::path& path, std::string_view content) {
    if (auto old = util::read_file(path); old && *old == content)
        return false;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    TRY(util::write_file_atomic(path, content));
    return true;
}

} // namespace

Action setup_init(CLI::App& app) {
    app.description(
        "Create decisions/ with a commented policy.toml, the JSON Schemas and a .taplo.toml "
        "for editors, and fetch decision notes from origin. An existing policy is kept.");
    return [](Context& ctx) -> Result<int> {
        auto root = ctx.repo->workdir();
        auto dir = root / "decisions";
        std::error_code ec;
        if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
            return util::fail(util::ErrorKind::Check,
                              "'decisions' exists and is not a directory; move it away first");
        std::filesystem::create_directories(dir, ec);
        if (ec)
            return util::fail(util::ErrorKind::Git, "cannot create 'decisions/': " + ec.message());

        auto policy_path = root / policy::k_policy_path;
        auto written = util::write_file_atomic(policy_path, policy::default_policy_text(),
                                               util::WriteMode::CreateNew);
        if (written)
            ctx.out << "Created " << policy::k_policy_path
                    << " (edit [[rules]] and [roles] to govern your paths)\n";
        else if (std::filesystem::exists(policy_path))
            ctx.out << "Kept the existing " << policy::k_policy_path << "\n";
        else
            return tl::unexpected(written.error());

        // Editor validation: the schemas beside what they describe (refreshed when this
        // version's differ), and a Taplo config mapping the files to them (kept if present).
        auto policy = ctx.policy();
        std::string records_dir = policy ? policy->records_dir : "decisions";
        TRY_ASSIGN(auto records_schema,
                   refresh(root / records_dir / "decision.schema.json", k_decision_schema));
        TRY_ASSIGN(auto policy_schema,
                   refresh(root / "decisions/policy.schema.json", k_policy_schema));
        auto taplo = util::write_file_atomic(root / ".taplo.toml", taplo_config(records_dir),
                                             util::WriteMode::CreateNew);
        if (!taplo && !std::filesystem::exists(root / ".taplo.toml"))
            return tl::unexpected(taplo.error());
        if (taplo)
            ctx.out << "Created .taplo.toml and the JSON Schemas it names (editors validate "
                       "records and the policy as you type)\n";
        else if (records_schema || policy_schema)
            ctx.out << "Wrote the JSON Schemas editors validate against (decision.schema.json, "
                       "policy.schema.json)\n";

        // Notes follow rewritten commits (amend, rebase), and are fetched with the branches.
        // A glob: git warns "notes ref ... is invalid" on every amend and rebase while an exact
        // rewriteRef does not exist yet (until the first `git decision link`); a glob that
        // matches nothing is silent.
        TRY(ctx.repo->add_config_value("notes.rewriteRef", "refs/notes/decisions*"));
        if (ctx.repo->has_remote("origin")) {
            TRY_ASSIGN(auto added,
                       ctx.repo->add_config_value("remote.origin.fetch",
                                                  "+refs/notes/decisions:refs/notes/decisions"));
            if (added)
                ctx.out << "Configured origin to fetch refs/notes/decisions "
                           "(push notes with: git push origin refs/notes/decisions)\n";
        }
        ctx.out << "Next: git decision new --category \"MODEL SELECTION\" --title \"...\"\n";
        return 0;
    };
}

} // namespace cli
