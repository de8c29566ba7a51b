#include "decision/util/yaml.hpp"

#include "decision/util/text.hpp"

namespace decision::util {

Result<YAML::Node> parse_yaml(std::string_view text, const std::string& name) {
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        std::string where = sanitize(name);
        if (!e.mark.is_null())
            where +=
                ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
        return fail(ErrorKind::Check, where + ": " + sanitize(e.msg));
    }
}

} // namespace decision::util
