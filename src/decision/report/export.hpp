#pragma once
// The decision log for readers outside git. `git decision export` gathers one JSON document
// (docs/export-json.md: {"version": 1, "records": [...], "links": [...]}); the MADR folder
// and the HTML site are both rendered from that document, so the three always agree.

#include "decision/util/error.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace decision::report {

// MADR 4: one NNNN-title-slug.md per record and an index.md, written into `dir`.
util::Result<void> write_madr(const nlohmann::json& log, const std::string& dir);

// One self-contained HTML page (inline CSS and JS, the log embedded, nothing fetched).
std::string render_html(const nlohmann::json& log);

} // namespace decision::report
