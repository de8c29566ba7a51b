#pragma once
// Commit-message trailers ("Decision: DEC-0042") parsed and written exactly as git 2.39
// does (docs/design.md, "Trailers"). Pure code: no repository, no libgit2.
//
// A message is untrusted input: any byte string is accepted, work is linear in its length,
// and git's view of a message ends at its first NUL byte, so ours does too. The separator
// is ':' only (git's trailer.separators is not supported).

#include <string>
#include <string_view>
#include <vector>

namespace decision::trailer {

// One trailer: the key as written (git trims the whitespace allowed before the ':'), the
// value with continuation lines unfolded and surrounding whitespace trimmed.
struct Trailer {
    std::string key;
    std::string value;

    friend bool operator==(const Trailer&, const Trailer&) = default;
};

// Which git command's view of a message to reproduce.
enum class Mode {
    // A commit object's message as `git log --format=%(trailers:only,unfold)` sees it: no
    // `---` divider handling, and leading blank lines skipped before the title.
    Commit,
    // A message file as `git interpret-trailers --parse` sees it: everything from a line
    // starting with `---` plus whitespace is a patch and ignored.
    MessageFile,
};

// How to read a message; the defaults are git's defaults.
struct ParseOptions {
    Mode mode = Mode::Commit;
    // core.commentChar. Comment lines, a trailing run of them and everything below the
    // scissors line are ignored in both modes (git log reads core.commentChar too); only
    // MessageFile mode also drops trailer-looking comment lines inside the block.
    char comment_char = '#';
    // Keys that count like "Signed-off-by" for the 25% rule (git: trailer.<name>.key and
    // <name>), compared case-insensitively; as in git, a line whose key is a prefix of a
    // configured key counts too ("Dec: x" for "Decision"). git also prints such a key in
    // the configured spelling ("Decision"); Trailer::key stays as written.
    std::vector<std::string> configured_keys;
};

// The trailers of the message's trailer block, in order; empty when it has none.
std::vector<Trailer> parse(std::string_view message, const ParseOptions& options = {});

// All values of `key` (compared case-insensitively) in order.
std::vector<std::string> values(const std::vector<Trailer>& trailers, std::string_view key);

// Whether `key` is a trailer key git recognises: one or more of [A-Za-z0-9-].
bool is_valid_key(std::string_view key);

// `message` with "key: value" appended to its trailer block where `git interpret-trailers
// --trailer` puts it (a new block after a blank line when there is none; before trailing
// comment lines, blank lines, the scissors line and, in MessageFile mode, the `---` patch).
// Unlike git, the existing block is left byte-for-byte as it was, nothing is added when a
// trailer with the same key and value (both case-insensitive, as git compares them) is
// already anywhere in the block, a CRLF message gets CRLF lines, and a message not ending in
// a newline gets one first (a final unterminated `---` or scissors line is taken for what
// that makes it). In the rare messages where the text after git's position reads
// differently once a trailer precedes it, the trailer starts a new paragraph at the end of
// what git reads (above the divider or scissors line). The result is always read back by
// parse() except for a Commit-mode message with no title (only blank lines above the
// scissors line): there git reads the first line, the trailer, as the title. Line breaks in the
// value become spaces. An invalid key (see is_valid_key) cannot be written: the message is returned
// unchanged.
std::string add(std::string_view message, const Trailer& trailer, const ParseOptions& options = {});

} // namespace decision::trailer
