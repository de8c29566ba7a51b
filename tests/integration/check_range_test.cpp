// `git decision check --range/--base`: a feature branch checked against main in every
// format, range-wide findings (duplicate IDs, edited accepted records, illegal status
// changes), hostile repository text, shallow clones, empty ranges and unknown revisions.

#include "cli_fixture.hpp"
#include "support/strings.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_check_range_test {

namespace fs = std::filesystem;

namespace {

const char* k_record = R"(id = "DEC-0001"
title = "Ship GBT"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-11-27
review_date = 2027-01-26

[owner]
name = "A U Thor"
email = "author@example.com"
role = "ML Engineer"

[scope]
paths = ["models/**"]

[decision]
summary = "Ship the GBT model"
rationale = "Best recall"

[[guardrails]]
metric = "recall"
op = ">="
value = 0.8
action = "re-evaluate"
)";

const char* k_record_path = "decisions/DEC-0001-ship-gbt.toml";
const char* k_approval = "Approved-by: A U Thor <author@example.com>";

using test::replace;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

using test::contains;

class CheckRangeTest : public ::testing::Test {
protected:
    // main: the policy (ml-lead = the author), DEC-0001 accepted and approved.
    void SetUp() override {
        ASSERT_EQ(repo.decision({"init"}).exit_code, 0);
        repo.write("decisions/policy.toml",
                   replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                           "ml-lead = [\"author@example.com\"]"));
        repo.write(k_record_path, k_record);
        names["main0"] = repo.commit_all(std::string("Add DEC-0001 and the policy\n\nDecision: "
                                                     "DEC-0001\n") +
                                         k_approval + "\n");
        // The notes ref exists, as in a clone that fetched it (NotesRefMissing removes it).
        repo.git({"notes", "--ref", "decisions", "add", "-m", "Decision: DEC-0001", "HEAD"});
    }

    // Writes `path` with fresh content and commits it with `message`.
    std::string commit(const std::string& path, const std::string& message) {
        repo.write(path, "content of " + path + " " + std::to_string(m_counter++) + "\n");
        return repo.commit_all(message);
    }

    // A feature branch: a covered model change, an uncovered one, an ungoverned one.
    void feature_branch() {
        repo.git({"checkout", "-q", "-b", "feature"});
        names["covered"] = commit("models/a.onnx", "Retrain the model\n\nDecision: DEC-0001\n");
        names["uncovered"] = commit("models/b.onnx", "Sneak a model in\n");
        names["docs"] = commit("README.md", "Document it\n");
    }

    test::Output check(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
        std::vector<std::string> argv{"check"};
        argv.insert(argv.end(), args.begin(), args.end());
        return repo.decision(argv, test::on_day(std::move(env)));
    }

    // Commit ids replaced by <name> (full ids first, then their 12-character prefixes).
    std::string named(std::string s) const {
        for (const auto& [name, id] : names) {
            s = replace_all(s, id, "<" + name + ">");
            s = replace_all(s, id.substr(0, 12), "<" + name + ">");
        }
        return s;
    }

    test::TempRepo repo;
    std::map<std::string, std::string> names;

private:
    int m_counter = 0;
};

const char* k_uncovered_text =
    "  models/b.onnx  (rule 'models'): not covered\n"
    "    - no decision is linked to this change\n"
    "    fix: link it: git decision link <uncovered> DEC-0001 (decisions covering this path: "
    "DEC-0001)\n";

TEST_F(CheckRangeTest, FeatureBranchAsText) {
    feature_branch();
    auto out = check({"--base", "main"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_EQ(out.err, "");
    EXPECT_EQ(named(out.out), std::string("<uncovered> Sneak a model in (A U Thor "
                                          "<author@example.com>)\n") +
                                  k_uncovered_text +
                                  "checked 3 commits in <main0>..<docs>: 1 error, 0 warnings\n");
    // --range says the same.
    auto ranged = check({"--range", "main..feature"});
    EXPECT_EQ(ranged.exit_code, 1);
    EXPECT_EQ(ranged.out, out.out);
}

TEST_F(CheckRangeTest, FeatureBranchAsJson) {
    feature_branch();
    auto out = check({"--base", "main", "--format", "json"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    auto j = nlohmann::json::parse(out.out);
    EXPECT_EQ(j["version"], 1);
    EXPECT_EQ(j["range"], "main..HEAD");
    EXPECT_EQ(j["base"], names["main0"]);
    EXPECT_EQ(j["head"], names["docs"]);
    EXPECT_EQ(j["summary"],
              nlohmann::json::parse(R"j({"commits":3,"errors":1,"warnings":0,"ok":false})j"));
    ASSERT_EQ(j["commits"].size(), 3u);
    EXPECT_EQ(j["commits"][0]["commit"], names["covered"]);
    EXPECT_EQ(j["commits"][0]["covered"], true);
    EXPECT_EQ(j["commits"][1]["covered"], false);
    EXPECT_EQ(j["commits"][2]["governed_paths"], nlohmann::json::array());
    ASSERT_EQ(j["findings"].size(), 1u);
    auto expected = nlohmann::json::parse(R"j({
        "severity": "error", "kind": "uncovered", "path": "models/b.onnx", "line": null,
        "rule": "models", "decision_ids": [], "message": "no decision is linked to this change",
        "fix": "link it: git decision link <uncovered> DEC-0001 (decisions covering this path: DEC-0001)"
})j");
    expected["commit"] = names["uncovered"];
    expected["fix"] = replace(expected["fix"], "<uncovered>", names["uncovered"].substr(0, 12));
    EXPECT_EQ(j["findings"][0], expected);
    ASSERT_EQ(j["decisions"].size(), 1u);
    EXPECT_EQ(j["decisions"][0]["id"], "DEC-0001");
    EXPECT_EQ(
        j["decisions"][0]["signoffs"].dump(),
        R"j({"fresh":["author@example.com (ml-lead)"],"missing":[],"required":["ml-lead"],"stale":[]})j");
}

TEST_F(CheckRangeTest, FeatureBranchAsMarkdown) {
    feature_branch();
    auto out = check({"--base", "main", "--format", "markdown"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_EQ(named(out.out),
              "<!-- git-decision -->\n"
              "## ❌ git-decision: 1 error, 0 warnings in 3 commits (`<main0>..<docs>`)\n"
              "\n"
              "### Decisions linked by this change\n"
              "\n"
              "| ID | Title | Category | Status | Owner | Review | Guardrails | Sign-offs |\n"
              "|---|---|---|---|---|---|---|---|\n"
              "| DEC-0001 | Ship GBT | MODEL SELECTION | accepted | A U Thor | 2027-01-26 | "
              "recall &gt;= 0.8 → re-evaluate | ✅ author&#64;example.com (ml-lead) |\n"
              "\n"
              "### Failures\n"
              "\n"
              "- **error** `uncovered` models/b.onnx in <uncovered> (Sneak a model in), rule "
              "models: no decision is linked to this change\n"
              "  Fix: link it: git decision link <uncovered> DEC-0001 (decisions covering this "
              "path: DEC-0001)\n"
              "\n");
}

TEST_F(CheckRangeTest, FeatureBranchAsGithubWritesTheStepSummary) {
    feature_branch();
    std::string summary = repo.path() + "/../step-summary.md";
    { std::ofstream(summary) << "earlier step\n"; }
    auto out = check({"--base", "main", "--format", "github"}, {{"GITHUB_STEP_SUMMARY", summary}});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_EQ(named(out.out),
              "::error file=models/b.onnx,title=git-decision uncovered in <uncovered>::no "
              "decision is linked to this change%0ARule: models%0AFix: link it: git decision "
              "link <uncovered> DEC-0001 (decisions covering this path: DEC-0001)\n"
              "git-decision: checked 3 commits in <main0>..<docs>: 1 error, 0 warnings\n");
    std::ifstream in(summary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto markdown = check({"--base", "main", "--format", "markdown"});
    EXPECT_EQ(text, "earlier step\n" + markdown.out + "\n");
}

TEST_F(CheckRangeTest, FeatureBranchAsGitlabCodeQuality) {
    feature_branch();
    auto out = check({"--base", "main", "--format", "gitlab"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    auto j = nlohmann::json::parse(out.out);
    ASSERT_TRUE(j.is_array());
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0]["check_name"], "git-decision/uncovered");
    EXPECT_EQ(j[0]["severity"], "major");
    EXPECT_EQ(j[0]["location"],
              nlohmann::json::parse(R"j({"path":"models/b.onnx","lines":{"begin":1}})j"));
    EXPECT_EQ(named(j[0]["description"].get<std::string>()),
              "<uncovered>: no decision is linked to this change Fix: link it: git decision link "
              "<uncovered> DEC-0001 (decisions covering this path: DEC-0001)");
    // Stable across runs.
    EXPECT_EQ(nlohmann::json::parse(
                  check({"--base", "main", "--format", "gitlab"}).out)[0]["fingerprint"],
              j[0]["fingerprint"]);
}

TEST_F(CheckRangeTest, CoveredBranchPasses) {
    repo.git({"checkout", "-q", "-b", "feature"});
    names["covered"] = commit("models/a.onnx", "Retrain the model\n\nDecision: DEC-0001\n");
    auto out = check({"--base", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(named(out.out), "checked 1 commit in <main0>..<covered>: 0 errors, 0 warnings\n");
}

TEST_F(CheckRangeTest, HostileMessageIsEscapedInEveryFormat) {
    repo.git({"checkout", "-q", "-b", "feature"});
    names["evil"] = commit("models/x,y:z%0A.onnx",
                           "Evil \x1b]0;pwn\x07 <img src=x> @team 100%\n\nDecision: \x1b[31mred\n");
    auto github = check({"--base", "main", "--format", "github"});
    EXPECT_EQ(github.exit_code, 1);
    EXPECT_EQ(named(github.out),
              "::error file=models/x%2Cy%3Az%250A.onnx,title=git-decision uncovered in "
              "<evil>::no decision is linked to this change%0ARule: models%0AFix: link it: git "
              "decision link <evil> DEC-0001 (decisions covering this path: DEC-0001)\n"
              "::warning title=git-decision coverage-warning in <evil>::'Decision: "
              "\\x1B[31mred' is not a decision ID like DEC-0042; ignored\n"
              "git-decision: checked 1 commit in <main0>..<evil>: 1 error, 1 warning\n");
    auto markdown = check({"--base", "main", "--format", "markdown"});
    EXPECT_EQ(markdown.out.find('\x1b'), std::string::npos);
    EXPECT_EQ(markdown.out.find("<img"), std::string::npos);
    EXPECT_EQ(markdown.out.find("@team"), std::string::npos);
    EXPECT_TRUE(
        contains(markdown.out, "(Evil \\\\x1B\\]0;pwn\\\\x07 &lt;img src=x&gt; &#64;team 100%)"))
        << markdown.out;
    auto text = check({"--base", "main"});
    EXPECT_EQ(text.out.find('\x1b'), std::string::npos);
    EXPECT_TRUE(contains(text.out, "Evil \\x1B]0;pwn\\x07 <img src=x> @team 100%")) << text.out;
}

TEST_F(CheckRangeTest, EmptyRange) {
    auto out = check({"--range", "main..main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "no commits in main..main\n");
    out = check({"--base", "main"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "no commits in main..HEAD\n");
}

TEST_F(CheckRangeTest, UnknownRevision) {
    auto out = check({"--range", "nope..HEAD"});
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err, "git-decision: error: unknown revision 'nope'\n");
    out = check({"--base", "origin/nope"});
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.err, "git-decision: error: unknown revision 'origin/nope'\n");
    out = check({"--range", "main"});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_EQ(out.err, "git-decision: error: --range takes <base>..<head> (e.g. "
                       "origin/main..HEAD), not 'main'\n");
}

TEST_F(CheckRangeTest, ShallowCloneNamesTheMissingHistory) {
    feature_branch();
    repo.git({"checkout", "-q", "main"});
    std::string clone = repo.path() + "/../shallow";
    repo.git({"clone", "-q", "--depth", "1", "--no-single-branch", "file://" + repo.path(), clone});
    test::RunOptions o = test::on_day();
    o.cwd = clone;
    auto out = repo.decision({"check", "--range", "origin/main..origin/feature"}, o);
    EXPECT_EQ(out.exit_code, 128) << out.out;
    EXPECT_EQ(named(out.err),
              "git-decision: error: the history ends early: this is a shallow clone whose "
              "history stops at <docs>, inside the range; fetch the full "
              "history with 'git fetch --unshallow' (in GitHub Actions: actions/checkout with "
              "fetch-depth: 0)\n");
    repo.git({"checkout", "-q", "-b", "work", "origin/feature"}, o);
    out = repo.decision({"check", "--base", "origin/main"}, o);
    EXPECT_EQ(out.exit_code, 128) << out.out;
    EXPECT_TRUE(contains(out.err, "shallow clone")) << out.err;
    EXPECT_TRUE(contains(out.err, "git fetch --unshallow")) << out.err;
}

TEST_F(CheckRangeTest, DuplicateIdAgainstTheTargetBranch) {
    // Both branches take DEC-0002 at once.
    repo.git({"checkout", "-q", "-b", "feature"});
    // (proposed: an incomplete record arriving accepted would be refused on its own)
    auto proposal = [](const std::string& title) {
        return replace(replace(replace(k_record, "DEC-0001", "DEC-0002"), "Ship GBT", title),
                       "status = \"accepted\"", "status = \"proposed\"");
    };
    repo.write("decisions/DEC-0002-ours.toml", proposal("Ours"));
    names["ours"] = repo.commit_all("Propose DEC-0002\n");
    repo.git({"checkout", "-q", "main"});
    repo.write("decisions/DEC-0002-theirs.toml", proposal("Theirs"));
    names["theirs"] = repo.commit_all("Propose another DEC-0002\n");
    repo.git({"checkout", "-q", "feature"});
    auto out = check({"--base", "main"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    // The new record's lint warnings come first; the collision is the one error.
    EXPECT_TRUE(
        contains(named(out.out),
                 "  error: decisions/DEC-0002-ours.toml:1: DEC-0002 is already used by "
                 "decisions/DEC-0002-theirs.toml on main (<theirs>) [duplicate-id]\n"
                 "    fix: renumber it with the next free ID: git mv decisions/DEC-0002-ours.toml "
                 "decisions/DEC-0003-ours.toml, set id = \"DEC-0003\" in it, and update the "
                 "'Decision: DEC-0002' trailers that meant this record\n"
                 "checked 1 commit in <main0>..<ours>: 1 error, 7 warnings\n"))
        << out.out;
}

TEST_F(CheckRangeTest, EditedAcceptedRecordAndIllegalTransition) {
    repo.git({"checkout", "-q", "-b", "feature"});
    std::string edited = replace(k_record, "Best recall", "Best precision");
    edited = replace(edited, "status = \"accepted\"", "status = \"proposed\"");
    repo.write(k_record_path, edited);
    names["edit"] = repo.commit_all("Rewrite history\n");
    auto out = check({"--base", "main", "--format", "json"});
    EXPECT_EQ(out.exit_code, 1) << out.err;
    auto j = nlohmann::json::parse(out.out);
    std::vector<std::string> kinds;
    for (const auto& f : j["findings"])
        if (f["severity"] == "error")
            kinds.push_back(f["kind"]);
    EXPECT_EQ(kinds, (std::vector<std::string>{"illegal-transition", "edited-accepted"}));
    auto text = check({"--base", "main"});
    EXPECT_TRUE(contains(text.out,
                         "  error: decisions/DEC-0001-ship-gbt.toml:4: DEC-0001 moved from "
                         "accepted to proposed, which the lifecycle does not allow"))
        << text.out;
    EXPECT_TRUE(contains(text.out,
                         "  error: decisions/DEC-0001-ship-gbt.toml: DEC-0001 was accepted "
                         "and its normative content changed"))
        << text.out;
    // A legal move (accepted -> deprecated) with no normative edit is fine. (Each commit is
    // judged against its parent, so it goes on a branch without the illegal one.)
    repo.git({"checkout", "-q", "-b", "legal", "main"});
    repo.write(k_record_path,
               replace(k_record, "status = \"accepted\"", "status = \"deprecated\""));
    repo.commit_all("Deprecate DEC-0001\n");
    EXPECT_EQ(check({"--base", "main"}).exit_code, 0);
}

TEST_F(CheckRangeTest, FormatsBeyondJsonNeedARange) {
    auto out = check({"--format", "github"});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_EQ(out.err, "git-decision: error: --format github needs --range or --base\n");
}

} // namespace

// Links made with `git decision link` live in refs/notes/decisions; a CI checkout that did not
// fetch it sees the linked commits as uncovered, and every format says so.
TEST_F(CheckRangeTest, NotesRefMissingIsSaidInEveryFormat) {
    feature_branch();
    repo.git({"update-ref", "-d", "refs/notes/decisions"});
    const std::string problem =
        "refs/notes/decisions does not exist in this clone, so links made with 'git decision "
        "link' were not seen: the uncovered commits may be linked there";
    const std::string fix = "fetch the notes, then check again: git fetch origin "
                            "refs/notes/decisions:refs/notes/decisions";
    auto text = check({"--base", "main"});
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_TRUE(contains(text.out, "note: " + problem + "\n  fix: " + fix + "\nchecked 3 commits"))
        << text.out;
    auto markdown = check({"--base", "main", "--format", "markdown"});
    EXPECT_TRUE(contains(markdown.out, "> **Note:** refs/notes/decisions does not exist in this "
                                       "clone, so links made with 'git decision link'"))
        << markdown.out;
    auto github = check({"--base", "main", "--format", "github"});
    EXPECT_TRUE(contains(github.out, "::warning title=git-decision notes::" + problem +
                                         "%0AFix: " + fix + "\n"))
        << github.out;
    auto json = nlohmann::json::parse(check({"--base", "main", "--format", "json"}).out);
    EXPECT_EQ(json["notes_ref"].dump(),
              R"j({"missing_for_uncovered":true,"name":"refs/notes/decisions","present":false})j");
    EXPECT_EQ(json["summary"]["warnings"], 0); // a note, not a finding
    auto gitlab = nlohmann::json::parse(check({"--base", "main", "--format", "gitlab"}).out);
    EXPECT_TRUE(
        contains(gitlab[0]["description"].get<std::string>(), " Note: " + problem + "; " + fix));

    // With the notes ref present, or nothing uncovered, nothing is said.
    repo.git({"notes", "--ref", "decisions", "add", "-m", "Decision: DEC-0001", "main"});
    EXPECT_FALSE(contains(check({"--base", "main"}).out, "note:"));
    auto present = nlohmann::json::parse(check({"--base", "main", "--format", "json"}).out);
    EXPECT_EQ(present["notes_ref"]["present"], true);
    EXPECT_EQ(present["notes_ref"]["missing_for_uncovered"], false);
}

} // namespace t_integration_check_range_test
