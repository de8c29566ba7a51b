#pragma once
// A fresh git repository per test under ::testing::TempDir(), with git's test-suite
// author (who is also the committer) and dates so object ids are reproducible, and system/global configuration
// blanked. The repository is removed after a passing test and kept, with its path
// printed, after a failing one.

#include "support/process.hpp"

#include <string>
#include <vector>

namespace test {

// The built binaries.
std::string git_decision_binary();
std::string hook_binary(const std::string& name);
// A file under the source tree, e.g. "schema/examples".
std::string source_path(const std::string& relative);
// The contents of a file under the source tree (fixtures, examples).
std::string read_source(const std::string& relative);

class TempRepo {
public:
    enum class Kind { Empty, Init, Bare };
    explicit TempRepo(Kind kind = Kind::Init);
    ~TempRepo();
    TempRepo(const TempRepo&) = delete;
    TempRepo& operator=(const TempRepo&) = delete;

    const std::string& path() const { return m_path; }
    // The environment every command here runs with (identity, dates, blank config).
    RunOptions options(RunOptions extra = {}) const;

    // `git <args>` inside the repository; fails the test when git exits non-zero unless
    // `allow_failure`.
    Output git(const std::vector<std::string>& args, RunOptions extra = {},
               bool allow_failure = false) const;
    // `git-decision <args>` inside the repository.
    Output decision(const std::vector<std::string>& args, RunOptions extra = {}) const;

    void write(const std::string& relative, const std::string& content) const;
    std::string read(const std::string& relative) const;
    bool exists(const std::string& relative) const;
    // Stages everything and commits; returns the new commit id.
    std::string commit_all(const std::string& message, RunOptions extra = {}) const;
    std::string head() const;

private:
    std::string m_root; // the temp folder holding the repository and a blank HOME
    std::string m_path;
};

} // namespace test
