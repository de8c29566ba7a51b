// git decision approve / link: sign-offs and after-the-fact links.

#include "decision/check/approval_status.hpp"
#include "decision/link/links.hpp"
#include "decision/util/process.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <ostream>

namespace cli {

using namespace decision;
using util::ErrorKind;
using util::fail;

namespace {
std::string now_iso() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

// "ml-lead (alice@example.com), legal (nobody holds it)".
std::string roles_with_holders(const std::vector<std::string>& roles, const policy::Policy& pol) {
    std::string out;
    for (const auto& role : roles) {
        auto it = pol.roles.find(role);
        std::string holders;
        if (it != pol.roles.end())
            for (const auto& h : it->second)
                holders += (holders.empty() ? "" : ", ") + util::sanitize(h);
        out += (out.empty() ? "" : "; ") + util::sanitize(role) + " (" +
               (holders.empty() ? std::string("nobody holds it") : holders) + ")";
    }
    return out;
}

// The roles `email` holds that `rec` needs approvals from.
std::vector<std::string> counting_roles(const record::Record& rec, const policy::Policy& pol,
                                        const std::string& email) {
    auto required = check::required_roles(rec, pol);
    std::vector<std::string> out;
    for (const auto& role : pol.roles_of(email))
        if (std::find(required.begin(), required.end(), role) != required.end())
            out.push_back(role);
    return out;
}
} // namespace

Action setup_approve(CLI::App& app) {
    auto id = std::make_shared<std::string>();
    auto key = std::make_shared<std::string>("Approved-by");
    auto anyway = std::make_shared<bool>(false);
    app.description(
        "Record your approval of a decision: an empty commit carrying 'Decision: <ID>' and "
        "'Approved-by: <you>'. Staged changes are not included.");
    app.add_option("id", *id, "Decision ID")->required();
    app.add_option("--trailer", *key, "Sign-off trailer to use")->capture_default_str();
    app.add_flag("--anyway", *anyway,
                 "Record the approval even though you hold no role the decision needs (it "
                 "then counts for no rule)");
    return [id, key, anyway](Context& ctx) -> Result<int> {
        TRY_ASSIGN(auto rec, ctx.record(*id));
        if (!trailer::is_valid_key(*key))
            return fail(ErrorKind::Usage, "'" + util::sanitize(*key) + "' is not a trailer key");
        std::string name = ctx.repo->config_string("user.name").value_or("");
        std::string email = ctx.repo->config_string("user.email").value_or("");
        if (const char* n = std::getenv("GIT_COMMITTER_NAME"); n && *n)
            name = n;
        if (const char* e = std::getenv("GIT_COMMITTER_EMAIL"); e && *e)
            email = e;
        if (email.empty())
            return fail(
                ErrorKind::Git,
                "cannot tell who you are; set user.email (git config user.email you@example.com)");
        // The approval is the line "<key>: name <email>" in the message: a line break, a
        // control character or an angle bracket in either would write other trailers.
        auto unfit = [](const std::string& s, std::string_view also) {
            return std::any_of(s.begin(), s.end(), [&](char c) {
                auto u = static_cast<unsigned char>(c);
                return u < 0x20 || u == 0x7F || also.find(c) != std::string_view::npos;
            });
        };
        if (unfit(name, "<>") || unfit(email, "<> "))
            return fail(ErrorKind::Git, "your name or email ('" + util::sanitize(name) + "', '" +
                                            util::sanitize(email) +
                                            "') holds a line break, a control character or an "
                                            "angle bracket, which cannot stand in a trailer; set "
                                            "user.name and user.email (or GIT_COMMITTER_*)");
        TRY_ASSIGN(auto pol, ctx.policy());
        // Only the policy's sign-off trailers approve: another key would count for nothing.
        if (std::none_of(pol.signoff_trailers.begin(), pol.signoff_trailers.end(),
                         [&](const std::string& k) { return util::iequals(k, *key); }))
            return fail(ErrorKind::Usage,
                        "'" + util::sanitize(*key) +
                            "' is not a sign-off trailer of the policy, so an approval under it "
                            "would count for nothing; use one of: " +
                            util::sanitize(util::join(pol.signoff_trailers)) +
                            " ([signoffs] trailers)");
        // An approval by someone who holds none of the roles the policy requires of this
        // decision counts for nothing: say so rather than record it silently.
        auto required = check::required_roles(rec, pol);
        auto roles = counting_roles(rec, pol, email);
        if (!required.empty() && roles.empty() && !*anyway)
            return fail(ErrorKind::Check,
                        util::sanitize(email) + " holds no role " + rec.id +
                            " needs, so an approval by you would count for nothing. " + rec.id +
                            " needs approvals from: " + roles_with_holders(required, pol) +
                            ". Ask one of them to run: git decision approve " + rec.id +
                            " (or record yours with --anyway)");
        std::string title = util::sanitize(rec.title);
        std::string message =
            "Approve " + rec.id + ": " + std::string(util::first_columns(title, 60)) + "\n\n" +
            "Decision: " + rec.id + "\n" + *key + ": " + name + " <" + email + ">\n";
        std::vector<std::string> argv{"git",     "commit", "--allow-empty", "--only",
                                      "--quiet", "-m",     message};
        // Under trust = "signed" only a signed approval counts: sign it with the user's
        // configured key rather than record one that silently does not count.
        if (pol.trust == policy::Trust::Signed)
            argv.push_back("-S");
        TRY_ASSIGN(auto rc, util::run_process(argv));
        if (rc.exit_code != 0)
            return fail(ErrorKind::Git, "git commit failed; the approval was not recorded");
        std::string as_roles;
        for (const auto& r : roles)
            as_roles += (as_roles.empty() ? "" : ", ") + util::sanitize(r);
        ctx.out << "Approved " << rec.id << " as " << util::sanitize(email);
        if (!required.empty())
            ctx.out << (roles.empty() ? " (it counts for no role " + rec.id + " needs)"
                                      : " (" + as_roles + ")");
        else if (!pol.rules.empty()) // on record, but say that nothing waited for it
            ctx.out << " (no rule of the policy covers " << record::to_string(rec.category)
                    << " decisions, so " << rec.id << " needs no approval)";
        else
            ctx.out << " (the policy has no rules, so no approval is needed)";
        ctx.out << "\n";
        return 0;
    };
}

Action setup_link(CLI::App& app) {
    auto commit = std::make_shared<std::string>();
    auto id = std::make_shared<std::string>();
    app.description(
        "Link a commit to a decision after the fact, with a note under refs/notes/decisions "
        "(push it with: git push origin refs/notes/decisions).");
    app.add_option("commit", *commit, "The commit")->required();
    app.add_option("id", *id, "Decision ID")->required();
    return [commit, id](Context& ctx) -> Result<int> {
        TRY_ASSIGN(auto sha, ctx.repo->resolve_commit(*commit));
        TRY_ASSIGN(auto rec, ctx.record(*id));
        std::string email = ctx.repo->config_string("user.email").value_or("");
        if (const char* e = std::getenv("GIT_COMMITTER_EMAIL"); e && *e)
            email = e;
        TRY_ASSIGN(auto added, ctx.repo->append_note(link::k_notes_ref, sha,
                                                     link::note_line(rec.id, email, now_iso())));
        ctx.out << (added ? "Linked " : "Already linked: ") << util::short_id(sha) << " -> "
                << rec.id << "\n";
        return 0;
    };
}

} // namespace cli
