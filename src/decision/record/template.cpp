#include "decision/record/template.hpp"

#include "decision/record/write.hpp"
#include "decision/util/text.hpp"

namespace decision::record {

namespace detail {
extern const std::string_view k_templates[6];
}

namespace {
// The body of a TOML basic string holding `s` (the template supplies the quotes).
std::string toml_escape(std::string_view s) {
    std::string quoted = toml_string(s);
    return quoted.substr(1, quoted.size() - 2);
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
