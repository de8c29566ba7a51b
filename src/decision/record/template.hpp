#pragma once
// The per-category templates `git decision new` starts from (schema/templates/, embedded
// into the binary at build time).

#include "decision/record/record.hpp"

#include <string>
#include <string_view>

namespace decision::record {

struct TemplateValues {
    std::string id;
    std::string title;
    Date date;
    Date review_date;
    std::string owner_name;
    std::string owner_email;
    std::string owner_role;
};

// The template of `c` with its {{placeholders}} filled; string values are escaped for
// TOML basic strings, so any title is safe.
std::string render_template(Category c, const TemplateValues& values);

// The file name slug of a category: "MODEL SELECTION" -> "model-selection".
std::string category_slug(Category c);

} // namespace decision::record
