#include "decision/model/tag.hpp"

#include <algorithm>

namespace decision::model {

namespace {

// GTO names: letters, digits, '-', '_', '.', '/' (a nested name like "models/fraud").
bool valid_name(std::string_view s) {
    if (s.empty() || s.front() == '/' || s.back() == '/')
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.' || c == '/';
    });
}

bool valid_stage(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

// Semver after the v: a digit first, then digits, letters, '.', '-', '+'.
bool valid_version(std::string_view s) {
    if (s.empty() || s.front() < '0' || s.front() > '9' || s.back() == '.')
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '+';
    });
}

std::optional<int> number(std::string_view s) {
    if (s.empty() || s.size() > 9 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int n = 0;
    for (char c : s)
        n = n * 10 + (c - '0');
    return n;
}

} // namespace

std::optional<Tag> parse_tag(std::string_view tag_name) {
    if (auto hash = tag_name.find('#'); hash != std::string_view::npos) {
        std::string_view name = tag_name.substr(0, hash);
        std::string_view rest = tag_name.substr(hash + 1);
        std::string_view stage = rest;
        int n = 0;
        if (auto second = rest.find('#'); second != std::string_view::npos) {
            stage = rest.substr(0, second);
            auto parsed = number(rest.substr(second + 1));
            if (!parsed)
                return std::nullopt;
            n = *parsed;
        }
        if (!valid_name(name) || !valid_stage(stage))
            return std::nullopt;
        Tag t;
        t.kind = Tag::Kind::Stage;
        t.name = std::string(name);
        t.stage = std::string(stage);
        t.number = n;
        return t;
    }
    auto at = tag_name.find('@');
    if (at == std::string_view::npos)
        return std::nullopt;
    std::string_view name = tag_name.substr(0, at);
    std::string_view version = tag_name.substr(at + 1);
    if (version.size() < 2 || version.front() != 'v')
        return std::nullopt;
    version.remove_prefix(1);
    if (!valid_name(name) || !valid_version(version))
        return std::nullopt;
    Tag t;
    t.kind = Tag::Kind::Version;
    t.name = std::string(name);
    t.version = std::string(version);
    return t;
}

std::string plain_version(std::string_view version) {
    if (version.size() > 1 && version.front() == 'v' && version[1] >= '0' && version[1] <= '9')
        version.remove_prefix(1);
    return std::string(version);
}

Registry::Registry(const std::vector<TagRef>& tags) {
    for (const auto& t : tags)
        if (auto parsed = parse_tag(t.name))
            m_entries.push_back({*parsed, t.name, t.commit});
    std::sort(m_entries.begin(), m_entries.end(),
              [](const Entry& a, const Entry& b) { return a.tag_name < b.tag_name; });
}

std::optional<TaggedVersion> Registry::version(const std::string& name,
                                               const std::string& version) const {
    const std::string wanted = plain_version(version);
    for (const auto& e : m_entries)
        if (e.tag.kind == Tag::Kind::Version && e.tag.name == name && e.tag.version == wanted)
            return TaggedVersion{e.tag_name, e.commit, stages_at(name, e.commit)};
    return std::nullopt;
}

std::vector<TaggedVersion> Registry::versions(const std::string& name) const {
    std::vector<TaggedVersion> out;
    for (const auto& e : m_entries)
        if (e.tag.kind == Tag::Kind::Version && e.tag.name == name)
            out.push_back({e.tag_name, e.commit, stages_at(name, e.commit)});
    return out;
}

std::vector<StageAssignment> Registry::stages_at(const std::string& name,
                                                 const std::string& commit) const {
    // The latest assignment of each stage: the highest N (a plain name#stage counts as 0).
    std::map<std::string, const Entry*> latest;
    for (const auto& e : m_entries) {
        if (e.tag.kind != Tag::Kind::Stage || e.tag.name != name)
            continue;
        auto& slot = latest[e.tag.stage];
        if (!slot || e.tag.number > slot->tag.number)
            slot = &e;
    }
    std::vector<StageAssignment> out;
    for (const auto& e : m_entries) {
        if (e.tag.kind != Tag::Kind::Stage || e.tag.name != name || e.commit != commit)
            continue;
        const Entry* last = latest[e.tag.stage];
        out.push_back({e.tag.stage, e.tag_name, e.tag.number, last->commit == commit});
    }
    std::sort(out.begin(), out.end(), [](const StageAssignment& a, const StageAssignment& b) {
        return a.stage != b.stage ? a.stage < b.stage : a.number < b.number;
    });
    return out;
}

} // namespace decision::model
