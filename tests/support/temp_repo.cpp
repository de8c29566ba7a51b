#include "support/temp_repo.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace test {

std::string git_decision_binary() {
    return std::string(GD_BINARY_DIR) + "/tools/git-decision";
}
std::string hook_binary(const std::string& name) {
    return std::string(GD_BINARY_DIR) + "/hooks/" + name;
}
std::string source_path(const std::string& relative) {
    return std::string(GD_SOURCE_DIR) + "/" + relative;
}
std::string read_source(const std::string& relative) {
    std::ifstream in(source_path(relative), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

namespace {
std::string unique_dir() {
    static std::atomic<int> counter{0};
    auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "repo";
    for (auto& c : name)
        if (c == '/')
            c = '_';
    fs::path dir = fs::path(::testing::TempDir()) / ("gd-" + name + "-" + std::to_string(getpid()) +
                                                     "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}
} // namespace

TempRepo::TempRepo(Kind kind) : m_root(unique_dir()), m_path(m_root + "/repo") {
    fs::create_directories(m_root + "/home");
    fs::create_directories(m_path);
    if (kind == Kind::Init)
        git({"init", "-q"});
    else if (kind == Kind::Bare)
        git({"init", "-q", "--bare"});
}

TempRepo::~TempRepo() {
    if (::testing::Test::HasFailure()) {
        std::cerr << "kept the test repository: " << m_path << "\n";
        return;
    }
    std::error_code ec;
    fs::remove_all(m_root, ec);
}

RunOptions TempRepo::options(RunOptions extra) const {
    RunOptions o = std::move(extra);
    if (o.cwd.empty())
        o.cwd = m_path;
    auto set = [&](const char* k, const std::string& v) { o.env.emplace(k, v); };
    set("HOME", m_root + "/home");
    set("XDG_CONFIG_HOME", m_root + "/home/.config");
    set("GIT_CONFIG_NOSYSTEM", "1");
    set("GIT_AUTHOR_NAME", "A U Thor");
    set("GIT_AUTHOR_EMAIL", "author@example.com");
    set("GIT_AUTHOR_DATE", "1112354055 +0200");
    // One person authors and commits, as an everyday `git commit` does; trust = "committer"
    // weighs the committer, so tests about who is who set GIT_COMMITTER_* (or --author).
    set("GIT_COMMITTER_NAME", "A U Thor");
    set("GIT_COMMITTER_EMAIL", "author@example.com");
    set("GIT_COMMITTER_DATE", "1112354055 +0200");
    set("GIT_CONFIG_COUNT", "2");
    set("GIT_CONFIG_KEY_0", "init.defaultBranch");
    set("GIT_CONFIG_VALUE_0", "main");
    set("GIT_CONFIG_KEY_1", "advice.detachedHead");
    set("GIT_CONFIG_VALUE_1", "false");
    set("TZ", "UTC");
    for (const char* v :
         {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EDITOR", "VISUAL", "EDITOR",
          "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_DECISION_SKIP",
          "GIT_QUARANTINE_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_ACTIONS", "GL_ID", "COLUMNS",
          "GIT_CEILING_DIRECTORIES", "GIT_COMMON_DIR", "GIT_IMPLICIT_WORK_TREE", "GIT_NAMESPACE"})
        if (!o.env.count(v))
            o.unset.push_back(v);
    return o;
}

Output TempRepo::git(const std::vector<std::string>& args, RunOptions extra,
                     bool allow_failure) const {
    std::vector<std::string> argv{"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    Output out = run(argv, options(std::move(extra)));
    if (!allow_failure && out.exit_code != 0) {
        std::ostringstream cmd;
        for (const auto& a : argv)
            cmd << a << ' ';
        ADD_FAILURE() << "command failed (" << out.exit_code << "): " << cmd.str() << "\n"
                      << out.err;
    }
    return out;
}

Output TempRepo::decision(const std::vector<std::string>& args, RunOptions extra) const {
    std::vector<std::string> argv{git_decision_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, options(std::move(extra)));
}

void TempRepo::write(const std::string& relative, const std::string& content) const {
    fs::path p = fs::path(m_path) / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}

std::string TempRepo::read(const std::string& relative) const {
    std::ifstream in(fs::path(m_path) / relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool TempRepo::exists(const std::string& relative) const {
    return fs::exists(fs::path(m_path) / relative);
}

std::string TempRepo::commit_all(const std::string& message, RunOptions extra) const {
    git({"add", "-A"}, extra);
    git({"commit", "-q", "--allow-empty", "--no-verify", "-m", message}, extra);
    return head();
}

std::string TempRepo::head() const {
    auto out = git({"rev-parse", "HEAD"});
    return out.out.substr(0, out.out.find('\n'));
}

} // namespace test
