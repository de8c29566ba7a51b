#pragma once
// yaml-cpp's exceptions caught and turned into file:line:col errors. In decision_core's
// lowest folder that reads YAML: the commit-time hooks (decision_fast) never load yaml-cpp.

#include "decision/util/error.hpp"

#include <string>
#include <string_view>
#include <yaml-cpp/yaml.h>

namespace decision::artifact {

// The YAML document in `text`, or a Check error "name:line:col: what yaml-cpp says".
// yaml-cpp bounds nesting itself (its DeepRecursion error).
util::Result<YAML::Node> parse_yaml(std::string_view text, const std::string& name);

} // namespace decision::artifact
