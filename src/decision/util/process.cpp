#include "decision/util/process.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace decision::util {

namespace {

// Closes its descriptor when it goes out of scope.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
    void close() {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

// Owns the spawn file actions.
struct Actions {
    posix_spawn_file_actions_t actions;
    Actions() { posix_spawn_file_actions_init(&actions); }
    ~Actions() { posix_spawn_file_actions_destroy(&actions); }
};

Result<int> wait_for(pid_t pid, const std::string& name) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return fail(ErrorKind::Git, "lost the " + name + " process");
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 128;
}

// Reads `fds` (one or two pipes) until each is closed, into `into` (at most `limit` bytes
// each; the rest is read and dropped, and `truncated` set for the first).
void drain(Fd* fds[], std::string* into[], const std::size_t limit[], int count, bool& truncated) {
    pollfd polled[2];
    for (int i = 0; i < count; ++i)
        polled[i] = {fds[i]->fd, POLLIN, 0};
    int open = count;
    char buf[65536];
    while (open > 0) {
        if (::poll(polled, static_cast<nfds_t>(count), -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < count; ++i) {
            if (polled[i].fd < 0 || !(polled[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = ::read(polled[i].fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                polled[i].fd = -1;
                --open;
                continue;
            }
            std::size_t room = limit[i] - std::min(limit[i], into[i]->size());
            if (i == 0 && static_cast<std::size_t>(n) > room)
                truncated = true;
            into[i]->append(buf, std::min(room, static_cast<std::size_t>(n)));
        }
    }
}

} // namespace

Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                  const ProcessOptions& options) {
    if (argv.empty())
        return fail(ErrorKind::Git, "no program to run");
    std::vector<std::string> copy = argv;
    std::vector<char*> args;
    for (auto& a : copy)
        args.push_back(a.data());
    args.push_back(nullptr);

    Actions actions;
    Fd out_read, out_write, err_read, err_write;
    if (options.capture) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
            return fail(ErrorKind::Git, "cannot run " + argv[0] + ": " + std::strerror(errno));
        out_read.fd = fds[0];
        out_write.fd = fds[1];
        if (options.errors_apart) {
            if (pipe2(fds, O_CLOEXEC) != 0)
                return fail(ErrorKind::Git, "cannot run " + argv[0] + ": " + std::strerror(errno));
            err_read.fd = fds[0];
            err_write.fd = fds[1];
        }
        // dup2 clears close-on-exec on the copies the child keeps.
        posix_spawn_file_actions_addopen(&actions.actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&actions.actions, out_write.fd, 1);
        posix_spawn_file_actions_adddup2(&actions.actions,
                                         options.errors_apart ? err_write.fd : out_write.fd, 2);
    }
    pid_t pid = 0;
    if (int rc = posix_spawnp(&pid, args[0], options.capture ? &actions.actions : nullptr, nullptr,
                              args.data(), environ);
        rc != 0)
        return fail(ErrorKind::Git, "cannot run " + argv[0] + ": " + std::strerror(rc));
    ProcessResult result;
    if (options.capture) {
        out_write.close();
        err_write.close();
        Fd* fds[] = {&out_read, &err_read};
        std::string* into[] = {&result.output, &result.errors};
        const std::size_t limit[] = {options.max_output, options.max_errors};
        drain(fds, into, limit, options.errors_apart ? 2 : 1, result.truncated);
    }
    TRY_ASSIGN(auto code, wait_for(pid, argv[0]));
    result.exit_code = code;
    return result;
}

} // namespace decision::util
