// The trailer parser and writer on arbitrary commit messages, in both of git's views, with
// the default options and with a comment character and configured keys. add()'s promise
// that parse() reads the added trailer back is checked where it is made (see promised()).

#include "decision/trailer/trailer.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using decision::trailer::Mode;
using decision::trailer::ParseOptions;
using decision::trailer::Trailer;

// Whether add()'s read-back promise is made for `message`: no NUL byte, and in Commit mode
// a first line that is a title (not blank, not a comment).
bool promised(std::string_view message, const ParseOptions& options) {
    if (message.find('\0') != std::string_view::npos)
        return false;
    if (options.mode == Mode::MessageFile)
        return true;
    std::string_view title = message.substr(0, message.find('\n'));
    return !title.empty() && title.front() != options.comment_char &&
           title.find_first_not_of(" \t\r\v\f") != std::string_view::npos;
}

void exercise(std::string_view message, const ParseOptions& options) {
    auto trailers = decision::trailer::parse(message, options);
    (void)decision::trailer::values(trailers, "Decision");
    for (const auto& t : trailers)
        (void)decision::trailer::is_valid_key(t.key);
    const Trailer added{"Decision", "DEC-0042"};
    std::string written = decision::trailer::add(message, added, options);
    auto values = decision::trailer::values(decision::trailer::parse(written, options), added.key);
    // An equal trailer already in the block is not added again; git compares values
    // case-insensitively.
    auto same = [&](const std::string& v) { return decision::util::iequals(v, added.value); };
    if (promised(message, options) && std::none_of(values.begin(), values.end(), same)) {
        std::fprintf(stderr, "add() wrote a trailer parse() does not read back (%s mode)\n",
                     options.mode == Mode::Commit ? "Commit" : "MessageFile");
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view message(reinterpret_cast<const char*>(data), size);
    ParseOptions with_config;
    with_config.comment_char = ';';
    with_config.configured_keys = {"Decision", "Approved-by"};
    for (Mode mode : {Mode::Commit, Mode::MessageFile}) {
        ParseOptions plain;
        plain.mode = mode;
        with_config.mode = mode;
        exercise(message, plain);
        exercise(message, with_config);
    }
    return 0;
}
