// git decision install / uninstall / use: the local hooks and the active decision.

#include "decision/gate/names.hpp"
#include "decision/hook/hooks.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
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

// The lefthook configuration that runs our hooks (also shipped as scripts/lefthook.yml and
// in docs/hook-managers.md; a test keeps the three equal).
constexpr const char* k_lefthook_snippet = R"(pre-commit:
  commands:
    git-decision:
      run: git decision hook pre-commit
prepare-commit-msg:
  commands:
    git-decision:
      run: git decision hook prepare-commit-msg {0}
commit-msg:
  commands:
    git-decision:
      run: git decision hook commit-msg {1}
pre-push:
  commands:
    git-decision:
      run: git decision hook pre-push {1} {2}
      use_stdin: true
)";

// lefthook's configuration file (from the top of the working tree), when there is one: then
// lefthook owns the hooks (`lefthook install` renames other hooks to *.old, never run).
std::optional<fs::path> lefthook_config(const git::Repository& repo) {
    if (repo.is_bare())
        return std::nullopt;
    std::error_code ec;
    for (const char* name : {"lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml",
                             ".config/lefthook.yml", ".config/lefthook.yaml"})
        if (fs::exists(repo.workdir() / name, ec))
            return fs::path(name);
    return std::nullopt;
}

// husky (v9) points core.hooksPath at .husky/_, whose generated stubs run the user's
// .husky/<hook> scripts and are rewritten by every `npm install`. We add our call to those
// user scripts instead, which husky never touches.
bool is_husky_dir(const fs::path& hooks_dir) {
    fs::path dir = hooks_dir.filename().empty() ? hooks_dir.parent_path() : hooks_dir;
    return dir.filename() == "_" && dir.parent_path().filename() == ".husky";
}

constexpr const char* k_husky_marker =
    "# git-decision (added by git decision install; git decision uninstall removes it)";

std::string husky_call(const std::string& hook) {
    return "git decision hook " + hook + " \"$@\"";
}

// Adds the marker and our call to `script` (creating it); false when already there.
Result<bool> husky_add(const fs::path& script, const std::string& hook) {
    std::error_code ec;
    std::string text;
    if (fs::exists(script, ec)) {
        TRY_ASSIGN(auto current, util::read_file(script));
        text = current;
        if (text.find(k_husky_marker) != std::string::npos)
            return false;
        if (!text.empty() && text.back() != '\n')
            text += '\n';
    }
    text += std::string(k_husky_marker) + "\n" + husky_call(hook) + "\n";
    TRY(util::write_file_atomic(script, text));
    return true;
}

// Removes what husky_add added; the script goes when nothing else is left in it. False when
// our lines were not there.
Result<bool> husky_remove(const fs::path& script, const std::string& hook) {
    std::error_code ec;
    if (!fs::exists(script, ec))
        return false;
    TRY_ASSIGN(auto current, util::read_file(script));
    std::string block = std::string(k_husky_marker) + "\n" + husky_call(hook) + "\n";
    auto at = current.find(block);
    if (at == std::string::npos)
        return false;
    std::string text = current.substr(0, at) + current.substr(at + block.size());
    if (util::trim(text).empty()) {
        fs::remove(script, ec);
        if (ec)
            return fail(ErrorKind::Git, "cannot remove " + script.string() + ": " + ec.message());
        return true;
    }
    TRY(util::write_file_atomic(script, text));
    return true;
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
    auto global = std::make_shared<bool>(false);
    app.description(
        "Install the hooks where git runs them (core.hooksPath or .git/hooks). A hook that was "
        "there is kept as <hook>.local and still runs first. Under husky, adds a call to "
        ".husky/<hook>; under lefthook, prints what to add to lefthook.yml and writes nothing "
        "(docs/hook-managers.md).");
    app.add_option("--hooks", *list, "Only these hooks, comma-separated");
    app.add_flag("--global", *global,
                 "Allow installing into a core.hooksPath set in the global or system "
                 "configuration (every repository on this machine)");
    return [list, global](Context& ctx) -> Result<int> {
        TRY_ASSIGN(auto hooks, selected(*list));
        if (auto lefthook = lefthook_config(*ctx.repo)) {
            ctx.out << "lefthook manages this repository's hooks (" << lefthook->string()
                    << "), and 'lefthook install' would set aside hooks written here; git-decision "
                       "installed none.\nAdd this to "
                    << lefthook->string()
                    << ", then run 'lefthook install' (see docs/hook-managers.md):\n\n"
                    << k_lefthook_snippet;
            return 0;
        }
        fs::path dir = ctx.repo->hooks_dir();
        if (is_husky_dir(dir)) {
            fs::path scripts = (dir.filename().empty() ? dir.parent_path() : dir).parent_path();
            for (const auto& hook : hooks) {
                TRY_ASSIGN(auto added, husky_add(scripts / hook, hook));
                ctx.out << hook << ": "
                        << (added ? "added to " : "already in ") + (scripts / hook).string()
                        << " (husky runs it)\n";
            }
            return 0;
        }
        auto scope = ctx.repo->config_scope("core.hooksPath");
        if (scope && *scope != git::Repository::ConfigScope::Repository && !*global)
            return fail(ErrorKind::Check,
                        "core.hooksPath is set in your " +
                            std::string(*scope == git::Repository::ConfigScope::Global
                                            ? "global (~/.gitconfig)"
                                            : "system") +
                            " configuration to " + dir.string() +
                            ": hooks installed there run in every repository on this machine. "
                            "Run 'git decision install --global' if that is what you want, or "
                            "'git config core.hooksPath .git/hooks' to install for this "
                            "repository only");
        TRY_ASSIGN(auto binaries, hook_binaries());
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec)
            return fail(ErrorKind::Git,
                        "cannot create the hooks directory " + dir.string() + ": " + ec.message());
        for (const auto& hook : hooks) {
            fs::path path = dir / hook;
            fs::path local = dir / (hook + ".local");
            std::string script = script_for(hook, binaries / hook);
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
            TRY(util::write_file_atomic(path, script));
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
        TRY_ASSIGN(auto hooks, selected(*list));
        fs::path dir = ctx.repo->hooks_dir();
        std::error_code ec;
        if (is_husky_dir(dir)) {
            fs::path scripts = (dir.filename().empty() ? dir.parent_path() : dir).parent_path();
            for (const auto& hook : hooks) {
                TRY_ASSIGN(auto removed, husky_remove(scripts / hook, hook));
                ctx.out << hook << ": "
                        << (removed ? "removed from " : "not in ") + (scripts / hook).string()
                        << "\n";
            }
            return 0;
        }
        for (const auto& hook : hooks) {
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

namespace {

const char* env_value(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

// pre-commit (the framework) reads pre-push's standard input itself and hands its hooks
// environment variables instead: rebuild the line git would have written. It passes the
// first pushed ref only; for a branch whose history reaches a root commit it sets no
// PRE_COMMIT_TO_REF, and the local branch names the pushed commit.
// git writes object ids on that line, and pre-push reads nothing else: a branch name that
// stands for the pushed commit is resolved to its id here.
Result<std::optional<std::string>> pre_commit_framework_push_line() {
    const char* local = env_value("PRE_COMMIT_LOCAL_BRANCH");
    const char* to = env_value("PRE_COMMIT_TO_REF");
    if (!to)
        to = local;
    if (!to)
        return std::nullopt;
    TRY_ASSIGN(auto repo, decision::git::Repository::open("."));
    TRY_ASSIGN(auto pushed, repo.resolve_commit(to));
    const char* from = env_value("PRE_COMMIT_FROM_REF");
    std::string old_id(40, '0');
    if (from) {
        auto resolved = repo.resolve_commit(from);
        old_id = resolved ? *resolved : from; // a commit the remote has and we lack
    }
    const char* remote = env_value("PRE_COMMIT_REMOTE_BRANCH");
    return std::string(local ? local : "HEAD") + " " + pushed + " " + (remote ? remote : "HEAD") +
           " " + old_id + "\n";
}

} // namespace

Action setup_hook(CLI::App& app) {
    auto name = std::make_shared<std::string>();
    auto args = std::make_shared<std::vector<std::string>>();
    app.description(
        "Run one of the git hooks (pre-commit, prepare-commit-msg, commit-msg, pre-push) with "
        "git's arguments and standard input: the stable entry point for hook managers "
        "(husky, lefthook, pre-commit; docs/hook-managers.md).");
    app.add_option("name", *name, "The hook")->required();
    app.add_option("args", *args, "git's arguments to the hook");
    app.prefix_command();
    return [name, args, &app](Context&) -> Result<int> {
        TRY_ASSIGN(auto known, selected(*name));
        if (known.size() != 1)
            return fail(ErrorKind::Usage, "git decision hook runs one hook at a time");
        TRY_ASSIGN(auto binaries, hook_binaries());
        std::vector<std::string> argv{(binaries / *name).string()};
        argv.insert(argv.end(), args->begin(), args->end());
        for (const auto& extra : app.remaining())
            argv.push_back(extra);
        if (*name == "prepare-commit-msg" && argv.size() == 2)
            if (const char* source = env_value("PRE_COMMIT_COMMIT_MSG_SOURCE")) {
                argv.push_back(source);
                if (const char* object = env_value("PRE_COMMIT_COMMIT_OBJECT_NAME"))
                    argv.push_back(object);
            }
        if (*name == "pre-push") {
            if (argv.size() == 1)
                for (const char* var : {"PRE_COMMIT_REMOTE_NAME", "PRE_COMMIT_REMOTE_URL"})
                    if (const char* v = env_value(var))
                        argv.push_back(v);
            TRY_ASSIGN(auto framework_line, pre_commit_framework_push_line());
            if (auto& line = framework_line) {
                int fds[2];
                if (::pipe(fds) != 0 ||
                    ::write(fds[1], line->data(), line->size()) !=
                        static_cast<ssize_t>(line->size()) ||
                    ::dup2(fds[0], STDIN_FILENO) < 0)
                    return fail(ErrorKind::Git, "cannot pass the pushed refs to pre-push");
                ::close(fds[0]);
                ::close(fds[1]);
            }
        }
        std::vector<char*> raw;
        for (auto& a : argv)
            raw.push_back(a.data());
        raw.push_back(nullptr);
        std::cout.flush();
        ::execv(raw[0], raw.data());
        return fail(ErrorKind::Git, "cannot run " + argv[0] + ": " + std::strerror(errno));
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
        fs::path file = ctx.repo->git_dir() / gate::k_active_file;
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
        TRY_ASSIGN(auto rec, ctx.record(*id));
        TRY(util::write_file_atomic(file, rec.id + "\n"));
        ctx.out << "Active decision: " << rec.id << " (" << util::sanitize(rec.title)
                << "); new commits get 'Decision: " << rec.id << "'\n";
        return 0;
    };
}

} // namespace cli
