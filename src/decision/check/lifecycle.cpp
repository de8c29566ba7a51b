#include "decision/check/lifecycle.hpp"

#include "decision/gate/coverage.hpp"
#include "decision/record/normative.hpp"

#include <unordered_map>

namespace decision::check {

const char* kind_name(LifecycleFinding::Kind kind) {
    return kind == LifecycleFinding::Kind::IllegalTransition ? "illegal-transition"
                                                             : "edited-accepted";
}

const char* rule_name(LifecycleFinding::Kind kind) {
    return kind == LifecycleFinding::Kind::IllegalTransition ? "lifecycle"
                                                             : "accepted-is-immutable";
}

std::vector<LifecycleFinding> lifecycle_findings(const record::Catalog& before,
                                                 const record::Catalog& after) {
    std::vector<LifecycleFinding> out;
    std::unordered_map<std::string_view, const record::Record*> by_path;
    for (const auto& r : after.records)
        by_path.emplace(r.path, &r);
    for (const auto& old : before.records) {
        const record::Record* now = nullptr;
        if (auto it = by_path.find(old.path); it != by_path.end() && it->second->id == old.id)
            now = it->second;
        if (!now)
            now = after.find(old.id);
        if (!now || now->text == old.text) // an unchanged file changes nothing
            continue;
        const std::string from(record::to_string(old.status)), to(record::to_string(now->status));
        if (old.status != now->status && !record::transition_allowed(old.status, now->status)) {
            LifecycleFinding f;
            f.kind = LifecycleFinding::Kind::IllegalTransition;
            f.id = old.id;
            f.path = now->path;
            f.line = now->position_of("status").line;
            f.message = old.id + " moved from " + from + " to " + to +
                        ", which the lifecycle does not allow (proposed -> accepted | rejected; "
                        "accepted -> superseded | deprecated)";
            f.fix = "restore status = \"" + from +
                    "\" and change it with git decision status / git decision supersede, or "
                    "record a new decision";
            out.push_back(std::move(f));
        }
        if (old.status == record::Status::Accepted &&
            record::normative_hash(old) != record::normative_hash(*now)) {
            LifecycleFinding f;
            f.kind = LifecycleFinding::Kind::EditedAccepted;
            f.id = old.id;
            f.path = now->path;
            f.message = old.id + " was accepted and its normative content changed (everything "
                                 "but status, review_date, links and stances); its approvals are "
                                 "now stale";
            f.fix = "revert the edit, or record a new decision that supersedes it: git decision "
                    "new ... then git decision supersede " +
                    old.id + " --by <new ID>";
            out.push_back(std::move(f));
        }
    }
    return out;
}

util::Result<std::vector<LifecycleFinding>>
lifecycle_of_files(const std::vector<std::string>& changed, const ReadSide& before,
                   const ReadSide& after) {
    std::vector<util::SourceFile> old_files, new_files;
    auto read = [](const ReadSide& side, const std::string& path,
                   std::vector<util::SourceFile>& out) -> util::Result<void> {
        auto text = side(path);
        if (!text && text.error().kind != util::ErrorKind::Check)
            return tl::unexpected(text.error());
        if (!text)
            out.push_back({path, "", true});
        else if (*text)
            out.push_back({path, std::move(**text), false});
        return {};
    };
    for (const auto& path : changed) {
        if (!record::is_record_file(path))
            continue;
        TRY(read(before, path, old_files));
        TRY(read(after, path, new_files));
    }
    if (old_files.empty())
        return std::vector<LifecycleFinding>{};
    return lifecycle_findings(record::load(old_files), record::load(new_files));
}

} // namespace decision::check
