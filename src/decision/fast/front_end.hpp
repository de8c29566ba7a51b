#pragma once
// The main of each commit-time hook binary (pre-commit, prepare-commit-msg, commit-msg):
// GIT_DECISION_SKIP as every hook handles it, then the fast path (decide.hpp), and when
// that cannot tell, exec of the full hook `git-decision-hook <hook> <args...>` from the
// same folder, with standard input, output, error and the arguments passed through.
// GIT_DECISION_TRACE=1 prints one line on stderr saying which way it went.

namespace decision::fast {

inline constexpr const char* k_full_hook = "git-decision-hook";

// Returns the exit code, or does not return (exec). No exception leaves it.
int front_end(const char* hook, int argc, char** argv);

} // namespace decision::fast
