// git decision import <dir>: existing adr-tools, MADR and log4brains files as records.
// The work is adr::import_folder; this file reads the options and renders the report.

#include "decision/adr/import.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

namespace cli {

using namespace decision;
using util::sanitize;

namespace {

struct ImportArgs {
    std::string folder;
    std::string category;
    std::string format;
    bool dry_run = false;
};

// How a record's category came about, for the report.
std::string category_line(const adr::Converted& c) {
    std::string line = std::string(record::to_string(c.record.category));
    if (!c.category_guessed)
        return line;
    if (c.category_clues.empty())
        return line + " (guessed: no keyword matched; choose with --category)";
    std::string clues;
    for (const auto& w : c.category_clues)
        clues += (clues.empty() ? "" : ", ") + w;
    return line + " (guessed from: " + clues + "; choose with --category)";
}

// Each rule once, in the order the lint reports them (the checklist's order).
std::string rule_names(const std::vector<util::Diagnostic>& diags) {
    std::vector<std::string> seen;
    for (const auto& d : diags)
        if (std::find(seen.begin(), seen.end(), d.rule) == seen.end())
            seen.push_back(d.rule);
    return util::join(seen, ", ");
}

void render_text(std::ostream& out, const adr::ImportReport& report, const std::string& folder,
                 const std::string& records_dir, bool dry_run) {
    std::size_t imported = report.count(adr::Outcome::Imported);
    std::size_t skipped = report.count(adr::Outcome::Skipped);
    std::size_t failed = report.count(adr::Outcome::Failed);
    out << (dry_run ? "Would import " : "Imported ") << imported << " of " << report.files.size()
        << " ADR files from " << sanitize(folder) << " into " << sanitize(records_dir) << "/";
    if (skipped || failed) {
        out << " (";
        if (skipped)
            out << skipped << " skipped" << (failed ? ", " : "");
        if (failed)
            out << failed << " failed";
        out << ")";
    }
    out << (dry_run ? "; dry run: nothing written, the IDs are the ones free now" : "") << "\n";
    for (const auto& f : report.files) {
        if (f.outcome == adr::Outcome::Skipped) {
            out << "skipped " << sanitize(f.file) << ": " << sanitize(f.message) << " ("
                << sanitize(f.path) << ")\n";
            continue;
        }
        if (f.outcome == adr::Outcome::Failed) {
            // Most messages already start with the file name ("x.md:1: ...").
            bool named = f.message.rfind(f.file, 0) == 0;
            out << "failed  " << (named ? "" : sanitize(f.file) + ": ") << sanitize(f.message)
                << "\n";
            continue;
        }
        const record::Record& r = f.converted.record;
        out << f.id << " " << record::to_string(r.status) << "  " << sanitize(r.title) << "\n";
        out << "  from " << sanitize(f.file) << " (" << adr::to_string(*f.format) << ") into "
            << sanitize(f.path) << "\n";
        out << "  category: " << category_line(f.converted) << "\n";
        if (!r.supersedes.empty()) {
            out << "  supersedes:";
            for (const auto& id : r.supersedes)
                out << " " << id;
            out << "\n";
        }
        for (const auto& n : f.converted.notes)
            out << "  note: " << sanitize(n) << "\n";
        if (!f.missing.empty())
            out << "  missing: " << rule_names(f.missing) << "\n";
    }
    if (!report.ignored.empty()) {
        out << "ignored (not ADRs):";
        for (const auto& name : report.ignored)
            out << " " << sanitize(name);
        out << "\n";
    }
    if (imported && !dry_run)
        out << "Next: git decision check, fill in what is missing, then commit "
            << sanitize(records_dir) << "/\n";
}

nlohmann::json render_json(const adr::ImportReport& report, const std::string& folder,
                           const std::string& records_dir, bool dry_run) {
    using nlohmann::json;
    json imported = json::array(), skipped = json::array(), failed = json::array();
    for (const auto& f : report.files) {
        if (f.outcome == adr::Outcome::Skipped) {
            skipped.push_back({{"file", f.file}, {"id", f.id}, {"path", f.path}});
            continue;
        }
        if (f.outcome == adr::Outcome::Failed) {
            failed.push_back({{"file", f.file}, {"message", f.message}});
            continue;
        }
        const record::Record& r = f.converted.record;
        json missing = json::array();
        for (const auto& d : f.missing)
            missing.push_back({{"rule", d.rule},
                               {"severity", util::severity_name(d.severity)},
                               {"message", d.message}});
        imported.push_back({{"file", f.file},
                            {"format", adr::to_string(*f.format)},
                            {"id", f.id},
                            {"path", f.path},
                            {"title", r.title},
                            {"status", record::to_string(r.status)},
                            {"category", record::to_string(r.category)},
                            {"category_guessed", f.converted.category_guessed},
                            {"category_clues", f.converted.category_clues},
                            {"supersedes", r.supersedes},
                            {"notes", f.converted.notes},
                            {"missing", std::move(missing)}});
    }
    return {{"version", 1},
            {"dry_run", dry_run},
            {"folder", folder},
            {"records_dir", records_dir},
            {"imported", std::move(imported)},
            {"skipped", std::move(skipped)},
            {"failed", std::move(failed)},
            {"ignored", report.ignored}};
}

} // namespace

Action setup_import(CLI::App& app) {
    auto o = std::make_shared<ImportArgs>();
    app.description("Import architecture decision records from adr-tools, MADR or log4brains "
                    "Markdown files as decision records (docs/import.md).");
    app.add_option("folder", o->folder, "The folder of ADR files, e.g. doc/adr")->required();
    app.add_option("-c,--category", o->category,
                   "The category of every imported record (default: guessed from the text)");
    app.add_flag("-n,--dry-run", o->dry_run, "Report what would be imported; write nothing");
    add_format_option(app, o->format, {"text", "json"});
    return [o](Context& ctx) -> Result<int> {
        adr::ImportOptions options;
        if (!o->category.empty()) {
            TRY_ASSIGN(options.convert.category, category_argument(o->category));
        }
        TRY_ASSIGN(auto pol, ctx.policy());
        TRY_ASSIGN(auto catalog, ctx.catalog());
        TRY_ASSIGN(long first, ctx.next_id_number(pol));

        // Links name the folder from the top of the repository, so a second import from
        // another directory still finds them; a folder elsewhere is named as typed, absolute.
        options.folder = o->folder;
        auto in_repo = ctx.path_in_repo(o->folder);
        if (in_repo)
            options.source_prefix = *in_repo;
        else if (in_repo.error().kind == util::ErrorKind::Usage)
            options.source_prefix =
                std::filesystem::absolute(o->folder).lexically_normal().generic_string();
        else
            return tl::unexpected(in_repo.error());
        options.convert.today = ctx.today();
        options.convert.owner = {ctx.identity("GIT_AUTHOR_NAME", "user.name"), "",
                                 ctx.identity("GIT_AUTHOR_EMAIL", "user.email")};
        options.dry_run = o->dry_run;

        adr::Destination to{ctx.repo->workdir() / pol.records_dir,
                            pol.records_dir,
                            ctx.repo->common_dir() / "decision-ids",
                            pol.id_prefix,
                            first,
                            catalog.records,
                            pol.lint};
        if (!o->dry_run) {
            std::error_code ec;
            std::filesystem::create_directories(to.records_dir, ec);
            if (ec)
                return util::fail(util::ErrorKind::Git,
                                  "cannot create '" + pol.records_dir + "': " + ec.message());
        }
        TRY_ASSIGN(auto report, adr::import_folder(options, to));
        std::string shown = options.source_prefix.empty() ? "." : options.source_prefix;
        if (o->format == "json")
            ctx.out << util::printable_json(
                           render_json(report, shown, pol.records_dir, o->dry_run)
                               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
                    << "\n";
        else
            render_text(ctx.out, report, shown, pol.records_dir, o->dry_run);
        return report.count(adr::Outcome::Failed) ? 1 : 0;
    };
}

} // namespace cli
