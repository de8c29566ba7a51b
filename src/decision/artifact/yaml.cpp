#include "decision/artifact/yaml.hpp"

#include "decision/util/text.hpp"

namespace decision::artifact {

util::Result<YAML::Node> parse_yaml(std::string_view text, const std::string& name) {
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        std::string where = util::sanitize(name);
        if (!e.mark.is_null())
            where +=
                ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
        return util::fail(util::ErrorKind::Check, where + ": " + util::sanitize(e.msg));
    }
}

} // namespace decision::artifact
