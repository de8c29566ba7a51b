#include "decision/util/toml_reader.hpp"

namespace decision::util {

tl::expected<toml::table, Diagnostic> parse_toml(std::string_view text, const std::string& path) {
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        auto where = e.source().begin;
        return tl::unexpected(Diagnostic{path, static_cast<int>(where.line), static_cast<int>(where.column),
                                         Severity::Error, "", "invalid TOML: " + std::string(e.description())});
    }
}

Position position_of(const toml::source_region& r) {
    return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

const char* type_name(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::table:
        return "a table";
    default:
        return "nothing";
    }
}


} // namespace decision::util
