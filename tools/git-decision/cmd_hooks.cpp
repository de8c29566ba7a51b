// git decision install / uninstall / use: the local hooks and the active decision.

#include "decision/hook/hooks.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sys/stat.h>
#include <unistd.h>

namespace cli {

using namespace decision;
using util::ErrorKind;
using util::fail;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> k_hooks{"pre-commit", "prepare-commit-msg", "commit-msg",
                                       "pre-push"};
constexpr const char* k_marker = "# git-decision hook";

// Where the hook binaries are: GIT_DECISION_HOOKS_DIR, beside the build tree's tools/,
// or <prefix>/libexec/git-decision for an installed git-decision.
Result<fs::path> hook_binaries() {
    if (const char* dir = std::getenv("GIT_DECISION_HOOKS_DIR"); dir && *dir)
        return fs::path(dir);
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return fail(ErrorKind::Git, "cannot find the git-decision binary: " + ec.message());
    for (const fs::path& candidate :
         {self.parent_path().parent_path() / "hooks",
          self.parent_path().parent_path() / "libexec" / "git-decision"})
        if (fs::exists(candidate / "commit-msg", ec))
            return candidate.lexically_normal();
    return fail(ErrorKind::Git,
                "cannot find the hook binaries next to " + self.string() +
                    "; set GIT_DECISION_HOOKS_DIR to the folder holding commit-msg");
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// The script git runs: any previous hook (kept as <hook>.local) first, then ours.
std::string script_for(const std::string& hook, const fs::path& binary) {
    std::string s =
        "#!/bin/sh\n" + std::string(k_marker) +
        " (installed by git decision install; git decision uninstall restores the previous hook)\n";
    if (hook == "pre-push") {
        // Both hooks read the pushed refs on standard input.
        s += "input=$(cat)\n"
             "if [ -x \"$0.local\" ]; then printf '%s\\n' \"$input\" | \"$0.local\" \"$@\" || exit "
             "$?; fi\n"
             "printf '%s\\n' \"$input\" | exec " +
             shell_quote(binary.string()) + " \"$@\"\n";
    } else {
        s += "if [ -x \"$0.local\" ]; then \"$0.local\" \"$@\" || exit $?; fi\n"
             "exec " +
             shell_quote(binary.string()) + " \"$@\"\n";
    }
    return s;
}

bool is_ours(const fs::path& p) {
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(p, ec)))
        return false;
    std::ifstream in(p);
    std::string first, second;
    std::getline(in, first);
    std::getline(in, second);
    return second.rfind(k_marker, 0) == 0;
}

Result<std::vector<std::string>> selected(const std::string& list) {
    if (list.empty())
        return k_hooks;
    std::vector<std::string> out;
    for (auto& h : util::split(list, ',')) {
        std::string name(util::trim(h));
        if (std::find(k_hooks.begin(), k_hooks.end(), name) == k_hooks.end())
            return fail(ErrorKind::Usage,
                        "unknown hook '" + util::sanitize(name) +
                            "' (one of: pre-commit, prepare-commit-msg, commit-msg, pre-push)");
        out.push_back(name);
    }
    return out;
}

} // namespace

Action setup_install(CLI::App& app) {
    auto list = std::make_shared<std::string>();
    app.description(
        "Install the hooks where git runs them (core.hooksPath or .git/hooks). A hook that was "
        "there is kept as <hook>.local and still runs first.");
    app.add_option("--hooks", *list, "Only these hooks, comma-separated");
    return [list](Context& ctx) -> Result<int> {
        auto hooks = selected(*list);
        if (!hooks)
            return tl::unexpected(hooks.error());
        auto binaries = hook_binaries();
        if (!binaries)
            return tl::unexpected(binaries.error());
        fs::path dir = ctx.repo->hooks_dir();
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec)
            return fail(ErrorKind::Git,
                        "cannot create the hooks directory " + dir.string() + ": " + ec.message());
        for (const auto& hook : *hooks) {
            fs::path path = dir / hook;
            fs::path local = dir / (hook + ".local");
            std::string script = script_for(hook, *binaries / hook);
            bool exists = fs::exists(fs::symlink_status(path, ec));
            if (exists && is_ours(path)) {
                auto current = util::read_file(path);
                if (current && *current == script) {
                    ctx.out << hook << ": already installed\n";
                    continue;
                }
            } else if (exists) {
                if (fs::exists(fs::symlink_status(local, ec)))
                    return fail(ErrorKind::Check, hook + ": both " + path.string() + " and " +
                                                      local.string() +
                                                      " exist; move one away first");
                fs::rename(path, local, ec);
                if (ec)
                    return fail(ErrorKind::Git,
                                "cannot keep the existing " + hook + " hook: " + ec.message());
                ctx.out << hook << ": kept the existing hook as " << local.filename().string()
                        << "\n";
            }
            auto written = util::write_file_atomic(path, script);
            if (!written)
                return tl::unexpected(written.error());
            ::chmod(path.c_str(), 0755);
            ctx.out << hook << ": installed in " << dir.string() << "\n";
        }
        // A policy that governs nothing makes the hooks let everything through: say so.
        auto pol = ctx.policy();
        if (!pol)
            ctx.err << "git-decision: warning: " << util::sanitize(pol.error().message, true)
                    << "\n";
        else if (pol->rules.empty())
            ctx.err << "git-decision: warning: " << policy::k_policy_path
                    << " has no [[rules]], so the hooks require no decision for any change; add a "
                       "rule with "
                       "paths such as [\"models/**\"]\n";
        return 0;
    };
}

Action setup_uninstall(CLI::App& app) {
    auto list = std::make_shared<std::string>();
    app.description(
        "Remove the hooks git decision install put in place and restore what was there.");
    app.add_option("--hooks", *list, "Only these hooks, comma-separated");
    return [list](Context& ctx) -> Result<int> {
        auto hooks = selected(*list);
        if (!hooks)
            return tl::unexpected(hooks.error());
        fs::path dir = ctx.repo->hooks_dir();
        std::error_code ec;
        for (const auto& hook : *hooks) {
            fs::path path = dir / hook;
            fs::path local = dir / (hook + ".local");
            if (!fs::exists(fs::symlink_status(path, ec)) || !is_ours(path)) {
                ctx.out << hook << ": not installed by git-decision; left alone\n";
                continue;
            }
            fs::remove(path, ec);
            if (fs::exists(fs::symlink_status(local, ec))) {
                fs::rename(local, path, ec);
                if (ec)
                    return fail(ErrorKind::Git,
                                "cannot restore " + local.string() + ": " + ec.message());
                ctx.out << hook << ": restored the previous hook\n";
            } else {
                ctx.out << hook << ": removed\n";
            }
        }
        return 0;
    };
}

Action setup_use(CLI::App& app) {
    auto id = std::make_shared<std::string>();
    auto clear = std::make_shared<bool>(false);
    app.description("Set the active decision: prepare-commit-msg adds 'Decision: <ID>' to new "
                    "commit messages.");
    app.add_option("id", *id, "Decision ID");
    app.add_flag("--clear", *clear, "Forget the active decision");
    return [id, clear](Context& ctx) -> Result<int> {
        fs::path file = ctx.repo->git_dir() / hook::k_active_file;
        if (*clear) {
            std::error_code ec;
            fs::remove(file, ec);
            ctx.out << "No active decision.\n";
            return 0;
        }
        if (id->empty()) {
            auto current = util::read_file(file, 256);
            ctx.out << (current ? "Active decision: " + std::string(util::trim(*current)) + "\n"
                                : std::string("No active decision.\n"));
            return 0;
        }
        auto rec = ctx.record(*id);
        if (!rec)
            return tl::unexpected(rec.error());
        auto written = util::write_file_atomic(file, rec->id + "\n");
        if (!written)
            return tl::unexpected(written.error());
        ctx.out << "Active decision: " << rec->id << " (" << util::sanitize(rec->title)
                << "); new commits get 'Decision: " << rec->id << "'\n";
        return 0;
    };
}

} // namespace cli
