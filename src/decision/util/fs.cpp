#include "decision/util/fs.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
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

Result<void> write_file_atomic(const fs::path& path, std::string_view content, WriteMode mode) {
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::random_device rd;
    fs::path tmp = dir / ("." + path.filename().string() + ".tmp" + std::to_string(rd()));
    {
        Fd f{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)};
        if (f.fd < 0)
            return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + errno_text());
        std::size_t done = 0;
        while (done < content.size()) {
            ssize_t n = ::write(f.fd, content.data() + done, content.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                auto msg = errno_text();
                ::unlink(tmp.c_str());
                return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + msg);
            }
            done += static_cast<std::size_t>(n);
        }
        if (mode != WriteMode::Cache && ::fsync(f.fd) != 0) {
            auto msg = errno_text();
            ::unlink(tmp.c_str());
            return fail(ErrorKind::Git, "cannot write '" + path.string() + "': " + msg);
        }
    }
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
