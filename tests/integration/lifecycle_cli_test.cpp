// End-to-end tests of the lifecycle verbs: status and supersede move records along
// proposed -> accepted | rejected, accepted -> superseded | deprecated, rewriting only the
// lines they must.

#include "integration/cli_fixture.hpp"

#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_lifecycle_cli_test {

using test::full_record;
using test::k_full_record;
using test::minimal_record;
using test::on_day;
using test::replaced;
using test::TempRepo;

namespace {

const std::string k_path = "decisions/DEC-0001-recall-over-precision.toml";

std::string with_status(const std::string& text, const std::string& status) {
    return replaced(text, "status = \"accepted\"", "status = \"" + status + "\"");
}

} // namespace

TEST(StatusVerb, AcceptsAProposalAndKeepsEveryOtherByte) {
    TempRepo repo;
    std::string proposed = with_status(k_full_record, "proposed");
    repo.write(k_path, proposed);
    auto out = repo.decision({"status", "DEC-0001", "accepted"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "DEC-0001: proposed -> accepted\n");
    EXPECT_EQ(out.err, "");
    // The comment after the status survives, and nothing else moves.
    EXPECT_EQ(repo.read(k_path), k_full_record);

    auto again = repo.decision({"status", "DEC-0001", "accepted"});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_EQ(again.out, "DEC-0001 is already accepted\n");
    EXPECT_EQ(repo.read(k_path), k_full_record);
}

TEST(StatusVerb, KeepsLayoutOfUnusualButValidRecords) {
    TempRepo repo;
    std::string text = "# A hand-written record\r\n"
                       "id = 'DEC-0001'\r\n"
                       "title = \"Odd layout\"\r\n"
                       "category = \"TRAINING STRATEGY\"\r\n"
                       "  status   =   'proposed'   # single quotes, CRLF\r\n"
                       "date = 2026-11-01\r\n"
                       "owner = { name = \"A. N. Other\" }\r\n";
    repo.write("decisions/DEC-0001-odd.toml", text);
    auto out = repo.decision({"status", "DEC-0001", "rejected"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "DEC-0001: proposed -> rejected\n");
    EXPECT_EQ(repo.read("decisions/DEC-0001-odd.toml"),
              replaced(text, "'proposed'", "\"rejected\""));
}

TEST(StatusVerb, DeprecatesAnAcceptedDecision) {
    TempRepo repo;
    repo.write(k_path, k_full_record);
    auto out = repo.decision({"status", "DEC-0001", "deprecated"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "DEC-0001: accepted -> deprecated\n");
    EXPECT_EQ(repo.read(k_path), with_status(k_full_record, "deprecated"));
}

TEST(StatusVerb, RefusesIllegalTransitionsAndSaysWhatIsAllowed) {
    TempRepo repo;
    repo.write(k_path, k_full_record);
    repo.write("decisions/DEC-0002-rejected.toml",
               minimal_record("DEC-0002", "Rejected", "rejected"));

    auto back = repo.decision({"status", "DEC-0001", "proposed"});
    EXPECT_EQ(back.exit_code, 1);
    EXPECT_EQ(back.out, "");
    EXPECT_EQ(back.err, "git-decision: error: DEC-0001 is accepted; it can move to superseded or "
                        "deprecated, not proposed\n");

    auto superseded = repo.decision({"status", "DEC-0001", "superseded"});
    EXPECT_EQ(superseded.exit_code, 129);
    EXPECT_EQ(superseded.err, "git-decision: error: use git decision supersede DEC-0001 --by "
                              "<ID>, so the successor records what it replaces\n");

    auto final_status = repo.decision({"status", "DEC-0002", "accepted"});
    EXPECT_EQ(final_status.exit_code, 1);
    EXPECT_EQ(final_status.err, "git-decision: error: DEC-0002 is rejected, which is final; it "
                                "cannot become accepted (record a new decision with git "
                                "decision new)\n");

    auto typo = repo.decision({"status", "DEC-0001", "deprecate"});
    EXPECT_EQ(typo.exit_code, 129);
    EXPECT_EQ(typo.err, "git-decision: error: unknown status 'deprecate'; did you mean "
                        "'deprecated'? (one of: proposed, accepted, rejected, superseded, "
                        "deprecated)\n");

    auto unknown = repo.decision({"status", "DEC-0009", "accepted"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.err, "git-decision: error: no decision with ID 'DEC-0009'; did you mean "
                           "DEC-0001?\n");

    auto missing = repo.decision({"status", "DEC-0001"});
    EXPECT_EQ(missing.exit_code, 129);
    EXPECT_EQ(missing.err, "git-decision: usage: status is required\n"
                           "Run 'git decision status --help' for usage.\n");

    EXPECT_EQ(repo.read(k_path), k_full_record);
}

// A record whose file does not parse is named with its error, not as an unknown ID, by
// every verb that looks a decision up.
TEST(StatusVerb, ARecordThatDoesNotParseIsNamedWithItsError) {
    TempRepo repo;
    repo.write(k_path, k_full_record);
    repo.write("decisions/DEC-0003-broken.toml", "id = \"DEC-0003\"\ntitle = \"broken\n");
    for (std::vector<std::string> args :
         {std::vector<std::string>{"status", "DEC-0003", "accepted"},
          {"show", "DEC-0003"},
          {"new", "--supersedes", "DEC-0003", "-t", "x", "--no-edit"}}) {
        auto out = repo.decision(args);
        EXPECT_EQ(out.exit_code, 1) << args[0];
        EXPECT_TRUE(out.err.starts_with("git-decision: error: the record of DEC-0003 cannot be "
                                        "read: decisions/DEC-0003-broken.toml:2:"))
            << out.err;
        EXPECT_TRUE(out.err.ends_with("; fix it (git decision check lists every error)\n"))
            << out.err;
    }
    EXPECT_FALSE(std::filesystem::exists(repo.path() + "/decisions/DEC-0004-x.toml"));
}

TEST(SupersedeVerb, UpdatesBothRecords) {
    TempRepo repo;
    repo.write(k_path, k_full_record);
    std::string successor = full_record("DEC-0002");
    repo.write("decisions/DEC-0002-successor.toml", successor);

    auto out = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0002"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "DEC-0001 is superseded by DEC-0002\n");
    EXPECT_EQ(out.err, "");
    EXPECT_EQ(repo.read(k_path), with_status(k_full_record, "superseded"));
    EXPECT_EQ(repo.read("decisions/DEC-0002-successor.toml"),
              replaced(successor, "# decided in the weekly model review\n",
                       "# decided in the weekly model review\nsupersedes = [\"DEC-0001\"]\n"));

    auto check = repo.decision({"check"}, on_day());
    EXPECT_EQ(check.exit_code, 0);
    EXPECT_EQ(check.out, "checked 2 records: 0 errors, 0 warnings\n");
}

// Naming the predecessor changes the successor's normative content: once the successor's
// acceptance is committed, the hooks would refuse that edit, so supersede refuses it first
// and says what to do instead.
TEST(SupersedeVerb, RefusesToEditASuccessorCommittedAsAccepted) {
    TempRepo repo;
    repo.write(k_path, k_full_record);
    std::string successor = full_record("DEC-0002");
    repo.write("decisions/DEC-0002-successor.toml", successor);
    repo.commit_all("DEC-0001 and DEC-0002, both accepted");

    auto out = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0002"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err,
              "git-decision: error: DEC-0002 was committed as accepted without naming DEC-0001 "
              "in supersedes, and accepted content cannot change (its approvals would go "
              "stale). Retire DEC-0001 with git decision status DEC-0001 deprecated, or record "
              "its successor with git decision new --supersedes DEC-0001\n");
    EXPECT_EQ(repo.read(k_path), k_full_record);
    EXPECT_EQ(repo.read("decisions/DEC-0002-successor.toml"), successor);

    // Already named (new --supersedes), the successor is not touched and the verb works.
    std::string naming = full_record("DEC-0002", "supersedes = [\"DEC-0001\"]");
    repo.write("decisions/DEC-0002-successor.toml", naming);
    repo.commit_all("DEC-0002 names DEC-0001");
    auto named = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0002"});
    EXPECT_EQ(named.exit_code, 0) << named.err;
    EXPECT_EQ(repo.read("decisions/DEC-0002-successor.toml"), naming);
    EXPECT_EQ(repo.read(k_path), with_status(k_full_record, "superseded"));
}

TEST(SupersedeVerb, AppendsToAnExistingSupersedesList) {
    TempRepo repo;
    repo.write(k_path, k_full_record);
    repo.write("decisions/DEC-0003-older.toml", minimal_record("DEC-0003", "Older", "superseded"));
    std::string successor = full_record("DEC-0002", "supersedes = [\"DEC-0003\"]  # the old one");
    repo.write("decisions/DEC-0002-successor.toml", successor);
    auto out = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0002"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(repo.read("decisions/DEC-0002-successor.toml"),
              replaced(successor, "supersedes = [\"DEC-0003\"]  # the old one",
                       "supersedes = [\"DEC-0003\", \"DEC-0001\"]  # the old one"));
}

TEST(SupersedeVerb, RefusesIllegalCases) {
    TempRepo repo;
    repo.write(k_path, k_full_record);
    repo.write("decisions/DEC-0002-proposal.toml", minimal_record("DEC-0002", "Proposal"));
    repo.write("decisions/DEC-0003-rejected.toml",
               minimal_record("DEC-0003", "Rejected", "rejected"));
    repo.write("decisions/DEC-0004-other.toml", full_record("DEC-0004"));

    auto proposed = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0002"});
    EXPECT_EQ(proposed.exit_code, 1);
    EXPECT_EQ(proposed.err, "git-decision: error: DEC-0002 is proposed; accept it first: git "
                            "decision status DEC-0002 accepted\n");
    auto rejected = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0003"});
    EXPECT_EQ(rejected.exit_code, 1);
    EXPECT_EQ(rejected.err, "git-decision: error: DEC-0003 is rejected; only an accepted "
                            "decision can supersede another\n");
    auto old_not_accepted = repo.decision({"supersede", "DEC-0002", "--by", "DEC-0001"});
    EXPECT_EQ(old_not_accepted.exit_code, 1);
    EXPECT_EQ(old_not_accepted.err, "git-decision: error: DEC-0002 is proposed; only accepted "
                                    "decisions can be superseded\n");
    auto itself = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0001"});
    EXPECT_EQ(itself.exit_code, 129);
    EXPECT_EQ(itself.err, "git-decision: error: a decision cannot supersede itself\n");
    auto unknown = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0042"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.err, "git-decision: error: no decision with ID 'DEC-0042'; did you mean "
                           "DEC-0002?\n");
    auto no_by = repo.decision({"supersede", "DEC-0001"});
    EXPECT_EQ(no_by.exit_code, 129);
    EXPECT_EQ(no_by.err, "git-decision: usage: --by is required\n"
                         "Run 'git decision supersede --help' for usage.\n");

    // Superseding back would make a cycle.
    repo.write("decisions/DEC-0004-other.toml",
               full_record("DEC-0004", "supersedes = [\"DEC-0001\"]"));
    auto cycle = repo.decision({"supersede", "DEC-0004", "--by", "DEC-0001"});
    EXPECT_EQ(cycle.exit_code, 1);
    EXPECT_EQ(cycle.err, "git-decision: error: DEC-0004 already supersedes DEC-0001; superseding "
                         "it back would make a cycle\n");

    // Nothing was written by any refusal.
    EXPECT_EQ(repo.read(k_path), k_full_record);
    EXPECT_EQ(repo.read("decisions/DEC-0002-proposal.toml"),
              minimal_record("DEC-0002", "Proposal"));
}

} // namespace t_integration_lifecycle_cli_test
