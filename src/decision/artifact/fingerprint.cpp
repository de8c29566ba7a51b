#include "decision/artifact/fingerprint.hpp"

#include "decision/artifact/yaml.hpp"

namespace decision::artifact {

namespace {

std::string_view basename(std::string_view path) {
    auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_hex(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// git-lfs spec v1: "version https://git-lfs.github.com/spec/v1" first, then sorted
// "key value" lines, among them "oid sha256:<64 hex>" and "size <digits>".
std::vector<Fingerprint> lfs_pointer(std::string_view content) {
    constexpr std::string_view k_version = "version https://git-lfs.github.com/spec/v1\n";
    constexpr std::size_t k_max_pointer = 1024;
    if (content.size() > k_max_pointer || content.substr(0, k_version.size()) != k_version)
        return {};
    std::vector<Fingerprint> out;
    std::size_t pos = k_version.size();
    while (pos < content.size()) {
        auto end = content.find('\n', pos);
        std::string_view line =
            content.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? content.size() : end + 1;
        if (line.substr(0, 11) == "oid sha256:" && line.size() == 11 + 64 &&
            is_hex(line.substr(11)))
            out.push_back({"lfs", "oid", std::string(line.substr(4))});
        else if (line.substr(0, 5) == "size " && line.size() > 5 &&
                 line.substr(5).find_first_not_of("0123456789") == std::string_view::npos)
            out.push_back({"lfs", "size", std::string(line.substr(5))});
    }
    return out;
}

std::string scalar(const YAML::Node& node) {
    return node && node.IsScalar() ? node.Scalar() : std::string();
}

// `doc` is a parsed .dvc file; a const node's [] on a mapping neither throws nor adds keys.
std::vector<Fingerprint> dvc_file(const YAML::Node& doc) {
    std::vector<Fingerprint> out;
    if (!doc.IsMap() || !doc["outs"] || !doc["outs"].IsSequence())
        return out;
    for (const auto& item : doc["outs"]) {
        if (!item.IsMap())
            continue;
        std::string md5 = scalar(item["md5"]);
        if (md5.empty())
            continue;
        out.push_back({"dvc", "md5", md5});
    }
    return out;
}

std::vector<Fingerprint> mlmodel(const YAML::Node& doc) {
    std::vector<Fingerprint> out;
    if (!doc.IsMap())
        return out;
    for (const char* field : {"run_id", "model_uuid", "model_id"})
        if (std::string v = scalar(doc[field]); !v.empty())
            out.push_back({"mlflow", field, v});
    return out;
}

} // namespace

std::vector<Fingerprint> fingerprints(std::string_view path, std::string_view content) {
    if (auto lfs = lfs_pointer(content); !lfs.empty())
        return lfs;
    std::string_view name = basename(path);
    if (!ends_with(name, ".dvc") && name != "MLmodel")
        return {};
    auto doc = parse_yaml(content, std::string(path));
    if (!doc)
        return {}; // a malformed file identifies nothing; the blob id still does
    return name == "MLmodel" ? mlmodel(*doc) : dvc_file(*doc);
}

} // namespace decision::artifact
