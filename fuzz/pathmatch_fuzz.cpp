// The gitignore-style matcher: the input's first line is a path, every further line a
// pattern. Each pattern that compiles is matched against the path and its leading
// directories; the promises checked are that may_match_under() is conservative (true for
// every leading directory of a path the pattern matches) and that a one-pattern PathSet
// agrees with its pattern.

#include "decision/util/pathmatch.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using decision::util::PathPattern;
using decision::util::PathSet;

// A path as the matcher expects them: non-empty, relative, no empty component.
bool well_formed(std::string_view path) {
    return !path.empty() && path.front() != '/' && path.back() != '/' &&
           path.find("//") == std::string_view::npos && path.find('\0') == std::string_view::npos;
}

[[noreturn]] void broken(const char* promise, const std::string& pattern, std::string_view path) {
    std::fprintf(stderr, "%s: pattern \"%s\", path \"%.*s\"\n", promise, pattern.c_str(),
                 static_cast<int>(path.size()), path.data());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t eol = input.find('\n');
    std::string_view path = input.substr(0, eol);
    std::vector<std::string> patterns;
    while (eol != std::string_view::npos) {
        std::size_t start = eol + 1;
        eol = input.find('\n', start);
        patterns.emplace_back(
            input.substr(start, eol == std::string_view::npos ? eol : eol - start));
    }
    const bool checkable = well_formed(path);
    for (const auto& text : patterns) {
        auto pattern = PathPattern::compile(text);
        if (!pattern)
            continue;
        bool matched = pattern->matches(path);
        (void)pattern->matches_entry(path, false);
        (void)pattern->matches_entry(path, true);
        (void)pattern->may_match_under(path);
        if (!checkable)
            continue;
        if (matched && !pattern->negated()) {
            for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
                 slash = path.find('/', slash + 1))
                if (!pattern->may_match_under(path.substr(0, slash)))
                    broken("may_match_under is false above a matched path", text, path);
            if (!pattern->may_match_under(""))
                broken("may_match_under(\"\") is false for a matching pattern", text, path);
        }
        auto single = PathSet::compile({text});
        if (!single || single->matches(path) != (matched && !pattern->negated()))
            broken("a one-pattern PathSet disagrees with its pattern", text, path);
    }
    if (auto set = PathSet::compile(patterns)) {
        (void)set->matches(path);
        (void)set->may_match_under(path);
    }
    return 0;
}
