#pragma once
// Runs a program (never through a shell) and captures what it printed.

#include <map>
#include <string>
#include <vector>

namespace test {

struct Output {
    int exit_code = -1; // the exit status, or 128 + signal number
    std::string out;
    std::string err;
};

struct RunOptions {
    std::string cwd;                        // empty: the current directory
    std::map<std::string, std::string> env; // set (or override) these variables
    std::vector<std::string> unset;         // remove these variables
    std::string input;                      // written to standard input
};

Output run(const std::vector<std::string>& argv, const RunOptions& options = {});

} // namespace test
