// End-to-end tests of what happens around the verbs: no repository, unknown verbs, help,
// and hostile text that must never reach the terminal raw.

#include "integration/cli_fixture.hpp"

#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_environment_cli_test {

using test::on_day;
using test::TempRepo;

namespace {

// A folder that is not inside any repository, with discovery stopped at its parent.
struct NoRepository {
    TempRepo dir{TempRepo::Kind::Empty};
    test::RunOptions options() const {
        std::string parent = std::filesystem::path(dir.path()).parent_path().string();
        return test::with_env({{"GIT_CEILING_DIRECTORIES", parent}});
    }
};

const std::string k_not_a_repository =
    "git-decision: error: not a git repository (or any of the parent directories); run "
    "git-decision inside a repository, or git init first\n";

} // namespace

TEST(Environment, OutsideARepositoryEveryVerbSaysSo) {
    NoRepository none;
    for (std::vector<std::string> args :
         {std::vector<std::string>{"list"},
          {"init"},
          {"check"},
          {"show", "DEC-0001"},
          {"new", "--no-edit", "-c", "MODEL SELECTION", "-t", "x"}}) {
        auto out = none.dir.decision(args, none.options());
        EXPECT_EQ(out.exit_code, 128) << args[0];
        EXPECT_EQ(out.out, "") << args[0];
        EXPECT_EQ(out.err, k_not_a_repository) << args[0];
    }
    EXPECT_FALSE(none.dir.exists("decisions"));
}

TEST(Environment, HelpWorksOutsideARepository) {
    NoRepository none;
    auto help = none.dir.decision({"--help"}, none.options());
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_EQ(help.err, "");
    EXPECT_EQ(help.out.rfind("git-decision: typed ML decision records, tied to the commits they "
                             "govern\nUsage: git-decision [OPTIONS] SUBCOMMAND\n",
                             0),
              0u)
        << help.out;
    for (const char* verb :
         {"init", "new", "edit", "status", "supersede", "check", "list", "search", "show"})
        EXPECT_NE(help.out.find(std::string("\n  ") + verb + " "), std::string::npos) << verb;

    auto verb_help = none.dir.decision({"list", "--help"}, none.options());
    EXPECT_EQ(verb_help.exit_code, 0);
    EXPECT_EQ(verb_help.out.rfind("List decisions, optionally filtered.\n"
                                  "Usage: git-decision list [OPTIONS]\n",
                                  0),
              0u)
        << verb_help.out;

    auto version = none.dir.decision({"--version"}, none.options());
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_EQ(version.out, "git-decision 0.1.0\n");
}

TEST(Environment, AnUnknownVerbSuggestsTheClosest) {
    TempRepo repo;
    auto typo = repo.decision({"lsit"});
    EXPECT_EQ(typo.exit_code, 129);
    EXPECT_EQ(typo.out, "");
    EXPECT_EQ(typo.err, "git-decision: 'lsit' is not a git-decision command. See 'git decision "
                        "--help'.\n"
                        "\n"
                        "The most similar command is\n"
                        "\tlist\n");
    auto far = repo.decision({"frobnicate"});
    EXPECT_EQ(far.exit_code, 129);
    EXPECT_EQ(far.err, "git-decision: 'frobnicate' is not a git-decision command. See 'git "
                       "decision --help'.\n");

    // Also outside a repository: usage comes before looking for one.
    NoRepository none;
    auto outside = none.dir.decision({"chek"}, none.options());
    EXPECT_EQ(outside.exit_code, 129);
    EXPECT_EQ(outside.err, "git-decision: 'chek' is not a git-decision command. See 'git "
                           "decision --help'.\n"
                           "\n"
                           "The most similar command is\n"
                           "\tcheck\n");
}

TEST(Environment, UsageErrorsExit129) {
    TempRepo repo;
    auto none = repo.decision({});
    EXPECT_EQ(none.exit_code, 129);
    // Like git with no command: the verbs, so a newcomer sees what to type.
    EXPECT_EQ(none.err.rfind("git-decision: typed ML decision records", 0), 0u) << none.err;
    EXPECT_NE(none.err.find("\nSubcommands:\n  init "), std::string::npos) << none.err;
    auto option = repo.decision({"list", "--bogus"});
    EXPECT_EQ(option.exit_code, 129);
    EXPECT_EQ(option.err, "git-decision: usage: The following argument was not expected: "
                          "--bogus\n"
                          "Run 'git decision list --help' for usage.\n");
}

TEST(Environment, WorksFromASubdirectory) {
    TempRepo repo;
    repo.decision({"init"});
    repo.write("models/fraud/README.md", "models\n");
    test::RunOptions below = on_day();
    below.cwd = repo.path() + "/models/fraud";
    auto out =
        repo.decision({"new", "--no-edit", "-c", "MODEL SELECTION", "-t", "From below"}, below);
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Created decisions/DEC-0001-from-below.toml (DEC-0001)\n");
    EXPECT_TRUE(repo.exists("decisions/DEC-0001-from-below.toml"));
    EXPECT_FALSE(repo.exists("models/fraud/decisions"));
    auto list = repo.decision({"list", "--format", "json"}, below);
    EXPECT_NE(list.out.find("\"id\": \"DEC-0001\""), std::string::npos) << list.out;
}

TEST(Environment, ControlCharactersNeverReachTheTerminalRaw) {
    TempRepo repo;
    const std::string title = "Evil \x1b[31mred\x07 title\x1b]0;pwned\x07";
    const std::string owner = "Mal\x1b[2Jory";
    auto created = repo.decision(
        {"new", "--no-edit", "-c", "MODEL SELECTION", "-t", title, "--owner", owner}, on_day());
    EXPECT_EQ(created.exit_code, 0);
    EXPECT_EQ(created.out,
              "Created decisions/DEC-0001-evil-31mred-title-0-pwned.toml (DEC-0001)\n");
    const std::string file = "decisions/DEC-0001-evil-31mred-title-0-pwned.toml";
    EXPECT_NE(
        repo.read(file).find("title = \"Evil \\u001B[31mred\\u0007 title\\u001B]0;pwned\\u0007\""),
        std::string::npos);

    const std::string safe_title = "Evil \\x1B[31mred\\x07 title\\x1B]0;pwned\\x07";
    auto list = repo.decision({"list"}, on_day());
    EXPECT_EQ(list.exit_code, 0);
    EXPECT_EQ(list.out, "ID        STATUS    CATEGORY         REVIEW      OWNER          TITLE\n"
                        "DEC-0001  proposed  MODEL SELECTION  2027-01-26  Mal\\x1B[2Jory  " +
                            safe_title + "\n");
    auto show = repo.decision({"show", "DEC-0001"}, on_day());
    EXPECT_EQ(show.out.substr(0, show.out.find("\n  status")),
              "DEC-0001: " + safe_title + "\n  category   MODEL SELECTION");
    EXPECT_NE(show.out.find("\n  owner      Mal\\x1B[2Jory <author@example.com>\n"),
              std::string::npos);
    auto search = repo.decision({"search", "red"}, on_day());
    EXPECT_EQ(search.out, list.out);
    auto json = repo.decision({"show", "DEC-0001", "--format", "json"}, on_day());
    EXPECT_NE(
        json.out.find("\"title\": \"Evil \\u001b[31mred\\u0007 title\\u001b]0;pwned\\u0007\""),
        std::string::npos)
        << json.out;

    auto bad_status = repo.decision({"status", "DEC-0001", "\x1b[2J"});
    EXPECT_EQ(bad_status.exit_code, 129);
    EXPECT_EQ(bad_status.err, "git-decision: error: unknown status '\\x1B[2J' (one of: proposed, "
                              "accepted, rejected, superseded, deprecated)\n");
    auto bad_verb = repo.decision({"\x1b[2Jlist"});
    EXPECT_EQ(bad_verb.exit_code, 129);
    auto bad_id = repo.decision({"show", "\x1b]0;x\x07"});
    EXPECT_EQ(bad_id.err, "git-decision: error: no decision with ID '\\x1B]0;x\\x07'; see git "
                          "decision list\n");

    for (const auto* out :
         {&created, &list, &show, &search, &json, &bad_status, &bad_verb, &bad_id}) {
        EXPECT_EQ(out->out.find('\x1b'), std::string::npos) << out->out;
        EXPECT_EQ(out->err.find('\x1b'), std::string::npos) << out->err;
        EXPECT_EQ(out->out.find('\x07'), std::string::npos) << out->out;
        EXPECT_EQ(out->err.find('\x07'), std::string::npos) << out->err;
    }

    // A record written by hand with escapes in every printed field.
    repo.write("decisions/DEC-0002-hand.toml",
               "id = \"DEC-0002\"\ntitle = \"t\"\ncategory = \"MODEL SELECTION\"\n"
               "status = \"proposed\"\ndate = 2026-11-01\ntags = [\"\\u001b[5mblink\"]\n"
               "[owner]\nname = \"n\"\n[problem]\nstatement = \"\\u009b31m c1\"\n"
               "[[links]]\nurl = \"\\u001b]8;;http://evil\\u0007click\"\n");
    auto hand = repo.decision({"show", "DEC-0002"}, on_day());
    EXPECT_EQ(hand.exit_code, 0);
    EXPECT_EQ(hand.out.find('\x1b'), std::string::npos) << hand.out;
    EXPECT_EQ(hand.out.find('\x07'), std::string::npos) << hand.out;
    // The record's sections (its checklist follows).
    EXPECT_EQ(hand.out.substr(0, hand.out.find("\nChecklist (")),
              "DEC-0002: t\n"
              "  category   MODEL SELECTION\n"
              "  status     proposed\n"
              "  owner      n\n"
              "  decided    2026-11-01\n"
              "  review     -\n"
              "  tags       \\x1B[5mblink\n"
              "  file       decisions/DEC-0002-hand.toml\n"
              "\n"
              "Problem\n"
              "  \\x9B31m c1\n"
              "\n"
              "Links\n"
              "  other: \\x1B]8;;http://evil\\x07click\n");
    auto check = repo.decision({"check"}, on_day());
    EXPECT_EQ(check.out.find('\x1b'), std::string::npos);
}

} // namespace t_integration_environment_cli_test
