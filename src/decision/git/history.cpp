#include "decision/git/history.hpp"

#include "decision/git/handle.hpp"
#include "decision/util/date.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <queue>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace decision::git {

using util::ErrorKind;
using util::fail;

namespace {

std::string hex(const git_oid* oid) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, oid);
    return buf;
}

Identity identity(const git_signature* s) {
    if (!s)
        return {};
    return {s->name ? s->name : "", s->email ? s->email : "",
            static_cast<std::int64_t>(s->when.time), s->when.offset};
}

// The commits listed in .git/shallow, where a shallow clone's history ends.
std::vector<std::string> shallow_boundary(const Repository& repo) {
    std::vector<std::string> out;
    std::ifstream in(repo.common_dir() / "shallow");
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(line);
    return out;
}

util::Error shallow_error(const Repository& repo, const std::string& last_seen) {
    auto boundary = shallow_boundary(repo);
    std::string msg = "the history ends early: this is a shallow clone";
    // Name the boundary commit the walk reached when it is one; otherwise every boundary
    // commit (a clone with --no-single-branch has one per branch), so none is singled out
    // arbitrarily.
    bool reached = std::find(boundary.begin(), boundary.end(), last_seen) != boundary.end();
    if (reached) {
        msg += " whose history stops at " + util::short_id(last_seen) + ", inside the range";
    } else if (!boundary.empty()) {
        msg += " whose history stops at ";
        for (std::size_t i = 0; i < boundary.size() && i < 3; ++i)
            msg += (i ? ", " : "") + util::short_id(boundary[i]);
        if (boundary.size() > 3)
            msg += " and " + std::to_string(boundary.size() - 3) + " more";
    }
    if (!last_seen.empty() && !reached)
        msg += ", and the parents of " + util::short_id(last_seen) + " are missing";
    msg += "; fetch the full history with 'git fetch --unshallow' (in GitHub Actions: "
           "actions/checkout with "
           "fetch-depth: 0)";
    return {ErrorKind::Git, msg};
}

util::Result<Commit> lookup(git_repository* repo, const std::string& rev) {
    if (Commit by_id = commit_by_full_id(repo, rev))
        return by_id;
    git_object* obj = nullptr;
    if (git_revparse_single(&obj, repo, rev.c_str()) < 0)
        return fail(ErrorKind::Git, "unknown revision '" + rev + "'");
    Object owned(obj);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
        return fail(ErrorKind::Git, "'" + rev + "' does not name a commit");
    return Commit(reinterpret_cast<git_commit*>(peeled));
}

CommitInfo info_of(const git_commit* c, bool read_signature = true) {
    CommitInfo info;
    info.id = hex(git_commit_id(c));
    info.tree = hex(git_commit_tree_id(c));
    unsigned n = git_commit_parentcount(c);
    for (unsigned i = 0; i < n; ++i)
        info.parents.push_back(hex(git_commit_parent_id(c, i)));
    info.author = identity(git_commit_author(c));
    info.committer = identity(git_commit_committer(c));
    const char* raw = git_commit_message_raw(c);
    if (raw) {
        std::size_t len = std::strlen(raw);
        info.message.assign(raw, std::min(len, k_max_message_bytes));
    }
    if (read_signature) {
        Buf sig;
        info.signed_commit = git_commit_header_field(&sig.buf, c, "gpgsig") == 0;
    }
    return info;
}

// Compares two trees entry by entry. A subtree that cannot be read is an error (the
// first one is kept in `error`), never "nothing changed": a gate fails closed.
struct TreeDiff {
    git_repository* repo;
    const DescendFilter& descend;
    std::vector<Change>& out;
    std::optional<util::Error> error;

    void file(const std::string& path, Change::Kind kind) { out.push_back({path, kind}); }

    // All blobs under `tree` as added or deleted.
    void whole(const git_tree* tree, const std::string& prefix, Change::Kind kind) {
        std::size_t n = git_tree_entrycount(tree);
        for (std::size_t i = 0; i < n && !error; ++i) {
            const git_tree_entry* e = git_tree_entry_byindex(tree, i);
            std::string path = prefix + git_tree_entry_name(e);
            if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
                if (descend && !descend(path))
                    continue;
                if (Tree sub = subtree(e, path))
                    whole(sub.get(), path + "/", kind);
            } else {
                file(path, kind);
            }
        }
    }

    void compare(const git_tree* a, const git_tree* b, const std::string& prefix) {
        if (error || (!a && !b))
            return;
        if (!a)
            return whole(b, prefix, Change::Kind::Added);
        if (!b)
            return whole(a, prefix, Change::Kind::Deleted);
        std::size_t na = git_tree_entrycount(a), nb = git_tree_entrycount(b);
        // Entries in both trees: compare ids, descend where they differ. Usually both trees
        // hold the same names, so each entry is first looked for at its own position.
        bool same_names = na == nb;
        for (std::size_t i = 0; i < na && !error; ++i) {
            const git_tree_entry* ea = git_tree_entry_byindex(a, i);
            const git_tree_entry* eb = i < nb ? git_tree_entry_byindex(b, i) : nullptr;
            if (!eb || std::strcmp(git_tree_entry_name(ea), git_tree_entry_name(eb)) != 0) {
                same_names = false;
                eb = git_tree_entry_byname(b, git_tree_entry_name(ea));
            }
            std::string path = prefix + git_tree_entry_name(ea);
            bool a_tree = git_tree_entry_type(ea) == GIT_OBJECT_TREE;
            if (!eb) {
                entry_gone(ea, path, a_tree, Change::Kind::Deleted);
                continue;
            }
            bool b_tree = git_tree_entry_type(eb) == GIT_OBJECT_TREE;
            if (git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
                git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb))
                continue;
            if (a_tree && b_tree) {
                if (descend && !descend(path))
                    continue;
                Tree ta = subtree(ea, path), tb = subtree(eb, path);
                if (ta && tb)
                    compare(ta.get(), tb.get(), path + "/");
            } else if (!a_tree && !b_tree) {
                file(path, Change::Kind::Modified);
            } else {
                entry_gone(ea, path, a_tree, Change::Kind::Deleted);
                entry_gone(eb, path, b_tree, Change::Kind::Added);
            }
        }
        for (std::size_t i = 0; i < nb && !same_names && !error; ++i) {
            const git_tree_entry* eb = git_tree_entry_byindex(b, i);
            if (git_tree_entry_byname(a, git_tree_entry_name(eb)))
                continue;
            std::string path = prefix + git_tree_entry_name(eb);
            entry_gone(eb, path, git_tree_entry_type(eb) == GIT_OBJECT_TREE, Change::Kind::Added);
        }
    }

    void entry_gone(const git_tree_entry* e, const std::string& path, bool is_tree,
                    Change::Kind kind) {
        if (!is_tree)
            return file(path, kind);
        if (descend && !descend(path))
            return;
        if (Tree t = subtree(e, path))
            whole(t.get(), path + "/", kind);
    }

    // The subtree `e` names; null (and `error` set) when it cannot be read.
    Tree subtree(const git_tree_entry* e, const std::string& path) {
        git_tree* t = nullptr;
        if (git_tree_lookup(&t, repo, git_tree_entry_id(e)) < 0) {
            if (!error)
                error =
                    util::Error{ErrorKind::Git, last_error("cannot read the tree '" + path + "' (" +
                                                           hex(git_tree_entry_id(e)) + ")")};
            return Tree();
        }
        return Tree(t);
    }
};

} // namespace

namespace {

// git log's own walk: a queue by commit date, newest first, ties in the order commits were
// queued, parents queued in order when first seen. Each commit is read once (libgit2's
// revwalk reads every commit twice: once to sort it, once more for git_commit_lookup).
struct OidHash {
    std::size_t operator()(const git_oid& oid) const noexcept {
        std::size_t h;
        std::memcpy(&h, oid.id, sizeof h); // object ids are uniformly distributed already
        return h;
    }
};
struct OidEqual {
    bool operator()(const git_oid& a, const git_oid& b) const noexcept {
        return git_oid_equal(&a, &b) != 0;
    }
};

// A commit the walk has met. Commits reachable from a hidden one are "uninteresting", as in
// git's revision walk: they are read only to pass that mark on to their parents.
struct Node {
    git_commit* commit = nullptr; // owned while queued
    bool uninteresting = false;
    bool popped = false;
    std::vector<git_oid> parents; // once popped
};

struct Queued {
    std::int64_t time;
    std::uint64_t order;
    Node* node;
};
struct NewestFirst {
    bool operator()(const Queued& a, const Queued& b) const {
        return a.time != b.time ? a.time < b.time : a.order > b.order;
    }
};

// How many uninteresting commits the walk still reads once no interesting one is queued,
// for commit dates that lie (git's SLOP in revision.c).
constexpr int k_slop = 5;

using Take = std::function<util::Result<bool>(CommitInfo&&)>;

// One walk over a set of ranges: the tips and hidden commits queued, then commits popped
// newest first until `take` says stop or nothing interesting is left. Owns what is queued.
class RevisionWalk {
public:
    RevisionWalk(const Repository& repo, bool first_parent, bool read_signatures)
        : m_repo(repo), m_first_parent(first_parent), m_read_signatures(read_signatures) {
        read_boundary();
    }
    RevisionWalk(const RevisionWalk&) = delete;
    RevisionWalk& operator=(const RevisionWalk&) = delete;
    ~RevisionWalk() {
        while (!m_queue.empty()) { // free what an early stop left queued
            git_commit_free(std::exchange(m_queue.top().node->commit, nullptr));
            m_queue.pop();
        }
    }

    // Queues the commits `ranges` name: "A..B", "^A" hide, "B" shows.
    util::Result<void> start(const std::vector<std::string>& ranges);
    // Hands the commits to `take`, in git log's default order.
    util::Result<void> run(const Take& take);

private:
    // Shallow clones: git treats the commits in .git/shallow as roots (libgit2 1.5 does
    // not, and fails on their missing parents).
    void read_boundary() {
        if (!m_repo.is_shallow())
            return;
        for (const auto& id : shallow_boundary(m_repo)) {
            git_oid oid;
            if (git_oid_fromstr(&oid, id.c_str()) == 0)
                m_boundary.insert(oid);
        }
    }
    void hide(Node& start);
    void enqueue(Commit c, bool uninteresting);
    // Reads one popped commit: shows it (or keeps it until the limited walk ends) and queues
    // its parents. False: `take` asked to stop.
    util::Result<bool> step(Node& n, git_commit* commit, const Take& take);
    util::Error missing(const git_oid* oid) const {
        if (m_repo.is_shallow())
            return shallow_error(m_repo, m_last);
        return {ErrorKind::Git, last_error("cannot read commit " + hex(oid))};
    }

    const Repository& m_repo;
    const bool m_first_parent;
    const bool m_read_signatures;
    std::unordered_set<git_oid, OidHash, OidEqual> m_boundary;
    std::unordered_map<git_oid, Node, OidHash, OidEqual> m_nodes;
    std::priority_queue<Queued, std::vector<Queued>, NewestFirst> m_queue;
    std::uint64_t m_order = 0;
    std::size_t m_interesting_queued = 0;
    // Without hidden commits every commit popped is shown at once (and the walk can stop
    // early); with them, what is shown is known only when no interesting commit is left.
    bool m_limited = false;
    std::vector<std::pair<CommitInfo, const Node*>> m_shown;
    std::string m_last; // the last commit shown, for the shallow-clone error
};

util::Result<void> RevisionWalk::start(const std::vector<std::string>& ranges) {
    std::vector<Commit> tips, hidden;
    for (const auto& range : ranges) {
        if (range.find("...") != std::string::npos)
            return fail(ErrorKind::Usage, "symmetric ranges (A...B) are not supported; use A..B");
        if (auto dots = range.find(".."); dots != std::string::npos) {
            std::string from = range.substr(0, dots), to = range.substr(dots + 2);
            TRY_ASSIGN(auto a, lookup(m_repo.raw(), from.empty() ? "HEAD" : from));
            TRY_ASSIGN(auto b, lookup(m_repo.raw(), to.empty() ? "HEAD" : to));
            hidden.push_back(std::move(a));
            tips.push_back(std::move(b));
        } else if (!range.empty() && range[0] == '^') {
            TRY_ASSIGN(auto a, lookup(m_repo.raw(), range.substr(1)));
            hidden.push_back(std::move(a));
        } else {
            TRY_ASSIGN(auto b, lookup(m_repo.raw(), range));
            tips.push_back(std::move(b));
        }
    }
    m_limited = !hidden.empty();
    for (auto& h : hidden)
        enqueue(std::move(h), true);
    for (auto& t : tips)
        enqueue(std::move(t), false);
    return {};
}

// Marks `start` and, once read, its ancestors uninteresting (git's
// mark_parents_uninteresting): a hidden commit met late hides what was met early.
void RevisionWalk::hide(Node& start) {
    std::vector<Node*> stack{&start};
    while (!stack.empty()) {
        Node* n = stack.back();
        stack.pop_back();
        if (n->uninteresting)
            continue;
        n->uninteresting = true;
        if (!n->popped) {
            --m_interesting_queued;
            continue;
        }
        for (const auto& p : n->parents)
            if (auto it = m_nodes.find(p); it != m_nodes.end())
                stack.push_back(&it->second);
    }
}

void RevisionWalk::enqueue(Commit c, bool uninteresting) {
    auto [it, fresh] = m_nodes.try_emplace(*git_commit_id(c.get()));
    Node& n = it->second;
    if (!fresh) {
        if (uninteresting)
            hide(n);
        return;
    }
    n.uninteresting = uninteresting;
    n.commit = c.release();
    m_interesting_queued += uninteresting ? 0 : 1;
    m_queue.push({static_cast<std::int64_t>(git_commit_time(n.commit)), m_order++, &n});
}

util::Result<bool> RevisionWalk::step(Node& n, git_commit* commit, const Take& take) {
    n.popped = true;
    if (!n.uninteresting)
        --m_interesting_queued;
    unsigned count = git_commit_parentcount(commit);
    if (m_first_parent && !n.uninteresting)
        count = std::min(1u, count);
    if (count > 0 && m_boundary.count(*git_commit_id(commit))) {
        // The clone's history ends here. A whole history (git log) just stops; a range
        // that reaches it may go on beyond what the clone has: say so.
        if (m_limited && !n.uninteresting)
            return tl::unexpected(shallow_error(m_repo, hex(git_commit_id(commit))));
        count = 0;
    }
    if (!n.uninteresting) {
        CommitInfo info = info_of(commit, m_read_signatures);
        m_last = info.id;
        if (m_limited) {
            m_shown.emplace_back(std::move(info), &n);
        } else {
            TRY_ASSIGN(bool more, take(std::move(info)));
            if (!more)
                return false;
        }
    }
    for (unsigned i = 0; i < count; ++i) {
        if (m_limited) // only hide() follows them
            n.parents.push_back(*git_commit_parent_id(commit, i));
        git_commit* parent = nullptr;
        if (git_commit_parent(&parent, commit, i) < 0)
            return tl::unexpected(missing(git_commit_parent_id(commit, i)));
        enqueue(Commit(parent), n.uninteresting);
    }
    return true;
}

util::Result<void> RevisionWalk::run(const Take& take) {
    int slop = k_slop;
    while (!m_queue.empty()) {
        Node& n = *m_queue.top().node;
        m_queue.pop();
        Commit commit(std::exchange(n.commit, nullptr));
        TRY_ASSIGN(bool more, step(n, commit.get(), take));
        if (!more)
            break;
        if (m_limited && m_interesting_queued == 0 && --slop == 0)
            break;
        if (m_interesting_queued > 0)
            slop = k_slop;
    }
    for (auto& [info, node] : m_shown) {
        if (node->uninteresting)
            continue;
        TRY_ASSIGN(bool more, take(std::move(info)));
        if (!more)
            break;
    }
    return {};
}

} // namespace

util::Result<void> History::walk(const std::vector<std::string>& ranges,
                                 const std::function<util::Result<bool>(const CommitInfo&)>& each,
                                 bool first_parent, bool read_signatures) const {
    return walk_into(
        ranges, [&](CommitInfo&& c) { return each(c); }, first_parent, read_signatures);
}

util::Result<void> History::walk_into(const std::vector<std::string>& ranges,
                                      const std::function<util::Result<bool>(CommitInfo&&)>& take,
                                      bool first_parent, bool read_signatures) const {
    RevisionWalk walk(m_repo, first_parent, read_signatures);
    TRY(walk.start(ranges));
    return walk.run(take);
}

util::Result<std::vector<CommitInfo>>
History::oldest_first(const std::vector<std::string>& ranges) const {
    std::vector<CommitInfo> commits;
    TRY(walk_into(
        ranges,
        [&](CommitInfo&& c) {
            commits.push_back(std::move(c));
            return true;
        },
        false, true));
    std::reverse(commits.begin(), commits.end());
    return commits;
}

util::Result<CommitInfo> History::commit(const std::string& rev) const {
    TRY_ASSIGN(auto c, lookup(m_repo.raw(), rev));
    return info_of(c.get());
}

util::Result<CommitInfo> History::last_on_or_before(std::chrono::year_month_day day) const {
    using namespace std::chrono;
    auto committed = [](const Identity& who) {
        return year_month_day{floor<days>(
            sys_seconds{seconds{who.time + static_cast<std::int64_t>(who.offset) * 60}})};
    };
    TRY_ASSIGN(CommitInfo c, commit("HEAD"));
    while (committed(c.committer) > day) {
        if (c.parents.empty())
            return fail(ErrorKind::Git,
                        "no commit on HEAD's first-parent line was made on or before " +
                            util::format_date(day) + "; the history starts later");
        TRY_ASSIGN(c, commit(c.parents.front()));
    }
    return c;
}

util::Result<std::vector<Change>> History::changes(const std::string& parent,
                                                   const std::string& commit,
                                                   const DescendFilter& descend) const {
    TRY_ASSIGN(auto tb, root_tree(m_repo.raw(), commit));
    Tree ta;
    if (!parent.empty()) {
        auto p = root_tree(m_repo.raw(), parent);
        if (!p) {
            if (m_repo.is_shallow())
                return tl::unexpected(shallow_error(m_repo, commit));
            return tl::unexpected(p.error());
        }
        ta = std::move(*p);
    }
    std::vector<Change> out;
    TreeDiff diff{m_repo.raw(), descend, out, std::nullopt};
    diff.compare(ta.get(), tb.get(), "");
    if (diff.error)
        return tl::unexpected(std::move(*diff.error));
    return out;
}

namespace {

// The changes of `lists[0]` whose paths every other list holds too.
std::vector<Change> common_changes(std::vector<std::vector<Change>> lists) {
    if (lists.empty())
        return {};
    std::vector<Change> out = std::move(lists.front());
    for (std::size_t i = 1; i < lists.size(); ++i) {
        std::unordered_set<std::string> in_list;
        for (const auto& c : lists[i])
            in_list.insert(c.path);
        std::erase_if(out, [&](const Change& c) { return !in_list.count(c.path); });
    }
    return out;
}

} // namespace

util::Result<std::vector<Change>> History::changes_from_all(const std::vector<std::string>& parents,
                                                            const std::string& commit,
                                                            const DescendFilter& descend) const {
    if (parents.size() <= 1)
        return changes(parents.empty() ? "" : parents.front(), commit, descend);
    std::vector<std::vector<Change>> lists;
    for (const auto& p : parents) {
        TRY_ASSIGN(auto c, changes(p, commit, descend));
        lists.push_back(std::move(c));
    }
    return common_changes(std::move(lists));
}

util::Result<std::vector<Change>> History::staged_changes(const DescendFilter& descend) const {
    return staged_changes_from(m_repo.has_commits() ? "HEAD" : "", descend);
}

util::Result<std::vector<Change>>
History::staged_changes_from_all(const std::vector<std::string>& parents,
                                 const DescendFilter& descend) const {
    if (parents.size() <= 1)
        return staged_changes_from(parents.empty() ? "" : parents.front(), descend);
    std::vector<std::vector<Change>> lists;
    for (const auto& p : parents) {
        TRY_ASSIGN(auto c, staged_changes_from(p, descend));
        lists.push_back(std::move(c));
    }
    return common_changes(std::move(lists));
}

util::Result<std::vector<Change>> History::staged_changes_from(const std::string& base,
                                                               const DescendFilter& descend) const {
    TRY_ASSIGN(auto opened, m_repo.index_or_null());
    git_index* idx = opened;
    if (!idx) {
        // An index libgit2 does not read (split, sparse): compare the tree git would commit.
        TRY_ASSIGN(auto staged, m_repo.staged_tree());
        auto out = changes(base, staged, descend);
        if (out)
            std::sort(out->begin(), out->end(),
                      [](const Change& a, const Change& b) { return a.path < b.path; });
        return out;
    }
    Index index(idx);
    Tree head;
    if (!base.empty()) {
        TRY_ASSIGN(auto c, lookup(m_repo.raw(), base));
        git_tree* t = nullptr;
        if (git_commit_tree(&t, c.get()) < 0)
            return fail(ErrorKind::Git, last_error("cannot read the tree of " + base));
        head.reset(t);
    }
    auto parent_allowed = [&](std::string_view path) {
        if (!descend)
            return true;
        auto slash = path.rfind('/');
        return descend(slash == std::string_view::npos ? std::string()
                                                       : std::string(path.substr(0, slash)));
    };
    // HEAD's files under the allowed folders, by path, read once: looking each index
    // entry up in the tree would re-read large trees once per entry.
    std::map<std::string, std::pair<git_oid, std::uint32_t>, std::less<>> in_head;
    std::function<util::Result<void>(const git_tree*, const std::string&)> collect =
        [&](const git_tree* tree, const std::string& prefix) -> util::Result<void> {
        std::size_t count = git_tree_entrycount(tree);
        for (std::size_t i = 0; i < count; ++i) {
            const git_tree_entry* e = git_tree_entry_byindex(tree, i);
            std::string path = prefix + git_tree_entry_name(e);
            if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
                if (descend && !descend(path))
                    continue;
                git_tree* sub = nullptr;
                if (git_tree_lookup(&sub, m_repo.raw(), git_tree_entry_id(e)) < 0)
                    return fail(ErrorKind::Git,
                                last_error("cannot read HEAD's tree '" + path + "'"));
                Tree owned(sub);
                TRY(collect(sub, path + "/"));
            } else {
                in_head.emplace(std::move(path),
                                std::pair{*git_tree_entry_id(e),
                                          static_cast<std::uint32_t>(git_tree_entry_filemode(e))});
            }
        }
        return {};
    };
    if (head)
        TRY(collect(head.get(), ""));

    std::vector<Change> out;
    std::size_t n = git_index_entrycount(idx);
    std::string last_conflict;
    for (std::size_t i = 0; i < n; ++i) {
        const git_index_entry* e = git_index_get_byindex(idx, i);
        std::string_view path(e->path);
        if (!parent_allowed(path) || is_intent_to_add(e)) // `git add -N`: not committed
            continue;
        if (git_index_entry_stage(e) != 0) {
            if (last_conflict != path)
                out.push_back({std::string(path), Change::Kind::Modified});
            last_conflict = path;
            in_head.erase(std::string(path));
            continue;
        }
        auto it = in_head.find(path);
        if (it == in_head.end()) {
            out.push_back({std::string(path), Change::Kind::Added});
            continue;
        }
        if (!git_oid_equal(&it->second.first, &e->id) || it->second.second != e->mode)
            out.push_back({std::string(path), Change::Kind::Modified});
        in_head.erase(it);
    }
    for (auto& [path, entry] : in_head) // what the index no longer has
        out.push_back({path, Change::Kind::Deleted});
    std::sort(out.begin(), out.end(),
              [](const Change& a, const Change& b) { return a.path < b.path; });
    return out;
}

util::Result<std::map<std::string, std::string>>
History::notes(const std::string& notes_ref) const {
    std::map<std::string, std::string> out;
    git_oid ref_oid;
    if (git_reference_name_to_id(&ref_oid, m_repo.raw(), notes_ref.c_str()) < 0)
        return out; // no notes yet
    struct Payload {
        git_repository* repo;
        std::map<std::string, std::string>* out;
    } payload{m_repo.raw(), &out};
    int rc = git_note_foreach(
        m_repo.raw(), notes_ref.c_str(),
        [](const git_oid* blob_id, const git_oid* annotated, void* p) -> int {
            auto* pl = static_cast<Payload*>(p);
            git_blob* b = nullptr;
            if (git_blob_lookup(&b, pl->repo, blob_id) < 0)
                return 0;
            Blob blob(b);
            auto size =
                std::min<std::size_t>(static_cast<std::size_t>(git_blob_rawsize(b)), 1 << 20);
            (*pl->out)[hex(annotated)] =
                std::string(static_cast<const char*>(git_blob_rawcontent(b)), size);
            return 0;
        },
        &payload);
    if (rc < 0)
        return fail(ErrorKind::Git, last_error("cannot read " + notes_ref));
    return out;
}

util::Result<std::string> History::merge_base(const std::string& a, const std::string& b) const {
    TRY_ASSIGN(auto ca, lookup(m_repo.raw(), a));
    TRY_ASSIGN(auto cb, lookup(m_repo.raw(), b));
    if (m_repo.is_shallow()) {
        // In a shallow clone git treats the boundary commits as roots. libgit2 1.5 does not
        // know about them (and leaks on the error it then hits), so this walks both
        // histories down to the boundary and takes the common ancestor with the newest
        // committer date. That is git's answer unless commit dates lie: git keeps only
        // common ancestors that are not ancestors of another (paint_down_to_common) and
        // names the newest of those; an older-dated best one is missed here.
        auto boundary = shallow_boundary(m_repo);
        std::unordered_set<std::string> stop(boundary.begin(), boundary.end());
        auto ancestors = [&](git_commit* start,
                             const std::function<bool(const std::string&)>& visit) {
            std::vector<Commit> stack;
            std::unordered_set<std::string> seen;
            git_commit* copy = nullptr;
            git_commit_dup(&copy, start);
            stack.emplace_back(copy);
            while (!stack.empty()) {
                Commit c = std::move(stack.back());
                stack.pop_back();
                std::string id = hex(git_commit_id(c.get()));
                if (!seen.insert(id).second)
                    continue;
                if (!visit(id))
                    return;
                if (stop.count(id))
                    continue;
                for (unsigned i = 0; i < git_commit_parentcount(c.get()); ++i) {
                    git_commit* p = nullptr;
                    if (git_commit_parent(&p, c.get(), i) == 0)
                        stack.emplace_back(p);
                }
            }
        };
        std::unordered_set<std::string> of_a;
        ancestors(ca.get(), [&](const std::string& id) {
            of_a.insert(id);
            return true;
        });
        std::string best;
        std::int64_t best_time = 0;
        ancestors(cb.get(), [&](const std::string& id) {
            if (!of_a.count(id))
                return true;
            git_oid oid;
            git_commit* c = nullptr;
            if (git_oid_fromstr(&oid, id.c_str()) == 0 &&
                git_commit_lookup(&c, m_repo.raw(), &oid) == 0) {
                Commit owned(c);
                if (best.empty() || git_commit_time(c) > best_time) {
                    best = id;
                    best_time = git_commit_time(c);
                }
            }
            return true;
        });
        if (best.empty())
            return tl::unexpected(shallow_error(m_repo, hex(git_commit_id(cb.get()))));
        return best;
    }
    git_oid out;
    int rc = git_merge_base(&out, m_repo.raw(), git_commit_id(ca.get()), git_commit_id(cb.get()));
    if (rc == 0)
        return hex(&out);
    if (m_repo.is_shallow())
        return tl::unexpected(shallow_error(m_repo, hex(git_commit_id(cb.get()))));
    if (rc == GIT_ENOTFOUND)
        return fail(ErrorKind::Git, "'" + a + "' and '" + b + "' have no common history");
    return fail(ErrorKind::Git, last_error("cannot find the merge base of " + a + " and " + b));
}

bool History::is_ancestor(const std::string& ancestor, const std::string& descendant) const {
    if (ancestor == descendant)
        return true;
    git_oid a, d;
    if (git_oid_fromstr(&a, ancestor.c_str()) < 0 || git_oid_fromstr(&d, descendant.c_str()) < 0)
        return false;
    return git_graph_descendant_of(m_repo.raw(), &d, &a) == 1;
}

util::Result<std::optional<std::pair<std::string, std::string>>>
History::blob_at(const std::string& commit, const std::string& path, std::size_t limit) const {
    using Out = std::optional<std::pair<std::string, std::string>>;
    TRY_ASSIGN(auto c, lookup(m_repo.raw(), commit));
    git_tree* t = nullptr;
    if (git_commit_tree(&t, c.get()) < 0)
        return fail(ErrorKind::Git, last_error("cannot read the tree of " + commit));
    Tree tree(t);
    TRY_ASSIGN(auto found, entry_at(m_repo.raw(), t, path));
    if (!found)
        return Out();
    const git_tree_entry* e = found.get();
    if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
        return Out();
    git_blob* b = nullptr;
    if (git_blob_lookup(&b, m_repo.raw(), git_tree_entry_id(e)) < 0)
        return fail(ErrorKind::Git, last_error("cannot read " + path));
    Blob blob(b);
    auto size = std::min<std::size_t>(static_cast<std::size_t>(git_blob_rawsize(b)), limit);
    return Out(std::pair{hex(git_tree_entry_id(e)),
                         std::string(static_cast<const char*>(git_blob_rawcontent(b)), size)});
}

} // namespace decision::git
