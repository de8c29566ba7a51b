// git decision check: validate the records and the policy.

#include "decision/check/validate.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

namespace cli {

using namespace decision;

namespace {
struct CheckOptions {
    std::string at;
    std::string format;
};
} // namespace

Action setup_check(CLI::App& app) {
    auto o = std::make_shared<CheckOptions>();
    app.description(
        "Validate the decision records (structure, lint rules, duplicate IDs, supersede links) "
        "and the policy. Exit 1 when anything is an error.");
    add_at_option(app, o->at);
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) -> Result<int> {
        ctx.at = o->at;
        auto pol = ctx.policy_result();
        if (!pol)
            return tl::unexpected(pol.error());
        std::vector<util::Diagnostic> diags = pol->diagnostics;
        std::size_t records = 0;
        if (!util::has_errors(pol->diagnostics)) {
            auto cat = ctx.catalog();
            if (!cat)
                return tl::unexpected(cat.error());
            records = cat->records.size();
            auto found = check::validate_catalog(*cat, pol->policy);
            diags.insert(diags.end(), found.begin(), found.end());
        }
        std::size_t errors = 0, warnings = 0;
        for (const auto& d : diags)
            (d.severity == util::Severity::Error ? errors : warnings)++;
        if (o->format == "json") {
            nlohmann::json j{{"records", records}, {"errors", errors}, {"warnings", warnings}};
            j["diagnostics"] = nlohmann::json::array();
            for (const auto& d : diags)
                j["diagnostics"].push_back({{"file", d.file},
                                            {"line", d.line},
                                            {"column", d.column},
                                            {"severity", util::severity_name(d.severity)},
                                            {"rule", d.rule},
                                            {"message", d.message}});
            ctx.out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
            for (const auto& d : diags)
                ctx.out << util::sanitize(util::format(d)) << "\n";
            ctx.out << "checked " << records << " record" << (records == 1 ? "" : "s") << ": "
                    << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings
                    << " warning" << (warnings == 1 ? "" : "s") << "\n";
        }
        return errors ? 1 : 0;
    };
}

} // namespace cli
