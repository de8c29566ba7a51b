#include "decision/fast/git_files.hpp"

#include "decision/fast/index.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <cstdlib>
#include <fstream>
#include <zlib.h>

namespace decision::fast {

namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

constexpr std::size_t k_small_file = 4096; // HEAD, refs, .git and commondir files
constexpr std::size_t k_max_packed_refs = 64 << 20;

const char* env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

// `p` made absolute against `base` when relative.
fs::path against(const fs::path& base, const fs::path& p) {
    return (p.is_absolute() ? p : base / p).lexically_normal();
}

// A small text file with trailing whitespace removed.
util::Result<std::string> read_line_file(const fs::path& path) {
    TRY_ASSIGN(auto text, util::read_file(path, k_small_file));
    std::string s = text;
    while (!s.empty() &&
           (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t'))
        s.pop_back();
    return s;
}

bool is_hex_id(std::string_view s) {
    return from_hex(s).has_value();
}

} // namespace

util::Result<GitPaths> locate() {
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (ec)
        return fail(ErrorKind::Git, "cannot read the current directory");
    GitPaths p;
    if (const char* dir = env("GIT_DIR")) {
        p.git_dir = against(cwd, dir);
    } else {
        const fs::path dot_git = cwd / ".git";
        auto status = fs::status(dot_git, ec);
        if (fs::is_directory(status)) {
            p.git_dir = dot_git;
        } else if (fs::is_regular_file(status)) {
            auto line = read_line_file(dot_git);
            if (!line || line->rfind("gitdir: ", 0) != 0)
                return fail(ErrorKind::Git, "cannot read the gitdir line of .git");
            p.git_dir = against(cwd, line->substr(8));
        } else {
            return fail(ErrorKind::Git, "no .git in the current directory");
        }
    }
    if (const char* common = env("GIT_COMMON_DIR")) {
        p.common_dir = against(cwd, common);
    } else if (fs::exists(p.git_dir / "commondir", ec)) {
        auto line = read_line_file(p.git_dir / "commondir");
        if (!line || line->empty())
            return fail(ErrorKind::Git, "cannot read the commondir file");
        p.common_dir = against(p.git_dir, *line);
    } else {
        p.common_dir = p.git_dir;
    }
    if (const char* index = env("GIT_INDEX_FILE"))
        p.index_file = against(cwd, index);
    else
        p.index_file = p.git_dir / "index";
    if (const char* objects = env("GIT_OBJECT_DIRECTORY"))
        p.objects_dir = against(cwd, objects);
    else
        p.objects_dir = p.common_dir / "objects";
    return p;
}

util::Result<std::string> head_commit(const GitPaths& paths) {
    auto head = read_line_file(paths.git_dir / "HEAD");
    if (!head)
        return fail(ErrorKind::Git, "cannot read HEAD");
    if (is_hex_id(*head))
        return *head;
    if (head->rfind("ref: ", 0) != 0)
        return fail(ErrorKind::Git, "HEAD is neither a branch nor a SHA-1 commit id");
    const std::string ref = head->substr(5);
    // Branches live in the common dir; anything else (per-worktree refs, reftable's
    // placeholder, odd names) is left to the full hook.
    if (ref.rfind("refs/heads/", 0) != 0 || ref.find("..") != std::string::npos ||
        ref.find('\\') != std::string::npos)
        return fail(ErrorKind::Git, "HEAD names '" + util::sanitize(ref) + "', not a branch");
    std::error_code ec;
    const fs::path loose = paths.common_dir / ref;
    if (fs::is_regular_file(loose, ec)) {
        auto id = read_line_file(loose);
        if (id && is_hex_id(*id))
            return *id;
        return fail(ErrorKind::Git, "cannot read the branch HEAD names");
    }
    auto packed = util::read_file(paths.common_dir / "packed-refs", k_max_packed_refs);
    if (packed) {
        // "<hex> <refname>" lines; '#' starts the header, '^' a peeled line.
        std::string_view text = *packed;
        std::size_t start = 0;
        while (start < text.size()) {
            auto end = text.find('\n', start);
            if (end == std::string_view::npos)
                end = text.size();
            std::string_view line = text.substr(start, end - start);
            start = end + 1;
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            if (line.size() == 41 + ref.size() && line[40] == ' ' && line.substr(41) == ref &&
                is_hex_id(line.substr(0, 40)))
                return std::string(line.substr(0, 40));
        }
    }
    return fail(ErrorKind::Git, "HEAD's branch has no commit yet");
}

util::Result<std::string> loose_commit_tree(const GitPaths& paths, const std::string& commit) {
    if (!is_hex_id(commit))
        return fail(ErrorKind::Git, "not a commit id");
    const fs::path file = paths.objects_dir / commit.substr(0, 2) / commit.substr(2);
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail(ErrorKind::Git, "HEAD's commit is not a loose object");
    // "commit <size>\0tree <40 hex>\n" is at most 70 bytes inflated; 512 compressed bytes
    // hold it many times over.
    char compressed[512];
    in.read(compressed, sizeof compressed);
    const auto got = static_cast<uInt>(in.gcount());
    unsigned char out[96];
    z_stream z{};
    if (inflateInit(&z) != Z_OK)
        return fail(ErrorKind::Git, "cannot start zlib");
    z.next_in = reinterpret_cast<Bytef*>(compressed);
    z.avail_in = got;
    z.next_out = out;
    z.avail_out = sizeof out;
    int rc = inflate(&z, Z_SYNC_FLUSH);
    const std::size_t produced = sizeof out - z.avail_out;
    inflateEnd(&z);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
        return fail(ErrorKind::Git, "HEAD's commit object does not inflate");
    std::string_view header(reinterpret_cast<const char*>(out), produced);
    auto nul = header.find('\0');
    if (header.rfind("commit ", 0) != 0 || nul == std::string_view::npos)
        return fail(ErrorKind::Git, "HEAD's object is not a commit");
    std::string_view body = header.substr(nul + 1);
    if (body.size() < 46 || body.substr(0, 5) != "tree " || body[45] != '\n' ||
        !is_hex_id(body.substr(5, 40)))
        return fail(ErrorKind::Git, "HEAD's commit has no SHA-1 tree line");
    return std::string(body.substr(5, 40));
}

} // namespace decision::fast
