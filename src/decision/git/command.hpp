#pragma once
// Running the git binary itself, for what libgit2 cannot do the way git does (an index
// with extensions libgit2 1.5 refuses: split index "link", sparse index "sdir"). Never
// through a shell; the environment is passed on, so GIT_DIR, GIT_INDEX_FILE and the
// pre-receive quarantine reach git as they reached us.

#include "decision/util/error.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace decision::git {

// What `git <args>` printed on standard output (at most `limit` bytes), run in `cwd` (empty:
// here, so that relative GIT_DIR and GIT_INDEX_FILE values mean what they meant to us).
// An error, with what git printed on standard error, when it cannot run or exits non-zero.
util::Result<std::string> run_git(const std::vector<std::string>& args,
                                  const std::filesystem::path& cwd,
                                  std::size_t limit = std::size_t{64} << 20);

} // namespace decision::git
