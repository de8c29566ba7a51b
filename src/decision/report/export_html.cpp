#include "decision/report/export.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

namespace decision::report {

namespace detail {
// site/site.css and site/site.js, embedded at build time (cmake/EmbedTemplates.cmake).
extern const std::string_view k_site_css;
extern const std::string_view k_site_js;
} // namespace detail

std::string script_json(const nlohmann::json& doc) {
    std::string text = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size() + text.size() / 64);
    for (char c : text) {
        // Outside strings JSON has no '<' or '>'; inside one, "\u003c" reads back the same.
        if (c == '<')
            out += "\\u003c";
        else if (c == '>')
            out += "\\u003e";
        else
            out += c;
    }
    return out;
}

std::string render_html(const nlohmann::json& log, const SiteContext& site) {
    nlohmann::json context = {{"generated", site.generated}};
    if (site.guardrails)
        context["guardrails"] = *site.guardrails;
    std::string page;
    page.reserve(detail::k_site_css.size() + detail::k_site_js.size() + 4096);
    page += "<!DOCTYPE html>\n"
            "<html lang=\"en\">\n"
            "<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            // The page may run its own inline script and style and load nothing at all.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
            "<meta name=\"generator\" content=\"git-decision export\">\n"
            "<title>Decision log</title>\n"
            "<style>\n";
    page += detail::k_site_css;
    page +=
        "</style>\n"
        "</head>\n"
        "<body>\n"
        "<header><h1>Decision log</h1><span id=\"summary\"></span><nav id=\"nav\"></nav></header>\n"
        "<main id=\"view\"><noscript>This page shows the decision log with JavaScript; the "
        "log itself is the JSON in the page source.</noscript></main>\n"
        "<script type=\"application/json\" id=\"decision-log\">";
    page += script_json(log);
    page += "</script>\n<script type=\"application/json\" id=\"site-context\">";
    page += script_json(context);
    page += "</script>\n<script>\n";
    page += detail::k_site_js;
    page += "</script>\n</body>\n</html>\n";
    return page;
}

std::string render_html(const nlohmann::json& log) {
    return render_html(log, SiteContext{});
}

} // namespace decision::report
