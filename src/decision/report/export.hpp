#pragma once
// The decision log for readers outside git. `git decision export` gathers one JSON document
// (docs/export-json.md: {"version": 1, "records": [...], "links": [...]}); the MADR folder
// and the HTML site are both rendered from that document, so the three always agree.

#include "decision/util/error.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace decision::report {

// One file of the MADR folder.
struct MadrFile {
    std::string name; // "0001-optimize-for-recall.md", "index.md"
    std::string text;
};

// MADR 4 (docs/export-madr.md): one NNNN-title-slug.md per record, then index.md.
std::vector<MadrFile> render_madr(const nlohmann::json& log);

// render_madr() written into `dir`, each file atomically. `dir` is created when missing;
// an existing one may hold only files an earlier export wrote (they are replaced, or
// removed when their record is gone), anything else is a usage error and nothing is written.
util::Result<void> write_madr(const nlohmann::json& log, const std::string& dir);

// One self-contained HTML page (inline CSS and JS, the log embedded, nothing fetched).
std::string render_html(const nlohmann::json& log);

} // namespace decision::report
