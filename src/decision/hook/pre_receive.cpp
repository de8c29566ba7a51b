// The server-side hook (docs/design.md, "The gate"; docs/server.md): the same check
// as pre-push, on what a push adds, with a policy the pusher cannot change in that push.

#include "decision/check/commit_check.hpp"
#include "decision/git/history.hpp"
#include "decision/hook/hooks.hpp"
#include "decision/policy/policy.hpp"
#include "decision/report/coverage_view.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fnmatch.h>
#include <istream>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>

namespace decision::hook {

using util::ErrorKind;
using util::fail;

namespace {

// The longest input line we accept: two 64-hex ids and a ref name git bounds far below this.
constexpr std::size_t k_max_line = 4096;

bool is_hex_id(const std::string& s) {
    return (s.size() == 40 || s.size() == 64) &&
           s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool is_zero_id(const std::string& s) {
    return is_hex_id(s) && s.find_first_not_of('0') == std::string::npos;
}

// Whether `[enforce] refs` covers `ref`. Globs are fnmatch(3) patterns without
// FNM_PATHNAME, as in git's refspecs: `*` also spans '/', so the default `refs/heads/*`
// enforces `refs/heads/feature/x` too. Erring towards enforcing more is the safe side.
bool enforced(const policy::Policy& pol, const std::string& ref) {
    return std::any_of(
        pol.enforced_refs.begin(), pol.enforced_refs.end(),
        [&](const std::string& glob) { return fnmatch(glob.c_str(), ref.c_str(), 0) == 0; });
}

// Prints rejection text line by line, each line behind `GL-HOOK-ERR: ` under GitLab
// (GL_ID set), which shows only lines so marked in its UI.
class Rejection {
public:
    explicit Rejection(std::ostream& err) : m_err(err) {
        const char* gl_id = std::getenv("GL_ID");
        if (gl_id && *gl_id)
            m_prefix = "GL-HOOK-ERR: ";
    }
    // `text` must already be sanitized; it may hold several lines.
    void print(const std::string& text) {
        std::istringstream lines(text);
        std::string line;
        while (std::getline(lines, line))
            m_err << m_prefix << line << "\n";
    }

private:
    std::ostream& m_err;
    std::string m_prefix;
};

// A parsed policy, or nothing when there is none; an invalid one is a Check error whose
// message lists the file:line:col errors.
util::Result<std::optional<policy::Policy>>
parse_policy(const std::string& text, const std::string& path, const std::string& where) {
    auto parsed = policy::parse(text, path);
    if (util::has_errors(parsed.diagnostics)) {
        std::string msg = "git-decision: " + where + " is invalid; push rejected:";
        for (const auto& d : parsed.diagnostics)
            if (d.severity == util::Severity::Error)
                msg += "\n  " + util::sanitize(util::format(d));
        return fail(ErrorKind::Check, msg);
    }
    return std::optional<policy::Policy>(std::move(parsed.policy));
}

// The server policy file given with --policy.
util::Result<policy::Policy> file_policy(const std::string& policy_file) {
    auto text = util::read_file(policy_file, util::k_max_record_bytes);
    if (!text)
        return fail(ErrorKind::Git, "cannot read the server policy: " + text.error().message);
    TRY_ASSIGN(auto parsed, parse_policy(*text, policy_file, "the server policy " + policy_file));
    return std::move(*parsed);
}

// The default branch as it is before the push: the commit of `decision.policyRef` when the
// server sets it, else of HEAD's branch, else of refs/heads/main, else of refs/heads/master.
// `name` says which; nullopt when none of them exists yet.
std::optional<std::string> default_branch(const git::Repository& repo, std::string& name) {
    if (auto configured = repo.config_string("decision.policyRef")) {
        name = *configured;
        auto commit = repo.resolve_commit(*configured);
        return commit ? std::optional<std::string>(*commit) : std::nullopt;
    }
    for (const char* ref : {"HEAD", "refs/heads/main", "refs/heads/master"}) {
        if (auto commit = repo.resolve_commit(ref)) {
            name = ref;
            return *commit;
        }
    }
    name = "HEAD";
    return std::nullopt;
}

// The policy of the default branch (see default_branch()), or nothing when it has none.
util::Result<std::optional<policy::Policy>> default_branch_policy(const git::Repository& repo,
                                                                  std::string& name) {
    auto tip = default_branch(repo, name);
    if (!tip)
        return std::optional<policy::Policy>();
    TRY_ASSIGN(auto text, repo.read_file_at(*tip, policy::k_policy_path, util::k_max_record_bytes));
    if (!text)
        return std::optional<policy::Policy>();
    return parse_policy(*text, policy::k_policy_path,
                        "the policy on the default branch (" + util::short_id(*tip) + ")");
}

} // namespace

util::Result<std::optional<RefUpdate>> parse_ref_update(std::string_view line) {
    if (line.size() > k_max_line)
        return fail(ErrorKind::Git, "an input line is too long");
    auto parts = util::split(util::trim(line), ' ');
    if (parts.size() == 1 && parts[0].empty())
        return std::optional<RefUpdate>();
    if (parts.size() != 3 || !is_hex_id(parts[0]) || !is_hex_id(parts[1]))
        return fail(ErrorKind::Git, "cannot read the input line '" + util::sanitize(line) +
                                        "'; expected '<old> <new> <ref>'");
    return std::optional<RefUpdate>(
        RefUpdate{std::move(parts[0]), std::move(parts[1]), std::move(parts[2])});
}

util::Result<int> pre_receive(const std::string& policy_file, std::istream& in, std::ostream& err,
                              bool allow_no_policy) {
    Rejection reject(err);
    TRY_ASSIGN(auto repo, git::Repository::open("."));
    // Everything about the repository before the push is read first: the policies and the
    // refs. Pushed objects are only reached through the pushed ids below.
    std::optional<policy::Policy> server_file;
    if (!policy_file.empty()) {
        auto loaded = file_policy(policy_file);
        if (!loaded && loaded.error().kind == ErrorKind::Check) {
            reject.print(loaded.error().message);
            return 1;
        }
        TRY(loaded);
        server_file = std::move(*loaded);
    }
    // The default branch's policy is in force where a commit's parent has none (a new
    // branch whose history has no policy), and says which refs are enforced.
    std::string default_name;
    std::optional<policy::Policy> fallback;
    if (!server_file) {
        auto loaded = default_branch_policy(repo, default_name);
        if (!loaded && loaded.error().kind == ErrorKind::Check) {
            reject.print(loaded.error().message);
            return 1;
        }
        TRY(loaded);
        fallback = std::move(*loaded);
    }
    // Which refs are enforced: the server policy's, else the default branch's, else the
    // defaults (every branch).
    const policy::Policy pol = server_file ? *server_file : fallback ? *fallback : policy::Policy{};
    // The checker ignores an override it cannot compile; a policy that does not compile
    // must reject, never fall back to the pushed commits' own policy.
    if (auto compiled = gate::CompiledPolicy::compile(pol); !compiled) {
        reject.print("git-decision: the " +
                     std::string(server_file ? "server policy" : "policy on the default branch") +
                     " is invalid; push rejected:\n  " + util::sanitize(compiled.error().message));
        return 1;
    }
    TRY_ASSIGN(auto tips, repo.ref_tips());
    // Commits on enforced refs were checked when they got there (or predate the hook), so
    // they are hidden. Commits only on refs the policy does not enforce are not: hiding
    // them would let a push to an unenforced ref launder commits into an enforced one.
    std::set<std::string> hidden; // "^<id>", once each however many refs share a tip
    for (const auto& [name, commit] : tips)
        if (enforced(pol, name))
            hidden.insert("^" + commit);

    git::History history(repo);
    check::CommitChecker checker(repo, server_file, fallback);
    std::set<std::string> seen; // a commit pushed to several refs is checked once
    std::ostringstream failures;
    int failed = 0;
    bool no_policy = false; // a governed ref left without any policy in force
    std::size_t checked = 0;
    std::string line;
    while (std::getline(in, line)) {
        TRY_ASSIGN(auto update, parse_ref_update(line));
        if (!update)
            continue;
        const std::string &pushed = update->new_id, &ref = update->ref;
        if (is_zero_id(pushed) || !enforced(pol, ref))
            continue; // a deletion adds no commits; other refs are not governed
        // A tag names the commit it peels to; a ref to a tree or blob adds no commits.
        TRY_ASSIGN(auto tip, repo.peel_to_commit(pushed));
        if (!tip)
            continue;
        std::vector<std::string> ranges{*tip};
        ranges.insert(ranges.end(), hidden.begin(), hidden.end());
        // The checker carries approvals forward.
        TRY_ASSIGN(auto commits, history.oldest_first(ranges));
        for (const auto& c : commits) {
            if (!seen.insert(c.id).second)
                continue; // pushed to another ref too, checked already
            TRY_ASSIGN(auto report, checker.check(c, record::local_today()));
            ++checked;
            failed += report_pushed_commit(c, report, ref, failures, err) ? 1 : 0;
        }
        // Fail closed: a governed ref must be left with a policy in force — the server's,
        // the default branch's, or one the pushed tip brings.
        if (server_file || fallback)
            continue;
        TRY_ASSIGN(auto brought, repo.object_id_at(*tip, policy::k_policy_path));
        if (!brought.empty())
            continue;
        if (allow_no_policy) {
            err << "git-decision: no policy is in force for " << util::sanitize(ref)
                << " (--allow-no-policy); nothing is enforced\n";
            continue;
        }
        no_policy = true;
        failures << "git-decision: " << util::sanitize(ref) << ": no policy is in force: neither "
                 << "the pushed commit " << util::short_id(*tip) << " nor the default branch ("
                 << util::sanitize(default_name) << ") has " << policy::k_policy_path
                 << "; push rejected.\n"
                    "Add a policy (git decision init), or run the server hook with "
                    "--allow-no-policy to accept ungoverned pushes.\n";
    }
    if (!failed && !no_policy)
        return 0;
    if (failed)
        failures << "git-decision: " << failed << " of " << checked
                 << " pushed commits are not covered by an approved decision; push rejected.\n"
                    "Fix them (git rebase -i to add 'Decision:' and approval trailers, or git "
                    "decision link <commit> <ID> and push "
                 << link::k_notes_ref << " first), then push again.\n";
    reject.print(failures.str());
    return 1;
}

} // namespace decision::hook
