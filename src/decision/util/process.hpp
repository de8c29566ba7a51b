#pragma once
// Running another program without a shell: argv goes to posix_spawnp as it is, so nothing
// read from a repository is ever interpreted by sh.

#include "decision/util/error.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace decision::util {

struct ProcessOptions {
    // Capture: stdin reads /dev/null, stdout and stderr are read together into
    // ProcessResult::output (at most `max_output` bytes kept; the rest is read and dropped).
    // Otherwise the child shares this process's stdin, stdout and stderr.
    bool capture = false;
    // With capture: stderr is read apart, into ProcessResult::errors (at most `max_errors`
    // bytes kept), for callers that parse stdout and report stderr.
    bool errors_apart = false;
    std::size_t max_output = 1 << 20;
    std::size_t max_errors = 4096;
};

struct ProcessResult {
    int exit_code = 0; // 128 + the signal when it was killed
    std::string output;
    std::string errors;     // with errors_apart
    bool truncated = false; // output had more than max_output bytes
};

// Runs argv[0] (looked up on PATH) with `argv` and waits for it. An error only when it
// cannot be started or waited for; a non-zero exit is a result.
Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                  const ProcessOptions& options = {});

} // namespace decision::util
