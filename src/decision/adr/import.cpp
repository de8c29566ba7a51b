#include "decision/adr/import.hpp"

#include "decision/record/allocate.hpp"
#include "decision/record/parse.hpp"
#include "decision/record/write.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace decision::adr {

namespace fs = std::filesystem;
using record::Status;
using util::ErrorKind;
using util::fail;

std::size_t ImportReport::count(Outcome o) const {
    return static_cast<std::size_t>(std::count_if(
        files.begin(), files.end(), [&](const ImportedFile& f) { return f.outcome == o; }));
}

namespace {

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// The number an ADR file name starts with ("0005-foo.md" -> 5), if any.
std::optional<long> leading_number(std::string_view name) {
    std::size_t i = 0;
    long n = 0;
    while (i < name.size() && i < 9 && name[i] >= '0' && name[i] <= '9')
        n = n * 10 + (name[i++] - '0');
    if (i == 0 || i >= name.size() || (name[i] != '-' && name[i] != '_'))
        return std::nullopt;
    return n;
}

// The number a relation names without a link: "ADR-0005", "5", "#5".
std::optional<long> named_number(std::string_view target) {
    std::string_view t = util::trim(target);
    if (t.size() > 3 && util::iequals(t.substr(0, 3), "adr"))
        t.remove_prefix(3);
    while (!t.empty() && (t[0] == '-' || t[0] == ' ' || t[0] == '#' || t[0] == '_'))
        t.remove_prefix(1);
    std::size_t i = 0;
    long n = 0;
    while (i < t.size() && i < 9 && t[i] >= '0' && t[i] <= '9')
        n = n * 10 + (t[i++] - '0');
    if (i == 0)
        return std::nullopt;
    return n;
}

// One ADR on its way to a record.
struct Planned {
    std::size_t file;                           // index into report.files
    std::set<std::size_t> replaces;             // planned records this one supersedes
    std::vector<std::string> replaces_existing; // IDs of records imported before
    std::string id;
};

} // namespace

bool is_adr_file(std::string_view name) {
    if (name.empty() || name[0] == '.' || !ends_with(util::to_lower(name), ".md"))
        return false;
    std::string lower = util::to_lower(name);
    return lower != "readme.md" && lower != "index.md" &&
           lower.find("template") == std::string::npos;
}

util::Result<ImportReport> import_folder(const ImportOptions& options, const Destination& to) {
    std::error_code ec;
    if (!fs::is_directory(options.folder, ec))
        return fail(ErrorKind::Usage,
                    "'" + util::sanitize(options.folder.string()) + "' is not a folder of ADRs");
    std::vector<std::string> names;
    ImportReport report;
    for (auto it = fs::directory_iterator(options.folder, ec);
         !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (is_adr_file(name))
            names.push_back(name);
        else if (ends_with(util::to_lower(name), ".md") && name[0] != '.')
            report.ignored.push_back(name);
    }
    if (ec)
        return fail(ErrorKind::Git, "cannot read the folder '" +
                                        util::sanitize(options.folder.string()) +
                                        "': " + ec.message());
    std::sort(names.begin(), names.end());
    std::sort(report.ignored.begin(), report.ignored.end());

    auto source_of = [&](const std::string& name) {
        return options.source_prefix.empty() ? name : options.source_prefix + "/" + name;
    };
    // Records imported before, by the source file their link names.
    std::map<std::string, const record::Record*> imported;
    for (const auto& r : to.existing)
        for (const auto& l : r.links)
            imported.emplace(l.url, &r);

    // Read, parse and convert each file; skip the ones imported before.
    std::vector<Adr> adrs(names.size());
    std::vector<Planned> plan;
    std::map<std::string, std::size_t> planned_by_name;
    std::map<long, std::size_t> planned_by_number;
    for (std::size_t i = 0; i < names.size(); ++i) {
        ImportedFile f;
        f.file = names[i];
        std::string source = source_of(names[i]);
        if (auto it = imported.find(source); it != imported.end()) {
            f.outcome = Outcome::Skipped;
            f.id = it->second->id;
            f.path = it->second->path;
            f.message = "already imported as " + f.id;
            report.files.push_back(std::move(f));
            continue;
        }
        auto text = util::read_file(options.folder / names[i]);
        if (!text) { // name the file as the report does, not by its full path
            std::string quoted = "'" + (options.folder / names[i]).string() + "'";
            if (auto at = text.error().message.find(quoted); at != std::string::npos)
                text.error().message.replace(at, quoted.size(), names[i]);
        }
        auto adr = text ? parse(*text, names[i]) : tl::unexpected(text.error());
        if (!adr) {
            f.outcome = Outcome::Failed;
            f.message = adr.error().message;
            report.files.push_back(std::move(f));
            continue;
        }
        ConvertOptions convert = options.convert;
        convert.source = source;
        f.format = adr->format;
        f.converted = adr::convert(*adr, names[i], convert);
        f.outcome = Outcome::Imported;
        adrs[i] = std::move(*adr);
        std::size_t index = plan.size();
        planned_by_name.emplace(names[i], index);
        if (auto n = leading_number(names[i]))
            planned_by_number.emplace(*n, index);
        plan.push_back({report.files.size(), {}, {}, {}});
        report.files.push_back(std::move(f));
    }
    auto file_of = [&](const Planned& p) -> ImportedFile& { return report.files[p.file]; };
    auto record_of = [&](const Planned& p) -> record::Record& {
        return file_of(p).converted.record;
    };
    std::vector<std::size_t> adr_of(plan.size());
    for (std::size_t i = 0, k = 0; i < names.size(); ++i)
        if (planned_by_name.count(names[i]))
            adr_of[k++] = i;

    // Supersede links: "Supersedes X" on the successor or "Superseded by Y" on the old one.
    struct Target {
        std::optional<std::size_t> planned;
        const record::Record* existing = nullptr;
    };
    auto resolve = [&](const std::string& target) -> Target {
        if (auto it = planned_by_name.find(target); it != planned_by_name.end())
            return {it->second, nullptr};
        if (auto it = imported.find(source_of(target)); it != imported.end())
            return {std::nullopt, it->second};
        if (target.find('.') == std::string::npos)
            if (auto n = named_number(target))
                if (auto it = planned_by_number.find(*n); it != planned_by_number.end())
                    return {it->second, nullptr};
        return {};
    };
    std::vector<std::vector<std::string>> unresolved(plan.size());
    for (std::size_t k = 0; k < plan.size(); ++k)
        for (const auto& rel : adrs[adr_of[k]].relations) {
            bool supersedes = rel.kind == "supersedes";
            if (!supersedes && rel.kind != "superseded by")
                continue;
            Target t = resolve(rel.target);
            if (t.planned && *t.planned == k)
                continue;
            if (t.planned) {
                if (supersedes)
                    plan[k].replaces.insert(*t.planned);
                else
                    plan[*t.planned].replaces.insert(k);
            } else if (t.existing && supersedes) {
                plan[k].replaces_existing.push_back(t.existing->id);
            } else if (!t.existing) {
                unresolved[k].push_back(rel.kind + " " + rel.target);
            }
        }

    // A superseded record needs an accepted successor in the log; without one it is
    // imported as deprecated (still out of force), and the report says so.
    for (std::size_t k = 0; k < plan.size(); ++k) {
        record::Record& r = record_of(plan[k]);
        for (const auto& u : unresolved[k]) {
            std::string line = u; // "superseded by ADR-0123" -> "Superseded by ADR-0123"
            line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
            r.problem.statement += (r.problem.statement.empty() ? "" : "\n\n") + line;
            file_of(plan[k]).converted.notes.push_back(
                "'" + util::sanitize(u) +
                "' names no ADR in this folder; kept in the problem statement");
        }
        if (r.status != Status::Superseded)
            continue;
        bool successor = false;
        for (const auto& other : plan)
            if (other.replaces.count(k) && record_of(other).status == Status::Accepted)
                successor = true;
        if (!successor) {
            r.status = Status::Deprecated;
            file_of(plan[k]).converted.notes.push_back(
                "superseded, but no accepted ADR imported here replaces it; imported as "
                "deprecated");
        }
    }

    // Write the records a successor replaces before the successor (its `supersedes`
    // needs their IDs); a cycle is broken in file order and reported.
    std::vector<std::size_t> order;
    std::vector<bool> done(plan.size(), false);
    while (order.size() < plan.size()) {
        bool progress = false;
        for (std::size_t k = 0; k < plan.size(); ++k) {
            if (done[k])
                continue;
            bool ready = std::all_of(plan[k].replaces.begin(), plan[k].replaces.end(),
                                     [&](std::size_t p) { return done[p]; });
            if (ready) {
                order.push_back(k);
                done[k] = true;
                progress = true;
            }
        }
        if (progress)
            continue;
        for (std::size_t k = 0; k < plan.size(); ++k)
            if (!done[k]) {
                for (std::size_t p : plan[k].replaces)
                    if (!done[p])
                        file_of(plan[k]).converted.notes.push_back("supersede cycle: its link to " +
                                                                   report.files[plan[p].file].file +
                                                                   " was dropped");
                plan[k].replaces.clear();
                break;
            }
    }

    long provisional = std::max(1L, to.first);
    for (std::size_t k : order) {
        ImportedFile& f = file_of(plan[k]);
        record::Record& r = f.converted.record;
        for (const auto& id : plan[k].replaces_existing)
            r.supersedes.push_back(id);
        for (std::size_t p : plan[k].replaces)
            if (!plan[p].id.empty())
                r.supersedes.push_back(plan[p].id);
        std::string slug = util::slugify(r.title);
        auto render = [&](const std::string& id) {
            r.id = id;
            return record::to_toml(r);
        };
        // The text must read back as a valid record before anything is written.
        std::string probe_rel =
            to.records_rel + "/" + record::format_id(to.prefix, provisional) + "-" + slug + ".toml";
        auto probe = record::parse(render(record::format_id(to.prefix, provisional)), probe_rel);
        if (!probe.ok()) {
            f.outcome = Outcome::Failed;
            f.message = "the record made from it does not validate: " +
                        (probe.diagnostics.empty() ? std::string("syntax error")
                                                   : util::format(probe.diagnostics.front()));
            continue;
        }
        if (options.dry_run) {
            plan[k].id = record::format_id(to.prefix, provisional++);
        } else {
            record::NewRecord where{to.records_dir, to.reservations, to.prefix, provisional, slug};
            auto id = record::create_with_free_id(where, render);
            if (!id) {
                f.outcome = Outcome::Failed;
                f.message = id.error().message;
                continue;
            }
            plan[k].id = *id;
            if (auto n = record::id_number(*id))
                provisional = *n + 1;
        }
        r.id = plan[k].id;
        f.id = r.id;
        f.path = to.records_rel + "/" + r.id + "-" + slug + ".toml";
        r.path = f.path;
        // Linted as written (the lint reads where each key is), under the final path.
        probe.record->path = f.path;
        f.missing = record::lint(*probe.record, to.lint);
    }
    return report;
}

} // namespace decision::adr
