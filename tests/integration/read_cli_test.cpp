// End-to-end tests of the read verbs: list (every filter, JSON), search, show (text and
// JSON), and --at reading records as of a revision instead of the working tree.

#include "integration/cli_fixture.hpp"
#include "support/golden.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_read_cli_test {

using test::full_record;
using test::k_full_record;
using test::minimal_record;
using test::on_day;
using test::replaced;
using test::TempRepo;

namespace {

const std::string k_full_path = "decisions/DEC-0001-recall-over-precision.toml";

// Four decisions of different categories, statuses, owners and review dates; "today" is
// 2026-11-27, when DEC-0003 is overdue and DEC-0004 is due in a week.
void write_portfolio(const TempRepo& repo) {
    repo.write(k_full_path, k_full_record);
    repo.write("decisions/DEC-0002-weekly-retraining.toml",
               minimal_record("DEC-0002", "Retrain weekly on all merchants", "rejected",
                              "review_date = 2026-10-01"));
    ASSERT_EQ(repo.decision({"new", "--no-edit", "-c", "DATA PIPELINE", "-t",
                             "Stream transactions hourly", "--owner", "Omar Diaz", "--email",
                             "omar@example.com", "--date", "2026-09-01", "--review-in", "30"},
                            on_day())
                  .out,
              "Created decisions/DEC-0003-stream-transactions-hourly.toml (DEC-0003)\n");
    ASSERT_EQ(repo.decision({"new", "--no-edit", "-c", "ETHICAL REVIEW", "-t",
                             "Accept the fairness gap for new merchants", "--date", "2026-11-20",
                             "--review-in", "14"},
                            on_day())
                  .out,
              "Created decisions/DEC-0004-accept-the-fairness-gap-for-new-merchants.toml "
              "(DEC-0004)\n");
}

const std::string k_row1 = "DEC-0001  accepted  MODEL SELECTION    2027-01-15  Priya Raman  "
                           "Optimize for recall over precision in the fraud detection model\n";

// `git decision list <args>` on the portfolio, expecting success and no stderr.
std::string list(const TempRepo& repo, std::vector<std::string> args) {
    args.insert(args.begin(), "list");
    auto out = repo.decision(args, on_day());
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.err, "");
    return out.out;
}

std::vector<std::string> ids_of(const std::string& json_text) {
    std::vector<std::string> ids;
    for (const auto& r : nlohmann::json::parse(json_text))
        ids.push_back(r.at("id").get<std::string>());
    return ids;
}

} // namespace

TEST(ListVerb, ShowsEveryRecordSortedById) {
    TempRepo repo;
    write_portfolio(repo);
    EXPECT_EQ(list(repo, {}),
              "ID        STATUS    CATEGORY           REVIEW      OWNER        TITLE\n" + k_row1 +
                  "DEC-0002  rejected  TRAINING STRATEGY  2026-10-01  A. N. Other  Retrain weekly "
                  "on all merchants\n"
                  "DEC-0003  proposed  DATA PIPELINE      2026-10-01  Omar Diaz    Stream "
                  "transactions hourly\n"
                  "DEC-0004  proposed  ETHICAL REVIEW     2026-12-04  A U Thor     Accept the "
                  "fairness gap for new merchants\n");
}

TEST(ListVerb, FiltersByCategoryStatusOwnerTagModelAndPath) {
    TempRepo repo;
    write_portfolio(repo);
    const std::string pipeline = "ID        STATUS    CATEGORY       REVIEW      OWNER      TITLE\n"
                                 "DEC-0003  proposed  DATA PIPELINE  2026-10-01  Omar Diaz  Stream "
                                 "transactions hourly\n";
    const std::string model =
        "ID        STATUS    CATEGORY         REVIEW      OWNER        TITLE\n"
        "DEC-0001  accepted  MODEL SELECTION  2027-01-15  Priya Raman  "
        "Optimize for recall over precision in the fraud detection model\n";
    EXPECT_EQ(list(repo, {"--category", "data-pipeline"}), pipeline);
    EXPECT_EQ(list(repo, {"--category", "DATA PIPELINE"}), pipeline);
    EXPECT_EQ(list(repo, {"--status", "accepted"}), model);
    EXPECT_EQ(list(repo, {"--owner", "OMAR"}), pipeline);
    EXPECT_EQ(list(repo, {"--owner", "omar@example"}), pipeline);
    EXPECT_EQ(list(repo, {"--tag", "Payments"}), model);
    EXPECT_EQ(list(repo, {"--model", "fraud-detector"}), model);
    EXPECT_EQ(list(repo, {"--path", "models/fraud/gbt.onnx"}), model);
    EXPECT_EQ(list(repo, {"--path", "pipelines/fraud_features/join.py"}), model);
    EXPECT_EQ(list(repo, {"--path", "models/churn/model.onnx"}), "No decisions match.\n");
    EXPECT_EQ(list(repo, {"--status", "accepted", "--tag", "churn"}), "No decisions match.\n");
}

TEST(ListVerb, FiltersByReviewDate) {
    TempRepo repo;
    write_portfolio(repo);
    const std::string overdue = "ID        STATUS    CATEGORY       REVIEW      OWNER      TITLE\n"
                                "DEC-0003  proposed  DATA PIPELINE  2026-10-01  Omar Diaz  Stream "
                                "transactions hourly\n";
    // DEC-0002 is past its review date too, but rejected decisions are not due.
    EXPECT_EQ(list(repo, {"--overdue"}), overdue);
    EXPECT_EQ(list(repo, {"--due-within", "3d"}), overdue);
    const std::string due = "ID        STATUS    CATEGORY        REVIEW      OWNER      TITLE\n"
                            "DEC-0003  proposed  DATA PIPELINE   2026-10-01  Omar Diaz  Stream "
                            "transactions hourly\n"
                            "DEC-0004  proposed  ETHICAL REVIEW  2026-12-04  A U Thor   Accept the "
                            "fairness gap for new merchants\n";
    EXPECT_EQ(list(repo, {"--due-within", "14d"}), due);
    EXPECT_EQ(list(repo, {"--due-within", "1w"}), due);
    EXPECT_EQ(list(repo, {"--due-within", "7"}), due);

    // Later, both are overdue and the model decision is due.
    auto later = repo.decision({"list", "--overdue"}, on_day({}, "2027-01-10"));
    EXPECT_EQ(later.out, due);
    auto soon = repo.decision({"list", "--due-within", "5d", "--status", "accepted"},
                              on_day({}, "2027-01-10"));
    EXPECT_EQ(soon.out, "ID        STATUS    CATEGORY         REVIEW      OWNER        TITLE\n"
                        "DEC-0001  accepted  MODEL SELECTION  2027-01-15  Priya Raman  Optimize "
                        "for recall over precision in the fraud detection model\n");
}

TEST(ListVerb, RejectsBadFilterValues) {
    TempRepo repo;
    write_portfolio(repo);
    auto status = repo.decision({"list", "--status", "proposd"});
    EXPECT_EQ(status.exit_code, 129);
    EXPECT_EQ(status.out, "");
    EXPECT_EQ(status.err, "git-decision: error: unknown status 'proposd'; did you mean "
                          "'proposed'?\n");
    auto window = repo.decision({"list", "--due-within", "1y"});
    EXPECT_EQ(window.exit_code, 129);
    EXPECT_EQ(window.err,
              "git-decision: error: --due-within '1y' is not a window like 14d, 2w or 30\n");
    auto category = repo.decision({"list", "--category", "data pipelines"});
    EXPECT_EQ(category.exit_code, 129);
    EXPECT_EQ(category.err,
              "git-decision: error: unknown category 'data pipelines'; did you mean 'DATA "
              "PIPELINE'? (one of: MODEL SELECTION, DATA PIPELINE, FEATURE ENGINEERING, ETHICAL "
              "REVIEW, TRAINING STRATEGY, DEPLOYMENT THRESHOLD)\n");
}

TEST(ListVerb, JsonIsOneArrayOfRecords) {
    TempRepo repo;
    write_portfolio(repo);
    auto all = list(repo, {"--format", "json"});
    EXPECT_EQ(ids_of(all),
              (std::vector<std::string>{"DEC-0001", "DEC-0002", "DEC-0003", "DEC-0004"}));
    auto proposed = nlohmann::json::parse(list(repo, {"--format", "json", "--status", "proposed"}));
    ASSERT_EQ(proposed.size(), 2u);
    EXPECT_EQ(proposed[0]["id"], "DEC-0003");
    EXPECT_EQ(proposed[0]["category"], "DATA PIPELINE");
    EXPECT_EQ(proposed[0]["owner"]["email"], "omar@example.com");
    EXPECT_EQ(proposed[0]["review_date"], "2026-10-01");
    EXPECT_EQ(proposed[0]["path"], "decisions/DEC-0003-stream-transactions-hourly.toml");
    EXPECT_EQ(list(repo, {"--format", "json", "--tag", "none"}), "[]\n");
}

TEST(ListVerb, CutsTitlesOnlyToAGivenWidth) {
    TempRepo repo;
    repo.write(k_full_path, k_full_record);
    repo.write("decisions/DEC-0002-x.toml",
               replaced(minimal_record("DEC-0002", "Modèle de détection: précision ou rappel"),
                        "name = \"A. N. Other\"", "name = \"Zoë Ørsted\""));
    // 100 columns leave 36 for the title; widths count characters, not bytes.
    auto narrow = repo.decision({"list"}, on_day({{"COLUMNS", "100"}}));
    EXPECT_EQ(narrow.out,
              "ID        STATUS    CATEGORY           REVIEW      OWNER        TITLE\n"
              "DEC-0001  accepted  MODEL SELECTION    2027-01-15  Priya Raman  Optimize for "
              "recall over precisio...\n"
              "DEC-0002  proposed  TRAINING STRATEGY  -           Zoë Ørsted   Modèle de "
              "détection: précision ou...\n");
    // Not a terminal and no COLUMNS: whole titles, for grep.
    auto piped = repo.decision({"list"}, on_day());
    EXPECT_NE(piped.out.find("Modèle de détection: précision ou rappel\n"), std::string::npos)
        << piped.out;
}

TEST(ListVerb, SkippedFilesAreReportedOnStderr) {
    TempRepo repo;
    repo.write(k_full_path, k_full_record);
    repo.write("decisions/DEC-0002-broken.toml", "id = \"DEC-0002\"\ntitle = [\n");
    auto out = repo.decision({"list"}, on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "ID        STATUS    CATEGORY         REVIEW      OWNER        TITLE\n"
                       "DEC-0001  accepted  MODEL SELECTION  2027-01-15  Priya Raman  Optimize "
                       "for recall over precision in the fraud detection model\n");
    EXPECT_EQ(out.err, "git-decision: skipped: decisions/DEC-0002-broken.toml:2:11: error: "
                       "invalid TOML: Error while parsing array: encountered end-of-file\n");
}

TEST(SearchVerb, FindsTextCaseInsensitivelyInTitleRationaleAndOptions) {
    TempRepo repo;
    write_portfolio(repo);
    const std::string model =
        "ID        STATUS    CATEGORY         REVIEW      OWNER        TITLE\n"
        "DEC-0001  accepted  MODEL SELECTION  2027-01-15  Priya Raman  "
        "Optimize for recall over precision in the fraud detection model\n";
    for (const char* text : {"RECALL OVER", "manual REVIEW", "two-tower", "LOGISTIC regression",
                             "gpu inference", "payments"}) {
        auto out = repo.decision({"search", text}, on_day());
        EXPECT_EQ(out.exit_code, 0);
        EXPECT_EQ(out.out, model) << text;
    }
    auto merchants = repo.decision({"search", "Merchants"}, on_day());
    EXPECT_EQ(merchants.out,
              "ID        STATUS    CATEGORY           REVIEW      OWNER        TITLE\n"
              "DEC-0002  rejected  TRAINING STRATEGY  2026-10-01  A. N. Other  Retrain weekly on "
              "all merchants\n"
              "DEC-0004  proposed  ETHICAL REVIEW     2026-12-04  A U Thor     Accept the fairness "
              "gap for new merchants\n");
    auto filtered = repo.decision({"search", "merchants", "--status", "rejected"}, on_day());
    EXPECT_EQ(filtered.out,
              "ID        STATUS    CATEGORY           REVIEW      OWNER        TITLE\n"
              "DEC-0002  rejected  TRAINING STRATEGY  2026-10-01  A. N. Other  Retrain weekly on "
              "all merchants\n");
    auto none = repo.decision({"search", "blockchain"}, on_day());
    EXPECT_EQ(none.exit_code, 0);
    EXPECT_EQ(none.out, "No decision mentions 'blockchain'.\n");
    auto json = repo.decision({"search", "HOURLY", "--format", "json"}, on_day());
    EXPECT_EQ(ids_of(json.out), std::vector<std::string>{"DEC-0003"});
    auto missing = repo.decision({"search"});
    EXPECT_EQ(missing.exit_code, 129);
    EXPECT_EQ(missing.err, "git-decision: usage: text is required\n"
                           "Run 'git decision search --help' for usage.\n");
}

TEST(ShowVerb, PrintsEverySectionOfAFullRecord) {
    TempRepo repo;
    repo.write(k_full_path, full_record("DEC-0001", "supersedes = [\"DEC-0017\"]"));
    auto out = repo.decision({"show", "DEC-0001"}, on_day());
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.err, "");
    test::expect_golden("show-full-record.txt", out.out);

    auto overdue = repo.decision({"show", "DEC-0001"}, on_day({}, "2027-02-01"));
    EXPECT_NE(overdue.out.find("\n  review     2027-01-15  (overdue by 17 days)\n"),
              std::string::npos)
        << overdue.out;
}

TEST(ShowVerb, JsonHoldsEveryField) {
    TempRepo repo;
    repo.write(k_full_path, full_record("DEC-0001", "supersedes = [\"DEC-0017\"]"));
    auto out = repo.decision({"show", "DEC-0001", "--format", "json"}, on_day());
    EXPECT_EQ(out.exit_code, 0);
    test::expect_golden("show-full-record.json", out.out);
}

// No empty sections: the header, then the checklist saying what is missing.
// Checklist item 4 met by saying why fairness does not apply: show and export say why.
TEST(ShowVerb, SaysWhyFairnessDoesNotApply) {
    TempRepo repo;
    repo.write("decisions/DEC-0001-batch-size.toml",
               minimal_record("DEC-0001", "Batch size", "proposed",
                              "fairness_not_applicable = \"a training-speed setting; no "
                              "prediction changes\""));
    auto text = repo.decision({"show", "DEC-0001"}, on_day());
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("\nFairness\n  not applicable: a training-speed setting; no "
                            "prediction changes\n"),
              std::string::npos)
        << text.out;
    auto json = repo.decision({"show", "DEC-0001", "--format", "json"}, on_day());
    EXPECT_NE(json.out.find("\"fairness_not_applicable\": \"a training-speed setting; no "
                            "prediction changes\""),
              std::string::npos)
        << json.out;
    auto madr = repo.decision({"export", "--format", "madr", "-o", "adr"}, on_day());
    ASSERT_EQ(madr.exit_code, 0) << madr.err;
    std::string page;
    for (const auto& f : std::filesystem::directory_iterator(repo.path() + "/adr"))
        if (f.path().filename().string().starts_with("0001"))
            page = repo.read("adr/" + f.path().filename().string());
    EXPECT_NE(page.find("Fairness: not applicable, a training-speed setting; no prediction "
                        "changes\n"),
              std::string::npos)
        << page;
}

TEST(ShowVerb, AMinimalRecordShowsItsHeaderAndItsChecklist) {
    TempRepo repo;
    repo.write("decisions/DEC-0002-minimal.toml", minimal_record("DEC-0002", "Minimal"));
    auto out = repo.decision({"show", "DEC-0002"}, on_day());
    EXPECT_EQ(out.exit_code, 0);
    test::expect_golden("show-minimal-record.txt", out.out);
}

TEST(ShowVerb, AnUnknownIdNamesTheClosestOne) {
    TempRepo repo;
    repo.write(k_full_path, k_full_record);
    auto typo = repo.decision({"show", "DEC-001"});
    EXPECT_EQ(typo.exit_code, 1);
    EXPECT_EQ(typo.out, "");
    EXPECT_EQ(typo.err, "git-decision: error: no decision with ID 'DEC-001'; did you mean "
                        "DEC-0001?\n");
    auto far = repo.decision({"show", "ML-9999999"});
    EXPECT_EQ(far.exit_code, 1);
    EXPECT_EQ(far.err, "git-decision: error: no decision with ID 'ML-9999999'; see git decision "
                       "list\n");
}

// ---- --at <rev> -------------------------------------------------------------------------

TEST(AtRevision, ReadsTheCommittedVersionsNotTheWorkingTree) {
    TempRepo repo;
    repo.decision({"init"});
    repo.write(k_full_path, k_full_record);
    repo.commit_all("Accept DEC-0001");
    repo.write(k_full_path, replaced(k_full_record, "title = \"Optimize for recall",
                                     "title = \"Committed: optimize for recall"));
    repo.commit_all("Retitle DEC-0001");
    repo.write(k_full_path, replaced(k_full_record, "title = \"Optimize for recall",
                                     "title = \"Uncommitted: optimize for recall"));
    repo.write("decisions/DEC-0002-draft.toml", minimal_record("DEC-0002", "Draft"));

    const std::string header =
        "ID        STATUS    CATEGORY         REVIEW      OWNER        TITLE\n";
    auto worktree = repo.decision({"list", "--status", "accepted"}, on_day());
    EXPECT_EQ(worktree.out, header +
                                "DEC-0001  accepted  MODEL SELECTION  2027-01-15  Priya Raman  "
                                "Uncommitted: optimize for recall over precision in the fraud "
                                "detection model\n");
    auto head = repo.decision({"list", "--at", "HEAD"}, on_day());
    EXPECT_EQ(head.exit_code, 0);
    EXPECT_EQ(head.out, header + "DEC-0001  accepted  MODEL SELECTION  2027-01-15  Priya Raman  "
                                 "Committed: optimize for recall over precision in the fraud "
                                 "detection model\n");
    auto before = repo.decision({"show", "--at", "HEAD~1", "DEC-0001"}, on_day());
    EXPECT_EQ(before.exit_code, 0);
    EXPECT_EQ(before.out.substr(0, before.out.find('\n')),
              "DEC-0001: Optimize for recall over precision in the fraud detection model");
    auto draft = repo.decision({"show", "--at", "HEAD", "DEC-0002"}, on_day());
    EXPECT_EQ(draft.exit_code, 1);
    EXPECT_EQ(draft.err, "git-decision: error: no decision with ID 'DEC-0002'; did you mean "
                         "DEC-0001?\n");
    auto search = repo.decision({"search", "committed", "--at", "HEAD~1"}, on_day());
    EXPECT_EQ(search.out, "No decision mentions 'committed'.\n");
    auto check = repo.decision({"check", "--at", "HEAD~1"}, on_day());
    EXPECT_EQ(check.exit_code, 0);
    EXPECT_EQ(check.out, "checked 1 record: 0 errors, 0 warnings\n");
}

TEST(AtRevision, AnEmptyRepositoryHasNoCommitsYet) {
    TempRepo repo;
    auto out = repo.decision({"list", "--at", "HEAD"});
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err, "git-decision: error: the repository has no commits yet, so 'HEAD' names "
                       "nothing\n");
    auto parent = repo.decision({"show", "DEC-0001", "--at", "HEAD~1"});
    EXPECT_EQ(parent.exit_code, 128);
    EXPECT_EQ(parent.err, "git-decision: error: the repository has no commits yet, so 'HEAD~1' "
                          "names nothing\n");
}

TEST(AtRevision, AnUnknownRevisionIsAnError) {
    TempRepo repo;
    repo.write(k_full_path, k_full_record);
    repo.commit_all("One commit");
    auto out = repo.decision({"list", "--at", "no-such-branch"});
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err, "git-decision: error: unknown revision 'no-such-branch'\n");
    auto deep = repo.decision({"show", "DEC-0001", "--at", "HEAD~3"});
    EXPECT_EQ(deep.exit_code, 128);
    EXPECT_EQ(deep.err, "git-decision: error: unknown revision 'HEAD~3'\n");
    auto tree = repo.decision({"check", "--at", "HEAD:decisions"});
    EXPECT_EQ(tree.exit_code, 128);
    EXPECT_EQ(tree.err, "git-decision: error: 'HEAD:decisions' does not name a commit\n");
}

} // namespace t_integration_read_cli_test
