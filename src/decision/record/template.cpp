#include "decision/record/template.hpp"

#include "decision/util/text.hpp"

#include <cstdio>

namespace decision::record {

namespace detail {
extern const std::string_view k_templates[6];
}

namespace {
// The body of a TOML basic string holding `s`.
std::string toml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

void replace_all(std::string& text, std::string_view from, const std::string& to) {
    for (auto pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
}
} // namespace

std::string category_slug(Category c) {
    return util::slugify(to_string(c));
}

std::string render_template(Category c, const TemplateValues& v) {
    std::string text(detail::k_templates[static_cast<int>(c)]);
    replace_all(text, "{{id}}", toml_escape(v.id));
    replace_all(text, "{{title}}", toml_escape(v.title));
    replace_all(text, "{{owner_name}}", toml_escape(v.owner_name));
    replace_all(text, "{{owner_email}}", toml_escape(v.owner_email));
    replace_all(text, "{{owner_role}}", toml_escape(v.owner_role));
    replace_all(text, "{{date}}", to_string(v.date));
    replace_all(text, "{{review_date}}", to_string(v.review_date));
    return text;
}

} // namespace decision::record
