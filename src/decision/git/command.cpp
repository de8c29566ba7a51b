#include "decision/git/command.hpp"

#include "decision/util/process.hpp"

namespace decision::git {

using util::ErrorKind;
using util::fail;

namespace {

std::string command_line(const std::vector<std::string>& args) {
    std::string out = "git";
    for (const auto& a : args)
        out += " " + a;
    return out;
}

} // namespace

util::Result<std::string> run_git(const std::vector<std::string>& args,
                                  const std::filesystem::path& cwd, std::size_t limit) {
    std::vector<std::string> argv{"git"};
    if (!cwd.empty())
        argv.insert(argv.end(), {"-C", cwd.string()});
    argv.insert(argv.end(), args.begin(), args.end());
    util::ProcessOptions options;
    options.capture = true;
    options.errors_apart = true;
    options.max_output = limit;
    auto run = util::run_process(argv, options);
    if (!run)
        return fail(ErrorKind::Git, command_line(args) + ": " + run.error().message);
    if (run->exit_code != 0) {
        std::string& errors = run->errors;
        while (!errors.empty() && (errors.back() == '\n' || errors.back() == '\r'))
            errors.pop_back();
        return fail(ErrorKind::Git,
                    command_line(args) + " failed" + (errors.empty() ? "" : ": " + errors));
    }
    if (run->truncated)
        return fail(ErrorKind::Git,
                    command_line(args) + " printed more than " + std::to_string(limit) + " bytes");
    return std::move(run->output);
}

} // namespace decision::git
