#pragma once
// Markdown architecture decision records as their tools write them, read into one shape:
// adr-tools / Nygard (`# 1. Title`, `Date:`, `## Status`, `## Context`, `## Decision`,
// `## Consequences`), MADR 2-4 (YAML front matter or `* Status:` lines, `## Considered
// Options`, `Chosen option: "X", because ...`, pros and cons) and log4brains (MADR with
// `- Status:` / `- Tags:` lines and YYYYMMDD- file names). Line-based: headings, list items
// and paragraphs are all these formats use; fenced code and HTML comments are skipped.

#include "decision/util/error.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace decision::adr {

enum class Format { AdrTools, Madr, Log4brains };
std::string_view to_string(Format f); // "adr-tools", "madr", "log4brains"

// A `## ` section (or a `### ` subsection of one): its heading as written (comments
// removed) and its text, trimmed, with deeper headings left in the text.
struct Section {
    std::string heading;
    std::string text;
    std::vector<Section> subsections;
};

// A link from this ADR to another one: "Superseded by [2. Foo](0002-foo.md)" gives
// {"superseded by", "0002-foo.md"}. `target` is a file name in the same folder, or what
// the text names when there is no link ("ADR-0005").
struct Relation {
    std::string kind; // lower case: "supersedes", "superseded by", "amended by", ...
    std::string target;
};

// What one ADR file says, as written; nothing is interpreted yet (convert.hpp does that).
struct Adr {
    Format format = Format::Madr;
    std::string title;  // the first `# ` heading without its number ("1. ", "ADR-0001: ")
    std::string status; // as written: "Accepted", "superseded by [ADR-0005](0005-x.md)"
    std::string date;   // as written
    std::vector<std::string> decision_makers; // MADR 4 decision-makers, MADR 2/3 deciders
    std::vector<std::string> consulted;
    std::vector<std::string> informed;
    std::vector<std::string> tags;
    // Text before the first section that is not a metadata line ("Technical Story: ...").
    std::string preamble;
    // Metadata without a field of its own ("nav_order: 13"), as "key: value".
    std::vector<std::string> extra_metadata;
    std::vector<Section> sections; // `## ` sections in file order, the status section included
    std::vector<Relation> relations;
};

// Reads one ADR. `file_name` picks log4brains' shape (YYYYMMDD-...) and names the file in
// errors. Errors (kind Check) for what is no ADR at all: binary or non-UTF-8 content, an
// empty file, unclosed or invalid front matter, or no title, metadata or known section.
util::Result<Adr> parse(std::string_view text, const std::string& file_name);

// The list items of a section's text ("* a", "- b", "1. c"; continuation lines joined),
// without placeholder items ("…"); the paragraphs when it has no list.
std::vector<std::string> items(std::string_view text);

// Paragraphs (blank-line separated blocks), each with its lines joined by spaces.
std::vector<std::string> paragraphs(std::string_view text);

// Markdown text with each paragraph's soft line breaks joined by spaces, as a renderer
// shows it; blank lines, list items, headings, tables and fenced code keep their lines.
std::string reflow(std::string_view text);

// "[text](target)" -> "text", everywhere in `s`.
std::string strip_links(std::string_view s);

} // namespace decision::adr
