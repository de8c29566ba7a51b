// git decision export: the whole log as JSON, a MADR folder or one self-contained HTML page,
// as of the working tree or --at <rev>.

#include "decision/report/export.hpp"
#include "decision/report/record_view.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct ExportOptions {
    std::string at;
    std::string format;
    std::string output;
};

// The document every format is rendered from (docs/export-json.md).
Result<nlohmann::json> log_document(Context& ctx) {
    TRY_ASSIGN(auto catalog, ctx.catalog());
    nlohmann::json records = nlohmann::json::array();
    for (const auto& r : catalog.records)
        records.push_back(report::to_json(r));
    return nlohmann::json{
        {"version", 1}, {"records", std::move(records)}, {"links", nlohmann::json::array()}};
}
} // namespace

Action setup_export(CLI::App& app) {
    auto o = std::make_shared<ExportOptions>();
    app.description("The decision log for readers outside git: JSON, MADR Markdown or one "
                    "self-contained HTML page.");
    add_format_option(app, o->format, {"json", "madr", "html"});
    app.add_option("-o,--output", o->output,
                   "Write here (a folder for madr, a file otherwise; default: standard output)");
    add_at_option(app, o->at);
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        TRY_ASSIGN(auto log, log_document(ctx));
        if (o->format == "madr") {
            if (o->output.empty())
                return util::fail(util::ErrorKind::Usage, "--format madr needs --output <folder>");
            TRY(report::write_madr(log, o->output));
            return 0;
        }
        std::string text = o->format == "html"
                               ? report::render_html(log)
                               : util::printable_json(log.dump(
                                     2, ' ', false, nlohmann::json::error_handler_t::replace)) +
                                     "\n";
        if (o->output.empty() || o->output == "-") {
            ctx.out << text;
            return 0;
        }
        TRY(util::write_file_atomic(o->output, text));
        return 0;
    };
}

} // namespace cli
