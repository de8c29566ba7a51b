#include "decision/check/lifecycle.hpp"
#include "support/strings.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_check_lifecycle_test {

using namespace decision;

namespace {

std::string record_text(const std::string& status, const std::string& summary = "Ship it") {
    return "id = \"DEC-0001\"\ntitle = \"Ship\"\ncategory = \"MODEL SELECTION\"\nstatus = \"" +
           status + "\"\ndate = 2026-11-01\n\n[owner]\nname = \"A\"\n\n[decision]\nsummary = \"" +
           summary + "\"\n";
}

record::Catalog catalog(const std::string& path, const std::string& text) {
    return record::load({{path, text, false}});
}

const char* k_path = "decisions/DEC-0001-ship.toml";

// The lifecycle findings but those about the checklist (these records do not meet it).
std::vector<check::LifecycleFinding> lifecycle(const record::Catalog& before,
                                               const record::Catalog& after) {
    auto found = check::lifecycle_findings(before, after, {});
    std::erase_if(found, [](const check::LifecycleFinding& f) {
        return check::rule_name(f.kind) == std::string("checklist");
    });
    return found;
}

} // namespace

TEST(Lifecycle, RejectedBackToAcceptedIsAnIllegalTransition) {
    auto found = lifecycle(catalog(k_path, record_text("rejected")),
                           catalog(k_path, record_text("accepted")));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(check::kind_name(found[0].kind), std::string("illegal-transition"));
    EXPECT_EQ(check::rule_name(found[0].kind), std::string("lifecycle"));
    EXPECT_EQ(found[0].path, k_path);
    EXPECT_EQ(found[0].line, 4);
    EXPECT_EQ(found[0].message,
              "DEC-0001 moved from rejected to accepted, which the lifecycle does "
              "not allow (proposed -> accepted | rejected; accepted -> "
              "superseded | deprecated)");
}

TEST(Lifecycle, LegalMovesAndUnchangedFilesAreFine) {
    for (auto [from, to] : {std::pair{"proposed", "accepted"},
                            {"proposed", "rejected"},
                            {"accepted", "superseded"},
                            {"accepted", "deprecated"}})
        EXPECT_TRUE(
            lifecycle(catalog(k_path, record_text(from)), catalog(k_path, record_text(to))).empty())
            << from << " -> " << to;
    auto same = catalog(k_path, record_text("rejected"));
    EXPECT_TRUE(lifecycle(same, same).empty());
}

TEST(Lifecycle, NormativeEditOfAnAcceptedRecord) {
    auto found = lifecycle(catalog(k_path, record_text("accepted")),
                           catalog(k_path, record_text("accepted", "Other")));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(check::kind_name(found[0].kind), std::string("edited-accepted"));
    // A proposed record may still change.
    EXPECT_TRUE(lifecycle(catalog(k_path, record_text("proposed")),
                          catalog(k_path, record_text("proposed", "Other")))
                    .empty());
}

TEST(Lifecycle, ARenamedRecordIsFollowedByItsId) {
    auto found = lifecycle(catalog(k_path, record_text("rejected")),
                           catalog("records/DEC-0001-renamed.toml", record_text("accepted")));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].path, "records/DEC-0001-renamed.toml");
}

TEST(Lifecycle, ChangedFilesAreReadOnBothSides) {
    auto before = [](const std::string&) -> util::Result<std::optional<std::string>> {
        return record_text("rejected");
    };
    auto after = [](const std::string&) -> util::Result<std::optional<std::string>> {
        return record_text("accepted");
    };
    auto found = check::lifecycle_of_files({k_path, "decisions/notes.md"}, before, after, {});
    ASSERT_TRUE(found);
    EXPECT_EQ(found->size(), 1u);
    // A read failure is an error, never "nothing changed".
    auto broken = [](const std::string&) -> util::Result<std::optional<std::string>> {
        return util::fail(util::ErrorKind::Git, "cannot read it");
    };
    auto failed = check::lifecycle_of_files({k_path}, before, broken, {});
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().message, "cannot read it");
}

TEST(Lifecycle, BecomingAcceptedNeedsTheChecklist) {
    auto found = check::lifecycle_findings(catalog(k_path, record_text("proposed")),
                                           catalog(k_path, record_text("accepted")), {});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(check::kind_name(found[0].kind), std::string("incomplete-acceptance"));
    EXPECT_EQ(check::rule_name(found[0].kind), std::string("checklist"));
    EXPECT_TRUE(check::blocks(found[0]));
    EXPECT_EQ(found[0].line, 4);
    EXPECT_EQ(found[0].message, "DEC-0001 becomes accepted here, but its checklist is incomplete");
    ASSERT_FALSE(found[0].details.empty());
    EXPECT_EQ(found[0].details.front().rule, "problem-baseline");
    // A new record that arrives accepted is judged too.
    record::Catalog none;
    auto added = check::lifecycle_findings(none, catalog(k_path, record_text("accepted")), {});
    ASSERT_EQ(added.size(), 1u);
    EXPECT_EQ(added[0].kind, check::LifecycleFinding::Kind::IncompleteAcceptance);
    // A record that stays accepted is not (edits to it are their own rule).
    EXPECT_TRUE(check::lifecycle_findings(catalog(k_path, record_text("accepted")),
                                          catalog(k_path, record_text("accepted") + "\n"), {})
                    .empty());
}

TEST(Lifecycle, ARelaxedCategoryIsANoteThatDoesNotBlock) {
    record::LintConfig config;
    config.relaxed = {record::Category::ModelSelection};
    auto found = check::lifecycle_findings(catalog(k_path, record_text("proposed")),
                                           catalog(k_path, record_text("accepted")), config);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(check::kind_name(found[0].kind), std::string("relaxed-acceptance"));
    EXPECT_FALSE(check::blocks(found[0]));
    auto notes = check::take_notes(found);
    EXPECT_TRUE(found.empty());
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].details.front().severity, util::Severity::Note);
}

TEST(Lifecycle, AnAcceptedRecordKeepsTheItemsItMet) {
    const std::string linked =
        record_text("accepted") + "\n[[links]]\nkind = \"evaluation\"\nurl = \"eval.ipynb\"\n";
    auto found = check::lifecycle_findings(catalog(k_path, linked),
                                           catalog(k_path, record_text("accepted")), {});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(check::kind_name(found[0].kind), std::string("incomplete-acceptance"));
    EXPECT_TRUE(check::blocks(found[0]));
    EXPECT_EQ(found[0].message,
              "DEC-0001 is accepted, and this change leaves its checklist incomplete");
    // Only what the change lost: the items the record already missed are not listed.
    ASSERT_EQ(found[0].details.size(), 1u);
    EXPECT_EQ(found[0].details[0].rule, "evidence-links");
    // A normative edit that also loses the item is refused once, as the edit it is.
    auto edited = check::lifecycle_findings(catalog(k_path, linked),
                                            catalog(k_path, record_text("accepted", "Other")), {});
    ASSERT_EQ(edited.size(), 1u);
    EXPECT_EQ(check::kind_name(edited[0].kind), std::string("edited-accepted"));
    // A link changed, not lost, keeps the item met.
    auto moved = linked;
    moved.replace(moved.find("eval.ipynb"), 10, "eval-2.ipynb");
    EXPECT_TRUE(
        check::lifecycle_findings(catalog(k_path, linked), catalog(k_path, moved), {}).empty());
}

// A review sets the next review date, often past the window acceptance asks for; dropping
// the review date is losing the item.
TEST(Lifecycle, AReviewMayMoveTheReviewDateButNotDropIt) {
    const std::string dated = test::replace(record_text("accepted"), "date = 2026-11-01\n",
                                            "date = 2026-11-01\nreview_date = 2026-12-15\n");
    const std::string next =
        test::replace(dated, "review_date = 2026-12-15", "review_date = 2027-06-15");
    EXPECT_TRUE(
        check::lifecycle_findings(catalog(k_path, dated), catalog(k_path, next), {}).empty());
    auto dropped = check::lifecycle_findings(catalog(k_path, dated),
                                             catalog(k_path, record_text("accepted")), {});
    ASSERT_EQ(dropped.size(), 1u);
    ASSERT_EQ(dropped[0].details.size(), 1u);
    EXPECT_EQ(dropped[0].details[0].rule, "review-date");
    EXPECT_EQ(dropped[0].details[0].message, "no review_date; set one 30-90 days after date");
}

// A record past proposed leaves the log only through its status: deleted, or made
// unreadable for a commit (to come back as new), it is a finding; a draft may go.
TEST(Lifecycle, ARecordPastProposedCannotBeDeletedOrMadeUnreadable) {
    record::Catalog none;
    auto deleted = check::lifecycle_findings(catalog(k_path, record_text("accepted")), none, {});
    ASSERT_EQ(deleted.size(), 1u);
    EXPECT_EQ(check::kind_name(deleted[0].kind), std::string("illegal-transition"));
    EXPECT_EQ(deleted[0].message, "DEC-0001 was accepted and this change deletes it; a decision "
                                  "leaves the log only by its status");
    EXPECT_EQ(deleted[0].fix, "restore it, and retire it with git decision status DEC-0001 "
                              "deprecated (or supersede it)");
    EXPECT_EQ(check::lifecycle_findings(catalog(k_path, record_text("rejected")), none, {}).size(),
              1u);
    EXPECT_TRUE(
        check::lifecycle_findings(catalog(k_path, record_text("proposed")), none, {}).empty());

    auto broken =
        check::lifecycle_findings(catalog(k_path, record_text("rejected")),
                                  catalog(k_path, record_text("rejected") + "x = = y\n"), {});
    ASSERT_EQ(broken.size(), 1u);
    EXPECT_TRUE(broken[0].message.starts_with("DEC-0001 was rejected and is no longer a readable "
                                              "record: "))
        << broken[0].message;
    EXPECT_EQ(broken[0].line, 12); // the line that does not parse
    auto oversized = check::lifecycle_findings(catalog(k_path, record_text("accepted")),
                                               record::load({{k_path, "", true}}), {});
    ASSERT_EQ(oversized.size(), 1u);
    EXPECT_EQ(oversized[0].message, "DEC-0001 was accepted and is no longer a readable record: "
                                    "larger than the 1 MiB limit for a record; not read");
}

// Every copy of an ID at a new path is judged against the record it may replace, so an
// untouched duplicate cannot stand in for an edited, renamed one.
TEST(Lifecycle, ADuplicateCannotStandInForAnEditedRecord) {
    record::Catalog after =
        record::load({{"decisions/DEC-0001-aa.toml", record_text("accepted"), false},
                      {"decisions/DEC-0001-zz.toml", record_text("accepted", "Other"), false}});
    auto found = lifecycle(catalog(k_path, record_text("accepted")), after);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(check::kind_name(found[0].kind), std::string("edited-accepted"));
    EXPECT_EQ(found[0].path, "decisions/DEC-0001-zz.toml");
}

} // namespace t_unit_check_lifecycle_test
