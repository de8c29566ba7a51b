// git decision show: one record, every section.

#include "decision/report/record_view.hpp"
#include "verb.hpp"

#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct ShowOptions {
    std::string at;
    std::string format;
    std::string target;
};
} // namespace

Action setup_show(CLI::App& app) {
    auto o = std::make_shared<ShowOptions>();
    app.description("Show a decision record.");
    app.add_option("target", o->target, "Decision ID, e.g. DEC-0042")->required();
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        auto rec = ctx.record(o->target);
        if (!rec)
            return tl::unexpected(rec.error());
        if (o->format == "json")
            ctx.out << report::to_json(*rec).dump(2, ' ', false,
                                                  nlohmann::json::error_handler_t::replace)
                    << "\n";
        else
            ctx.out << report::render_text(*rec, ctx.today());
        return 0;
    };
}

} // namespace cli
