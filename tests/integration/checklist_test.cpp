// The checklist gates acceptance (docs/checklist.md): `check` reports what is missing,
// `status <ID> accepted` refuses an incomplete record, and a commit that makes a record
// accepted by editing its file is refused by the commit-time hooks, `check --range` and
// pre-receive, all through the one lifecycle engine; once complete, each lets it through.

#include "support/golden.hpp"
#include "support/governed.hpp"
#include "support/strings.hpp"
#include "support/temp_repo.hpp"

#include <filesystem>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_checklist_test {

namespace fs = std::filesystem;
using test::contains;
using test::replace;

namespace {

const std::string k_path = test::k_ship_gbt_path;

// DEC-0001, complete, with `status`.
std::string complete(const std::string& status) {
    return replace(test::ship_gbt_record(), "status = \"accepted\"", "status = \"" + status + "\"");
}

// DEC-0001 with `status`, missing its stakeholders and links and with an option that
// gives no reason.
std::string incomplete(const std::string& status) {
    std::string text = complete(status);
    text = text.substr(0, text.find("[[stakeholders]]"));
    return replace(text, "rejected_because = \"Recall tops out at 0.74\"\n", "");
}

test::RunOptions today() {
    test::RunOptions o;
    o.env["GIT_DECISION_TODAY"] = "2026-11-27";
    return o;
}

class ChecklistTest : public ::testing::Test {
protected:
    // `git decision init`, the author as ml-lead, DEC-0001 proposed and incomplete,
    // committed (the commit that adds the policy starts enforcement).
    void SetUp() override {
        ASSERT_EQ(repo.decision({"init"}).exit_code, 0);
        repo.write("decisions/policy.toml",
                   replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                           "ml-lead = [\"author@example.com\"]"));
        repo.write(k_path, incomplete("proposed"));
        repo.commit_all("Add the policy and DEC-0001");
    }

    // `server` (bare) as origin, with the built pre-receive as its hook.
    void serve_from(test::TempRepo& server) {
        server.write("hooks/pre-receive",
                     "#!/bin/sh\nexec '" + test::hook_binary("pre-receive") + "' \"$@\"\n");
        fs::permissions(fs::path(server.path()) / "hooks/pre-receive", fs::perms::owner_all);
        repo.git({"remote", "add", "origin", server.path()});
    }

    test::TempRepo repo;
};

} // namespace

TEST_F(ChecklistTest, CheckListsWhatIsMissing) {
    auto out = repo.decision({"check"}, today());
    EXPECT_EQ(out.exit_code, 0) << out.err;
    test::expect_golden("checklist_check_incomplete.txt", out.out + out.err);
}

TEST_F(ChecklistTest, StatusAcceptedIsRefusedUntilComplete) {
    auto refused = repo.decision({"status", "DEC-0001", "accepted"}, today());
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_EQ(refused.out, "");
    test::expect_golden("checklist_status_refused.txt", refused.err);
    EXPECT_EQ(repo.read(k_path), incomplete("proposed")); // untouched

    repo.write(k_path, complete("proposed"));
    auto accepted = repo.decision({"status", "DEC-0001", "accepted"}, today());
    EXPECT_EQ(accepted.exit_code, 0) << accepted.err;
    test::expect_golden("checklist_status_accepted.txt", accepted.out + accepted.err);
    EXPECT_EQ(repo.read(k_path), complete("accepted"));
}

TEST_F(ChecklistTest, RelaxedCategoryIsAcceptedWithNotes) {
    repo.write("decisions/policy.toml", replace(repo.read("decisions/policy.toml"), "relax = []\n",
                                                "relax = [\"MODEL SELECTION\"]\n"));
    auto out = repo.decision({"status", "DEC-0001", "accepted"}, today());
    EXPECT_EQ(out.exit_code, 0) << out.err;
    test::expect_golden("checklist_status_relaxed.txt", out.out + out.err);
}

TEST_F(ChecklistTest, PreCommitHookRefusesAnIncompleteAcceptance) {
    ASSERT_EQ(repo.decision({"install"}).exit_code, 0);
    repo.write(k_path, incomplete("accepted"));
    repo.git({"add", k_path});
    auto refused = repo.git({"commit", "-q", "-m", "Accept DEC-0001"}, {}, true);
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_TRUE(contains(refused.err, "  decisions/DEC-0001-ship-gbt.toml  (rule 'checklist')\n"
                                      "    - DEC-0001 becomes accepted here, but its checklist is "
                                      "incomplete\n"))
        << refused.err;
    EXPECT_TRUE(contains(refused.err, "decisions/DEC-0001-ship-gbt.toml:2:1: stakeholders: no "
                                      "stakeholders;"))
        << refused.err;

    repo.write(k_path, complete("accepted"));
    repo.git({"add", k_path});
    auto accepted = repo.git({"commit", "-q", "-m", "Accept DEC-0001"}, {}, true);
    EXPECT_EQ(accepted.exit_code, 0) << accepted.err;
}

TEST_F(ChecklistTest, CheckRangeRefusesAnIncompleteAcceptance) {
    std::string base = repo.head();
    repo.write(k_path, incomplete("accepted"));
    repo.commit_all("Accept DEC-0001 by hand");
    auto out = repo.decision({"check", "--range", base + "..HEAD"}, today());
    EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
    EXPECT_TRUE(contains(out.out, "DEC-0001 becomes accepted here, but its checklist is "
                                  "incomplete: stakeholders: no stakeholders"))
        << out.out;

    repo.git({"reset", "-q", "--hard", base});
    repo.write(k_path, complete("accepted"));
    repo.commit_all("Accept DEC-0001, complete");
    auto fine = repo.decision({"check", "--range", base + "..HEAD"}, today());
    EXPECT_EQ(fine.exit_code, 0) << fine.out << fine.err;
}

TEST_F(ChecklistTest, PreReceiveRefusesAnIncompleteAcceptance) {
    test::TempRepo server{test::TempRepo::Kind::Bare};
    serve_from(server);
    ASSERT_EQ(repo.git({"push", "-q", "origin", "main"}, {}, true).exit_code, 0);
    std::string base = repo.head();

    repo.write(k_path, incomplete("accepted"));
    repo.commit_all("Accept DEC-0001 by hand");
    auto refused = repo.git({"push", "-q", "origin", "main"}, {}, true);
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_TRUE(contains(refused.err, "DEC-0001 becomes accepted here, but its checklist is "
                                      "incomplete"))
        << refused.err;
    EXPECT_EQ(server.git({"rev-parse", "main"}).out, base + "\n");

    repo.git({"reset", "-q", "--hard", base});
    repo.write(k_path, complete("accepted"));
    repo.commit_all("Accept DEC-0001, complete");
    auto accepted = repo.git({"push", "-q", "origin", "main"}, {}, true);
    EXPECT_EQ(accepted.exit_code, 0) << accepted.err;
}

// Amending the commit that accepts a record is judged as that acceptance (against the
// amended commit's parent), not as an edit of the accepted record HEAD holds.
TEST_F(ChecklistTest, AmendingTheAcceptanceIsJudgedAgainstTheAmendedCommitsParent) {
    ASSERT_EQ(repo.decision({"install"}).exit_code, 0);
    repo.write(k_path, complete("accepted"));
    repo.git({"add", k_path});
    auto accepted = repo.git({"commit", "-q", "-m", "Accept DEC-0001"}, {}, true);
    ASSERT_EQ(accepted.exit_code, 0) << accepted.err;
    std::string parent = repo.git({"rev-parse", "HEAD^"}).out;

    repo.write(k_path, replace(complete("accepted"), "Best recall", "Best recall at 1% FPR"));
    repo.git({"add", k_path});
    auto amended = repo.git({"commit", "-q", "--amend", "-m", "Accept DEC-0001"}, {}, true);
    EXPECT_EQ(amended.exit_code, 0) << amended.err;
    EXPECT_EQ(repo.git({"rev-parse", "HEAD^"}).out, parent);
    EXPECT_TRUE(contains(repo.read(k_path), "Best recall at 1% FPR"));

    // Amended into an incomplete acceptance, it is still refused, as the acceptance it is.
    repo.write(k_path, incomplete("accepted"));
    repo.git({"add", k_path});
    auto refused = repo.git({"commit", "-q", "--amend", "-m", "Accept DEC-0001"}, {}, true);
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_TRUE(contains(refused.err, "DEC-0001 becomes accepted here, but its checklist is "
                                      "incomplete"))
        << refused.err;
    EXPECT_FALSE(contains(refused.err, "normative content changed")) << refused.err;
}

// What acceptance required stays: deleting the evidence links of an accepted record (not
// normative content, so its approvals stay fresh) is refused by the hooks, check --range
// and pre-receive.
TEST_F(ChecklistTest, AnAcceptedRecordCannotLoseItsChecklist) {
    test::TempRepo server{test::TempRepo::Kind::Bare};
    serve_from(server);
    repo.write(k_path, complete("accepted"));
    repo.commit_all("Accept DEC-0001");
    ASSERT_EQ(repo.git({"push", "-q", "origin", "main"}, {}, true).exit_code, 0);
    std::string base = repo.head();
    ASSERT_EQ(repo.decision({"install"}).exit_code, 0);

    const std::string unlinked =
        complete("accepted").substr(0, complete("accepted").find("[[links]]"));
    repo.write(k_path, unlinked);
    repo.git({"add", k_path});
    auto refused = repo.git({"commit", "-q", "-m", "Drop the evaluation link"}, {}, true);
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_TRUE(contains(refused.err, "git-decision: this commit leaves accepted decision "
                                      "records with their checklist incomplete:\n"))
        << refused.err;
    EXPECT_TRUE(contains(refused.err, "DEC-0001 is accepted, and this change leaves its "
                                      "checklist incomplete"))
        << refused.err;
    EXPECT_TRUE(contains(refused.err, "evidence-links: no evidence links")) << refused.err;

    // Past the local hooks, CI and the server refuse it too.
    repo.git({"commit", "-q", "--no-verify", "-m", "Drop the evaluation link"});
    auto range = repo.decision({"check", "--range", base + "..HEAD"}, today());
    EXPECT_EQ(range.exit_code, 1) << range.out << range.err;
    EXPECT_TRUE(contains(range.out, "DEC-0001 is accepted, and this change leaves its checklist "
                                    "incomplete: evidence-links: no evidence links"))
        << range.out;
    auto pushed = repo.git({"push", "-q", "--no-verify", "origin", "main"}, {}, true);
    EXPECT_NE(pushed.exit_code, 0);
    EXPECT_TRUE(contains(pushed.err, "DEC-0001 is accepted, and this change leaves its "
                                     "checklist incomplete"))
        << pushed.err;
    EXPECT_EQ(server.git({"rev-parse", "main"}).out, base + "\n");

    // Changing a link is fine: the item is still met.
    repo.git({"reset", "-q", "--hard", base});
    repo.write(k_path,
               replace(complete("accepted"), "notebooks/eval.ipynb", "notebooks/eval-v2.ipynb"));
    repo.git({"add", k_path});
    auto moved = repo.git({"commit", "-q", "-m", "Point at the new evaluation"}, {}, true);
    EXPECT_EQ(moved.exit_code, 0) << moved.err;
    // So is a review setting the next review date, past the window acceptance asked for.
    repo.write(k_path,
               replace(repo.read(k_path), "review_date = 2027-01-26", "review_date = 2027-07-26"));
    repo.git({"add", k_path});
    auto reviewed = repo.git({"commit", "-q", "-m", "Reviewed DEC-0001: next in July"}, {}, true);
    EXPECT_EQ(reviewed.exit_code, 0) << reviewed.err;
    auto fine = repo.decision({"check", "--range", base + "..HEAD"}, today());
    EXPECT_EQ(fine.exit_code, 0) << fine.out << fine.err;
}

// An accepted record leaves the log only through its status: deleting it, or breaking it
// for one commit so that it comes back as new with other content, is refused by CI and
// the server.
TEST_F(ChecklistTest, AnAcceptedRecordCannotBeDeletedOrBrokenToComeBackChanged) {
    test::TempRepo server{test::TempRepo::Kind::Bare};
    serve_from(server);
    repo.write(k_path, complete("accepted"));
    repo.commit_all("Accept DEC-0001");
    ASSERT_EQ(repo.git({"push", "-q", "origin", "main"}, {}, true).exit_code, 0);
    const std::string base = repo.head();

    repo.git({"rm", "-q", k_path});
    repo.git({"commit", "-q", "-m", "Drop DEC-0001"});
    auto deleted = repo.git({"push", "-q", "origin", "main"}, {}, true);
    EXPECT_NE(deleted.exit_code, 0);
    EXPECT_TRUE(contains(deleted.err, "DEC-0001 was accepted and this change deletes it"))
        << deleted.err;
    EXPECT_EQ(server.git({"rev-parse", "main"}).out, base + "\n");

    repo.git({"reset", "-q", "--hard", base});
    repo.write(k_path, complete("accepted") + "x = = y\n");
    repo.commit_all("Break DEC-0001");
    repo.write(k_path, replace(complete("accepted"), "Best recall", "Cheapest"));
    repo.commit_all("Bring DEC-0001 back, edited");
    auto range = repo.decision({"check", "--range", base + "..HEAD"}, today());
    EXPECT_EQ(range.exit_code, 1) << range.out << range.err;
    EXPECT_TRUE(contains(range.out, "DEC-0001 was accepted and is no longer a readable record"))
        << range.out;
    auto broken = repo.git({"push", "-q", "origin", "main"}, {}, true);
    EXPECT_NE(broken.exit_code, 0);
    EXPECT_TRUE(contains(broken.err, "DEC-0001 was accepted and is no longer a readable record"))
        << broken.err;
    EXPECT_EQ(server.git({"rev-parse", "main"}).out, base + "\n");
}

// A merge answers for a record move a merged branch did not make alone: main rejected
// DEC-0001 while a branch accepted it, so the merge moves it from rejected to accepted.
TEST_F(ChecklistTest, AMergeCannotCombineTwoBranchesMovesIntoAnIllegalOne) {
    test::TempRepo server{test::TempRepo::Kind::Bare};
    serve_from(server);
    ASSERT_EQ(repo.git({"push", "-q", "origin", "main"}, {}, true).exit_code, 0);
    const std::string base = repo.head();
    repo.git({"checkout", "-q", "-b", "side"});
    repo.write(k_path, complete("accepted"));
    repo.commit_all("Accept DEC-0001");
    repo.git({"checkout", "-q", "main"});
    repo.write(k_path, incomplete("rejected"));
    repo.commit_all("Reject DEC-0001");
    ASSERT_EQ(repo.decision({"install"}).exit_code, 0);

    auto hooked = repo.git({"merge", "-q", "-X", "theirs", "-m", "Merge side", "side"}, {}, true);
    EXPECT_NE(hooked.exit_code, 0);
    EXPECT_TRUE(contains(hooked.err, "DEC-0001 moved from rejected to accepted")) << hooked.err;
    repo.git({"merge", "--abort"});

    repo.git({"merge", "-q", "--no-verify", "-X", "theirs", "-m", "Merge side", "side"});
    auto range = repo.decision({"check", "--range", base + "..HEAD"}, today());
    EXPECT_EQ(range.exit_code, 1) << range.out << range.err;
    EXPECT_TRUE(contains(range.out, "DEC-0001 moved from rejected to accepted")) << range.out;
    auto pushed = repo.git({"push", "-q", "--no-verify", "origin", "main"}, {}, true);
    EXPECT_NE(pushed.exit_code, 0);
    EXPECT_TRUE(contains(pushed.err, "DEC-0001 moved from rejected to accepted")) << pushed.err;
    EXPECT_EQ(server.git({"rev-parse", "main"}).out, base + "\n");
}

// A branch with no history in common (an orphan) was judged by no policy: merging it
// answers for the incomplete acceptance it brings.
TEST_F(ChecklistTest, AMergeOfUnrelatedHistoryAnswersForWhatItBrings) {
    test::TempRepo server{test::TempRepo::Kind::Bare};
    serve_from(server);
    ASSERT_EQ(repo.git({"push", "-q", "origin", "main"}, {}, true).exit_code, 0);
    const std::string base = repo.head();
    repo.git({"checkout", "-q", "--orphan", "side"});
    repo.git({"rm", "-q", "-r", "-f", "."});
    repo.write(k_path, incomplete("accepted"));
    repo.commit_all("Orphan");
    repo.git({"checkout", "-q", "main"});
    repo.git(
        {"merge", "-q", "--allow-unrelated-histories", "-X", "theirs", "-m", "Merge side", "side"});
    auto range = repo.decision({"check", "--range", base + "..main"}, today());
    EXPECT_EQ(range.exit_code, 1) << range.out << range.err;
    EXPECT_TRUE(contains(range.out, "DEC-0001 becomes accepted here, but its checklist is "
                                    "incomplete"))
        << range.out;
    auto pushed = repo.git({"push", "-q", "origin", "main"}, {}, true);
    EXPECT_NE(pushed.exit_code, 0);
    EXPECT_EQ(server.git({"rev-parse", "main"}).out, base + "\n");
}

} // namespace t_integration_checklist_test
