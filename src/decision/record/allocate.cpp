#include "decision/record/allocate.hpp"

#include "decision/record/parse.hpp"
#include "decision/util/fs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace decision::record {

namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

std::string format_id(const std::string& prefix, long n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04ld", n);
    return prefix + "-" + buf;
}

long highest_id_number(const std::vector<std::string>& names, const std::string& prefix) {
    long best = 0;
    for (const auto& name : names) {
        if (name.rfind(prefix + "-", 0) != 0)
            continue;
        std::size_t end = prefix.size() + 1;
        while (end < name.size() && name[end] >= '0' && name[end] <= '9')
            ++end;
        if (auto n = id_number(name.substr(0, end)))
            best = std::max(best, *n);
    }
    return best;
}

namespace {

// Whether the records folder holds a file of `id` ("<id>.toml" or "<id>-<slug>.toml").
bool id_in_use(const fs::path& dir, const std::string& id) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string name = e.path().filename().string();
        if (name.rfind(id, 0) == 0 && name.size() > id.size() &&
            (name[id.size()] == '-' || name[id.size()] == '.'))
            return true;
    }
    return false;
}

// Removes <reservations>/<id> when it goes out of scope, once this writer created it.
struct Reservation {
    fs::path path;
    bool held = false;
    ~Reservation() {
        if (held)
            ::unlink(path.c_str());
    }
};

} // namespace

util::Result<std::string>
create_with_free_id(const NewRecord& where,
                    const std::function<std::string(const std::string& id)>& render) {
    std::error_code ec;
    fs::create_directories(where.reservations, ec);
    if (ec)
        return fail(ErrorKind::Git,
                    "cannot create '" + where.reservations.string() + "': " + ec.message());
    constexpr int k_attempts = 1000;
    long n = std::max(1L, where.first);
    for (int attempt = 0; attempt < k_attempts; ++attempt, ++n) {
        std::string id = format_id(where.prefix, n);
        Reservation r{where.reservations / id};
        int fd = ::open(r.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) {
            if (errno == EEXIST)
                continue; // another writer holds this ID right now
            return fail(ErrorKind::Git, "cannot reserve " + id + " in '" +
                                            where.reservations.string() +
                                            "': " + std::strerror(errno));
        }
        ::close(fd);
        r.held = true;
        if (id_in_use(where.records_dir, id))
            continue;
        auto written =
            util::write_file_atomic(where.records_dir / (id + "-" + where.slug + ".toml"),
                                    render(id), util::WriteMode::CreateNew);
        if (!written) {
            if (written.error().kind == ErrorKind::Check)
                continue; // the file exists after all
            return tl::unexpected(written.error());
        }
        return id;
    }
    return fail(ErrorKind::Git, "could not find a free ID in '" + where.records_dir.string() +
                                    "' after " + std::to_string(k_attempts) + " tries");
}

} // namespace decision::record
