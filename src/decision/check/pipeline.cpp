#include "decision/check/pipeline.hpp"

#include "decision/artifact/dvc_lock.hpp"
#include "decision/util/pathmatch.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <map>

namespace decision::check {

namespace {

using util::ErrorKind;
using util::fail;

constexpr std::size_t k_max_value_chars = 40;
constexpr std::size_t k_max_listed = 5;

// One stage as the diff needs it: each dep's content identity, each param's value.
struct Stage {
    std::map<std::string, std::string> deps;   // repository-relative path -> identity
    std::map<std::string, std::string> params; // "file:key" -> value, compact
    std::vector<StageOutput> outs;
};

using Stages = std::map<std::string, Stage>;

std::string folder_of(std::string_view path) {
    auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

// `path` (relative to `folder`) made repository-relative, "." and ".." resolved; nullopt
// when it is absolute, a URL, empty, or leaves the repository.
std::optional<std::string> in_repository(const std::string& folder, std::string_view path) {
    if (path.empty() || path.front() == '/' || path.find("://") != std::string_view::npos ||
        path.find('\0') != std::string_view::npos)
        return std::nullopt;
    std::vector<std::string> parts;
    std::string joined = folder.empty() ? std::string(path) : folder + "/" + std::string(path);
    std::size_t start = 0;
    while (start <= joined.size()) {
        auto end = joined.find('/', start);
        if (end == std::string::npos)
            end = joined.size();
        std::string part = joined.substr(start, end - start);
        start = end + 1;
        if (part.empty() || part == ".")
            continue;
        if (part == "..") {
            if (parts.empty())
                return std::nullopt;
            parts.pop_back();
            continue;
        }
        parts.push_back(std::move(part));
    }
    if (parts.empty())
        return std::nullopt;
    return util::join(parts, "/");
}

// A dep's path for display and comparison: repository-relative when it is inside the
// repository, as written otherwise (external deps such as s3:// URLs still change).
std::string dep_path(const std::string& folder, const std::string& path) {
    return in_repository(folder, path).value_or(path);
}

// A lock's stages keyed by name, paths made repository-relative; a lock that does not read
// is an error naming the side ("previous"/"new") that is malformed.
util::Result<Stages> read_stages(std::string_view lock_path, const std::string& folder,
                                 const std::optional<std::string>& text, const char* side) {
    Stages out;
    if (!text)
        return out;
    auto stages = artifact::read_dvc_lock(*text, std::string(lock_path));
    if (!stages) {
        const auto& e = stages.error();
        std::string version = std::string("the ") + side + " version";
        switch (e.fault) {
        case artifact::LockFault::NotYaml:
            return fail(ErrorKind::Check, e.message + " (in " + version + "; not valid YAML)");
        case artifact::LockFault::TooManyEntries:
            return fail(ErrorKind::Check, e.message + " in " + version + "; not read");
        case artifact::LockFault::NotAMapping:
        case artifact::LockFault::StagesNotAMapping:
            break;
        }
        return fail(ErrorKind::Check, e.message + " (in " + version + ")");
    }
    for (auto& locked : *stages) {
        Stage s;
        for (const auto& dep : locked.deps)
            s.deps[dep_path(folder, dep.path)] = dep.identity;
        for (const auto& param : locked.params) {
            std::string name = dep_path(folder, param.file);
            s.params[param.key ? name + ":" + *param.key : name] = param.value;
        }
        for (const auto& o : locked.outs)
            if (auto path = in_repository(folder, o.path))
                s.outs.push_back({*path, o.directory});
        out[locked.name] = std::move(s);
    }
    return out;
}

std::string bounded(const std::string& value) {
    if (util::columns(value) <= k_max_value_chars)
        return value;
    return std::string(util::first_columns(value, k_max_value_chars - 3)) + "...";
}

// "a, b, c and 2 more"
template <class T, class Text>
std::string listing(const std::vector<T>& items, Text text, const char* separator) {
    std::string out;
    std::size_t shown = std::min(items.size(), k_max_listed);
    for (std::size_t i = 0; i < shown; ++i)
        out += (i ? separator : "") + text(items[i]);
    if (items.size() > shown)
        out += " and " + std::to_string(items.size() - shown) + " more";
    return out;
}

bool covers(const util::PathSet& scope, const StageOutput& out) {
    return scope.matches(out.path) || (out.directory && scope.may_match_under(out.path));
}

} // namespace

util::Result<std::vector<StageChange>> changed_stages(const std::vector<std::string>& locks,
                                                      const LockReader& before,
                                                      const LockReader& after,
                                                      std::vector<std::string>& warnings) {
    std::vector<StageChange> out;
    auto not_checked = [&](const util::Error& e) {
        warnings.push_back("pipeline staleness not checked: " + e.message);
    };
    for (const auto& lock : locks) {
        auto old_text = before(lock);
        if (!old_text) {
            if (old_text.error().kind != ErrorKind::Check)
                return tl::unexpected(old_text.error());
            not_checked(old_text.error());
            continue;
        }
        auto new_text = after(lock);
        if (!new_text) {
            if (new_text.error().kind != ErrorKind::Check)
                return tl::unexpected(new_text.error());
            not_checked(new_text.error());
            continue;
        }
        if (*old_text == *new_text)
            continue;
        auto diff = diff_lock(lock, *old_text, *new_text);
        if (!diff) {
            not_checked(diff.error());
            continue;
        }
        out.insert(out.end(), diff->begin(), diff->end());
    }
    return out;
}

util::Result<std::vector<StageChange>> diff_lock(std::string_view lock_path,
                                                 const std::optional<std::string>& before,
                                                 const std::optional<std::string>& after) {
    std::string folder = folder_of(lock_path);
    TRY_ASSIGN(auto old_stages, read_stages(lock_path, folder, before, "previous"));
    TRY_ASSIGN(auto new_stages, read_stages(lock_path, folder, after, "new"));

    std::vector<StageChange> out;
    const std::string* none = nullptr;
    auto diff_maps = [none](const std::map<std::string, std::string>& a,
                            const std::map<std::string, std::string>& b, auto&& each) {
        auto i = a.begin();
        auto j = b.begin();
        while (i != a.end() || j != b.end()) {
            if (j == b.end() || (i != a.end() && i->first < j->first)) {
                each(i->first, &i->second, none);
                ++i;
            } else if (i == a.end() || j->first < i->first) {
                each(j->first, none, &j->second);
                ++j;
            } else {
                if (i->second != j->second)
                    each(i->first, &i->second, &j->second);
                ++i;
                ++j;
            }
        }
    };
    auto describe_stage = [&](const std::string& name, const Stage* a, const Stage* b) {
        static const Stage k_empty;
        const Stage& was = a ? *a : k_empty;
        const Stage& now = b ? *b : k_empty;
        StageChange c;
        c.lock_path = std::string(lock_path);
        c.stage = name;
        c.added = !a;
        c.removed = !b;
        diff_maps(was.deps, now.deps,
                  [&](const std::string& path, const std::string*, const std::string*) {
                      c.deps.push_back(path);
                  });
        diff_maps(was.params, now.params,
                  [&](const std::string& key, const std::string* x, const std::string* y) {
                      c.params.push_back(key + " " + (x ? bounded(*x) : "(none)") + " -> " +
                                         (y ? bounded(*y) : "(none)"));
                  });
        if (c.added || c.removed || !c.deps.empty() || !c.params.empty()) {
            c.outs = b ? now.outs : was.outs;
            out.push_back(std::move(c));
        }
    };
    auto i = old_stages.begin();
    auto j = new_stages.begin();
    while (i != old_stages.end() || j != new_stages.end()) {
        if (j == new_stages.end() || (i != old_stages.end() && i->first < j->first)) {
            describe_stage(i->first, &i->second, nullptr);
            ++i;
        } else if (i == old_stages.end() || j->first < i->first) {
            describe_stage(j->first, nullptr, &j->second);
            ++j;
        } else {
            describe_stage(i->first, &i->second, &j->second);
            ++i;
            ++j;
        }
    }
    return out;
}

std::vector<StaleDecision> stale_decisions(const std::vector<StageChange>& changes,
                                           const record::Catalog& records) {
    std::vector<StaleDecision> out;
    if (changes.empty())
        return out;
    std::vector<std::pair<const record::Record*, util::PathSet>> scopes;
    for (const auto& r : records.records) {
        if (r.status != record::Status::Proposed && r.status != record::Status::Accepted)
            continue;
        if (r.scope.paths.empty())
            continue;
        if (auto set = util::PathSet::compile(r.scope.paths))
            scopes.emplace_back(&r, std::move(*set));
    }
    for (const auto& change : changes) {
        for (const auto& [record, scope] : scopes) {
            StaleDecision stale{record->id, &change, {}};
            for (const auto& o : change.outs)
                if (covers(scope, o))
                    stale.covered_outs.push_back(o.path);
            if (!stale.covered_outs.empty())
                out.push_back(std::move(stale));
        }
    }
    return out;
}

std::string describe(const StaleDecision& stale) {
    const StageChange& c = *stale.stage;
    std::string what;
    if (!c.deps.empty())
        what += "deps: " + listing(
                               c.deps, [](const std::string& s) { return s; }, ", ");
    if (!c.params.empty())
        what += (what.empty() ? "" : "; ") + std::string("params: ") +
                listing(
                    c.params, [](const std::string& s) { return s; }, ", ");
    std::string how = c.removed ? "was removed" : c.added ? "was added" : "changed";
    return stale.decision_id + " needs re-evaluation: " + c.lock_path + " stage '" + c.stage +
           "' " + how + (what.empty() || c.removed ? "" : " (" + what + ")") + "; it covers " +
           listing(
               stale.covered_outs, [](const std::string& s) { return s; }, ", ");
}

void add_staleness(gate::Coverage& coverage, const std::vector<StaleDecision>& stale,
                   policy::PipelineStaleness mode) {
    for (const auto& s : stale) {
        if (mode == policy::PipelineStaleness::Off)
            return;
        std::string text = describe(s);
        if (mode == policy::PipelineStaleness::Warn) {
            coverage.warnings.push_back(std::move(text));
            continue;
        }
        gate::PathFinding finding;
        finding.path = s.stage->lock_path;
        finding.rule = "review.pipeline_staleness";
        finding.covered = false;
        finding.problems.push_back(std::move(text));
        finding.fixes.push_back("re-evaluate " + s.decision_id + " (git decision edit " +
                                s.decision_id + "), then approve again");
        coverage.paths.push_back(std::move(finding));
    }
}

} // namespace decision::check
