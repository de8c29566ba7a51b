// git decision init: the records folder, a commented policy, notes refspecs.

#include <filesystem>
#include <ostream>

#include "decision/util/fs.hpp"
#include "verb.hpp"

namespace cli {

using namespace decision;

Action setup_init(CLI::App& app) {
    app.description("Create decisions/ with a commented policy.toml, and fetch decision notes from origin. "
                    "An existing policy is kept.");
    return [](Context& ctx) -> Result<int> {
        auto root = ctx.repo->workdir();
        auto dir = root / "decisions";
        std::error_code ec;
        if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
            return util::fail(util::ErrorKind::Check, "'decisions' exists and is not a directory; move it away first");
        std::filesystem::create_directories(dir, ec);
        if (ec)
            return util::fail(util::ErrorKind::Git, "cannot create 'decisions/': " + ec.message());

        auto policy_path = root / policy::k_policy_path;
        auto written = util::write_file_atomic(policy_path, policy::default_policy_text(), util::WriteMode::CreateNew);
        if (written)
            ctx.out << "Created " << policy::k_policy_path << " (edit [[rules]] and [roles] to govern your paths)\n";
        else if (std::filesystem::exists(policy_path))
            ctx.out << "Kept the existing " << policy::k_policy_path << "\n";
        else
            return tl::unexpected(written.error());

        // Notes follow rewritten commits (amend, rebase), and are fetched with the branches.
        // A glob: git warns "notes ref ... is invalid" on every amend and rebase while an exact
        // rewriteRef does not exist yet (until the first `git decision link`); a glob that
        // matches nothing is silent.
        auto rewrite = ctx.repo->add_config_value("notes.rewriteRef", "refs/notes/decisions*");
        if (!rewrite)
            return tl::unexpected(rewrite.error());
        if (ctx.repo->has_remote("origin")) {
            auto added = ctx.repo->add_config_value("remote.origin.fetch", "+refs/notes/decisions:refs/notes/decisions");
            if (!added)
                return tl::unexpected(added.error());
            if (*added)
                ctx.out << "Configured origin to fetch refs/notes/decisions "
                           "(push notes with: git push origin refs/notes/decisions)\n";
        }
        ctx.out << "Next: git decision new --category \"MODEL SELECTION\" --title \"...\"\n";
        return 0;
    };
}

} // namespace cli
