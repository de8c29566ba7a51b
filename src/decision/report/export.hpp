#pragma once
// The decision log for readers outside git. `git decision export` gathers one JSON document
// (docs/export-json.md: {"version": 1, "records": [...], "links": [...]}); the MADR folder
// and the HTML site are both rendered from that document, so the three always agree.

#include "decision/util/error.hpp"

#include <nlohmann/json.hpp>
#include <optional>
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

// What the HTML page shows besides the log itself.
struct SiteContext {
    std::string generated; // "YYYY-MM-DD": the day "review overdue" is judged against
    std::optional<nlohmann::json> guardrails; // `guard --format json`'s document, if --metrics
};

// One self-contained HTML page (docs/export-html.md): inline CSS and JS, the log and the
// context embedded as JSON, rendered in the browser with DOM text APIs, nothing fetched.
std::string render_html(const nlohmann::json& log, const SiteContext& site);
std::string render_html(const nlohmann::json& log);

// `doc` as JSON that can sit inside a <script> element: every "<" and ">" is written as a
// JSON unicode escape, so no string can close the element or open a comment ("</script>", "<!--").
std::string script_json(const nlohmann::json& doc);

} // namespace decision::report
