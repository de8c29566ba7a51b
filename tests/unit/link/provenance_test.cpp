#include "decision/link/provenance.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_link_provenance_test {

using decision::link::provenance;

namespace {
const std::string k_a = "3addc2d436a5251ad8fc14548ee2ad45559a7740";
const std::string k_b = "fb02303ba4d091152365153b4a7bd6a2c172859d";
} // namespace

TEST(Provenance, RevertLinesAsGitWritesThem) {
    EXPECT_EQ(provenance("Revert \"Retrain\"\n\nThis reverts commit " + k_a + ".\n").reverts,
              std::vector<std::string>{k_a});
    // A merge's revert, and revert.reference's abbreviated form.
    EXPECT_EQ(provenance("Revert\n\nThis reverts commit " + k_a + ", reversing\nchanges made to " +
                         k_b + ".\n")
                  .reverts,
              std::vector<std::string>{k_a});
    EXPECT_EQ(provenance("Revert\n\nThis reverts commit 3addc2d4 (Retrain, 2026-11-27).\n").reverts,
              std::vector<std::string>{"3addc2d4"});
}

TEST(Provenance, CherryPickLines) {
    auto p = provenance("Retrain\n\nDecision: DEC-0001\n(cherry picked from commit " + k_b + ")\n");
    EXPECT_EQ(p.cherry_picked_from, std::vector<std::string>{k_b});
    EXPECT_TRUE(p.reverts.empty());
}

TEST(Provenance, OnlyWhereGitPutsThem) {
    EXPECT_TRUE(provenance("Mention: This reverts commit " + k_a + ".\n").empty());
    EXPECT_TRUE(provenance("    This reverts commit " + k_a + ".\n").empty());
    EXPECT_TRUE(provenance("# This reverts commit " + k_a + ".\n").empty());
    EXPECT_TRUE(provenance("This reverts commit abc.\n").empty());         // too short
    EXPECT_TRUE(provenance("This reverts commit " + k_a + "x\n").empty()); // not hex to the end
    EXPECT_TRUE(provenance("(cherry picked from commit " + k_b + "\n").empty());
    EXPECT_FALSE(provenance("This reverts commit " + k_a + ".\r\n").empty());
}

} // namespace t_unit_link_provenance_test
