#pragma once
// The one place yaml-cpp's exceptions are caught. Part of decision_core only: the
// commit-time hooks (decision_fast) never load yaml-cpp.

#include "decision/util/error.hpp"

#include <string>
#include <string_view>
#include <yaml-cpp/yaml.h>

namespace decision::util {

// The YAML document in `text`, or a Check error "name:line:col: what yaml-cpp says".
// yaml-cpp bounds nesting itself (its DeepRecursion error).
Result<YAML::Node> parse_yaml(std::string_view text, const std::string& name);

} // namespace decision::util
