#pragma once
// `git decision import`: a folder of Markdown ADRs into decision records. Each record gets
// a new ID (record/allocate: reserved atomically), keeps its source file in a link (which
// is how a second import of the same folder skips it), is written atomically, and is
// reported with the checklist items it still misses. Supersede links between the files
// become `supersedes` on the successor, which is written after the records it replaces.

#include "decision/adr/convert.hpp"
#include "decision/record/lint.hpp"
#include "decision/util/diagnostic.hpp"
#include "decision/util/error.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace decision::adr {

// Where the records go, and the records there already.
struct Destination {
    std::filesystem::path records_dir;  // the records folder in the working tree
    std::string records_rel;            // the same, repository-relative ("decisions")
    std::filesystem::path reservations; // record::NewRecord::reservations
    std::string prefix;                 // "DEC"
    long first = 1;                     // the first ID number to try
    std::vector<record::Record> existing;
    record::LintConfig lint;
};

struct ImportOptions {
    std::filesystem::path folder; // the ADRs
    std::string source_prefix;    // how the links name that folder ("doc/adr")
    ConvertOptions convert;       // category, today, owner (`source` is set per file)
    bool dry_run = false;         // plan and report, write nothing
};

enum class Outcome { Imported, Skipped, Failed };

struct ImportedFile {
    std::string file; // the file name in the folder
    Outcome outcome = Outcome::Failed;
    std::string message; // Skipped and Failed: why
    std::optional<Format> format;
    // Imported: the new record's ID and path (a dry run: the ones it would get now);
    // Skipped: the record imported before.
    std::string id;
    std::string path;
    Converted converted;
    std::vector<util::Diagnostic> missing; // the checklist items the record still misses
};

struct ImportReport {
    std::vector<ImportedFile> files;  // in file name order
    std::vector<std::string> ignored; // Markdown files that are not ADRs (README, index, templates)

    std::size_t count(Outcome o) const;
};

// Whether the import reads a file of this name: "*.md" other than README.md, index.md and
// templates ("template.md", "adr-template*.md"), and not hidden.
bool is_adr_file(std::string_view name);

// Imports every ADR file directly inside `options.folder`. A file that cannot be read or
// is not an ADR is a Failed entry, not an error; errors are for the folder itself (Usage)
// and for reserving IDs (Git).
util::Result<ImportReport> import_folder(const ImportOptions& options, const Destination& to);

} // namespace decision::adr
