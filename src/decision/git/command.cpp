#include "decision/git/command.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace decision::git {

using util::ErrorKind;
using util::fail;

namespace {

struct Pipe {
    int fd[2] = {-1, -1};
    ~Pipe() {
        for (int f : fd)
            if (f >= 0)
                ::close(f);
    }
    void close_end(int i) {
        if (fd[i] >= 0)
            ::close(fd[i]);
        fd[i] = -1;
    }
};

std::string command_line(const std::vector<std::string>& args) {
    std::string out = "git";
    for (const auto& a : args)
        out += " " + a;
    return out;
}

} // namespace

util::Result<std::string> run_git(const std::vector<std::string>& args,
                                  const std::filesystem::path& cwd, std::size_t limit) {
    std::vector<std::string> words{"git"};
    if (!cwd.empty())
        words.insert(words.end(), {"-C", cwd.string()});
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);

    Pipe out, err;
    if (::pipe2(out.fd, O_CLOEXEC) != 0 || ::pipe2(err.fd, O_CLOEXEC) != 0)
        return fail(ErrorKind::Git,
                    "cannot run " + command_line(args) + ": " + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return fail(ErrorKind::Git, "cannot run " + command_line(args) + ": " + std::strerror(rc));
    out.close_end(1);
    err.close_end(1);

    std::string stdout_text, stderr_text;
    bool too_long = false;
    pollfd fds[2] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}};
    int open = 2;
    char buf[65536];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                fds[i].fd = -1;
                --open;
                continue;
            }
            std::string& into = i == 0 ? stdout_text : stderr_text;
            std::size_t room =
                (i == 0 ? limit : 4096) - std::min(into.size(), i == 0 ? limit : 4096);
            if (static_cast<std::size_t>(n) > room && i == 0)
                too_long = true;
            into.append(buf, std::min(room, static_cast<std::size_t>(n)));
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return fail(ErrorKind::Git, "lost the process " + command_line(args));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        while (!stderr_text.empty() && (stderr_text.back() == '\n' || stderr_text.back() == '\r'))
            stderr_text.pop_back();
        return fail(ErrorKind::Git, command_line(args) + " failed" +
                                        (stderr_text.empty() ? "" : ": " + stderr_text));
    }
    if (too_long)
        return fail(ErrorKind::Git,
                    command_line(args) + " printed more than " + std::to_string(limit) + " bytes");
    return stdout_text;
}

} // namespace decision::git
