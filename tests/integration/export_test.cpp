// git decision export: the JSON document (records with their commits and approvals, every
// linking commit once), --at an older revision, and the MADR folder.

#include "integration/cli_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_export_test {

using test::full_record;
using test::minimal_record;
using test::replaced;
using test::TempRepo;

namespace {

// Model changes need the ml-lead's approval of a MODEL SELECTION decision.
const std::string k_policy = "[[rules]]\n"
                             "paths = [\"models/**\"]\n"
                             "categories = [\"MODEL SELECTION\"]\n"
                             "signoffs = [\"ml-lead\"]\n\n"
                             "[roles]\nml-lead = [\"author@example.com\"]\n";
const std::string k_full_path = "decisions/DEC-0001-recall-over-precision.toml";
const std::string k_minimal_path = "decisions/DEC-0002-weekly-retraining.toml";

nlohmann::json export_json(const TempRepo& repo, std::vector<std::string> args = {}) {
    args.insert(args.begin(), "export");
    auto out = repo.decision(args);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.err, "");
    return nlohmann::json::parse(out.out);
}

std::vector<std::string> strings_of(const nlohmann::json& list, const char* key = nullptr) {
    std::vector<std::string> out;
    for (const auto& item : list)
        out.push_back(key ? item.at(key).get<std::string>() : item.get<std::string>());
    return out;
}

// DEC-0001 (accepted) and DEC-0002 (proposed), then a model change linked to DEC-0001 by
// trailer and approved by the ml-lead, a commit linked to DEC-0002 by note, and one
// linked to nothing.
class ExportTest : public ::testing::Test {
protected:
    void SetUp() override {
        repo.write("decisions/policy.toml", k_policy);
        repo.write(k_full_path, full_record("DEC-0001"));
        repo.write(k_minimal_path, minimal_record("DEC-0002", "Retrain weekly"));
        c1 = repo.commit_all("Add DEC-0001 and DEC-0002");
        repo.write("models/fraud/model.txt", "v3.2.0\n");
        c2 = repo.commit_all("Ship the GBT model\n\nDecision: DEC-0001\n"
                             "Approved-by: A U Thor <author@example.com>\n"
                             "Model-Version: fraud-detector@3.2.0\n");
        repo.write("pipelines/retrain.sh", "weekly\n");
        c3 = repo.commit_all("Retrain weekly");
        repo.git({"notes", "--ref=refs/notes/decisions", "add", "-m",
                  "{\"decision\":\"DEC-0002\",\"by\":\"author@example.com\",\"at\":\"2005-04-02T00:"
                  "00:00Z\"}",
                  c3});
        repo.write("README", "unrelated\n");
        c4 = repo.commit_all("Unrelated");
    }

    TempRepo repo;
    std::string c1, c2, c3, c4;
};

} // namespace

TEST_F(ExportTest, JsonHoldsRecordsAndEveryLinkingCommitOnce) {
    auto doc = export_json(repo);
    EXPECT_EQ(doc["version"], 1);
    EXPECT_EQ(doc["revision"], c4);
    EXPECT_EQ(strings_of(doc["records"], "id"), (std::vector<std::string>{"DEC-0001", "DEC-0002"}));
    // Newest first, each once; the unlinked commits are not there.
    ASSERT_EQ(strings_of(doc["links"], "commit"), (std::vector<std::string>{c3, c2}));
    const auto& note = doc["links"][0];
    EXPECT_EQ(note["decisions"][0]["id"], "DEC-0002");
    EXPECT_EQ(note["decisions"][0]["via"], "note");
    const auto& trailer = doc["links"][1];
    EXPECT_EQ(trailer["title"], "Ship the GBT model");
    EXPECT_EQ(trailer["date"], "2005-04-01");
    EXPECT_EQ(trailer["author"],
              (nlohmann::json{{"name", "A U Thor"}, {"email", "author@example.com"}}));
    EXPECT_EQ(trailer["decisions"][0]["id"], "DEC-0001");
    EXPECT_EQ(trailer["decisions"][0]["via"], "trailer");
    EXPECT_EQ(trailer["models"],
              (nlohmann::json::parse(R"([{"name":"fraud-detector","version":"3.2.0"}])")));
    EXPECT_EQ(trailer["signoffs"][0]["roles"], nlohmann::json::array({"ml-lead"}));
}

TEST_F(ExportTest, JsonRecordsAreShowsJsonWithTheirCommitsAndApprovals) {
    auto doc = export_json(repo);
    auto shown = repo.decision({"show", "DEC-0001", "--format", "json"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    auto record = doc["records"][0];
    EXPECT_EQ(record["commits"], nlohmann::json::array({c2}));
    // The approvals per required role, as show gives them.
    ASSERT_EQ(record["approvals"].size(), 1u) << record["approvals"].dump();
    EXPECT_EQ(record["approvals"][0]["role"], "ml-lead");
    EXPECT_EQ(record["approvals"][0]["state"], "fresh");
    EXPECT_EQ(record["approvals"][0]["by"], "A U Thor <author@example.com>");
    EXPECT_EQ(record["approvals"][0]["commit"], c2);
    EXPECT_EQ(record["checklist"].size(), 9u);
    // Everything `show --format json` says is there, unchanged.
    const auto shown_json = nlohmann::json::parse(shown.out);
    for (const auto& [key, value] : shown_json.items()) {
        if (key != "version") {
            EXPECT_EQ(record[key], value) << key;
        }
    }
    EXPECT_EQ(doc["records"][1]["commits"], nlohmann::json::array({c3}));
    // No rule asks anything of DEC-0002's category.
    EXPECT_EQ(doc["records"][1]["approvals"], nlohmann::json::array());
    EXPECT_EQ(doc["records"][1]["required_roles"], nlohmann::json::array());
}

// A record that does not parse is left out of the log, and export says so.
TEST_F(ExportTest, AnUnreadableRecordIsLeftOutAndNamed) {
    repo.write("decisions/DEC-0003-broken.toml", "id = \"DEC-0003\"\ntitle = [\n");
    auto out = repo.decision({"export"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.err, "git-decision: skipped: decisions/DEC-0003-broken.toml:2:11: error: "
                       "invalid TOML: Error while parsing array: encountered end-of-file\n");
    auto doc = nlohmann::json::parse(out.out);
    EXPECT_EQ(strings_of(doc["records"], "id"), (std::vector<std::string>{"DEC-0001", "DEC-0002"}));
}

TEST_F(ExportTest, AnApprovalOfOlderContentIsStale) {
    repo.write(k_full_path, replaced(full_record("DEC-0001"), "Ship the recall-weighted GBT model",
                                     "Ship the precision-weighted GBT model"));
    repo.commit_all("Reword DEC-0001");
    auto doc = export_json(repo);
    EXPECT_EQ(doc["records"][0]["approvals"][0]["state"], "stale");
    // Since the commit that reworded it, as show says.
    EXPECT_EQ(doc["records"][0]["approvals"][0]["stale_since"], repo.head());
}

TEST_F(ExportTest, AtAnOlderRevisionReadsRecordsAndLinksAsTheyWere) {
    repo.write(k_minimal_path, minimal_record("DEC-0002", "Retrain weekly", "accepted"));
    std::string c5 = repo.commit_all("Accept DEC-0002");
    repo.write("pipelines/retrain.sh", "daily\n");
    std::string c6 = repo.commit_all("Retrain daily\n\nDecision: DEC-0002\n");

    auto now = export_json(repo);
    EXPECT_EQ(now["records"][1]["status"], "accepted");
    EXPECT_EQ(strings_of(now["links"], "commit"), (std::vector<std::string>{c6, c3, c2}));

    auto then = export_json(repo, {"--at", c2});
    EXPECT_EQ(then["revision"], c2);
    EXPECT_EQ(then["records"][1]["status"], "proposed");
    EXPECT_EQ(then["records"][1]["commits"], nlohmann::json::array());
    EXPECT_EQ(strings_of(then["links"], "commit"), (std::vector<std::string>{c2}));
    // The policy is the one at that revision too: without it, the approver has no role.
    repo.write("decisions/policy.toml", "[roles]\n");
    repo.commit_all("Drop the ml-lead");
    EXPECT_EQ(export_json(repo)["links"][2]["signoffs"][0]["roles"], nlohmann::json::array());
    EXPECT_EQ(export_json(repo, {"--at", c2})["links"][0]["signoffs"][0]["roles"],
              nlohmann::json::array({"ml-lead"}));
}

TEST(ExportJson, ARepositoryWithoutCommitsHasNoLinks) {
    TempRepo repo;
    repo.write("decisions/DEC-0001-x.toml", minimal_record("DEC-0001", "Retrain weekly"));
    auto doc = export_json(repo);
    EXPECT_EQ(doc["revision"], nullptr);
    EXPECT_EQ(strings_of(doc["records"], "id"), (std::vector<std::string>{"DEC-0001"}));
    EXPECT_EQ(doc["links"], nlohmann::json::array());
}

TEST_F(ExportTest, AnUnknownRevisionIsAnError) {
    auto out = repo.decision({"export", "--at", "no-such-rev"});
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err, "git-decision: error: unknown revision 'no-such-rev'\n");
}

TEST_F(ExportTest, MadrWritesOneFilePerRecordAndAnIndex) {
    auto out = repo.decision({"export", "--format", "madr", "-o", "adr"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "");
    EXPECT_TRUE(repo.exists("adr/index.md"));
    EXPECT_TRUE(repo.exists("adr/0002-retrain-weekly.md"));
    std::string first = repo.read("adr/0001-optimize-for-recall-over-precision-in-the-fraud.md");
    EXPECT_NE(first.find("decision-makers: [\"Priya Raman\", \"A U Thor\"]\n"), std::string::npos)
        << first;
    EXPECT_NE(first.find("### Linked commits\n\n* `" + c2.substr(0, 12) +
                         "` 2005-04-01 Ship the GBT model (model versions: "
                         "fraud-detector@3.2.0); Approved-by: A U Thor\n"),
              std::string::npos)
        << first;
    EXPECT_NE(first.find(
                  "### Sign-offs\n\n* ml-lead: A U Thor \\<author@example.com\\>, fresh, commit `" +
                  c2.substr(0, 12) + "`\n"),
              std::string::npos)
        << first;
}

TEST_F(ExportTest, MadrReplacesItsOwnFilesAndRemovesThoseOfDeletedRecords) {
    ASSERT_EQ(repo.decision({"export", "--format", "madr", "-o", "adr"}).exit_code, 0);
    repo.git({"rm", "-q", k_minimal_path});
    auto out = repo.decision({"export", "--format", "madr", "-o", "adr"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_FALSE(repo.exists("adr/0002-retrain-weekly.md"));
    EXPECT_TRUE(repo.exists("adr/0001-optimize-for-recall-over-precision-in-the-fraud.md"));
    EXPECT_EQ(repo.read("adr/index.md").find("DEC-0002"), std::string::npos);
}

TEST_F(ExportTest, MadrRefusesAFolderHoldingOtherFiles) {
    repo.write("adr/0001-my-own-adr.md", "# Mine\n");
    auto out = repo.decision({"export", "--format", "madr", "-o", "adr"});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_EQ(out.err, "git-decision: error: adr holds 0001-my-own-adr.md, which no earlier "
                       "export wrote; export into a new or empty folder, or one only git "
                       "decision export has written to\n");
    EXPECT_FALSE(repo.exists("adr/index.md"));
    EXPECT_EQ(repo.read("adr/0001-my-own-adr.md"), "# Mine\n");
}

TEST_F(ExportTest, MadrNeedsAFolder) {
    auto out = repo.decision({"export", "--format", "madr"});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_EQ(out.err, "git-decision: error: --format madr needs --output <folder>\n");
}

} // namespace t_integration_export_test
