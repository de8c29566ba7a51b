#include "decision/check/lifecycle.hpp"

#include <gtest/gtest.h>

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

} // namespace

TEST(Lifecycle, RejectedBackToAcceptedIsAnIllegalTransition) {
    auto found = check::lifecycle_findings(catalog(k_path, record_text("rejected")),
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
        EXPECT_TRUE(check::lifecycle_findings(catalog(k_path, record_text(from)),
                                              catalog(k_path, record_text(to)))
                        .empty())
            << from << " -> " << to;
    auto same = catalog(k_path, record_text("rejected"));
    EXPECT_TRUE(check::lifecycle_findings(same, same).empty());
}

TEST(Lifecycle, NormativeEditOfAnAcceptedRecord) {
    auto found = check::lifecycle_findings(catalog(k_path, record_text("accepted")),
                                           catalog(k_path, record_text("accepted", "Other")));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(check::kind_name(found[0].kind), std::string("edited-accepted"));
    // A proposed record may still change.
    EXPECT_TRUE(check::lifecycle_findings(catalog(k_path, record_text("proposed")),
                                          catalog(k_path, record_text("proposed", "Other")))
                    .empty());
}

TEST(Lifecycle, ARenamedRecordIsFollowedByItsId) {
    auto found = check::lifecycle_findings(
        catalog(k_path, record_text("rejected")),
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
    auto found = check::lifecycle_of_files({k_path, "decisions/notes.md"}, before, after);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->size(), 1u);
    // A read failure is an error, never "nothing changed".
    auto broken = [](const std::string&) -> util::Result<std::optional<std::string>> {
        return util::fail(util::ErrorKind::Git, "cannot read it");
    };
    auto failed = check::lifecycle_of_files({k_path}, before, broken);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().message, "cannot read it");
}
