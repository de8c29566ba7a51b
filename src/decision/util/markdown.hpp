#pragma once
// Text from a repository made safe for Markdown (CommonMark, GitHub's tables) and for YAML
// front matter: whatever a string holds, it reads as that text and never as markup.

#include <optional>
#include <string>
#include <string_view>

namespace decision::util {

// One line of Markdown text: control characters escaped as util::sanitize does, line
// breaks turned into spaces, surrounding blanks trimmed, and every character Markdown could
// read as markup (emphasis, links, HTML, entities, headings, table cells, a list marker or
// setext underline at the start) backslash-escaped.
std::string markdown_inline(std::string_view text);

// Text for a comment a bot posts (a GitHub or GitLab pull-request comment, a table cell
// there): sanitized like util::sanitize, `&`, `<`, `>` and `@` as HTML entities (no tags, no
// @mentions from repository text), every other markup character backslash-escaped, line
// breaks kept as they are.
std::string markdown_cell(std::string_view text);

// Text with its line breaks kept: each line as markdown_inline() escapes it, runs of blank
// lines collapsed to one (a paragraph break).
std::string markdown_block(std::string_view text);

// A link destination, `<...>`, for an http(s) URL or a path without a scheme; nullopt for
// anything else (javascript:, data:, runs:/...), which is shown as text instead. Spaces,
// angle brackets and control characters are percent-encoded.
std::optional<std::string> markdown_destination(std::string_view url);

// A YAML double-quoted scalar (quotes included) that every YAML 1.1/1.2 parser reads back
// as exactly `text`: JSON's escapes, plus \u escapes for what YAML forbids raw (C1, DEL,
// U+FFFE, U+FFFF). Invalid UTF-8 becomes U+FFFD.
std::string yaml_quote(std::string_view text);

} // namespace decision::util
