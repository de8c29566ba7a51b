#include "decision/fast/invocation.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace decision::fast {

namespace {

// Levels of parent processes looked through: git, a hook manager (husky's sh, lefthook,
// pre-commit's python and `git decision hook`), a shell or two.
constexpr int k_max_levels = 8;

std::optional<std::string> read_small(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::string text;
    std::array<char, 4096> buf{};
    while (in.read(buf.data(), buf.size()) || in.gcount() > 0) {
        text.append(buf.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > (1 << 20))
            return std::nullopt;
    }
    return text;
}

std::vector<std::string> cmdline_of(long pid) {
    std::vector<std::string> argv;
    auto text = read_small("/proc/" + std::to_string(pid) + "/cmdline");
    if (!text)
        return argv;
    std::size_t start = 0;
    while (start < text->size()) {
        auto end = text->find('\0', start);
        if (end == std::string::npos)
            end = text->size();
        argv.push_back(text->substr(start, end - start));
        start = end + 1;
    }
    return argv;
}

// The parent of `pid` from /proc/<pid>/stat ("pid (comm) state ppid ..."; comm may hold
// spaces and parentheses, so fields are counted from the last ')'); 0 when unknown.
long parent_of(long pid) {
    auto text = read_small("/proc/" + std::to_string(pid) + "/stat");
    if (!text)
        return 0;
    auto close = text->rfind(')');
    if (close == std::string::npos || close + 4 >= text->size())
        return 0;
    // ") S 1234 ..."
    std::size_t at = text->find(' ', close + 2);
    if (at == std::string::npos)
        return 0;
    long ppid = 0;
    for (std::size_t i = at + 1; i < text->size() && (*text)[i] >= '0' && (*text)[i] <= '9'; ++i)
        ppid = ppid * 10 + ((*text)[i] - '0');
    return ppid;
}

bool is_git(const std::vector<std::string>& argv) {
    if (argv.empty())
        return false;
    std::string_view name(argv[0]);
    auto slash = name.rfind('/');
    if (slash != std::string_view::npos)
        name.remove_prefix(slash + 1);
    return name == "git";
}

// git's own options that take the next argument as their value.
bool git_option_takes_value(std::string_view arg) {
    for (std::string_view o : {"-C", "-c", "--git-dir", "--work-tree", "--namespace",
                               "--super-prefix", "--config-env", "--attr-source"})
        if (arg == o)
            return true;
    return false;
}

// The index of the command in a git command line, or argv.size().
std::size_t command_index(const std::vector<std::string>& argv) {
    std::size_t i = 1;
    while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-')
        i += git_option_takes_value(argv[i]) ? 2 : 1;
    return i;
}

// git commit's long options (2.39), and those of them that take a value as the next
// argument when it is not given with '='.
constexpr std::array<std::string_view, 39> k_commit_options{"all",
                                                            "include",
                                                            "interactive",
                                                            "patch",
                                                            "only",
                                                            "quiet",
                                                            "verbose",
                                                            "file",
                                                            "author",
                                                            "date",
                                                            "message",
                                                            "reedit-message",
                                                            "reuse-message",
                                                            "fixup",
                                                            "squash",
                                                            "reset-author",
                                                            "trailer",
                                                            "signoff",
                                                            "template",
                                                            "edit",
                                                            "cleanup",
                                                            "status",
                                                            "gpg-sign",
                                                            "no-verify",
                                                            "verify",
                                                            "dry-run",
                                                            "short",
                                                            "branch",
                                                            "ahead-behind",
                                                            "porcelain",
                                                            "long",
                                                            "null",
                                                            "amend",
                                                            "no-post-rewrite",
                                                            "untracked-files",
                                                            "pathspec-from-file",
                                                            "pathspec-file-nul",
                                                            "allow-empty",
                                                            "allow-empty-message"};
constexpr std::array<std::string_view, 12> k_commit_value_options{
    "file",  "author", "date",    "message",  "reedit-message", "reuse-message",
    "fixup", "squash", "trailer", "template", "cleanup",        "pathspec-from-file"};

// The long option `name` stands for, as git's parse-options resolves an exact name or an
// unambiguous prefix; "" when it is unknown or ambiguous.
std::string_view resolve(std::string_view name) {
    std::string_view found;
    for (auto o : k_commit_options) {
        if (o == name)
            return o;
        if (o.starts_with(name)) {
            if (!found.empty())
                return {};
            found = o;
        }
    }
    return found;
}

bool takes_value(std::string_view option) {
    return std::find(k_commit_value_options.begin(), k_commit_value_options.end(), option) !=
           k_commit_value_options.end();
}

Amending commit_amends(const std::vector<std::string>& argv, std::size_t first) {
    bool amend = false;
    for (std::size_t i = first; i < argv.size(); ++i) {
        std::string_view arg(argv[i]);
        if (arg == "--")
            break;
        if (arg.starts_with("--")) {
            std::string_view name = arg.substr(2);
            bool stuck = name.find('=') != std::string_view::npos;
            name = name.substr(0, name.find('='));
            std::string_view option = resolve(name);
            bool negated = false;
            if (option.empty() && name.starts_with("no-")) {
                option = resolve(name.substr(3));
                negated = !option.empty();
            }
            if (option == "amend")
                amend = !negated;
            else if (!negated && !stuck && takes_value(option))
                ++i;
            continue;
        }
        if (arg.size() > 1 && arg[0] == '-') {
            for (std::size_t k = 1; k < arg.size(); ++k) {
                char c = arg[k];
                if (c == 'm' || c == 'F' || c == 'C' || c == 'c' || c == 't') {
                    if (k + 1 == arg.size())
                        ++i; // the value is the next argument
                    break;
                }
                if (c == 'u' || c == 'S')
                    break; // an optional value, given stuck
            }
        }
    }
    return amend ? Amending::Yes : Amending::No;
}

} // namespace

std::optional<std::vector<std::string>> invoking_git() {
    long pid = static_cast<long>(::getppid());
    for (int level = 0; level < k_max_levels && pid > 1; ++level) {
        auto argv = cmdline_of(pid);
        if (is_git(argv)) {
            std::size_t at = command_index(argv);
            if (at >= argv.size() || argv[at] != "decision")
                return argv;
        }
        pid = parent_of(pid);
    }
    return std::nullopt;
}

Invocation parse_invocation(const std::vector<std::string>& argv) {
    Invocation out;
    std::size_t at = command_index(argv);
    if (at >= argv.size())
        return out;
    out.command = argv[at];
    if (out.command == "commit")
        out.amend = commit_amends(argv, at + 1);
    else if (out.command == "merge")
        out.amend = Amending::No; // git refuses to amend during a merge
    return out;
}

std::vector<std::string> expand_alias(const std::vector<std::string>& argv,
                                      std::string_view alias) {
    std::size_t at = command_index(argv);
    std::vector<std::string> out(
        argv.begin(), argv.begin() + static_cast<std::ptrdiff_t>(std::min(at, argv.size())));
    // git's split_cmdline: words split at unquoted whitespace; '...' and "..." quote, a
    // backslash escapes the next character outside single quotes.
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < alias.size(); ++i) {
        char c = alias[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"' && i + 1 < alias.size())
                word += alias[++i];
            else
                word += c;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word)
                out.push_back(std::move(word));
            word.clear();
            in_word = false;
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < alias.size()) {
            word += alias[++i];
            in_word = true;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word)
        out.push_back(std::move(word));
    if (at < argv.size())
        out.insert(out.end(), argv.begin() + static_cast<std::ptrdiff_t>(at) + 1, argv.end());
    return out;
}

} // namespace decision::fast
