// End-to-end tests of `git decision init` and `git decision new` with the built binary:
// whole outputs and exit codes, since messages are part of the interface.

#include "integration/cli_fixture.hpp"
#include "support/golden.hpp"

#include <filesystem>
#include <future>
#include <gtest/gtest.h>
#include <set>
#include <sys/stat.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_records_cli_test {

using test::on_day;
using test::RunOptions;
using test::TempRepo;

namespace {

const std::string k_init_created =
    "Created decisions/policy.toml (edit [[rules]] and [roles] to govern your paths)\n"
    "Created .taplo.toml and the JSON Schemas it names (editors validate records and the "
    "policy as you type)\n"
    "Next: git decision new --category \"MODEL SELECTION\" --title \"...\"\n";
const std::string k_init_kept = "Kept the existing decisions/policy.toml\n"
                                "Next: git decision new --category \"MODEL SELECTION\" "
                                "--title \"...\"\n";
const std::string k_categories = " (one of: MODEL SELECTION, DATA PIPELINE, FEATURE ENGINEERING, "
                                 "ETHICAL REVIEW, TRAINING STRATEGY, DEPLOYMENT THRESHOLD)\n";

// An executable script next to the repository (not inside its working tree).
std::string write_script(const TempRepo& repo, const std::string& name, const std::string& body) {
    std::string path = repo.path() + "/../" + name;
    repo.write("../" + name, "#!/bin/sh\n" + body);
    chmod(path.c_str(), 0755);
    return path;
}

std::vector<std::string> new_record(const std::string& category, const std::string& title,
                                    bool edit = false) {
    std::vector<std::string> args{"new", "--category", category, "--title", title};
    if (!edit)
        args.push_back("--no-edit");
    return args;
}

} // namespace

// ---- init -------------------------------------------------------------------------------

TEST(InitVerb, CreatesThePolicyAndKeepsItTheSecondTime) {
    TempRepo repo;
    auto first = repo.decision({"init"});
    EXPECT_EQ(first.exit_code, 0);
    EXPECT_EQ(first.out, k_init_created);
    EXPECT_EQ(first.err, "");
    ASSERT_TRUE(repo.exists("decisions/policy.toml"));
    std::string policy = repo.read("decisions/policy.toml");
    EXPECT_EQ(policy.rfind("# git-decision policy:", 0), 0u);

    auto check = repo.decision({"check"});
    EXPECT_EQ(check.exit_code, 0);
    EXPECT_EQ(check.out, "checked 0 records: 0 errors, 0 warnings\n");

    auto second = repo.decision({"init"});
    EXPECT_EQ(second.exit_code, 0);
    EXPECT_EQ(second.out, k_init_kept);
    EXPECT_EQ(repo.read("decisions/policy.toml"), policy);
}

TEST(InitVerb, KeepsAPolicyTheTeamAlreadyWrote) {
    TempRepo repo;
    std::string own = "[records]\nid_prefix = \"ML\"\n";
    repo.write("decisions/policy.toml", own);
    repo.write(".taplo.toml", "# the team's own\n");
    auto out = repo.decision({"init"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Kept the existing decisions/policy.toml\n"
                       "Wrote the JSON Schemas editors validate against (decision.schema.json, "
                       "policy.schema.json)\n"
                       "Next: git decision new --category \"MODEL SELECTION\" --title \"...\"\n");
    EXPECT_EQ(repo.read("decisions/policy.toml"), own);
    EXPECT_EQ(repo.read(".taplo.toml"), "# the team's own\n");
    EXPECT_EQ(repo.decision({"init"}).out, k_init_kept);
}

// Editors validate records and the policy: init puts the schemas beside them, maps the
// files to them in .taplo.toml, and refreshes a schema an older version wrote.
TEST(InitVerb, WritesTheSchemasAndATaploConfigForEditors) {
    TempRepo repo;
    repo.write("decisions/policy.toml", "[records]\ndir = \"docs/adr\"\n");
    ASSERT_EQ(repo.decision({"init"}).exit_code, 0);
    EXPECT_EQ(repo.read("docs/adr/decision.schema.json"),
              test::read_source("schema/decision.schema.json"));
    EXPECT_EQ(repo.read("decisions/policy.schema.json"),
              test::read_source("schema/policy.schema.json"));
    EXPECT_EQ(repo.read(".taplo.toml"),
              "# Editor validation of git-decision's records and policy (Taplo, Even Better "
              "TOML).\n"
              "# Written by `git decision init`, which also refreshes the schemas it names.\n"
              "[[rule]]\n"
              "include = [\"decisions/policy.toml\"]\n"
              "schema.path = \"decisions/policy.schema.json\"\n\n"
              "[[rule]]\n"
              "include = [\"docs/adr/*.toml\"]\n"
              "exclude = [\"decisions/policy.toml\"]\n"
              "schema.path = \"docs/adr/decision.schema.json\"\n");

    repo.write("docs/adr/decision.schema.json", "{}");
    auto again = repo.decision({"init"});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_EQ(again.out, "Kept the existing decisions/policy.toml\n"
                         "Wrote the JSON Schemas editors validate against "
                         "(decision.schema.json, policy.schema.json)\n"
                         "Next: git decision new --category \"MODEL SELECTION\" --title \"...\"\n");
    EXPECT_EQ(repo.read("docs/adr/decision.schema.json"),
              test::read_source("schema/decision.schema.json"));
}

TEST(InitVerb, AddsTheNotesRefspecOnlyWhenOriginExists) {
    TempRepo repo;
    ASSERT_EQ(repo.decision({"init"}).exit_code, 0);
    auto fetch = repo.git({"config", "--get-all", "remote.origin.fetch"}, {}, true);
    EXPECT_EQ(fetch.exit_code, 1);
    EXPECT_EQ(fetch.out, "");
    EXPECT_EQ(repo.git({"config", "--get", "notes.rewriteRef"}).out, "refs/notes/decisions*\n");

    TempRepo upstream(TempRepo::Kind::Bare);
    repo.git({"remote", "add", "origin", upstream.path()});
    auto with_origin = repo.decision({"init"});
    EXPECT_EQ(with_origin.exit_code, 0);
    EXPECT_EQ(with_origin.out,
              "Kept the existing decisions/policy.toml\n"
              "Configured origin to fetch refs/notes/decisions (push notes with: git push origin "
              "refs/notes/decisions)\n"
              "Next: git decision new --category \"MODEL SELECTION\" --title \"...\"\n");
    auto again = repo.decision({"init"});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_EQ(again.out, k_init_kept);
    EXPECT_EQ(repo.git({"config", "--get-all", "remote.origin.fetch"}).out,
              "+refs/heads/*:refs/remotes/origin/*\n"
              "+refs/notes/decisions:refs/notes/decisions\n");
    EXPECT_EQ(repo.git({"config", "--get-all", "notes.rewriteRef"}).out, "refs/notes/decisions*\n");
}

TEST(InitVerb, RefusesWhenDecisionsIsAFile) {
    TempRepo repo;
    repo.write("decisions", "not a folder\n");
    auto out = repo.decision({"init"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(
        out.err,
        "git-decision: error: 'decisions' exists and is not a directory; move it away first\n");
}

// ---- new --no-edit ----------------------------------------------------------------------

TEST(NewVerb, NumbersRecordsOneAfterAnother) {
    TempRepo repo;
    repo.decision({"init"});
    auto first = repo.decision(new_record("MODEL SELECTION", "Recall over precision"), on_day());
    EXPECT_EQ(first.exit_code, 0);
    EXPECT_EQ(first.out, "Created decisions/DEC-0001-recall-over-precision.toml (DEC-0001)\n");
    EXPECT_EQ(first.err, "");
    auto second = repo.decision(new_record("data-pipeline", "Hourly CDC loads"), on_day());
    EXPECT_EQ(second.exit_code, 0);
    EXPECT_EQ(second.out, "Created decisions/DEC-0002-hourly-cdc-loads.toml (DEC-0002)\n");

    std::string text = repo.read("decisions/DEC-0001-recall-over-precision.toml");
    EXPECT_NE(text.find("id = \"DEC-0001\"\n"
                        "title = \"Recall over precision\"\n"
                        "category = \"MODEL SELECTION\"\n"
                        "status = \"proposed\"\n"
                        "date = 2026-11-27\n"
                        "review_date = 2027-01-26   # 30-90 days after date by default\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("[owner]\nname = \"A U Thor\"\nemail = \"author@example.com\"\n"),
              std::string::npos)
        << text;

    auto check = repo.decision({"check"}, on_day());
    EXPECT_EQ(check.exit_code, 0);
    EXPECT_EQ(check.out.substr(check.out.rfind("checked")),
              "checked 2 records: 0 errors, 43 warnings\n");
}

TEST(NewVerb, TakesOwnerRoleDateAndReviewWindowFromOptions) {
    TempRepo repo;
    auto out = repo.decision({"new", "--no-edit", "-c", "MODEL SELECTION", "-t", "Pick GBT",
                              "--owner", "Priya Raman", "--email", "priya@example.com", "--role",
                              "PM", "--date", "2026-11-02", "--review-in", "45"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Created decisions/DEC-0001-pick-gbt.toml (DEC-0001)\n");
    std::string text = repo.read("decisions/DEC-0001-pick-gbt.toml");
    EXPECT_NE(text.find("date = 2026-11-02\nreview_date = 2026-12-17"), std::string::npos);
    EXPECT_NE(text.find("name = \"Priya Raman\"\nemail = \"priya@example.com\"\nrole = \"PM\""),
              std::string::npos);

    auto bad = repo.decision(
        {"new", "--no-edit", "-c", "MODEL SELECTION", "-t", "x", "--date", "2026-02-30"});
    EXPECT_EQ(bad.exit_code, 129);
    EXPECT_EQ(bad.err, "git-decision: error: --date '2026-02-30' is not a date like 2026-11-02\n");
    auto blank = repo.decision({"new", "--no-edit", "-c", "MODEL SELECTION", "-t", "   "});
    EXPECT_EQ(blank.exit_code, 129);
    EXPECT_EQ(blank.err, "git-decision: error: the title must not be empty\n");
    auto missing = repo.decision({"new", "--no-edit", "-t", "x"});
    EXPECT_EQ(missing.exit_code, 129);
    EXPECT_EQ(missing.err, "git-decision: error: new needs --category, or --supersedes <ID> to "
                           "start from the decision it replaces\n");
}

TEST(NewVerb, SkipsNumbersUsedOnAnotherLocalBranch) {
    TempRepo repo;
    repo.decision({"init"});
    repo.commit_all("Start recording decisions");
    repo.git({"checkout", "-q", "-b", "fraud-model"});
    ASSERT_EQ(repo.decision(new_record("MODEL SELECTION", "On a branch"), on_day()).exit_code, 0);
    repo.commit_all("Propose DEC-0001");
    repo.git({"checkout", "-q", "main"});
    ASSERT_FALSE(repo.exists("decisions/DEC-0001-on-a-branch.toml"));

    auto out = repo.decision(new_record("MODEL SELECTION", "On main"), on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Created decisions/DEC-0002-on-main.toml (DEC-0002)\n");
}

TEST(NewVerb, SkipsNumbersSeenOnlyOnARemoteTrackingBranch) {
    TempRepo shared(TempRepo::Kind::Bare);
    TempRepo ours;
    ours.decision({"init"});
    ours.commit_all("Start recording decisions");
    ours.git({"remote", "add", "origin", shared.path()});
    ours.git({"push", "-q", "origin", "main"});

    // A colleague proposes two decisions on a branch and pushes it.
    TempRepo colleague(TempRepo::Kind::Empty);
    colleague.git({"clone", "-q", shared.path(), "."});
    colleague.git({"checkout", "-q", "-b", "latency-budget"});
    ASSERT_EQ(
        colleague.decision(new_record("DEPLOYMENT THRESHOLD", "Raise the threshold"), on_day()).out,
        "Created decisions/DEC-0001-raise-the-threshold.toml (DEC-0001)\n");
    ASSERT_EQ(
        colleague.decision(new_record("DEPLOYMENT THRESHOLD", "Lower it again"), on_day()).out,
        "Created decisions/DEC-0002-lower-it-again.toml (DEC-0002)\n");
    colleague.commit_all("Propose two thresholds");
    colleague.git({"push", "-q", "origin", "latency-budget"});

    // We only fetched it: no local branch holds those records.
    ours.git({"fetch", "-q", "origin"});
    EXPECT_EQ(ours.git({"branch", "--list"}).out, "* main\n");
    EXPECT_EQ(ours.git({"branch", "-r"}).out, "  origin/latency-budget\n  origin/main\n");
    auto out = ours.decision(new_record("MODEL SELECTION", "Ours"), on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Created decisions/DEC-0003-ours.toml (DEC-0003)\n");
}

TEST(NewVerb, CountsRecordsThatAreOnlyStaged) {
    TempRepo repo;
    repo.write("decisions/DEC-0007-staged.toml", test::minimal_record("DEC-0007", "Staged"));
    repo.git({"add", "decisions"});
    std::filesystem::remove(repo.path() + "/decisions/DEC-0007-staged.toml");
    auto out = repo.decision(new_record("MODEL SELECTION", "Next"), on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Created decisions/DEC-0008-next.toml (DEC-0008)\n");
}

TEST(NewVerb, NeverOverwritesARecord) {
    TempRepo repo;
    // A file that takes the next number under a name `new` does not produce itself.
    std::string mine = test::minimal_record("DEC-0001", "Mine");
    repo.write("decisions/DEC-0001-mine.toml", mine);
    auto out = repo.decision(new_record("MODEL SELECTION", "Mine"), on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Created decisions/DEC-0002-mine.toml (DEC-0002)\n");
    EXPECT_EQ(repo.read("decisions/DEC-0001-mine.toml"), mine);
}

TEST(NewVerb, SuggestsTheNearestCategory) {
    TempRepo repo;
    auto typo = repo.decision(new_record("MODEL SELECTON", "x"));
    EXPECT_EQ(typo.exit_code, 129);
    EXPECT_EQ(typo.out, "");
    EXPECT_EQ(typo.err, "git-decision: error: unknown category 'MODEL SELECTON'; did you mean "
                        "'MODEL SELECTION'?" +
                            k_categories);
    auto slug = repo.decision(new_record("ethical-reveiw", "x"));
    EXPECT_EQ(slug.exit_code, 129);
    EXPECT_EQ(slug.err, "git-decision: error: unknown category 'ethical-reveiw'; did you mean "
                        "'ETHICAL REVIEW'?" +
                            k_categories);
    auto far = repo.decision(new_record("vibes", "x"));
    EXPECT_EQ(far.exit_code, 129);
    EXPECT_EQ(far.err, "git-decision: error: unknown category 'vibes'" + k_categories);
    EXPECT_FALSE(repo.exists("decisions"));
}

TEST(NewVerb, MakesASafeSlugAndAValidRecordFromAHostileTitle) {
    TempRepo repo;
    std::string title = R"(Use "quoted" \ back\slashes and ../../etc/passwd)";
    auto out = repo.decision(new_record("DATA PIPELINE", title), on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Created decisions/DEC-0001-use-quoted-back-slashes-and-etc-passwd.toml "
                       "(DEC-0001)\n");
    std::string text = repo.read("decisions/DEC-0001-use-quoted-back-slashes-and-etc-passwd.toml");
    EXPECT_NE(text.find(R"(title = "Use \"quoted\" \\ back\\slashes and ../../etc/passwd")"),
              std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(repo.path() + "/../etc"));

    auto json = repo.decision({"show", "DEC-0001", "--format", "json"});
    EXPECT_EQ(json.exit_code, 0);
    EXPECT_NE(json.out.find(R"("title": "Use \"quoted\" \\ back\\slashes and ../../etc/passwd")"),
              std::string::npos)
        << json.out;
    auto check = repo.decision({"check"}, on_day());
    EXPECT_EQ(check.exit_code, 0);
    EXPECT_EQ(check.out.substr(check.out.rfind("checked")),
              "checked 1 record: 0 errors, 21 warnings\n");

    auto dots = repo.decision(new_record("DATA PIPELINE", "../.."), on_day());
    EXPECT_EQ(dots.exit_code, 0);
    EXPECT_EQ(dots.out, "Created decisions/DEC-0002-decision.toml (DEC-0002)\n");
}

// ---- new with an editor -----------------------------------------------------------------

TEST(NewEditor, AnInvalidSaveKeepsTheFileAndSaysHowToFixIt) {
    TempRepo repo;
    std::string editor = write_script(repo, "add-unknown-key.sh", "echo 'bogus = 1' >> \"$1\"\n");
    auto out = repo.decision(new_record("MODEL SELECTION", "Edited", true),
                             on_day({{"GIT_EDITOR", editor}}));
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "Created decisions/DEC-0001-edited.toml (DEC-0001)\n");
    const std::string path = "decisions/DEC-0001-edited.toml";
    // The template's findings, then the unknown key in the last table of the file.
    test::expect_golden("new_editor_invalid_save.txt", out.err);
    ASSERT_TRUE(repo.exists(path));
    EXPECT_NE(repo.read(path).find("bogus = 1"), std::string::npos);

    // The number stays taken.
    auto next = repo.decision(new_record("MODEL SELECTION", "Next"), on_day());
    EXPECT_EQ(next.out, "Created decisions/DEC-0002-next.toml (DEC-0002)\n");
}

TEST(NewEditor, AnEditorThatSucceedsGetsTheRecordValidated) {
    TempRepo repo;
    auto out = repo.decision(new_record("MODEL SELECTION", "Edited", true),
                             on_day({{"GIT_EDITOR", "true"}}));
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "Created decisions/DEC-0001-edited.toml (DEC-0001)\n");
    // What check says about a MODEL SELECTION record fresh from the template (no role given).
    test::expect_golden("new_template_findings.txt", out.err);
}

TEST(NewEditor, GitEditorMayCarryArguments) {
    TempRepo repo;
    std::string editor = write_script(repo, "set-role.sh",
                                      "sed -i \"s/^role = \\\"\\\"/role = \\\"$1\\\"/\" \"$2\"\n");
    auto out = repo.decision(new_record("MODEL SELECTION", "With role", true),
                             on_day({{"GIT_EDITOR", editor + " 'Data Lead'"}}));
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_NE(repo.read("decisions/DEC-0001-with-role.toml").find("role = \"Data Lead\""),
              std::string::npos);
    EXPECT_EQ(out.err.find("owner-role"), std::string::npos) << out.err;
}

TEST(NewEditor, ADumbTerminalWithoutAnEditorIsAnError) {
    TempRepo repo;
    auto out =
        repo.decision(new_record("MODEL SELECTION", "No editor", true), on_day({{"TERM", "dumb"}}));
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err, "git-decision: error: terminal is dumb, but EDITOR unset; set GIT_EDITOR "
                       "or core.editor, or use --no-edit\n");
    EXPECT_FALSE(repo.exists("decisions/DEC-0001-no-editor.toml"));
}

TEST(NewEditor, CoreEditorIsHonoured) {
    TempRepo repo;
    std::string editor =
        write_script(repo, "mark.sh", "echo '# edited by core.editor' >> \"$1\"\n");
    repo.git({"config", "core.editor", editor});
    auto out = repo.decision(new_record("MODEL SELECTION", "Configured", true),
                             on_day({{"TERM", "dumb"}}));
    EXPECT_EQ(out.exit_code, 0);
    std::string text = repo.read("decisions/DEC-0001-configured.toml");
    EXPECT_TRUE(text.ends_with("\n# edited by core.editor\n")) << text;

    // GIT_EDITOR wins over core.editor, as in git.
    auto env = repo.decision(new_record("MODEL SELECTION", "Env wins", true),
                             on_day({{"GIT_EDITOR", "true"}}));
    EXPECT_EQ(env.exit_code, 0);
    EXPECT_EQ(repo.read("decisions/DEC-0002-env-wins.toml").find("core.editor\n"),
              std::string::npos);
}

TEST(NewEditor, AFailingEditorKeepsTheFile) {
    TempRepo repo;
    auto out = repo.decision(new_record("MODEL SELECTION", "Crash", true),
                             on_day({{"GIT_EDITOR", "false"}}));
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.out, "Created decisions/DEC-0001-crash.toml (DEC-0001)\n");
    std::string real = std::filesystem::canonical(repo.path()).string();
    EXPECT_EQ(out.err, "git-decision: error: there was a problem with the editor 'false'; the "
                       "file is kept: " +
                           real + "/decisions/DEC-0001-crash.toml\n");
    EXPECT_TRUE(repo.exists("decisions/DEC-0001-crash.toml"));
}

TEST(NewVerb, RefusesABareRepository) {
    TempRepo repo(TempRepo::Kind::Bare);
    auto out = repo.decision(new_record("MODEL SELECTION", "Bare"));
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err, "git-decision: error: 'new' needs a working tree, and this repository is "
                       "bare; run it in a clone\n");
    auto init = repo.decision({"init"});
    EXPECT_EQ(init.exit_code, 128);
    EXPECT_EQ(init.err, "git-decision: error: 'init' needs a working tree, and this repository is "
                        "bare; run it in a clone\n");
}

// Eight `git decision new` started at once once got the same IDs (their file names differ
// by slug, so creating each file exclusively did not stop them): each ID is reserved
// exclusively before its file is written.
TEST(NewVerb, ParallelRunsGetDistinctIds) {
    TempRepo repo;
    ASSERT_EQ(repo.decision({"init"}).exit_code, 0);
    constexpr int k_runs = 8;
    std::vector<std::future<test::Output>> runs;
    for (int i = 0; i < k_runs; ++i)
        runs.push_back(std::async(std::launch::async, [&repo, i] {
            return repo.decision({"new", "--no-edit", "-c", "MODEL SELECTION", "-t",
                                  "Parallel decision " + std::to_string(i)},
                                 on_day());
        }));
    std::set<std::string> ids;
    for (auto& r : runs) {
        auto out = r.get();
        ASSERT_EQ(out.exit_code, 0) << out.err;
        auto open = out.out.rfind('(');
        ASSERT_NE(open, std::string::npos) << out.out;
        ids.insert(out.out.substr(open + 1, out.out.find(')', open) - open - 1));
    }
    EXPECT_EQ(ids.size(), std::size_t{k_runs});
    std::set<std::string> on_disk;
    for (const auto& e : std::filesystem::directory_iterator(repo.path() + "/decisions"))
        if (e.path().filename().string().rfind("DEC-", 0) == 0)
            on_disk.insert(e.path().filename().string().substr(0, 8));
    EXPECT_EQ(on_disk, ids);
    // Nothing is left where git would pick it up, nor any reservation.
    EXPECT_EQ(repo.git({"status", "--porcelain", "--untracked-files=all"}).out.find(".tmp"),
              std::string::npos);
    EXPECT_TRUE(std::filesystem::is_empty(repo.path() + "/.git/decision-ids"));
}

} // namespace t_integration_records_cli_test
