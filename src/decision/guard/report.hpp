#pragma once
// Renderers for guard and review results: text for terminals, JSON for tools (shape in
// docs/guard-json.md), Markdown for PR comments and job summaries, GitHub workflow commands
// for annotations. Every string that came from a record or a metrics file is sanitised.

#include "decision/guard/guardrail.hpp"
#include "decision/guard/review.hpp"
#include "decision/util/error.hpp"

#include <string>
#include <string_view>

namespace decision::guard {

enum class OutputFormat { Text, Json, Markdown, Github };

// "text", "json", "markdown", "github"; anything else is a Usage error listing them.
util::Result<OutputFormat> parse_output_format(std::string_view name);

// The whole output, ending in a newline; every format says which guardrails were not
// measured and whether that fails the gate. Github: one `::error` per breached guardrail and
// per guardrail not measured (`::warning` for those under --allow-unmeasured), with file= and
// line= of the guardrail in its record when known, then a plain summary line.
std::string render(const GuardReport& report, OutputFormat format);

// Github: `::warning` per overdue decision, `::notice` per decision due or without a date.
std::string render(const ReviewReport& report, OutputFormat format);

// GitHub workflow-command escaping: data escapes % CR LF; properties also : and ,.

} // namespace decision::guard
