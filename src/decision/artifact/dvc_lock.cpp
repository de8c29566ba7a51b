#include "decision/artifact/dvc_lock.hpp"

#include "decision/util/text.hpp"

#include <yaml-cpp/yaml.h>

namespace decision::artifact {

namespace {

bool contains(const std::string& output, const std::string& path) {
    return !output.empty() &&
           (path == output || (path.size() > output.size() && path[output.size()] == '/' &&
                               path.compare(0, output.size(), output) == 0));
}

} // namespace

LockLookup find_locked_output(std::string_view lock, std::string_view path) {
    LockLookup out;
    const std::string wanted = util::normalize_path(path);
    try {
        YAML::Node doc = YAML::Load(std::string(lock));
        if (!doc || doc.IsNull())
            return out;
        if (!doc.IsMap() || (doc["stages"] && !doc["stages"].IsMap())) {
            out.problem = "not a dvc.lock: expected a mapping with 'stages'";
            return out;
        }
        YAML::Node stages = doc["stages"];
        if (!stages)
            return out;
        std::optional<LockedOutput> best; // the deepest output containing the path
        for (const auto& stage : stages) {
            YAML::Node outs = stage.second["outs"];
            if (!stage.second.IsMap() || !outs || !outs.IsSequence())
                continue;
            for (const auto& item : outs) {
                if (!item.IsMap() || !item["path"] || !item["path"].IsScalar() || !item["md5"] ||
                    !item["md5"].IsScalar())
                    continue;
                std::string output = util::normalize_path(item["path"].as<std::string>());
                if (!contains(output, wanted))
                    continue;
                if (!best || output.size() > util::normalize_path(best->output).size())
                    best =
                        LockedOutput{stage.first.as<std::string>(), item["path"].as<std::string>(),
                                     item["md5"].as<std::string>()};
            }
        }
        out.found = std::move(best);
    } catch (const YAML::Exception& e) {
        out.problem = "cannot parse: " + std::string(e.what());
    }
    return out;
}

} // namespace decision::artifact
