#include "decision/util/fs.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace decision::util {

namespace fs = std::filesystem;

namespace {
std::string errno_text() {
    return std::strerror(errno);
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
};
} // namespace

Result<std::string> read_file(const fs::path& path, std::size_t limit) {
    Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (f.fd < 0)
        return fail(ErrorKind::Git, "cannot read '" + path.string() + "': " + errno_text());
    struct stat st {};
    if (::fstat(f.fd, &st) != 0)
        return fail(ErrorKind::Git, "cannot read '" + path.string() + "': " + errno_text());
    if (!S_ISREG(st.st_mode))
        return fail(ErrorKind::Git, "cannot read '" + path.string() + "': not a regular file");
    if (static_cast<std::size_t>(st.st_size) > limit)
        return fail(ErrorKind::Check, "'" + path.string() + "' is " + std::to_string(st.st_size) +
                                          " bytes, over the limit of " + std::to_string(limit));
    std::string out;
    out.reserve(static_cast<std::size_t>(st.st_size)); // one allocation for the common case
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(f.fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(ErrorKind::Git, "cannot read '" + path.string() + "': " + errno_text());
        }
        if (n == 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > limit)
            return fail(ErrorKind::Check, "'" + path.string() + "' is over the limit of " +
                                              std::to_string(limit) + " bytes");
    }
    return out;
}

namespace {

// Writes all of `content` to `fd`, and flushes it to the disk unless only a cache is written.
bool write_all(int fd, std::string_view content, WriteMode mode) {
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return mode == WriteMode::Cache || ::fsync(fd) == 0;
}

fs::path temp_name(const fs::path& path) {
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::random_device rd;
    return dir / ("." + path.filename().string() + ".tmp" + std::to_string(rd()));
}

// Moves the finished temporary file `tmp` to `path` (never replacing a file with
// CreateNew), removing `tmp` either way.
Result<void> move_into_place(const fs::path& tmp, const fs::path& path, WriteMode mode) {
    if (mode == WriteMode::CreateNew) {
        // link() fails when the target exists, so two writers can never clobber each other.
        int rc = ::link(tmp.c_str(), path.c_str());
        int saved = errno;
        ::unlink(tmp.c_str());
        if (rc != 0) {
            if (saved == EEXIST)
                return fail(ErrorKind::Check,
                            "'" + path.string() + "' already exists; not overwriting it");
            return fail(ErrorKind::Git,
                        "cannot create '" + path.string() + "': " + std::strerror(saved));
        }
        return {};
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        auto msg = errno_text();
        ::unlink(tmp.c_str());
        return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + msg);
    }
    return {};
}

// The write through an unnamed file (O_TMPFILE): a process killed before the file has its
// name leaves nothing behind, where a named temporary file would stay in the working tree
// for `git add -A` to stage. nullopt when the file system cannot do it.
std::optional<Result<void>> write_unnamed(const fs::path& path, std::string_view content,
                                          WriteMode mode) {
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    Fd f{::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666)};
    if (f.fd < 0)
        return std::nullopt; // EOPNOTSUPP, EISDIR, ...: use a named temporary file
    if (!write_all(f.fd, content, mode))
        return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + errno_text());
    // Naming it through /proc needs no privilege (linkat's AT_EMPTY_PATH does).
    std::string self = "/proc/self/fd/" + std::to_string(f.fd);
    if (mode == WriteMode::CreateNew) {
        if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0)
            return Result<void>();
        if (errno == EEXIST)
            return fail(ErrorKind::Check,
                        "'" + path.string() + "' already exists; not overwriting it");
        if (errno == ENOENT && !fs::exists("/proc/self/fd"))
            return std::nullopt;
        return fail(ErrorKind::Git, "cannot create '" + path.string() + "': " + errno_text());
    }
    // Replacing needs a name to rename() from; it exists only between these two calls.
    fs::path tmp = temp_name(path);
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) != 0) {
        if (errno == ENOENT && !fs::exists("/proc/self/fd"))
            return std::nullopt;
        return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + errno_text());
    }
    return move_into_place(tmp, path, mode);
}

} // namespace

Result<void> write_file_atomic(const fs::path& path, std::string_view content, WriteMode mode) {
    if (auto unnamed = write_unnamed(path, content, mode))
        return *unnamed;
    fs::path tmp = temp_name(path);
    {
        Fd f{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)};
        if (f.fd < 0)
            return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + errno_text());
        if (!write_all(f.fd, content, mode)) {
            auto msg = errno_text();
            ::unlink(tmp.c_str());
            return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + msg);
        }
    }
    return move_into_place(tmp, path, mode);
}

Result<void> append_file(const fs::path& path, std::string_view content) {
    Fd f{::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)};
    if (f.fd < 0)
        return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + errno_text());
    while (!content.empty()) {
        ssize_t n = ::write(f.fd, content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + errno_text());
        }
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

} // namespace decision::util
