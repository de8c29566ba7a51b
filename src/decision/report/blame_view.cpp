#include "decision/report/blame_view.hpp"

#include "decision/report/commit_view.hpp"
#include "decision/util/text.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

namespace decision::report {

std::string blame_json(const std::string& path, const std::vector<check::BlameEntry>& entries,
                       const record::Catalog& records, const policy::Policy& policy) {
    nlohmann::json doc{{"path", path}, {"version", 1}, {"commits", nlohmann::json::array()}};
    for (const auto& e : entries) {
        auto item = to_json(linked_commit(e.commit, e.links), records, policy);
        item["blob"] = e.blob ? nlohmann::json(*e.blob) : nlohmann::json(nullptr);
        item["fingerprints"] = nlohmann::json::array();
        for (const auto& f : e.fingerprints)
            item["fingerprints"].push_back(
                {{"kind", f.kind}, {"field", f.field}, {"value", f.value}});
        if (const auto& out = e.locked.output)
            item["dvc_lock"] = {{"file", e.locked.lock},
                                {"stage", out->stage},
                                {"output", out->output},
                                {"md5", out->md5}};
        else
            item["dvc_lock"] = nullptr;
        item["problems"] = e.locked.problems;
        doc["commits"].push_back(std::move(item));
    }
    return util::pretty_json(doc) + "\n";
}

std::string render_blame(const std::string& path, const std::vector<check::BlameEntry>& entries,
                         const record::Catalog& records, const policy::Policy& policy) {
    if (entries.empty())
        return "No commit changed " + util::sanitize(path) + ".\n";
    std::ostringstream out;
    bool first = true;
    for (const auto& e : entries) {
        if (!first)
            out << "\n";
        first = false;
        LinkedCommit commit = linked_commit(e.commit, e.links);
        out << "commit " << util::short_id(commit.id) << "  " << commit.date << "  "
            << util::sanitize(commit.title) << "\n";
        out << "  blob "
            << (e.blob                      ? *e.blob
                : e.locked.output           ? std::string("(not in git: a DVC stage output)")
                : e.locked.problems.empty() ? std::string("(deleted)")
                                            : std::string("(not in git)"))
            << "\n";
        for (const auto& f : e.fingerprints) {
            out << "  " << f.kind << " " << f.field << " " << util::sanitize(f.value);
            if (f.kind == "dvc.lock" && e.locked.output)
                out << "  (stage " << util::sanitize(e.locked.output->stage) << " in "
                    << util::sanitize(e.locked.lock) << ")";
            out << "\n";
        }
        for (const auto& p : e.locked.problems)
            out << "  problem: " << util::sanitize(p) << "\n";
        out << render_links(commit, records, policy, 2);
    }
    return out.str();
}

} // namespace decision::report
