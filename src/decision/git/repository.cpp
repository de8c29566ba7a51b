#include "decision/git/repository.hpp"

#include "decision/git/command.hpp"
#include "decision/git/handle.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <git2/sys/repository.h>
#include <mutex>
#include <set>

namespace decision::git {

using util::ErrorKind;
using util::fail;

void ensure_initialized() {
    static std::once_flag once;
    std::call_once(once, [] {
        git_libgit2_init();
        // Re-hashing every object read cost 15% of a history walk (callgrind, 10k
        // commits); git itself does not verify object ids on ordinary reads either.
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        // libgit2 keeps parsed trees of at most 4 KiB in its object cache; a records folder
        // of a thousand files is a 40 KiB tree that range checks look into once per commit.
        git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
                         static_cast<size_t>(4) << 20);
        // Walks read each commit once and keep what they need (CommitInfo, tree ids):
        // caching 100,000 parsed commits only cost memory and a long free at exit.
        git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, 0);
    });
}

namespace {

// Whether libgit2's last error is an index in a form git writes and libgit2 1.5 does not
// read: a split index ("link") or a sparse index ("sdir").
bool unsupported_index_form() {
    const git_error* e = git_error_last();
    return e && e->message && std::strstr(e->message, "unsupported mandatory extension");
}

} // namespace

std::string last_error(const std::string& what) {
    const git_error* e = git_error_last();
    if (!e || !e->message)
        return what;
    return what + ": " + e->message;
}

void Repository::Free::operator()(git_repository* r) const noexcept {
    git_repository_free(r);
}

Repository::Repository(git_repository* repo) : m_repo(repo) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

void Repository::keep_until_exit() {
    // A pointer with no destructor: static destructors run before LeakSanitizer looks, and
    // a std::vector here would free the list first and make the repository a leak.
    static auto* kept = new std::vector<git_repository*>();
    kept->push_back(m_repo.release());
}

namespace {

const char* env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

// `p` made absolute against `base` when relative.
std::filesystem::path against(const std::filesystem::path& base, const std::filesystem::path& p) {
    return (p.is_absolute() ? p : base / p).lexically_normal();
}

// Whether `inner` is `outer` or lies beneath it, symbolic links resolved.
bool within(const std::filesystem::path& inner, const std::filesystem::path& outer) {
    std::error_code ec;
    auto a = std::filesystem::weakly_canonical(inner, ec);
    auto b = std::filesystem::weakly_canonical(outer, ec);
    auto rel = a.lexically_relative(b);
    return !rel.empty() && *rel.begin() != "..";
}

// GIT_IMPLICIT_WORK_TREE=0 (git sets it for its own children) means "no working tree".
bool implicit_work_tree() {
    int yes = 1;
    const char* v = env("GIT_IMPLICIT_WORK_TREE");
    return !v || git_config_parse_bool(&yes, v) < 0 || yes;
}

bool same_dir(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code ec;
    return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

// core.bare and core.worktree as git's setup reads them: from the repository's own config
// file only (a missing file sets neither).
struct CoreConfig {
    std::optional<bool> bare;
    std::optional<std::string> worktree;
};

CoreConfig core_config(const std::filesystem::path& common_dir) {
    CoreConfig out;
    std::error_code ec;
    auto file = common_dir / "config";
    if (!std::filesystem::exists(file, ec))
        return out;
    git_config* cfg = nullptr;
    if (git_config_open_ondisk(&cfg, file.c_str()) < 0)
        return out;
    Config owned(cfg);
    int bare = 0;
    if (git_config_get_bool(&bare, cfg, "core.bare") == 0)
        out.bare = bare != 0;
    Buf worktree;
    if (git_config_get_string_buf(&worktree.buf, cfg, "core.worktree") == 0)
        out.worktree = std::string(worktree.buf.ptr, worktree.buf.size);
    return out;
}

// The environment git's hooks, `git --git-dir`, `git --work-tree` and the pre-receive
// quarantine set, applied to an opened repository as libgit2's OPEN_FROM_ENV does.
util::Result<void> apply_object_environment(git_repository* repo, bool& index_from_git) {
    if (const char* objects = env("GIT_OBJECT_DIRECTORY")) {
        git_odb* odb = nullptr;
        if (git_odb_open(&odb, objects) < 0)
            return fail(ErrorKind::Git,
                        last_error(std::string("cannot open GIT_OBJECT_DIRECTORY ") + objects));
        Odb owned(odb);
        git_repository_set_odb(repo, odb);
    }
    if (const char* alternates = env("GIT_ALTERNATE_OBJECT_DIRECTORIES")) {
        git_odb* odb = nullptr;
        if (git_repository_odb(&odb, repo) < 0)
            return fail(ErrorKind::Git, last_error("cannot open the object database"));
        Odb owned(odb);
        for (const auto& dir : util::split(alternates, ':'))
            if (!dir.empty() && git_odb_add_disk_alternate(odb, std::string(dir).c_str()) < 0)
                return fail(ErrorKind::Git, last_error("cannot add the alternate object "
                                                       "directory " +
                                                       std::string(dir)));
    }
    if (const char* index_file = env("GIT_INDEX_FILE")) {
        git_index* index = nullptr;
        if (git_index_open(&index, index_file) < 0) {
            // A split or sparse index, which libgit2 1.5 does not read: the readers of the
            // index ask git (Repository::staged_tree), which sees GIT_INDEX_FILE too.
            if (!unsupported_index_form())
                return fail(ErrorKind::Git,
                            last_error(std::string("cannot open GIT_INDEX_FILE ") + index_file));
            index_from_git = true;
        } else {
            Index owned(index);
            git_repository_set_index(repo, index);
        }
    }
    if (const char* ns = env("GIT_NAMESPACE"))
        if (git_repository_set_namespace(repo, ns) < 0)
            return fail(ErrorKind::Git, last_error("cannot use GIT_NAMESPACE"));
    return {};
}

} // namespace

// libgit2 1.5's GIT_REPOSITORY_OPEN_FROM_ENV reads GIT_DIR only when given no start path,
// rejects GIT_WORK_TREE and GIT_COMMON_DIR as "unimplemented", and puts the working tree
// next to the git directory where git puts it elsewhere. So the rules of git's setup.c are
// applied here: the git directory is GIT_DIR (relative to the current directory) or the one
// discovered from `start` upwards (GIT_CEILING_DIRECTORIES, GIT_DISCOVERY_ACROSS_FILESYSTEM);
// the working tree is GIT_WORK_TREE, else none when core.bare is true, else core.worktree
// (relative to the git directory), else with GIT_DIR the current directory, else none when
// discovery started inside the git directory, else the folder holding `.git`.
util::Result<Repository> Repository::open(const std::filesystem::path& start) {
    ensure_initialized();
    std::error_code ec;
    const std::filesystem::path cwd = std::filesystem::current_path(ec);
    if (ec)
        return fail(ErrorKind::Git, "cannot read the current directory: " + ec.message());
    const char* git_dir_env = env("GIT_DIR");
    git_repository* raw_repo = nullptr;
    int rc = 0;
    if (git_dir_env) {
        auto dir = against(cwd, git_dir_env);
        rc = git_repository_open_ext(&raw_repo, dir.c_str(),
                                     GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_NO_DOTGIT,
                                     nullptr);
        if (rc == GIT_ENOTFOUND)
            return fail(ErrorKind::Git, std::string("not a git repository: '") + git_dir_env +
                                            "' (named by GIT_DIR or git --git-dir)");
    } else {
        unsigned flags = 0;
        if (const char* across = env("GIT_DISCOVERY_ACROSS_FILESYSTEM")) {
            int yes = 0;
            if (git_config_parse_bool(&yes, across) == 0 && yes)
                flags |= GIT_REPOSITORY_OPEN_CROSS_FS;
        }
        rc = git_repository_open_ext(&raw_repo, against(cwd, start).c_str(), flags,
                                     env("GIT_CEILING_DIRECTORIES"));
        if (rc == GIT_ENOTFOUND)
            return fail(ErrorKind::Git,
                        "not a git repository (or any of the parent directories); run "
                        "git-decision inside a repository, or git init first");
    }
    if (rc < 0)
        return fail(ErrorKind::Git, last_error("cannot open the repository"));
    Repository repo(raw_repo);
    TRY(apply_object_environment(raw_repo, repo.m_index_from_git));

    if (const char* common = env("GIT_COMMON_DIR");
        common && !same_dir(against(cwd, common), repo.common_dir()))
        return fail(ErrorKind::Git, std::string("GIT_COMMON_DIR names ") + common +
                                        ", but the git directory " + repo.git_dir().string() +
                                        " shares " + repo.common_dir().string() +
                                        "; git-decision cannot open a repository split that way "
                                        "(unset GIT_COMMON_DIR)");

    CoreConfig core = core_config(repo.common_dir());
    std::optional<std::filesystem::path> worktree; // nullopt: bare
    if (const char* wt = env("GIT_WORK_TREE"))
        worktree = against(cwd, wt);
    else if (core.bare.value_or(false))
        worktree = std::nullopt;
    else if (core.worktree)
        worktree = against(repo.git_dir(), *core.worktree);
    else if (git_dir_env)
        worktree = implicit_work_tree() ? std::optional<std::filesystem::path>(cwd) : std::nullopt;
    else if (git_repository_is_worktree(raw_repo) != 1 && within(cwd, repo.git_dir()))
        worktree = std::nullopt;
    else if (const char* w = git_repository_workdir(raw_repo))
        worktree = std::filesystem::path(w);

    if (!worktree) {
        repo.m_bare = true;
    } else if (const char* w = git_repository_workdir(raw_repo); !w || !same_dir(w, *worktree)) {
        if (git_repository_set_workdir(raw_repo, worktree->c_str(), 0) < 0)
            return fail(ErrorKind::Git,
                        last_error("cannot use the working tree " + worktree->string()));
    }
    return repo;
}

util::Result<git_index*> Repository::index_or_null() const {
    git_index* idx = nullptr;
    if (m_index_from_git)
        return nullptr;
    if (git_repository_index(&idx, raw()) < 0) {
        if (unsupported_index_form())
            return nullptr;
        return fail(ErrorKind::Git, last_error("cannot read the index"));
    }
    return idx;
}

bool Repository::is_bare() const {
    return m_bare || git_repository_is_bare(raw()) == 1;
}
bool Repository::is_shallow() const {
    return git_repository_is_shallow(raw()) == 1;
}

std::filesystem::path Repository::workdir() const {
    const char* w = m_bare ? nullptr : git_repository_workdir(raw());
    return w ? std::filesystem::path(w) : std::filesystem::path();
}
std::filesystem::path Repository::git_dir() const {
    return git_repository_path(raw());
}
std::filesystem::path Repository::common_dir() const {
    return git_repository_commondir(raw());
}

bool Repository::has_commits() const {
    git_oid oid;
    return git_reference_name_to_id(&oid, raw(), "HEAD") == 0;
}

namespace {

// " whose history stops at <ids>" from <common dir>/shallow, or "" when unreadable.
std::string shallow_stop(git_repository* repo) {
    std::ifstream in(std::filesystem::path(git_repository_commondir(repo)) / "shallow");
    std::vector<std::string> ids;
    std::string line;
    while (std::getline(in, line))
        if (line.size() >= 12)
            ids.push_back(util::short_id(line));
    if (ids.empty())
        return "";
    std::string out = " whose history stops at ";
    for (std::size_t i = 0; i < ids.size() && i < 3; ++i)
        out += (i ? ", " : "") + ids[i];
    if (ids.size() > 3)
        out += " and " + std::to_string(ids.size() - 3) + " more";
    return out;
}

util::Result<Commit> lookup_commit(git_repository* repo, std::string_view rev) {
    if (Commit by_id = commit_by_full_id(repo, rev))
        return by_id;
    std::string spec(rev);
    git_object* obj = nullptr;
    int rc = git_revparse_single(&obj, repo, spec.c_str());
    if (rc < 0) {
        if ((spec == "HEAD" || spec.rfind("HEAD", 0) == 0) && git_repository_head_unborn(repo) == 1)
            return fail(ErrorKind::Git,
                        "the repository has no commits yet, so '" + spec + "' names nothing");
        if (git_repository_is_shallow(repo) == 1)
            return fail(ErrorKind::Git, "unknown revision '" + spec + "': this is a shallow clone" +
                                            shallow_stop(repo) +
                                            ", so the revision may lie in history it lacks; "
                                            "fetch the full history with 'git fetch "
                                            "--unshallow' (in GitHub Actions: actions/checkout "
                                            "with fetch-depth: 0)");
        return fail(ErrorKind::Git, "unknown revision '" + spec + "'");
    }
    Object owned(obj);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
        return fail(ErrorKind::Git, "'" + spec + "' does not name a commit");
    return Commit(reinterpret_cast<git_commit*>(peeled));
}

util::Result<Tree> commit_tree(const git_commit* commit) {
    git_tree* tree = nullptr;
    if (git_commit_tree(&tree, commit) < 0)
        return fail(ErrorKind::Git, last_error("cannot read the commit's tree"));
    return Tree(tree);
}

} // namespace

util::Result<Tree> root_tree(git_repository* repo, std::string_view rev) {
    if (rev.size() == GIT_OID_HEXSZ &&
        rev.find_first_not_of("0123456789abcdef") == std::string_view::npos) {
        // One read whatever the id names (a failed git_tree_lookup would read it twice).
        git_oid oid;
        git_object* obj = nullptr;
        if (git_oid_fromstrn(&oid, rev.data(), rev.size()) == 0 &&
            git_object_lookup(&obj, repo, &oid, GIT_OBJECT_ANY) == 0) {
            Object owned(obj);
            if (git_object_type(obj) == GIT_OBJECT_TREE)
                return Tree(reinterpret_cast<git_tree*>(owned.release()));
            if (git_object_type(obj) == GIT_OBJECT_COMMIT)
                return commit_tree(reinterpret_cast<git_commit*>(obj));
        }
    }
    TRY_ASSIGN(auto commit, lookup_commit(repo, rev));
    return commit_tree(commit.get());
}

util::Result<TreeEntry> entry_at(git_repository* repo, const git_tree* root,
                                 std::string_view path) {
    Tree owned; // the folder being looked in, once below the root
    const git_tree* tree = root;
    std::string walked;
    for (;;) {
        auto slash = path.find('/');
        std::string name(path.substr(0, slash));
        const git_tree_entry* e = git_tree_entry_byname(tree, name.c_str());
        if (!e)
            return TreeEntry();
        if (slash == std::string_view::npos) {
            git_tree_entry* copy = nullptr;
            if (git_tree_entry_dup(&copy, e) < 0)
                return fail(ErrorKind::Git, last_error("cannot read '" + walked + name + "'"));
            return TreeEntry(copy);
        }
        if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
            return TreeEntry();
        walked += name + "/";
        git_tree* sub = nullptr;
        if (git_tree_lookup(&sub, repo, git_tree_entry_id(e)) < 0) {
            char hex[GIT_OID_HEXSZ + 1];
            git_oid_tostr(hex, sizeof hex, git_tree_entry_id(e));
            return fail(ErrorKind::Git,
                        last_error("cannot read the tree '" + walked.substr(0, walked.size() - 1) +
                                   "' (" + hex + ")"));
        }
        owned.reset(sub);
        tree = sub;
        path.remove_prefix(slash + 1);
    }
}

namespace {

// The subtree at `dir` of `root`, or null when there is none. Errors when `dir` is a blob.
util::Result<Tree> subtree(git_repository* repo, const git_tree* root, const std::string& dir,
                           const std::string& rev) {
    TRY_ASSIGN(auto found, entry_at(repo, root, dir));
    if (!found)
        return Tree();
    const git_tree_entry* e = found.get();
    if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
        return fail(ErrorKind::Check,
                    "the records folder '" + dir + "' is not a directory at " + rev);
    git_tree* tree = nullptr;
    if (git_tree_lookup(&tree, repo, git_tree_entry_id(e)) < 0)
        return fail(ErrorKind::Git, last_error("cannot read '" + dir + "' at " + rev));
    return Tree(tree);
}

// A blob's content, or an error naming `path` when it is unreadable or over `limit` bytes.
util::Result<std::optional<std::string>> bounded_blob(git_repository* repo, const git_oid* id,
                                                      const std::string& path, std::size_t limit) {
    git_blob* b = nullptr;
    if (git_blob_lookup(&b, repo, id) < 0)
        return fail(ErrorKind::Git, last_error("cannot read '" + path + "'"));
    Blob blob(b);
    auto size = static_cast<std::size_t>(git_blob_rawsize(b));
    if (size > limit)
        return fail(ErrorKind::Check, "'" + path + "' is " + std::to_string(size) +
                                          " bytes, over the limit of " + std::to_string(limit));
    return std::optional<std::string>(
        std::string(static_cast<const char*>(git_blob_rawcontent(b)), size));
}

util::Result<util::SourceFile> read_blob(git_repository* repo, const git_oid* id,
                                         std::string path) {
    git_blob* b = nullptr;
    if (git_blob_lookup(&b, repo, id) < 0)
        return fail(ErrorKind::Git, last_error("cannot read '" + path + "'"));
    Blob blob(b);
    auto size = static_cast<std::size_t>(git_blob_rawsize(b));
    if (size > util::k_max_record_bytes)
        return util::SourceFile{std::move(path), {}, true};
    return util::SourceFile{std::move(path),
                            std::string(static_cast<const char*>(git_blob_rawcontent(b)), size),
                            false};
}

} // namespace

util::Result<std::string> Repository::resolve_commit(std::string_view rev) const {
    TRY_ASSIGN(auto commit, lookup_commit(raw(), rev));
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, git_commit_id(commit.get()));
    return std::string(hex);
}

util::Result<std::optional<std::string>> Repository::peel_to_commit(const std::string& id) const {
    git_oid oid;
    if (id.size() != GIT_OID_HEXSZ || git_oid_fromstrn(&oid, id.data(), id.size()) < 0)
        return fail(ErrorKind::Git, "'" + util::sanitize(id) + "' is not an object id");
    git_object* obj = nullptr;
    if (git_object_lookup(&obj, raw(), &oid, GIT_OBJECT_ANY) < 0)
        return fail(ErrorKind::Git, last_error("cannot read the object " + id));
    Object owned(obj);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
        // A tag's target may be missing: that is an error, not "no commit".
        if (git_object_type(obj) == GIT_OBJECT_TAG) {
            git_object* target = nullptr;
            if (git_object_peel(&target, obj, GIT_OBJECT_ANY) < 0)
                return fail(ErrorKind::Git,
                            last_error("cannot read what the tag " + id + " points at"));
            git_object_free(target);
        }
        return std::optional<std::string>();
    }
    Object commit(peeled);
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, git_object_id(peeled));
    return std::optional<std::string>(hex);
}

util::Result<std::vector<util::SourceFile>>
Repository::read_dir_at(std::string_view rev, const std::string& dir,
                        const std::function<bool(std::string_view name)>& want) const {
    TRY_ASSIGN(auto root, root_tree(raw(), rev));
    TRY_ASSIGN(auto tree, subtree(raw(), root.get(), dir, std::string(rev)));
    std::vector<util::SourceFile> out;
    if (!tree)
        return out;
    std::size_t n = git_tree_entrycount(tree.get());
    for (std::size_t i = 0; i < n; ++i) {
        const git_tree_entry* e = git_tree_entry_byindex(tree.get(), i);
        std::string path = dir + "/" + git_tree_entry_name(e);
        if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || !want(git_tree_entry_name(e)))
            continue;
        TRY_ASSIGN(auto file, read_blob(raw(), git_tree_entry_id(e), path));
        out.push_back(std::move(file));
    }
    return out;
}

util::Result<std::string> Repository::staged_tree() const {
    if (!m_staged_tree) {
        auto written = run_git({"write-tree"}, {}, 100);
        if (!written)
            return fail(ErrorKind::Git, "cannot read the index: " + written.error().message);
        std::string id(util::trim(*written));
        if (id.size() != GIT_OID_HEXSZ)
            return fail(ErrorKind::Git, "cannot read the index: git write-tree printed '" +
                                            util::sanitize(id) + "'");
        m_staged_tree = std::move(id);
    }
    return *m_staged_tree;
}

namespace {

// `from_index` on the index when libgit2 reads it (owned for the call), else `from_tree` on
// the tree git write-tree makes of it (split and sparse indexes): how every reader of the
// index asks.
template <class FromIndex, class FromTree>
auto read_index(const Repository& repo, FromIndex from_index, FromTree from_tree)
    -> decltype(from_tree(std::string())) {
    TRY_ASSIGN(auto opened, repo.index_or_null());
    if (!opened) {
        TRY_ASSIGN(auto tree, repo.staged_tree());
        return from_tree(tree);
    }
    Index index(opened);
    return from_index(opened);
}

} // namespace

util::Result<std::vector<util::SourceFile>>
Repository::read_dir_from_index(const std::string& dir,
                                const std::function<bool(std::string_view name)>& want) const {
    return read_index(
        *this,
        [&](git_index* idx) -> util::Result<std::vector<util::SourceFile>> {
            std::vector<util::SourceFile> out;
            std::string prefix = dir + "/";
            std::size_t n = git_index_entrycount(idx);
            for (std::size_t i = 0; i < n; ++i) {
                const git_index_entry* e = git_index_get_byindex(idx, i);
                std::string_view path(e->path);
                if (path.rfind(prefix, 0) != 0 ||
                    path.find('/', prefix.size()) != std::string_view::npos ||
                    git_index_entry_stage(e) != 0 || is_intent_to_add(e) ||
                    !want(path.substr(prefix.size())))
                    continue;
                TRY_ASSIGN(auto file, read_blob(raw(), &e->id, std::string(path)));
                out.push_back(std::move(file));
            }
            return out;
        },
        [&](const std::string& tree) { return read_dir_at(tree, dir, want); });
}

util::Result<std::optional<std::string>> Repository::read_index_file(const std::string& path,
                                                                     std::size_t limit) const {
    return read_index(
        *this,
        [&](git_index* idx) -> util::Result<std::optional<std::string>> {
            const git_index_entry* e = git_index_get_bypath(idx, path.c_str(), 0);
            // `git add -N`: not in the next commit; a submodule (gitlink): not a file.
            if (!e || is_intent_to_add(e) || (e->mode & 0170000) == GIT_FILEMODE_COMMIT)
                return std::optional<std::string>();
            return bounded_blob(raw(), &e->id, path, limit);
        },
        [&](const std::string& tree) { return read_file_at(tree, path, limit); });
}

util::Result<std::optional<std::string>>
Repository::read_file_at(std::string_view rev, const std::string& path, std::size_t limit) const {
    TRY_ASSIGN(auto root, root_tree(raw(), rev));
    TRY_ASSIGN(auto found, entry_at(raw(), root.get(), path));
    if (!found)
        return std::optional<std::string>();
    const git_tree_entry* e = found.get();
    if (git_tree_entry_type(e) == GIT_OBJECT_COMMIT)
        return std::optional<std::string>(); // a submodule (gitlink) holds no file here
    if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
        return fail(ErrorKind::Check, "'" + path + "' is not a file at " + std::string(rev));
    return bounded_blob(raw(), git_tree_entry_id(e), path, limit);
}

util::Result<std::string> Repository::object_id_at(std::string_view rev,
                                                   const std::string& path) const {
    TRY_ASSIGN(auto root, root_tree(raw(), rev));
    TRY_ASSIGN(auto found, entry_at(raw(), root.get(), path));
    if (!found)
        return std::string();
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, git_tree_entry_id(found.get()));
    return std::string(hex);
}

util::Result<std::string> Repository::tree_id_of(std::string_view rev) const {
    TRY_ASSIGN(auto commit, lookup_commit(raw(), rev));
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, git_commit_tree_id(commit.get()));
    return std::string(hex);
}

util::Result<std::vector<TreeItem>>
Repository::tree_items(const std::string& tree_id,
                       const std::function<bool(const std::string& dir)>& descend) const {
    git_oid oid;
    if (tree_id.size() != GIT_OID_HEXSZ ||
        git_oid_fromstrn(&oid, tree_id.data(), tree_id.size()) < 0)
        return fail(ErrorKind::Git, "'" + tree_id + "' is not a tree id");
    std::vector<TreeItem> out;
    std::vector<std::pair<std::string, git_oid>> pending{{std::string(), oid}};
    while (!pending.empty()) {
        auto [dir, id] = pending.back();
        pending.pop_back();
        git_tree* t = nullptr;
        if (git_tree_lookup(&t, raw(), &id) < 0)
            return fail(ErrorKind::Git, last_error("cannot read the tree of '" + dir + "'"));
        Tree tree(t);
        for (std::size_t i = 0, n = git_tree_entrycount(t); i < n; ++i) {
            const git_tree_entry* e = git_tree_entry_byindex(t, i);
            TreeItem item;
            item.path = dir.empty() ? git_tree_entry_name(e) : dir + "/" + git_tree_entry_name(e);
            item.mode = static_cast<std::uint32_t>(git_tree_entry_filemode(e));
            char hex[GIT_OID_HEXSZ + 1];
            git_oid_tostr(hex, sizeof hex, git_tree_entry_id(e));
            item.oid = hex;
            item.is_tree = git_tree_entry_type(e) == GIT_OBJECT_TREE;
            if (item.is_tree && descend(item.path))
                pending.emplace_back(item.path, *git_tree_entry_id(e));
            out.push_back(std::move(item));
        }
    }
    return out;
}

util::Result<std::string> Repository::read_blob_id(const std::string& oid,
                                                   std::size_t limit) const {
    git_oid id;
    if (oid.size() != GIT_OID_HEXSZ || git_oid_fromstrn(&id, oid.data(), oid.size()) < 0)
        return fail(ErrorKind::Git, "'" + oid + "' is not a blob id");
    TRY_ASSIGN(auto blob, bounded_blob(raw(), &id, oid, limit));
    return std::move(*blob);
}

util::Result<std::vector<std::string>>
Repository::names_on_all_branches(const std::string& dir) const {
    std::set<std::string> names;
    std::set<std::string> seen_trees;
    for (const char* glob : {"refs/heads/*", "refs/remotes/*"}) {
        git_reference_iterator* it = nullptr;
        if (git_reference_iterator_glob_new(&it, raw(), glob) < 0)
            return fail(ErrorKind::Git, last_error("cannot list branches"));
        ReferenceIterator iter(it);
        git_reference* ref = nullptr;
        while (git_reference_next(&ref, it) == 0) {
            Reference owned(ref);
            git_object* obj = nullptr;
            if (git_reference_peel(&obj, ref, GIT_OBJECT_TREE) < 0)
                continue; // a symbolic ref to nothing, or not a commit: nothing to count
            Object tree_obj(obj);
            auto tree =
                subtree(raw(), reinterpret_cast<git_tree*>(obj), dir, git_reference_name(ref));
            if (!tree || !*tree)
                continue;
            char hex[GIT_OID_HEXSZ + 1];
            git_oid_tostr(hex, sizeof hex, git_tree_id(tree->get()));
            if (!seen_trees.insert(hex).second)
                continue;
            std::size_t n = git_tree_entrycount(tree->get());
            for (std::size_t i = 0; i < n; ++i)
                names.insert(git_tree_entry_name(git_tree_entry_byindex(tree->get(), i)));
        }
    }
    return std::vector<std::string>(names.begin(), names.end());
}

namespace {

// Each reference matching `glob` that peels to a commit, as (name, commit id); references
// that peel to no commit (a tag of a tree) are left out. A failure while listing is an
// error, never a shorter list.
util::Result<std::vector<std::pair<std::string, std::string>>>
commit_tips(git_repository* repo, const std::string& glob, const std::string& what) {
    std::vector<std::pair<std::string, std::string>> out;
    git_reference_iterator* it = nullptr;
    if (git_reference_iterator_glob_new(&it, repo, glob.c_str()) < 0)
        return fail(ErrorKind::Git, last_error("cannot list " + what));
    ReferenceIterator iter(it);
    git_reference* ref = nullptr;
    int rc = 0;
    while ((rc = git_reference_next(&ref, it)) == 0) {
        Reference owned(ref);
        git_object* obj = nullptr;
        if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) < 0)
            continue;
        Object commit(obj);
        char hex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(hex, sizeof hex, git_object_id(obj));
        out.emplace_back(git_reference_name(ref), hex);
    }
    if (rc != GIT_ITEROVER)
        return fail(ErrorKind::Git, last_error("cannot list " + what));
    return out;
}

} // namespace

util::Result<std::vector<std::string>>
Repository::remote_tracking_tips(const std::string& remote) const {
    std::string glob = "refs/remotes/" + remote + "/*";
    TRY_ASSIGN(auto tips, commit_tips(raw(), glob, glob));
    std::vector<std::string> out;
    for (auto& [name, commit] : tips)
        out.push_back(std::move(commit));
    return out;
}

util::Result<std::vector<std::pair<std::string, std::string>>> Repository::ref_tips() const {
    return commit_tips(raw(), "refs/*", "the references");
}

util::Result<bool> Repository::append_note(const std::string& notes_ref, const std::string& commit,
                                           const std::string& line) const {
    git_oid target;
    if (git_oid_fromstr(&target, commit.c_str()) < 0)
        return fail(ErrorKind::Git, "not a commit id: " + commit);
    std::string text;
    git_note* existing = nullptr;
    if (git_note_read(&existing, raw(), notes_ref.c_str(), &target) == 0) {
        Note owned(existing);
        text = git_note_message(existing);
    }
    for (std::size_t start = 0; start < text.size();) {
        auto end = text.find('\n', start);
        if (text.substr(start, end == std::string::npos ? end : end - start) == line)
            return false;
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    text += line + "\n";
    // Who writes the note: git's committer identity, so GIT_COMMITTER_NAME/EMAIL override
    // user.name/user.email as they do for git itself (libgit2 1.5 reads only the config).
    git_signature* sig = nullptr;
    const char* env_name = std::getenv("GIT_COMMITTER_NAME");
    const char* env_email = std::getenv("GIT_COMMITTER_EMAIL");
    if (env_name && *env_name && env_email && *env_email) {
        if (git_signature_now(&sig, env_name, env_email) < 0)
            return fail(ErrorKind::Git, last_error("invalid GIT_COMMITTER_NAME/EMAIL"));
    } else if (git_signature_default(&sig, raw()) < 0) {
        return fail(ErrorKind::Git,
                    last_error("cannot tell who you are (set user.name and user.email)"));
    }
    Signature owned_sig(sig);
    git_oid note_id;
    if (git_note_create(&note_id, raw(), notes_ref.c_str(), sig, sig, &target, text.c_str(), 1) < 0)
        return fail(ErrorKind::Git, last_error("cannot write the note"));
    return true;
}

std::filesystem::path Repository::hooks_dir() const {
    if (auto configured = config_string("core.hooksPath"); configured && !configured->empty()) {
        std::filesystem::path p = *configured;
        if (configured->rfind("~/", 0) == 0)
            if (const char* home = std::getenv("HOME"))
                p = std::filesystem::path(home) / configured->substr(2);
        if (p.is_relative())
            p = (is_bare() ? git_dir() : workdir()) / p;
        return p.lexically_normal();
    }
    return (common_dir() / "hooks").lexically_normal();
}

bool Repository::ignore_case() const {
    git_config* cfg = nullptr;
    if (git_repository_config_snapshot(&cfg, raw()) < 0)
        return false;
    Config config(cfg);
    int value = 0;
    return git_config_get_bool(&value, cfg, "core.ignorecase") == 0 && value != 0;
}

std::optional<std::string> Repository::config_string(const std::string& key) const {
    git_config* cfg = nullptr;
    if (git_repository_config_snapshot(&cfg, raw()) < 0)
        return std::nullopt;
    Config config(cfg);
    const char* value = nullptr;
    if (git_config_get_string(&value, cfg, key.c_str()) < 0)
        return std::nullopt;
    return std::string(value);
}

std::optional<Repository::ConfigScope> Repository::config_scope(const std::string& key) const {
    git_config* cfg = nullptr;
    if (git_repository_config_snapshot(&cfg, raw()) < 0)
        return std::nullopt;
    Config config(cfg);
    git_config_entry* entry = nullptr;
    if (git_config_get_entry(&entry, cfg, key.c_str()) < 0)
        return std::nullopt;
    auto level = entry->level;
    git_config_entry_free(entry);
    if (level >= GIT_CONFIG_LEVEL_LOCAL)
        return ConfigScope::Repository;
    if (level >= GIT_CONFIG_LEVEL_XDG)
        return ConfigScope::Global;
    return ConfigScope::System;
}

namespace {
util::Result<Config> local_config(git_repository* repo) {
    git_config* cfg = nullptr;
    if (git_repository_config(&cfg, repo) < 0)
        return fail(ErrorKind::Git, last_error("cannot read the configuration"));
    Config all(cfg);
    git_config* local = nullptr;
    if (git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0)
        return fail(ErrorKind::Git, last_error("cannot open the repository's configuration"));
    return Config(local);
}
} // namespace

util::Result<bool> Repository::add_config_value(const std::string& key,
                                                const std::string& value) const {
    TRY_ASSIGN(auto cfg, local_config(raw()));
    bool present = false;
    git_config_iterator* it = nullptr;
    if (git_config_multivar_iterator_new(&it, cfg.get(), key.c_str(), nullptr) == 0) {
        git_config_entry* entry = nullptr;
        while (git_config_next(&entry, it) == 0)
            present = present || value == entry->value;
        git_config_iterator_free(it);
    }
    if (present)
        return false;
    // "^$" matches no existing value, so libgit2 appends a new one.
    if (git_config_set_multivar(cfg.get(), key.c_str(), "^$", value.c_str()) < 0)
        return fail(ErrorKind::Git, last_error("cannot set " + key));
    return true;
}

util::Result<void> Repository::set_config(const std::string& key, const std::string& value) const {
    TRY_ASSIGN(auto cfg, local_config(raw()));
    if (git_config_set_string(cfg.get(), key.c_str(), value.c_str()) < 0)
        return fail(ErrorKind::Git, last_error("cannot set " + key));
    return {};
}

bool Repository::has_remote(const std::string& name) const {
    git_remote* remote = nullptr;
    if (git_remote_lookup(&remote, raw(), name.c_str()) < 0)
        return false;
    git_remote_free(remote);
    return true;
}

} // namespace decision::git
