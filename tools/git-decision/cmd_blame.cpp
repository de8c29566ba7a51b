// git decision blame <path> (alias why): for each commit that changed the path, newest
// first, the blob and the artifact fingerprints it carries and the decisions and sign-offs
// linked to that commit (check/blame.hpp says what counts as a change).

#include "decision/check/blame.hpp"
#include "decision/report/blame_view.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct BlameOptions {
    std::string at;
    std::string format;
    std::string path;
    std::string rev = "HEAD";
};
} // namespace

Action setup_blame(CLI::App& app) {
    auto o = std::make_shared<BlameOptions>();
    app.description("For each commit that changed a path, newest first: its artifact "
                    "fingerprint and the decisions and sign-offs behind it.");
    app.add_option("path", o->path,
                   "A path, relative to the current directory as in git (:/path: from the top)")
        ->required();
    app.add_option("--rev", o->rev, "Walk the history of this revision")->capture_default_str();
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        TRY_ASSIGN(auto typed, ctx.path_in_repo(o->path));
        const std::string path = util::normalize_path(typed);
        if (path.empty())
            return util::fail(util::ErrorKind::Usage, "blame needs a file path");
        TRY_ASSIGN(auto linking, ctx.linking());
        TRY_ASSIGN(auto entries,
                   check::blame(*ctx.repo, path, o->rev, linking.notes, linking.policy));
        ctx.out << (o->format == "json"
                        ? report::blame_json(path, entries, linking.records, linking.policy)
                        : report::render_blame(path, entries, linking.records, linking.policy));
        return 0;
    };
}

} // namespace cli
