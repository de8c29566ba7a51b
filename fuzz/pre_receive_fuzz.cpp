// pre-receive's stdin: every line of the input through the line parser, and the promise that
// a line it accepts names two ids of 40 or 64 lowercase hex digits and a ref.

#include "decision/hook/hooks.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

bool is_id(const std::string& s) {
    return (s.size() == 40 || s.size() == 64) &&
           s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    while (!input.empty()) {
        std::size_t eol = input.find('\n');
        std::string_view line = input.substr(0, eol);
        input.remove_prefix(eol == std::string_view::npos ? input.size() : eol + 1);
        auto update = decision::hook::parse_ref_update(line);
        if (update && *update &&
            (!is_id((*update)->old_id) || !is_id((*update)->new_id) || (*update)->ref.empty() ||
             (*update)->ref.find(' ') != std::string::npos)) {
            std::fprintf(stderr, "accepted a malformed line\n");
            std::abort();
        }
    }
    return 0;
}
