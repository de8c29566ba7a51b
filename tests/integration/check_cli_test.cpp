// End-to-end tests of `git decision check` (without --range): records and policy
// validated, findings printed as file:line:col, exit 1 on any error.

#include "integration/cli_fixture.hpp"
#include "support/golden.hpp"

#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_check_cli_test {

using test::full_record;
using test::k_full_record;
using test::minimal_record;
using test::on_day;
using test::replaced;
using test::TempRepo;

namespace {

const std::string k_record = "decisions/DEC-0001-recall-over-precision.toml";

// The full record with its third option's rejected_because removed.
std::string with_one_rejected_option() {
    return replaced(k_full_record,
                    "rejected_because = \"Recall tops out at 0.74 on the validation set\"\n", "");
}

const std::string k_one_rejected_finding =
    ":45:1: %s: option 3 ('Keep the logistic regression, tune the threshold') is not chosen and "
    "says no reason; add rejected_because [options-evaluated]\n";

std::string finding(const std::string& file, const std::string& severity) {
    std::string f = k_one_rejected_finding;
    f.replace(f.find("%s"), 2, severity);
    return file + f;
}

} // namespace

TEST(CheckVerb, ACompleteRecordChecksClean) {
    TempRepo repo;
    repo.decision({"init"});
    repo.write(k_record, k_full_record);
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "checked 1 record: 0 errors, 0 warnings\n");
    EXPECT_EQ(out.err, "");
}

TEST(CheckVerb, AMissingRejectedOptionIsAWarningWithItsPosition) {
    TempRepo repo;
    repo.decision({"init"});
    repo.write(k_record, with_one_rejected_option());
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, finding(k_record, "warning") + "checked 1 record: 0 errors, 1 warning\n");
}

TEST(CheckVerb, ThePolicyCanMakeALintRuleAnError) {
    TempRepo repo;
    repo.decision({"init"});
    std::string policy = repo.read("decisions/policy.toml");
    repo.write("decisions/policy.toml", replaced(policy, "# options-evaluated = \"error\"",
                                                 "options-evaluated = \"error\""));
    repo.write(k_record, with_one_rejected_option());
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, finding(k_record, "error") + "checked 1 record: 1 error, 0 warnings\n");

    repo.write("decisions/policy.toml", "[lint]\nrejected-options = \"off\"\n");
    auto off = repo.decision({"check"}, on_day());
    EXPECT_EQ(off.exit_code, 0);
    EXPECT_EQ(off.out, "checked 1 record: 0 errors, 0 warnings\n");
}

TEST(CheckVerb, MalformedTomlNamesFileLineAndColumn) {
    TempRepo repo;
    repo.write(k_record, k_full_record);
    repo.write("decisions/DEC-0002-broken.toml",
               "id = \"DEC-0002\"\ntitle = \"Unterminated\ncategory = \"MODEL SELECTION\"\n");
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "decisions/DEC-0002-broken.toml:2:22: error: invalid TOML: Error while "
                       "parsing string: unescaped control characters other than TAB (U+0009) are "
                       "explicitly prohibited\n"
                       "checked 1 record: 1 error, 0 warnings\n");
}

TEST(CheckVerb, ReportsDuplicateIds) {
    TempRepo repo;
    repo.write(k_record, k_full_record);
    repo.write("decisions/DEC-0001-from-another-branch.toml", full_record("DEC-0001"));
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out,
              "decisions/DEC-0001-from-another-branch.toml:1:1: error: ID DEC-0001 is also used by "
              "decisions/DEC-0001-recall-over-precision.toml; give one of them the next free ID "
              "(git decision new allocates one) and rename its file [duplicate-id]\n"
              "decisions/DEC-0001-recall-over-precision.toml:1:1: error: ID DEC-0001 is also used "
              "by decisions/DEC-0001-from-another-branch.toml; give one of them the next free ID "
              "(git decision new allocates one) and rename its file [duplicate-id]\n"
              "checked 2 records: 2 errors, 0 warnings\n");
}

TEST(CheckVerb, ReportsAnIdThatDoesNotMatchItsFileName) {
    TempRepo repo;
    repo.write("decisions/DEC-0003-renamed.toml", full_record("DEC-0002"));
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "decisions/DEC-0003-renamed.toml:1:1: error: ID DEC-0002 does not match "
                       "the file name 'DEC-0003-renamed.toml'; name the file DEC-0002-<slug>.toml "
                       "[id-filename]\n"
                       "checked 1 record: 1 error, 0 warnings\n");
}

TEST(CheckVerb, ReportsSupersedesToNowhere) {
    TempRepo repo;
    repo.write(k_record, full_record("DEC-0001", "supersedes = [\"DEC-0017\"]"));
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, k_record + ":8:1: error: supersedes DEC-0017, but no record has that ID "
                                  "[supersedes]\n"
                                  "checked 1 record: 1 error, 0 warnings\n");
}

TEST(CheckVerb, ReportsASupersedeCycleOnce) {
    TempRepo repo;
    repo.write("decisions/DEC-0001-a.toml", full_record("DEC-0001", "supersedes = [\"DEC-0002\"]"));
    repo.write("decisions/DEC-0002-b.toml", full_record("DEC-0002", "supersedes = [\"DEC-0003\"]"));
    repo.write("decisions/DEC-0003-c.toml", full_record("DEC-0003", "supersedes = [\"DEC-0001\"]"));
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "decisions/DEC-0001-a.toml:8:1: error: supersede cycle: DEC-0001 -> "
                       "DEC-0002 -> DEC-0003 -> DEC-0001 [supersede-cycle]\n"
                       "checked 3 records: 1 error, 0 warnings\n");
}

TEST(CheckVerb, ASupersededRecordNeedsAnAcceptedSuccessor) {
    TempRepo repo;
    repo.write(k_record,
               replaced(k_full_record, "status = \"accepted\"", "status = \"superseded\""));
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, k_record +
                           ":4:1: error: DEC-0001 is superseded, but no accepted record lists it "
                           "in supersedes; use git decision supersede DEC-0001 --by <ID> "
                           "[superseded-by]\n"
                           "checked 1 record: 1 error, 0 warnings\n");
}

TEST(CheckVerb, AnInvalidPolicyIsReportedAtItsPosition) {
    TempRepo repo;
    repo.write(k_record, k_full_record);
    repo.write("decisions/policy.toml", "[records]\ndir = \"decisions\"\nid_prefx = \"DEC\"\n");
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "decisions/policy.toml:3:1: error: unknown key 'id_prefx' in [records]; "
                       "did you mean 'id_prefix'?\n"
                       "checked 0 records: 1 error, 0 warnings\n");

    // The read verbs refuse to guess with an invalid policy, and say why.
    auto list = repo.decision({"list"}, on_day());
    EXPECT_EQ(list.exit_code, 1);
    EXPECT_EQ(list.out, "");
    EXPECT_EQ(list.err, "git-decision: error: the policy is invalid:\n"
                        "  decisions/policy.toml:3:1: error: unknown key 'id_prefx' in [records]; "
                        "did you mean 'id_prefix'?\n");
}

TEST(CheckVerb, JsonHasCountsAndOneObjectPerFinding) {
    TempRepo repo;
    repo.write(k_record, with_one_rejected_option());
    repo.write("decisions/DEC-0002-x.toml", full_record("DEC-0002", "supersedes = [\"DEC-0009\"]"));
    auto out = repo.decision({"check", "--format", "json"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.err, "");
    EXPECT_EQ(out.out, R"({
  "diagnostics": [
    {
      "column": 1,
      "file": "decisions/DEC-0001-recall-over-precision.toml",
      "line": 45,
      "message": "option 3 ('Keep the logistic regression, tune the threshold') is not chosen and says no reason; add rejected_because",
      "rule": "options-evaluated",
      "severity": "warning"
    },
    {
      "column": 1,
      "file": "decisions/DEC-0002-x.toml",
      "line": 8,
      "message": "supersedes DEC-0009, but no record has that ID",
      "rule": "supersedes",
      "severity": "error"
    }
  ],
  "errors": 1,
  "records": 2,
  "warnings": 1
}
)");

    TempRepo clean;
    auto empty = clean.decision({"check", "--format", "json"});
    EXPECT_EQ(empty.exit_code, 0);
    EXPECT_EQ(empty.out, "{\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"records\": 0,\n"
                         "  \"warnings\": 0\n}\n");
    auto bad = clean.decision({"check", "--format", "yaml"});
    EXPECT_EQ(bad.exit_code, 129);
    EXPECT_EQ(bad.err,
              "git-decision: usage: --format: yaml not in {text,json,markdown,github,gitlab}\n"
              "Run 'git decision check --help' for usage.\n");
}

TEST(CheckVerb, ARecordOverOneMebibyteIsNotRead) {
    TempRepo repo;
    repo.write(k_record, k_full_record);
    repo.write("decisions/DEC-0002-huge.toml",
               "id = \"DEC-0002\"\n# " + std::string(1 << 20, 'x') + "\n");
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "decisions/DEC-0002-huge.toml: error: larger than the 1 MiB limit for a "
                       "record; not read\n"
                       "checked 1 record: 1 error, 0 warnings\n");

    // The same when the record is read from a commit.
    repo.commit_all("Add a huge record");
    auto at = repo.decision({"check", "--at", "HEAD"}, on_day());
    EXPECT_EQ(at.exit_code, 1);
    EXPECT_EQ(at.out, out.out);
}

TEST(CheckVerb, ANonUtf8RecordIsAnError) {
    TempRepo repo;
    repo.write("decisions/DEC-0001-latin1.toml",
               "id = \"DEC-0001\"\ntitle = \"Mod\xe8le\"\n"); // ISO-8859-1 è
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "decisions/DEC-0001-latin1.toml: error: not valid UTF-8; records must be "
                       "UTF-8 text\n"
                       "checked 0 records: 1 error, 0 warnings\n");
}

TEST(CheckVerb, ARecordsFolderThatIsAFileIsAnError) {
    TempRepo repo;
    repo.write("decisions", "oops\n");
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err, "git-decision: error: the records folder 'decisions' is not a directory\n");

    repo.commit_all("A file where the folder goes");
    auto at = repo.decision({"check", "--at", "HEAD"}, on_day());
    EXPECT_EQ(at.exit_code, 1);
    EXPECT_EQ(at.err,
              "git-decision: error: the records folder 'decisions' is not a directory at HEAD\n");
}

TEST(CheckVerb, IgnoresFilesThatAreNotRecords) {
    TempRepo repo;
    repo.write(k_record, k_full_record);
    repo.write("decisions/README.md", "# Decisions\n");
    repo.write("decisions/.DEC-0002-draft.toml", "not toml at all [[[\n");
    repo.write("decisions/drafts/DEC-0003-nested.toml", "also not toml [[[\n");
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "checked 1 record: 0 errors, 0 warnings\n");
}

TEST(CheckVerb, AMinimalRecordGetsTheChecklistAsWarnings) {
    TempRepo repo;
    repo.write("decisions/DEC-0001-minimal.toml", minimal_record("DEC-0001", "Minimal"));
    auto out = repo.decision({"check"}, on_day());
    EXPECT_EQ(out.exit_code, 0);
    test::expect_golden("check_minimal_record.txt", out.out);
}

} // namespace t_integration_check_cli_test
