#pragma once
// `check --range` results in the formats CI consumes: text for people, JSON (docs/check-json.md),
// one Markdown PR comment, GitHub workflow commands, GitLab Code Quality. Every string from
// the repository is sanitized (text, markdown, github) or JSON-encoded (json, gitlab).

#include "decision/check/range.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace decision::report {

// The hidden marker a bot finds its sticky comment by; the Markdown report starts with it.
inline constexpr const char* k_comment_marker = "<!-- git-decision -->";
// GitHub refuses comments over 65,536 characters; stay clearly under.
inline constexpr std::size_t k_markdown_limit = 65000;
// GitHub shows at most 10 error and 10 warning annotations per step.
inline constexpr std::size_t k_github_annotations = 10;

// Grouped by commit, then path: what is missing and the fix; a summary line.
std::string render_range_text(const check::RangeReport& r);

// The stable document of docs/check-json.md ("version": 1).
nlohmann::json range_to_json(const check::RangeReport& r);

// One PR comment beginning with k_comment_marker, never longer than `limit` bytes (findings
// past it become "… and N more findings").
std::string render_range_markdown(const check::RangeReport& r,
                                  std::size_t limit = k_markdown_limit);

// `::error file=...,title=...::message` lines, at most `per_severity` of each severity,
// then one summary line.
std::string render_range_github(const check::RangeReport& r,
                                std::size_t per_severity = k_github_annotations);

// GitLab Code Quality report: a JSON array.
nlohmann::json range_to_gitlab(const check::RangeReport& r);

// GitHub workflow-command escaping: data ('%', '\r', '\n') and property values (also ':'
// and ',').

// The stable fingerprint of a finding for GitLab: a hash of kind, path, commit and rule
// (and the message, for findings without a path).
std::string fingerprint(const check::Finding& f);

} // namespace decision::report
