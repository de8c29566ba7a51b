#pragma once
// The common frame of every hook binary: GIT_DECISION_SKIP, error printing, exit codes,
// and no exception ever escaping.

#include "decision/gate/skip.hpp"
#include "decision/hook/hooks.hpp"
#include "decision/util/text.hpp"

#include <functional>
#include <iostream>

namespace decision::hook {

inline int run(const char* name, const std::function<util::Result<int>()>& body,
               bool skippable = true) {
    try {
        if (skippable && gate::skipped(name, std::cerr))
            return 0;
        auto result = body();
        if (!result) {
            std::cerr << "git-decision " << name
                      << ": error: " << util::sanitize(result.error().message, true) << "\n";
            return static_cast<int>(result.error().kind);
        }
        return *result;
    } catch (const std::exception& e) {
        // The last resort: library code returns errors as values, so this is a bug.
        std::cerr << "git-decision " << name << ": error: " << util::sanitize(e.what()) << "\n";
        return 128;
    } catch (...) {
        std::cerr << "git-decision " << name << ": error: an unexpected failure\n";
        return 128;
    }
}

} // namespace decision::hook
