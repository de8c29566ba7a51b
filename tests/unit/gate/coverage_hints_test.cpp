// The fixes coverage::evaluate() suggests: accept a linked proposed decision rather than
// record a new one, link an existing commit by a note rather than a trailer, and say why a
// sign-off in the commit gave no approval. (Kept apart from the approval tests of coverage.)
#include "decision/gate/coverage.hpp"
#include "decision/policy/policy.hpp"

#include <gtest/gtest.h>

namespace decision::gate {
namespace {

const char* k_policy = R"(
[[rules]]
name = "models"
paths = ["models/**"]
categories = ["MODEL SELECTION"]
signoffs = ["ml-lead"]

[roles]
ml-lead = ["lead@example.com"]
)";

std::string record_text(const std::string& status) {
    return "id = \"DEC-0001\"\ntitle = \"Ship GBT\"\ncategory = \"MODEL SELECTION\"\n"
           "status = \"" +
           status +
           "\"\ndate = 2026-11-27\nreview_date = 2027-01-26\n\n[owner]\nname = \"A\"\n"
           "email = \"a@example.com\"\nrole = \"PM\"\n\n[scope]\npaths = [\"models/**\"]\n\n"
           "[decision]\nsummary = \"s\"\nrationale = \"r\"\n";
}

struct Fixture {
    policy::Policy pol = policy::parse(k_policy).policy;
    CompiledPolicy compiled = *CompiledPolicy::compile(pol);
    record::Catalog records;
    CoverageInput in;

    explicit Fixture(const std::string& status) {
        records = record::load({{"decisions/DEC-0001-ship-gbt.toml", record_text(status), false}});
        in.changed_paths = {"models/m.onnx"};
        in.records = &records;
        in.actor = {"dev@example.com", "dev@example.com", ""};
    }
    PathFinding only() {
        auto c = evaluate(compiled, in);
        EXPECT_EQ(c.paths.size(), 1u);
        return c.paths.empty() ? PathFinding{} : c.paths[0];
    }
};

TEST(CoverageHints, ALinkedProposedDecisionSaysHowToAcceptIt) {
    Fixture f("proposed");
    f.in.links.decisions = {{"DEC-0001", link::Via::Trailer}};
    auto p = f.only();
    EXPECT_FALSE(p.covered);
    ASSERT_FALSE(p.fixes.empty());
    EXPECT_EQ(p.fixes[0], "if DEC-0001 was decided, record it: git decision status DEC-0001 "
                          "accepted, then the approvals: git decision approve DEC-0001 (by "
                          "ml-lead)");
}

TEST(CoverageHints, AnExistingCommitIsLinkedByANote) {
    Fixture f("accepted");
    f.in.commit = "0123456789abcdef0123456789abcdef01234567";
    auto p = f.only();
    ASSERT_FALSE(p.fixes.empty());
    EXPECT_EQ(p.fixes[0], "link it: git decision link 0123456789ab DEC-0001 (decisions covering "
                          "this path: DEC-0001)");
    f.in.commit.clear();
    EXPECT_EQ(f.only().fixes[0],
              "add the trailer 'Decision: DEC-0001' (decisions covering this path: DEC-0001)");
}

TEST(CoverageHints, AnIgnoredSignOffSaysWhy) {
    Fixture f("accepted");
    f.in.links.decisions = {{"DEC-0001", link::Via::Trailer}};
    // Not a role holder.
    f.in.links.signoffs = {{"Approved-by", {"Bob", "bob@example.com"}}};
    auto p = f.only();
    EXPECT_FALSE(p.covered);
    EXPECT_EQ(p.problems.back(), "'Approved-by: bob@example.com' in this commit does not count "
                                 "for role 'ml-lead': bob@example.com does not hold it ([roles] "
                                 "ml-lead = lead@example.com)");
    // A role holder, but the commit is someone else's (trust mode committer).
    f.in.links.signoffs = {{"Approved-by", {"Lead", "lead@example.com"}}};
    p = f.only();
    EXPECT_EQ(p.problems.back(),
              "'Approved-by: lead@example.com' in this commit does not count: trust mode "
              "'committer' needs the approver to author or commit it (author dev@example.com, "
              "committer dev@example.com); let them run: git decision approve");
    // Trust mode signed, unsigned commit.
    f.pol.trust = policy::Trust::Signed;
    f.compiled = *CompiledPolicy::compile(f.pol);
    f.in.actor = {"lead@example.com", "lead@example.com", ""};
    p = f.only();
    EXPECT_EQ(p.problems.back(), "'Approved-by: lead@example.com' in this commit does not count: "
                                 "trust mode 'signed' needs the commit signed by the approver "
                                 "(it is not signed)");
}

} // namespace
} // namespace decision::gate
