// gate::trusted and gate::approvals_in: which sign-offs make approvals.

#include "decision/gate/coverage.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_gate_coverage_trust_test {

using namespace decision;

namespace {

policy::Policy with_trust(policy::Trust trust) {
    policy::Policy p;
    p.trust = trust;
    return p;
}

const link::SignOff k_alice{"Approved-by", {"Alice", "alice@example.com"}};

record::Catalog one_record() {
    record::Catalog c;
    record::Record r;
    r.id = "DEC-0001";
    r.title = "Ship";
    c.records.push_back(r);
    return c;
}

} // namespace

TEST(Trusted, EachModeWeighsItsOwnEvidence) {
    struct Case {
        policy::Trust trust;
        gate::Actor actor;
        bool counts;
    };
    const Case cases[] = {
        {policy::Trust::Any, {"bob@example.com", "bob@example.com", ""}, true},
        {policy::Trust::Committer, {"bob@example.com", "ALICE@example.com", ""}, true},
        // The author is anyone's: git commit --author.
        {policy::Trust::Committer, {"alice@example.com", "bob@example.com", ""}, false},
        {policy::Trust::Signed, {"alice@example.com", "alice@example.com", ""}, false},
        {policy::Trust::Signed, {"bob@example.com", "bob@example.com", "alice@example.com"}, true},
        {policy::Trust::Signed,
         {"alice@example.com", "alice@example.com", "mallory@example.com"},
         false},
    };
    for (const auto& c : cases)
        EXPECT_EQ(gate::trusted(k_alice, c.actor, with_trust(c.trust)), c.counts)
            << static_cast<int>(c.trust) << " " << c.actor.author_email << " "
            << c.actor.committer_email << " " << c.actor.signer;
}

TEST(ApprovalsIn, OnlyDecisionsTheMessageNames) {
    auto records = one_record();
    auto pol = with_trust(policy::Trust::Any);
    link::CommitLinks links;
    links.signoffs.push_back(k_alice);
    links.decisions.push_back({"DEC-0001", link::Via::Note});
    EXPECT_TRUE(gate::approvals_in(links, {}, "c1", records, pol).empty());
    links.decisions.front().via = link::Via::Trailer;
    auto given = gate::approvals_in(links, {}, "c1", records, pol);
    ASSERT_EQ(given.size(), 1u);
    EXPECT_EQ(given[0].decision_id, "DEC-0001");
    EXPECT_EQ(given[0].email, "alice@example.com");
    EXPECT_EQ(given[0].commit, "c1");
    EXPECT_EQ(given[0].normative_hash, record::normative_hash(records.records[0]));
}

} // namespace t_unit_gate_coverage_trust_test
