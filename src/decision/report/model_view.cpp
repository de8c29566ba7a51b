#include "decision/report/model_view.hpp"

#include "decision/util/text.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace decision::report {

using util::sanitize;

std::vector<CoveringDecision> covering_decisions(const std::vector<record::Record>& records,
                                                 const std::string& name,
                                                 const std::string& version) {
    const std::string wanted = model::plain_version(version);
    std::vector<CoveringDecision> out;
    for (const auto& r : records) {
        if (r.status != record::Status::Accepted)
            continue;
        bool by_version = std::any_of(r.models.begin(), r.models.end(), [&](const auto& m) {
            return m.name == name && model::plain_version(m.version) == wanted;
        });
        bool by_scope =
            std::find(r.scope.models.begin(), r.scope.models.end(), name) != r.scope.models.end();
        if (by_version || by_scope)
            out.push_back({&r, by_version});
    }
    std::sort(out.begin(), out.end(), [](const CoveringDecision& a, const CoveringDecision& b) {
        return a.record->id < b.record->id;
    });
    return out;
}

namespace {

std::string commit_line(const VersionCommit& c) {
    return util::short_id(c.id) + "  " +
           (c.tag.empty() ? std::string("via Model-Version trailer")
                          : "via tag " + sanitize(c.tag)) +
           "  " + c.date + "  " + sanitize(c.title);
}

std::string decision_line(const CoveringDecision& d, const std::string& name,
                          const std::string& version) {
    const auto& r = *d.record;
    std::string out = sanitize(r.id) + "  " +
                      (d.by_version ? "[[models]] " + sanitize(name) + "@" + sanitize(version)
                                    : "scope.models " + sanitize(name)) +
                      "  " + std::string(record::to_string(r.category)) + "  " + sanitize(r.title);
    if (!r.owner.name.empty() || !r.owner.email.empty())
        out += "  (owner: " + sanitize(r.owner.name.empty() ? r.owner.email : r.owner.name) + ")";
    return out;
}

std::string stage_line(const model::StageAssignment& s, const std::string& commit) {
    return sanitize(s.stage) + "  (tag " + sanitize(s.tag) + " on " + util::short_id(commit) +
           (s.current ? ")" : "; reassigned since)");
}

} // namespace

bool version_less(const std::string& a, const std::string& b) {
    auto pa = util::split(a, '.'), pb = util::split(b, '.');
    auto numeric = [](const std::string& s) {
        return !s.empty() && s.size() < 10 &&
               std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    for (std::size_t i = 0; i < std::min(pa.size(), pb.size()); ++i) {
        if (pa[i] == pb[i])
            continue;
        if (numeric(pa[i]) && numeric(pb[i]))
            return std::stol(pa[i]) < std::stol(pb[i]);
        return pa[i] < pb[i];
    }
    return pa.size() < pb.size();
}

std::string render_text(const ModelView& v) {
    std::string out = "Model " + sanitize(v.name) + "\n";
    if (v.versions.empty())
        return out + "Versions: none\n";
    out += "Versions (decisions as of " +
           (v.records_at.empty() ? std::string("the working tree") : util::short_id(v.records_at)) +
           "):\n";
    for (const auto& version : v.versions) {
        out += "  " + sanitize(version.version) + "\n";
        if (version.commits.empty())
            out += "    commits: none (no tag or Model-Version trailer yet)\n";
        for (const auto& c : version.commits)
            out += "    commit    " + commit_line(c) + "\n";
        for (const auto& [s, commit] : version.stages)
            out += "    stage     " + stage_line(s, commit) + "\n";
        if (version.decisions.empty())
            out += "    decision  none accepted covers it\n";
        for (const auto& d : version.decisions)
            out += "    decision  " + decision_line(d, v.name, version.version) + "\n";
    }
    return out;
}

nlohmann::json to_json(const ModelView& v) {
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& version : v.versions) {
        auto item = to_json(version);
        item.erase("version");
        item.erase("records_at");
        item["version"] = version.version;
        item.erase("model");
        versions.push_back(std::move(item));
    }
    return {{"version", 1},
            {"model", v.name},
            {"records_at",
             v.records_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.records_at)},
            {"versions", versions}};
}

std::string render_text(const ModelVersionView& v) {
    std::string out = "Model " + sanitize(v.name) + "@" + sanitize(v.version) + "\n";
    out += "Commits:\n";
    for (const auto& c : v.commits) {
        out += "  " + util::short_id(c.id) + "  " +
               (c.tag.empty() ? std::string("via Model-Version trailer")
                              : "via tag " + sanitize(c.tag)) +
               "  " + c.date + "  " + sanitize(c.title) + "\n";
    }
    if (v.stages.empty()) {
        out += "Stages: none\n";
    } else {
        out += "Stages:\n";
        for (const auto& [s, commit] : v.stages)
            out += "  " + sanitize(s.stage) + "  (tag " + sanitize(s.tag) + " on " +
                   util::short_id(commit) + (s.current ? ")" : "; reassigned since)") + "\n";
    }
    if (v.decisions.empty()) {
        out += "Decisions (records as of " + util::short_id(v.records_at) + "): none\n";
        return out;
    }
    out += "Decisions (records as of " + util::short_id(v.records_at) + "):\n";
    for (const auto& d : v.decisions) {
        const auto& r = *d.record;
        out += "  " + sanitize(r.id) + "  " +
               (d.by_version ? "[[models]] " + sanitize(v.name) + "@" + sanitize(v.version)
                             : "scope.models " + sanitize(v.name)) +
               "  " + std::string(record::to_string(r.category)) + "  " + sanitize(r.title);
        if (!r.owner.name.empty() || !r.owner.email.empty())
            out +=
                "  (owner: " + sanitize(r.owner.name.empty() ? r.owner.email : r.owner.name) + ")";
        out += "\n";
    }
    return out;
}

nlohmann::json to_json(const ModelVersionView& v) {
    nlohmann::json out{{"version", 1},
                       {"model", {{"name", v.name}, {"version", v.version}}},
                       {"commits", nlohmann::json::array()},
                       {"stages", nlohmann::json::array()},
                       {"records_at", v.records_at},
                       {"decisions", nlohmann::json::array()}};
    for (const auto& c : v.commits) {
        nlohmann::json item{{"commit", c.id},
                            {"via", c.tag.empty() ? "trailer" : "tag"},
                            {"date", c.date},
                            {"title", c.title}};
        if (!c.tag.empty())
            item["tag"] = c.tag;
        out["commits"].push_back(std::move(item));
    }
    for (const auto& [s, commit] : v.stages)
        out["stages"].push_back({{"stage", s.stage},
                                 {"tag", s.tag},
                                 {"number", s.number},
                                 {"current", s.current},
                                 {"commit", commit}});
    for (const auto& d : v.decisions) {
        const auto& r = *d.record;
        out["decisions"].push_back({{"id", r.id},
                                    {"covers", d.by_version ? "version" : "scope"},
                                    {"title", r.title},
                                    {"category", std::string(record::to_string(r.category))},
                                    {"status", std::string(record::to_string(r.status))},
                                    {"owner", {{"name", r.owner.name}, {"email", r.owner.email}}}});
    }
    return out;
}

} // namespace decision::report
