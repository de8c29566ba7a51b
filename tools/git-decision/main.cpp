// git-decision: the verb table, argument parsing, and the one place in this binary that
// turns errors into messages and exit codes (0 ok, 1 check failed, 128 git/environment,
// 129 usage; the hooks have hook::run and fast::front_end).

#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <cstring>
#include <iostream>

namespace {

using cli::Needs;

const cli::Verb k_verbs[] = {
    {"init", "Create the records folder, a commented policy and notes refspecs", Needs::WorkTree,
     cli::setup_init},
    {"new", "Create a decision record from its category's template", Needs::WorkTree,
     cli::setup_new},
    {"edit", "Open a record in the editor and validate it on save", Needs::WorkTree,
     cli::setup_edit},
    {"status", "Move a record along its lifecycle (proposed -> accepted ...)", Needs::WorkTree,
     cli::setup_status},
    {"supersede", "Mark a record superseded by another", Needs::WorkTree, cli::setup_supersede},
    {"check", "Validate records and the policy", Needs::Repository, cli::setup_check},
    {"list", "List decisions, filtered", Needs::Repository, cli::setup_list},
    {"search", "Find decisions by text", Needs::Repository, cli::setup_search},
    {"show", "Show a decision record", Needs::Repository, cli::setup_show},
    {"guard", "Evaluate guardrails of accepted decisions against metrics files", Needs::Repository,
     cli::setup_guard},
    {"review", "Decisions due or overdue for review", Needs::Repository, cli::setup_review},
    {"link", "Link a commit to a decision through a note", Needs::Repository, cli::setup_link},
    {"approve", "Record your approval of a decision (an empty commit)", Needs::WorkTree,
     cli::setup_approve},
    {"use", "Set the active decision new commits link to", Needs::WorkTree, cli::setup_use},
    {"install", "Install the git hooks", Needs::Repository, cli::setup_install},
    {"uninstall", "Remove the git hooks and restore what was there", Needs::Repository,
     cli::setup_uninstall},
    {"hook", "Run one git hook (pre-commit, commit-msg, ...): the entry point for hook managers",
     Needs::Nothing, cli::setup_hook},
    {"log", "The commits linked to a decision, newest first", Needs::Repository, cli::setup_log},
    {"blame", "Who and which decisions changed a path, with artifact fingerprints",
     Needs::Repository, cli::setup_blame},
    {"why", "Alias of blame", Needs::Repository, cli::setup_blame},
    {"at", "The decisions accepted and in force at a revision or date", Needs::Repository,
     cli::setup_at},
    {"export", "The decision log as JSON, MADR Markdown or one self-contained HTML page",
     Needs::Repository, cli::setup_export},
    {"trailers", "Plumbing: each commit's parsed trailers as JSON lines", Needs::Repository,
     cli::setup_trailers},
};

constexpr int k_usage = 129;

int report(const decision::util::Error& e) {
    std::cerr << "git-decision: error: " << decision::util::sanitize(e.message, true) << "\n";
    return static_cast<int>(e.kind);
}

// git's answer to an unknown command, with the closest verb.
int unknown_verb(const std::string& word) {
    std::vector<std::string> names;
    for (const auto& v : k_verbs)
        names.push_back(v.name);
    std::cerr << "git-decision: '" << decision::util::sanitize(word)
              << "' is not a git-decision command. See 'git decision --help'.\n";
    if (auto hint = decision::util::closest(word, names))
        std::cerr << "\nThe most similar command is\n\t" << *hint << "\n";
    return k_usage;
}

int run(int argc, char** argv) {
    CLI::App app{"git-decision: typed ML decision records, tied to the commits they govern",
                 "git-decision"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "git-decision 0.1.0");
    app.footer("'git decision <verb> --help' lists a verb's options; 'git decision --help' "
               "opens the manual (man git-decision).");
    std::vector<std::pair<CLI::App*, std::pair<const cli::Verb*, cli::Action>>> verbs;
    for (const auto& v : k_verbs) {
        CLI::App* sub = app.add_subcommand(v.name, v.summary);
        verbs.push_back({sub, {&v, v.setup(*sub)}});
    }

    if (argc == 1) { // like git: no verb prints the verbs
        std::cerr << app.help();
        return k_usage;
    }
    if (argc > 1 && argv[1][0] != '-') {
        bool known = false;
        for (const auto& v : k_verbs)
            known = known || std::strcmp(v.name, argv[1]) == 0;
        if (!known)
            return unknown_verb(argv[1]);
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "git-decision: usage: " << decision::util::sanitize(e.what()) << "\n"
                  << "Run 'git decision "
                  << (argc > 1 && argv[1][0] != '-' ? std::string(argv[1]) + " " : "")
                  << "--help' for usage.\n";
        return k_usage;
    }

    for (auto& [sub, verb] : verbs) {
        if (!sub->parsed())
            continue;
        cli::Context ctx(std::cout, std::cerr);
        if (verb.first->needs != Needs::Nothing) {
            auto repo = decision::git::Repository::open(".");
            if (!repo)
                return report(repo.error());
            if (verb.first->needs == Needs::WorkTree && repo->is_bare())
                return report(
                    {decision::util::ErrorKind::Git,
                     std::string("'") + verb.first->name +
                         "' needs a working tree, and this repository is bare; run it in a clone"});
            ctx.repo.emplace(std::move(*repo));
        }
        auto result = verb.second(ctx);
        std::cout.flush();
        if (ctx.repo)
            ctx.repo->keep_until_exit(); // the process ends here
        if (!result)
            return report(result.error());
        return *result;
    }
    return k_usage;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        // The last resort: library code returns errors as values, so this is a bug.
        std::cerr << "git-decision: error: " << decision::util::sanitize(e.what()) << "\n";
        return 128;
    } catch (...) {
        std::cerr << "git-decision: error: an unexpected failure\n";
        return 128;
    }
}
