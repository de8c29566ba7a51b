// show <commit>, log <ID> and blame <path> against a small history: a record, a commit
// linked by trailer with a sign-off and a model version (an LFS pointer), one linked to an
// unknown ID (a .dvc file), and one linked afterwards by a note.

#include "support/temp_repo.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_link_verbs_test {

namespace {

const std::string k_oid1 = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";
const std::string k_oid2 = "1111111111111111111111111111111111111111111111111111111111111111";
const std::string k_title = "Move transaction ingestion from nightly batch to hourly CDC loads";

std::string lfs_pointer(const std::string& oid, const std::string& size) {
    return "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize " + size +
           "\n";
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class LinkVerbs : public ::testing::Test {
protected:
    void SetUp() override {
        repo.write("decisions/policy.toml", "[roles]\nml-lead = [\"alice@example.com\"]\n"
                                            "compliance = [\"alice@example.com\"]\n");
        repo.write("decisions/DEC-0311-hourly-cdc.toml",
                   slurp(test::source_path("schema/examples/valid/data-pipeline.toml")));
        c1 = repo.commit_all("Add DEC-0311");
        repo.write("models/fraud.onnx", lfs_pointer(k_oid1, "12345"));
        c2 = repo.commit_all("Hourly fraud model\n\nDecision: DEC-0311\n"
                             "Approved-by: Alice <alice@example.com>\n"
                             "Reviewed-by: Bob <bob@example.com>\n"
                             "Model-Version: fraud-detector@v3.2.0\n");
        repo.write("data/transactions.dvc",
                   "outs:\n- md5: a304afb96060aad90176268345e10355\n  path: transactions\n");
        c3 = repo.commit_all("Snapshot transactions\n\nDecision: DEC-9999\n");
        repo.write("models/fraud.onnx", lfs_pointer(k_oid2, "999"));
        c4 = repo.commit_all("Retrain without a link");
        repo.git({"notes", "--ref=refs/notes/decisions", "add", "-m",
                  "{\"decision\":\"DEC-0311\",\"by\":\"alice@example.com\",\"at\":\"2005-04-02T00:"
                  "00:00Z\"}",
                  c4});
    }
    static std::string s(const std::string& sha) { return sha.substr(0, 12); }

    test::TempRepo repo;
    std::string c1, c2, c3, c4;
};

TEST_F(LinkVerbs, ShowCommitLinkedByTrailer) {
    auto out = repo.decision({"show", c2});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "commit " + s(c2) +
                           "  Hourly fraud model\n"
                           "Author: A U Thor <author@example.com>  2005-04-01\n\n"
                           "Decisions:\n"
                           "  DEC-0311  via trailer  proposed  DATA PIPELINE  " +
                           k_title +
                           "  (owner: Lena Vogel)\n"
                           "Sign-offs:\n"
                           "  Approved-by: Alice <alice@example.com> (compliance, ml-lead)\n"
                           "  Reviewed-by: Bob <bob@example.com> (no role)\n"
                           "Model versions:\n"
                           "  fraud-detector@3.2.0\n"
                           "Approvals of its decisions, as of this commit:\n"
                           "  DEC-0311  none required (no rule of the policy covers DATA "
                           "PIPELINE decisions)\n");
}

TEST_F(LinkVerbs, ShowCommitWithAnUnknownDecision) {
    auto out = repo.decision({"show", s(c3)});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "commit " + s(c3) +
                           "  Snapshot transactions\n"
                           "Author: A U Thor <author@example.com>  2005-04-01\n\n"
                           "Decisions:\n"
                           "  DEC-9999  via trailer  unknown decision (no record with this ID)\n"
                           "Sign-offs: none\n");
}

TEST_F(LinkVerbs, ShowCommitLinkedByNote) {
    auto out = repo.decision({"show", "HEAD"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_NE(out.out.find("commit " + s(c4) + "  Retrain without a link\n"), std::string::npos);
    EXPECT_NE(out.out.find("  DEC-0311  via note  proposed"), std::string::npos) << out.out;
}

TEST_F(LinkVerbs, ShowUnlinkedCommit) {
    auto out = repo.decision({"show", "--commit", c1});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "commit " + s(c1) +
                           "  Add DEC-0311\n"
                           "Author: A U Thor <author@example.com>  2005-04-01\n\n"
                           "Decisions: none\nSign-offs: none\n");
}

TEST_F(LinkVerbs, AnIdWinsOverACommit) {
    repo.git({"tag", "DEC-0311", c1});
    auto out = repo.decision({"show", "DEC-0311"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out.find("commit "), std::string::npos);
    EXPECT_NE(out.out.find(k_title), std::string::npos);
    auto forced = repo.decision({"show", "--commit", "DEC-0311"});
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(forced.out.rfind("commit " + s(c1), 0), 0u) << forced.out;
}

TEST_F(LinkVerbs, IdForcedOnACommitIsAnError) {
    auto out = repo.decision({"show", "--id", c2});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.err,
              "git-decision: error: no decision with ID '" + c2 + "'; see git decision list\n");
}

TEST_F(LinkVerbs, NeitherIdNorCommitNamesTheClosestId) {
    auto out = repo.decision({"show", "DEC-0312"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.err,
              "git-decision: error: no decision with ID 'DEC-0312'; did you mean DEC-0311?\n");
}

TEST_F(LinkVerbs, ShowCommitJson) {
    auto out = repo.decision({"show", c2, "--format", "json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto doc = nlohmann::json::parse(out.out);
    EXPECT_EQ(doc["commit"], c2);
    EXPECT_EQ(doc["date"], "2005-04-01");
    EXPECT_EQ(
        doc["decisions"][0],
        (nlohmann::json{{"id", "DEC-0311"},
                        {"via", "trailer"},
                        {"known", true},
                        {"title", k_title},
                        {"category", "DATA PIPELINE"},
                        {"status", "proposed"},
                        {"owner", {{"name", "Lena Vogel"}, {"email", "lena.vogel@example.com"}}}}));
    EXPECT_EQ(doc["signoffs"][0]["roles"], (nlohmann::json{"compliance", "ml-lead"}));
    EXPECT_EQ(doc["signoffs"][1]["roles"], nlohmann::json::array());
    EXPECT_EQ(doc["models"], (nlohmann::json{{{"name", "fraud-detector"}, {"version", "3.2.0"}}}));
}

TEST_F(LinkVerbs, LogNewestFirstByTrailerAndNote) {
    auto out = repo.decision({"log", "DEC-0311"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, s(c4) +
                           "  2005-04-01  via note  A U Thor <author@example.com>  "
                           "Retrain without a link\n" +
                           s(c2) +
                           "  2005-04-01  via trailer  A U Thor <author@example.com>  "
                           "Hourly fraud model\n"
                           "    Approved-by: Alice <alice@example.com> (compliance, "
                           "ml-lead)\n"
                           "    Reviewed-by: Bob <bob@example.com> (no role)\n");
}

TEST_F(LinkVerbs, LogJson) {
    auto out = repo.decision({"log", "DEC-0311", "--format", "json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto doc = nlohmann::json::parse(out.out);
    EXPECT_EQ(doc["decision"], "DEC-0311");
    ASSERT_EQ(doc["commits"].size(), 2u);
    EXPECT_EQ(doc["commits"][0]["commit"], c4);
    EXPECT_EQ(doc["commits"][0]["via"], "note");
    EXPECT_EQ(doc["commits"][1]["commit"], c2);
    EXPECT_EQ(doc["commits"][1]["via"], "trailer");
}

TEST_F(LinkVerbs, LogUnknownIdNamesTheClosest) {
    auto out = repo.decision({"log", "DEC-311"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.err,
              "git-decision: error: no decision with ID 'DEC-311'; did you mean DEC-0311?\n");
}

TEST_F(LinkVerbs, BlameLfsPointer) {
    auto out = repo.decision({"blame", "models/fraud.onnx"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string blob4 = repo.git({"rev-parse", c4 + ":models/fraud.onnx"}).out;
    std::string blob2 = repo.git({"rev-parse", c2 + ":models/fraud.onnx"}).out;
    EXPECT_EQ(out.out, "commit " + s(c4) +
                           "  2005-04-01  Retrain without a link\n"
                           "  blob " +
                           blob4 + "  lfs oid sha256:" + k_oid2 +
                           "\n"
                           "  lfs size 999\n"
                           "  Decisions:\n"
                           "    DEC-0311  via note  proposed  DATA PIPELINE  " +
                           k_title +
                           "  (owner: Lena Vogel)\n"
                           "  Sign-offs: none\n"
                           "\n"
                           "commit " +
                           s(c2) +
                           "  2005-04-01  Hourly fraud model\n"
                           "  blob " +
                           blob2 + "  lfs oid sha256:" + k_oid1 +
                           "\n"
                           "  lfs size 12345\n"
                           "  Decisions:\n"
                           "    DEC-0311  via trailer  proposed  DATA PIPELINE  " +
                           k_title +
                           "  (owner: Lena Vogel)\n"
                           "  Sign-offs:\n"
                           "    Approved-by: Alice <alice@example.com> (compliance, ml-lead)\n"
                           "    Reviewed-by: Bob <bob@example.com> (no role)\n"
                           "  Model versions:\n"
                           "    fraud-detector@3.2.0\n");
    auto why = repo.decision({"why", "./models//fraud.onnx"});
    EXPECT_EQ(why.out, out.out);
}

TEST_F(LinkVerbs, BlameDvcJson) {
    auto out = repo.decision({"blame", "data/transactions.dvc", "--format", "json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto doc = nlohmann::json::parse(out.out);
    EXPECT_EQ(doc["path"], "data/transactions.dvc");
    ASSERT_EQ(doc["commits"].size(), 1u);
    EXPECT_EQ(doc["commits"][0]["commit"], c3);
    EXPECT_EQ(
        doc["commits"][0]["fingerprints"],
        (nlohmann::json{
            {{"kind", "dvc"}, {"field", "md5"}, {"value", "a304afb96060aad90176268345e10355"}}}));
    EXPECT_EQ(doc["commits"][0]["decisions"][0]["known"], false);
}

TEST_F(LinkVerbs, BlameDeletedAndUntouchedPaths) {
    repo.git({"rm", "-q", "data/transactions.dvc"});
    std::string c5 = repo.commit_all("Drop the snapshot");
    auto out = repo.decision({"blame", "data/transactions.dvc", "--format", "json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto doc = nlohmann::json::parse(out.out);
    ASSERT_EQ(doc["commits"].size(), 2u);
    EXPECT_EQ(doc["commits"][0]["commit"], c5);
    EXPECT_TRUE(doc["commits"][0]["blob"].is_null());
    auto none = repo.decision({"blame", "nothing/here"});
    EXPECT_EQ(none.exit_code, 0);
    EXPECT_EQ(none.out, "No commit changed nothing/here.\n");
}

} // namespace

} // namespace t_integration_link_verbs_test
