#include "decision/check/pipeline.hpp"

#include "decision/util/pathmatch.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <map>
#include <yaml-cpp/yaml.h>

namespace decision::check {

namespace {

using util::ErrorKind;
using util::fail;

// Bounds on what one lock file may make us do: YAML aliases can make a small file name a
// large graph, so the entries visited are counted, not only the bytes read.
constexpr std::size_t k_max_entries = 200'000;
constexpr std::size_t k_max_value_chars = 40;
constexpr std::size_t k_max_listed = 5;
constexpr int k_max_value_depth = 8;

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

std::string scalar(const YAML::Node& node) {
    return node && node.IsScalar() ? node.Scalar() : std::string();
}

// A value in one short line ("0.1", "[1, 2]", "{a: 1}"), cut at a budget so that
// aliases cannot make it large.
void compact(const YAML::Node& node, int depth, std::string& out, std::size_t budget) {
    if (out.size() > budget)
        return;
    if (!node || node.IsNull()) {
        out += "null";
    } else if (node.IsScalar()) {
        out += node.Scalar();
    } else if (depth >= k_max_value_depth) {
        out += "...";
    } else if (node.IsSequence()) {
        out += "[";
        bool first = true;
        for (const auto& item : node) {
            if (out.size() > budget)
                break;
            out += first ? "" : ", ";
            first = false;
            compact(item, depth + 1, out, budget);
        }
        out += "]";
    } else if (node.IsMap()) {
        out += "{";
        bool first = true;
        for (const auto& item : node) {
            if (out.size() > budget)
                break;
            out += first ? "" : ", ";
            first = false;
            compact(item.first, depth + 1, out, budget);
            out += ": ";
            compact(item.second, depth + 1, out, budget);
        }
        out += "}";
    }
}

std::string compact(const YAML::Node& node) {
    std::string out;
    compact(node, 0, out, 4 * k_max_value_chars);
    return out;
}

// What identifies a dep's content: the hash fields DVC writes (2.0: md5/etag/checksum;
// 3.x: `hash: md5` next to `md5`), in a fixed order.
std::string identity(const YAML::Node& dep) {
    std::string out;
    for (const char* key : {"md5", "sha256", "etag", "checksum", "hash"})
        if (const YAML::Node v = dep[key]; v && v.IsScalar())
            out += std::string(key) + "=" + v.Scalar() + ";";
    return out;
}

bool is_directory(const YAML::Node& out) {
    std::string md5 = scalar(out["md5"]);
    if (out["nfiles"] || (md5.size() > 4 && md5.ends_with(".dir")))
        return true;
    // Without any hash nothing says what it is; a folder is the safer reading.
    return md5.empty() && scalar(out["hash"]).empty() && scalar(out["etag"]).empty() &&
           scalar(out["checksum"]).empty();
}

struct Parser {
    std::string lock_path;
    std::string folder;
    const char* side;
    std::size_t visited = 0;

    util::Result<void> count(std::size_t n) {
        visited += n;
        if (visited > k_max_entries)
            return fail(ErrorKind::Check, lock_path + ": too many entries (over " +
                                              std::to_string(k_max_entries) + ") in the " + side +
                                              " version; not read");
        return {};
    }

    util::Result<Stage> stage(const YAML::Node& node) {
        Stage s;
        if (!node.IsMap())
            return s;
        if (const YAML::Node deps = node["deps"]; deps && deps.IsSequence()) {
            for (const auto& dep : deps) {
                TRY(count(1));
                std::string path = scalar(dep.IsMap() ? dep["path"] : YAML::Node());
                if (!path.empty())
                    s.deps[dep_path(folder, path)] = identity(dep);
            }
        }
        if (const YAML::Node params = node["params"]; params && params.IsMap()) {
            for (const auto& file : params) {
                std::string name = dep_path(folder, scalar(file.first));
                if (file.second.IsMap()) {
                    for (const auto& kv : file.second) {
                        TRY(count(1));
                        s.params[name + ":" + scalar(kv.first)] = compact(kv.second);
                    }
                } else {
                    TRY(count(1));
                    s.params[name] = compact(file.second);
                }
            }
        }
        if (const YAML::Node outs = node["outs"]; outs && outs.IsSequence()) {
            for (const auto& out : outs) {
                TRY(count(1));
                if (!out.IsMap())
                    continue;
                if (auto path = in_repository(folder, scalar(out["path"])))
                    s.outs.push_back({*path, is_directory(out)});
            }
        }
        return s;
    }

    // Where this file catches yaml-cpp's exceptions; keeps the mark's line and column.
    util::Result<Stages> parse(const std::optional<std::string>& text) {
        Stages out;
        if (!text)
            return out;
        YAML::Node doc;
        try {
            doc = YAML::Load(*text);
        } catch (const YAML::Exception& e) {
            std::string where = lock_path;
            if (!e.mark.is_null())
                where +=
                    ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
            return fail(ErrorKind::Check,
                        where + ": " + e.msg + " (in the " + side + " version; not valid YAML)");
        }
        if (!doc || doc.IsNull())
            return out;
        if (!doc.IsMap())
            return fail(ErrorKind::Check, lock_path +
                                              ": expected a mapping with 'schema' and "
                                              "'stages' (in the " +
                                              side + " version)");
        // Schema 2.0 keeps stages under `stages`; DVC 1.x lock files hold them at the top.
        YAML::Node stages = doc["stages"];
        if (!stages && !doc["schema"])
            stages = doc;
        if (!stages || stages.IsNull())
            return out;
        if (!stages.IsMap())
            return fail(ErrorKind::Check,
                        lock_path + ": 'stages' must be a mapping (in the " + side + " version)");
        for (const auto& item : stages) {
            TRY(count(1));
            TRY_ASSIGN(auto s, stage(item.second));
            out[scalar(item.first)] = std::move(s);
        }
        return out;
    }
};

std::string bounded(const std::string& value) {
    if (value.size() <= k_max_value_chars)
        return value;
    return value.substr(0, k_max_value_chars - 3) + "...";
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
    Parser old_parser{std::string(lock_path), folder, "previous"};
    Parser new_parser{std::string(lock_path), folder, "new"};
    TRY_ASSIGN(auto old_stages, old_parser.parse(before));
    TRY_ASSIGN(auto new_stages, new_parser.parse(after));

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
