// The server-side hook (DESIGN.md, "Hooks and enforcement"; docs/server.md): the same check
// as pre-push, on what a push adds, with a policy the pusher cannot change in that push.

#include "decision/check/commit_check.hpp"
#include "decision/git/history.hpp"
#include "decision/hook/hooks.hpp"
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

// The server policy: `policy_file` when given, else decisions/policy.toml in the tree of
// HEAD (the default branch) as it is before the push. Never from the pushed commits.
util::Result<std::optional<policy::Policy>> server_policy(const git::Repository& repo,
                                                          const std::string& policy_file) {
    if (!policy_file.empty()) {
        auto text = util::read_file(policy_file, util::k_max_record_bytes);
        if (!text)
            return fail(ErrorKind::Git, "cannot read the server policy: " + text.error().message);
        return parse_policy(*text, policy_file, "the server policy " + policy_file);
    }
    if (!repo.has_commits())
        return std::optional<policy::Policy>();
    auto head = repo.resolve_commit("HEAD");
    if (!head)
        return tl::unexpected(head.error());
    auto text = repo.read_file_at(*head, policy::k_policy_path, util::k_max_record_bytes);
    if (!text)
        return tl::unexpected(text.error());
    if (!*text)
        return std::optional<policy::Policy>();
    return parse_policy(**text, policy::k_policy_path,
                        "the policy on the default branch (" + head->substr(0, 12) + ")");
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

util::Result<int> pre_receive(const std::string& policy_file, std::istream& in, std::ostream& err) {
    Rejection reject(err);
    auto repo = git::Repository::open(".");
    if (!repo)
        return tl::unexpected(repo.error());
    // Everything about the repository before the push is read first: the policy and the
    // refs. Pushed objects are only reached through the pushed ids below.
    auto loaded = server_policy(*repo, policy_file);
    if (!loaded && loaded.error().kind == ErrorKind::Check) {
        reject.print(loaded.error().message);
        return 1;
    }
    if (!loaded)
        return tl::unexpected(loaded.error());
    if (!*loaded) {
        err << "git-decision: no " << policy::k_policy_path
            << " on the default branch and no --policy; nothing is enforced\n";
        return 0;
    }
    const policy::Policy& pol = **loaded;
    // The checker ignores an override it cannot compile; a policy that does not compile
    // must reject, never fall back to the pushed commits' own policy.
    if (auto compiled = check::CompiledPolicy::compile(pol); !compiled) {
        reject.print("git-decision: the server policy is invalid; push rejected:\n  " +
                     util::sanitize(compiled.error().message));
        return 1;
    }
    auto tips = repo->ref_tips();
    if (!tips)
        return tl::unexpected(tips.error());
    // Commits on enforced refs were checked when they got there (or predate the hook), so
    // they are hidden. Commits only on refs the policy does not enforce are not: hiding
    // them would let a push to an unenforced ref launder commits into an enforced one.
    std::set<std::string> hidden; // "^<id>", once each however many refs share a tip
    for (const auto& [name, commit] : *tips)
        if (enforced(pol, name))
            hidden.insert("^" + commit);

    git::History history(*repo);
    check::CommitChecker checker(*repo, pol);
    std::set<std::string> seen; // a commit pushed to several refs is checked once
    std::ostringstream failures;
    int failed = 0;
    std::size_t checked = 0;
    std::string line;
    while (std::getline(in, line)) {
        auto update = parse_ref_update(line);
        if (!update)
            return tl::unexpected(update.error());
        if (!*update)
            continue;
        const std::string &pushed = (*update)->new_id, &ref = (*update)->ref;
        if (is_zero_id(pushed) || !enforced(pol, ref))
            continue; // a deletion adds no commits; other refs are not governed
        // A tag names the commit it peels to; a ref to a tree or blob adds no commits.
        auto tip = repo->peel_to_commit(pushed);
        if (!tip)
            return tl::unexpected(tip.error());
        if (!*tip)
            continue;
        std::vector<std::string> ranges{**tip};
        ranges.insert(ranges.end(), hidden.begin(), hidden.end());
        auto commits = history.oldest_first(ranges); // the checker carries approvals forward
        if (!commits)
            return tl::unexpected(commits.error());
        for (const auto& c : *commits) {
            if (!seen.insert(c.id).second)
                continue; // pushed to another ref too, checked already
            auto report = checker.check(c, record::local_today());
            if (!report)
                return tl::unexpected(report.error());
            ++checked;
            for (const auto& e : report->errors) {
                failures << "git-decision: " << c.id.substr(0, 12) << ": " << util::sanitize(e)
                         << "\n";
                ++failed;
            }
            if (report->coverage && !report->coverage->ok()) {
                ++failed;
                std::string title = c.message.substr(0, c.message.find('\n'));
                failures << "git-decision: " << c.id.substr(0, 12) << " " << util::sanitize(title)
                         << " (" << util::sanitize(ref) << ")\n"
                         << report::render_coverage(*report->coverage, "    ");
            } else if (report->coverage) {
                for (const auto& w : report->coverage->warnings)
                    err << "git-decision: " << c.id.substr(0, 12)
                        << ": warning: " << util::sanitize(w) << "\n";
            }
        }
    }
    if (!failed)
        return 0;
    failures << "git-decision: " << failed << " of " << checked
             << " pushed commits are not covered by an approved decision; push rejected.\n"
                "Fix them (git rebase -i to add 'Decision:' and approval trailers, or git "
                "decision link <commit> <ID> and push "
             << link::k_notes_ref << " first), then push again.\n";
    reject.print(failures.str());
    return 1;
}

} // namespace decision::hook
