#include "decision/util/process.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
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
    Fd read_end, write_end;
    if (options.capture) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
            return fail(ErrorKind::Git, "cannot run " + argv[0] + ": no pipe");
        read_end.fd = fds[0];
        write_end.fd = fds[1];
        // dup2 clears close-on-exec on the copies the child keeps.
        posix_spawn_file_actions_addopen(&actions.actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&actions.actions, write_end.fd, 1);
        posix_spawn_file_actions_adddup2(&actions.actions, write_end.fd, 2);
    }
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], options.capture ? &actions.actions : nullptr, nullptr,
                     args.data(), environ) != 0)
        return fail(ErrorKind::Git, "cannot run " + argv[0]);
    ProcessResult result;
    if (options.capture) {
        write_end.close();
        char buf[65536];
        for (;;) {
            ssize_t n = ::read(read_end.fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            std::size_t room =
                options.max_output - std::min(options.max_output, result.output.size());
            result.output.append(buf, std::min(room, static_cast<std::size_t>(n)));
        }
    }
    TRY_ASSIGN(auto code, wait_for(pid, argv[0]));
    result.exit_code = code;
    return result;
}

} // namespace decision::util
