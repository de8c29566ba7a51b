#include "decision/fast/front_end.hpp"

#include "decision/fast/decide.hpp"
#include "decision/gate/skip.hpp"
#include "decision/util/text.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace decision::fast {

namespace fs = std::filesystem;

namespace {

bool tracing() {
    const char* v = std::getenv("GIT_DECISION_TRACE");
    return v && std::string(v) == "1";
}

Hook hook_of(std::string_view name) {
    if (name == "pre-commit")
        return Hook::PreCommit;
    if (name == "prepare-commit-msg")
        return Hook::PrepareCommitMsg;
    return Hook::CommitMsg;
}

// Replaces this process with the full hook; returns only when that fails.
int exec_full(const char* hook, int argc, char** argv) {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    fs::path full = ec ? fs::path() : self.parent_path() / k_full_hook;
    if (!ec && fs::exists(full, ec)) {
        std::vector<char*> args;
        std::string name = k_full_hook;
        std::string which = hook;
        args.push_back(name.data());
        args.push_back(which.data());
        for (int i = 1; i < argc; ++i)
            args.push_back(argv[i]);
        args.push_back(nullptr);
        std::cout.flush();
        std::cerr.flush();
        ::execv(full.c_str(), args.data());
        std::cerr << "git-decision " << hook << ": error: cannot run "
                  << util::sanitize(full.string()) << ": " << std::strerror(errno) << "\n";
        return 128;
    }
    std::cerr << "git-decision " << hook << ": error: cannot find " << k_full_hook << " next to "
              << util::sanitize(self.string())
              << "; reinstall git-decision (the hook binaries belong in one folder)\n";
    return 128;
}

// front_end() without its last-resort catch.
int decide_or_exec(const char* hook, int argc, char** argv) {
    try {
        if (gate::skipped(hook, std::cerr))
            return 0;
        std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
        Verdict v = decide(hook_of(hook), args);
        if (tracing())
            std::cerr << "git-decision " << hook << ": "
                      << (v.decided ? "fast path: " : "full check: ") << util::sanitize(v.reason)
                      << "\n";
        if (v.decided)
            return 0;
    } catch (const std::exception& e) {
        if (tracing())
            std::cerr << "git-decision " << hook << ": full check: " << util::sanitize(e.what())
                      << "\n";
    }
    return exec_full(hook, argc, argv);
}

} // namespace

int front_end(const char* hook, int argc, char** argv) {
    try {
        return decide_or_exec(hook, argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "git-decision " << hook << ": error: " << util::sanitize(e.what()) << "\n";
        return 128;
    } catch (...) {
        std::cerr << "git-decision " << hook << ": error: an unexpected failure\n";
        return 128;
    }
}

} // namespace decision::fast
