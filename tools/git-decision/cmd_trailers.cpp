// git decision trailers: plumbing, each commit's trailers as git parses them, one JSON line
// per commit in git log order. Built by hand into a buffer: this runs over whole histories.

#include "decision/git/history.hpp"
#include "decision/trailer/trailer.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

namespace cli {

using namespace decision;

Action setup_trailers(CLI::App& app) {
    auto ranges = std::make_shared<std::vector<std::string>>();
    app.description("Print each commit's parsed trailers as JSON lines: "
                    "{\"commit\":\"<sha>\",\"trailers\":[{\"key\":...,\"value\":...}]}.");
    app.add_option("range", *ranges, "Revisions or ranges (A..B, ^A, B); default HEAD");
    return [ranges](Context& ctx) -> Result<int> {
        std::vector<std::string> walk_ranges = *ranges;
        if (walk_ranges.empty()) {
            if (!ctx.repo->has_commits())
                return 0; // an empty repository has no trailers
            walk_ranges.push_back("HEAD");
        }
        git::History history(*ctx.repo);
        trailer::ParseOptions options; // git's defaults: what `git log` sees in a commit
        options.mode = trailer::Mode::Commit;
        std::string buffer;
        buffer.reserve(1 << 16);
        auto walked = history.walk(
            walk_ranges,
            [&](const git::CommitInfo& c) {
                buffer += "{\"commit\":\"";
                buffer += c.id;
                buffer += "\",\"trailers\":[";
                bool first = true;
                for (const auto& t : trailer::parse(c.message, options)) {
                    buffer += first ? "{\"key\":" : ",{\"key\":";
                    buffer += util::json_quote(t.key);
                    buffer += ",\"value\":";
                    buffer += util::json_quote(t.value);
                    buffer += '}';
                    first = false;
                }
                buffer += "]}\n";
                if (buffer.size() >= (1 << 16)) {
                    ctx.out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                    buffer.clear();
                }
                return true;
            },
            false, /*read_signatures=*/false);
        ctx.out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        TRY(walked);
        return 0;
    };
}

} // namespace cli
