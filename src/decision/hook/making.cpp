#include "decision/hook/making.hpp"

#include "decision/fast/invocation.hpp"
#include "decision/git/history.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <cstdlib>
#include <filesystem>

namespace decision::hook {

namespace {

// How many aliases naming aliases are expanded (git itself stops at loops).
constexpr int k_max_alias_depth = 10;

bool is_hex_id(std::string_view s) {
    return (s.size() == 40 || s.size() == 64) &&
           s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// "@1112354055 +0200" (how git exports GIT_AUTHOR_DATE to hooks) or without the '@'.
bool same_date(std::string_view env, const git::Identity& who) {
    env = util::trim(env);
    if (env.starts_with('@'))
        env.remove_prefix(1);
    auto space = env.find(' ');
    if (space == std::string_view::npos)
        return false;
    std::string secs(env.substr(0, space));
    std::string_view tz = util::trim(env.substr(space + 1));
    if (secs.empty() || secs.size() > 18 ||
        secs.find_first_not_of("0123456789") != std::string::npos || tz.size() != 5 ||
        (tz[0] != '+' && tz[0] != '-') ||
        tz.substr(1).find_first_not_of("0123456789") != std::string_view::npos)
        return false;
    int minutes = ((tz[1] - '0') * 10 + (tz[2] - '0')) * 60 + (tz[3] - '0') * 10 + (tz[4] - '0');
    if (tz[0] == '-')
        minutes = -minutes;
    return std::stoll(secs) == who.time && minutes == who.offset;
}

enum class Amend { No, Yes, Unsure };

// Whether the git command running the hook amends HEAD; `why` says how that was told.
Amend amending(const git::Repository& repo, const git::CommitInfo& head, std::string& why) {
    auto argv = fast::invoking_git();
    if (!argv) {
        // Not run by git (by hand, or where /proc cannot tell). git exports the author it
        // will write to its hooks; an amend keeps HEAD's (unless --reset-author).
        const char* name = std::getenv("GIT_AUTHOR_NAME");
        const char* email = std::getenv("GIT_AUTHOR_EMAIL");
        const char* date = std::getenv("GIT_AUTHOR_DATE");
        if (name && email && date && head.author.name == name &&
            util::iequals(head.author.email, email) && same_date(date, head.author)) {
            why = "not run by git, with HEAD's author and date in GIT_AUTHOR_*";
            return Amend::Unsure;
        }
        return Amend::No;
    }
    for (int depth = 0; depth <= k_max_alias_depth; ++depth) {
        auto inv = fast::parse_invocation(*argv);
        if (inv.amend == fast::Amending::Yes) {
            why = "git commit --amend";
            return Amend::Yes;
        }
        if (inv.amend == fast::Amending::No)
            return Amend::No;
        auto alias =
            inv.command.empty() ? std::nullopt : repo.config_string("alias." + inv.command);
        if (!alias) {
            why = "run by 'git " + util::sanitize(inv.command) + "'";
            return Amend::Unsure;
        }
        if (alias->starts_with('!'))
            return Amend::No; // a shell alias: its own git commit is nearer the hook
        *argv = fast::expand_alias(*argv, *alias);
    }
    why = "aliases nested too deep";
    return Amend::Unsure;
}

} // namespace

util::Result<Making> commit_being_made(const git::Repository& repo) {
    Making out;
    if (!repo.has_commits())
        return out;
    git::History history(repo);
    TRY_ASSIGN(auto head, history.commit("HEAD"));
    std::error_code ec;
    const auto merge_head = repo.git_dir() / "MERGE_HEAD";
    if (std::filesystem::exists(merge_head, ec) || ec) {
        TRY_ASSIGN(auto text, util::read_file(merge_head, 64 << 10));
        out.merge = true;
        out.parents.push_back(head.id);
        for (const auto& line : util::split(text, '\n')) {
            std::string id(util::trim(line));
            if (id.empty())
                continue;
            if (!is_hex_id(id))
                return util::fail(util::ErrorKind::Git,
                                  "MERGE_HEAD holds '" + util::sanitize(id) +
                                      "', not a commit id; conclude or abort the merge");
            out.parents.push_back(id);
        }
        return out;
    }
    switch (amending(repo, head, out.why)) {
    case Amend::No:
        out.parents.push_back(head.id);
        break;
    case Amend::Yes:
        out.amend = true;
        out.parents = head.parents;
        break;
    case Amend::Unsure:
        out.amend = true;
        out.parents = head.parents;
        out.also_against.push_back(head.id);
        break;
    }
    return out;
}

} // namespace decision::hook
