#include "decision/artifact/dvc_lock.hpp"

#include "decision/artifact/yaml.hpp"
#include "decision/util/text.hpp"

namespace decision::artifact {

namespace {

constexpr int k_max_value_depth = 8;

// Only mappings are indexed (yaml-cpp throws BadSubscript for a scalar's node["key"]), and
// only through const nodes, which add no keys. A const [] of an absent key is an invalid
// node whose type query throws: it is only tested here, `field` never returns it.
bool has(const YAML::Node& node, const char* key) {
    return node.IsMap() && node[key];
}

// node[key], or a null node when it is absent.
YAML::Node field(const YAML::Node& node, const char* key) {
    return has(node, key) ? node[key] : YAML::Node();
}

// node[key] when it is a scalar.
std::optional<std::string> scalar_at(const YAML::Node& node, const char* key) {
    if (YAML::Node v = field(node, key); v.IsScalar())
        return v.Scalar();
    return std::nullopt;
}

std::string text_at(const YAML::Node& node, const char* key) {
    return scalar_at(node, key).value_or("");
}

// A value in one short line ("0.1", "[1, 2]", "{a: 1}"), cut at a budget so that
// aliases cannot make it large.
void compact(const YAML::Node& node, int depth, std::string& out) {
    if (out.size() > k_max_param_chars)
        return;
    if (!node || node.IsNull()) {
        out += "null";
    } else if (node.IsScalar()) {
        out += node.Scalar();
    } else if (depth >= k_max_value_depth) {
        out += "...";
    } else if (node.IsSequence() || node.IsMap()) {
        const bool map = node.IsMap();
        out += map ? "{" : "[";
        bool first = true;
        for (const auto& item : node) {
            if (out.size() > k_max_param_chars)
                break;
            out += first ? "" : ", ";
            first = false;
            if (map) {
                compact(item.first, depth + 1, out);
                out += ": ";
                compact(item.second, depth + 1, out);
            } else {
                compact(item, depth + 1, out);
            }
        }
        out += map ? "}" : "]";
    }
}

std::string compact(const YAML::Node& node) {
    std::string out;
    compact(node, 0, out);
    return out;
}

// A mapping's key as text: a scalar as written, anything else compactly ("[a, b]").
std::string key_text(const YAML::Node& key) {
    return key.IsScalar() ? key.Scalar() : compact(key);
}

// What identifies a dep's content: the hash fields DVC writes (2.0: md5/etag/checksum;
// 3.x: `hash: md5` next to `md5`), in a fixed order.
std::string identity(const YAML::Node& dep) {
    std::string out;
    for (const char* key : {"md5", "sha256", "etag", "checksum", "hash"})
        if (auto v = scalar_at(dep, key))
            out += std::string(key) + "=" + *v + ";";
    return out;
}

bool is_directory(const YAML::Node& out, const std::string& md5) {
    if (has(out, "nfiles") || (md5.size() > 4 && md5.ends_with(".dir")))
        return true;
    // Without any hash nothing says what it is; a folder is the safer reading.
    return md5.empty() && text_at(out, "hash").empty() && text_at(out, "etag").empty() &&
           text_at(out, "checksum").empty();
}

// Walks the stages, counting the entries it visits; `over` once the count passes its bound.
struct Walker {
    std::size_t visited = 0;
    bool over = false;

    bool count() {
        over = over || ++visited > k_max_lock_entries;
        return !over;
    }

    LockedStage stage(const YAML::Node& name, const YAML::Node& node) {
        LockedStage s;
        s.name = key_text(name);
        if (const YAML::Node deps = field(node, "deps"); deps.IsSequence()) {
            for (const auto& dep : deps) {
                if (!count())
                    return s;
                if (std::string path = text_at(dep, "path"); !path.empty())
                    s.deps.push_back({std::move(path), identity(dep)});
            }
        }
        if (const YAML::Node params = field(node, "params"); params.IsMap()) {
            for (const auto& file : params) {
                std::string name_of_file = key_text(file.first);
                if (!file.second.IsMap()) {
                    if (!count())
                        return s;
                    s.params.push_back({name_of_file, std::nullopt, compact(file.second)});
                    continue;
                }
                for (const auto& kv : file.second) {
                    if (!count())
                        return s;
                    s.params.push_back({name_of_file, key_text(kv.first), compact(kv.second)});
                }
            }
        }
        if (const YAML::Node outs = field(node, "outs"); outs.IsSequence()) {
            for (const auto& out : outs) {
                if (!count())
                    return s;
                std::string path = text_at(out, "path");
                if (path.empty())
                    continue;
                std::string md5 = text_at(out, "md5");
                bool directory = is_directory(out, md5);
                s.outs.push_back({std::move(path), std::move(md5), directory});
            }
        }
        return s;
    }
};

tl::unexpected<LockError> fault(LockFault kind, std::string message) {
    return tl::unexpected<LockError>(LockError{kind, std::move(message)});
}

bool contains(const std::string& output, const std::string& path) {
    return !output.empty() &&
           (path == output || (path.size() > output.size() && path[output.size()] == '/' &&
                               path.compare(0, output.size(), output) == 0));
}

} // namespace

tl::expected<std::vector<LockedStage>, LockError> read_dvc_lock(std::string_view text,
                                                                const std::string& lock_path) {
    auto parsed = parse_yaml(text, lock_path);
    if (!parsed)
        return fault(LockFault::NotYaml, parsed.error().message);
    const YAML::Node& doc = *parsed;
    std::vector<LockedStage> out;
    if (!doc || doc.IsNull())
        return out;
    const std::string name = util::sanitize(lock_path);
    if (!doc.IsMap())
        return fault(LockFault::NotAMapping,
                     name + ": expected a mapping with 'schema' and 'stages'");
    // Schema 2.0 keeps stages under `stages`; DVC 1.x lock files hold them at the top.
    YAML::Node stages = has(doc, "stages") || has(doc, "schema") ? field(doc, "stages") : doc;
    if (stages.IsNull())
        return out;
    if (!stages.IsMap())
        return fault(LockFault::StagesNotAMapping, name + ": 'stages' must be a mapping");
    Walker walker;
    for (const auto& item : stages) {
        if (walker.count())
            out.push_back(walker.stage(item.first, item.second));
        if (walker.over)
            return fault(LockFault::TooManyEntries, name + ": too many entries (over " +
                                                        std::to_string(k_max_lock_entries) + ")");
    }
    return out;
}

LockLookup find_locked_output(const std::string& lock_path, std::string_view lock,
                              std::string_view path) {
    LockLookup out;
    auto stages = read_dvc_lock(lock, lock_path);
    if (!stages) {
        out.problem = stages.error().message;
        return out;
    }
    const std::string wanted = util::normalize_path(path);
    std::size_t best = 0; // the length of the deepest output containing the path
    for (const auto& stage : *stages) {
        for (const auto& o : stage.outs) {
            std::string output = util::normalize_path(o.path);
            if (o.md5.empty() || !contains(output, wanted))
                continue;
            if (!out.found || output.size() > best) {
                out.found = LockedOutput{stage.name, o.path, o.md5};
                best = output.size();
            }
        }
    }
    return out;
}

} // namespace decision::artifact
