// `show` as a product manager reads it: a record's approvals per required role (fresh,
// stale since a commit, missing with who can give them), stances that disagree with
// sign-offs, `approve` by someone who holds no required role, and a commit covered by
// earlier approvals. Approvals are made by the real `git decision approve` and `git commit`
// in temporary repositories; commit ids in the output are replaced by names so the golden
// files read as the story they tell.

#include "integration/cli_fixture.hpp"
#include "support/golden.hpp"
#include "support/strings.hpp"

#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_show_cli_test {

using test::on_day;
using test::replaced;
using test::TempRepo;

namespace {

const std::string k_path = "decisions/DEC-0001-recall-over-precision.toml";

// MODEL SELECTION needs ml-lead and compliance; TRAINING STRATEGY needs legal too (which
// two people hold). Sign-offs count when the approver committed them.
const std::string k_policy = R"([records]
dir = "decisions"
id_prefix = "DEC"

[[rules]]
name = "models"
paths = ["models/**"]
categories = ["MODEL SELECTION", "TRAINING STRATEGY"]
signoffs = ["ml-lead", "compliance"]

[[rules]]
name = "training"
paths = ["training/**"]
categories = ["TRAINING STRATEGY", "MODEL SELECTION"]
signoffs = ["legal"]

[roles]
ml-lead = ["alice@example.com"]
compliance = ["jane@example.com"]
legal = ["larry@example.com", "lena@example.com"]

[signoffs]
trust = "committer"
)";

class ShowCliTest : public ::testing::Test {
protected:
    // Acting as `name <email>` (author and committer), on the fixed day.
    test::RunOptions as(const std::string& name, const std::string& email) const {
        return on_day({{"GIT_AUTHOR_NAME", name},
                       {"GIT_AUTHOR_EMAIL", email},
                       {"GIT_COMMITTER_NAME", name},
                       {"GIT_COMMITTER_EMAIL", email}});
    }
    test::RunOptions alice() const { return as("Alice", "alice@example.com"); }
    test::RunOptions jane() const { return as("Jane Doe", "jane@example.com"); }
    test::RunOptions bob() const { return as("Bob", "bob@example.com"); }

    // The policy and DEC-0001 (the full fraud-detection record, with Bob, who has concerns,
    // and Carol, who approves, among its stakeholders) in the first commit.
    void start() {
        repo.write("decisions/policy.toml", k_policy);
        repo.write(k_path, test::k_full_record + R"(
[[stakeholders]]
name = "Bob"
role = "Risk"
stance = "concern"
concerns = ["More manual reviews for the risk team"]

[[stakeholders]]
name = "Carol"
role = "Support"
stance = "approve"
concerns = ["Merchants calling about blocked payments"]
)");
        name(repo.commit_all("Add DEC-0001 and the policy"), "add-record");
    }

    // Names a commit for the golden output: its short id prints as <name>.
    void name(const std::string& commit, const std::string& label) { m_names[commit] = label; }

    // `out` with every named commit's id (full or short) replaced by <name>.
    std::string named(std::string out) const {
        for (const auto& [commit, label] : m_names)
            for (const auto& id : {commit, commit.substr(0, 12)})
                for (std::size_t at; (at = out.find(id)) != std::string::npos;)
                    out.replace(at, id.size(), "<" + label + ">");
        return out;
    }

    test::Output approve(const test::RunOptions& who, const std::string& label,
                         std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"approve", "DEC-0001"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto out = repo.decision(args, who);
        if (out.exit_code == 0)
            name(repo.head(), label);
        return out;
    }

    TempRepo repo;
    std::map<std::string, std::string> m_names;
};

TEST_F(ShowCliTest, ApprovalsPerRoleFreshStaleAndMissing) {
    start();
    ASSERT_EQ(approve(alice(), "alice-approval").exit_code, 0);
    ASSERT_EQ(approve(jane(), "jane-approval").exit_code, 0);
    // The decision's summary changes: both approvals now bind to older content.
    repo.write(k_path, replaced(repo.read(k_path), "Ship the recall-weighted GBT model",
                                "Ship the recall-weighted GBT model to all merchants"));
    name(repo.commit_all("Widen DEC-0001 to all merchants"), "widen");
    // Alice approves the new content; Jane has not yet.
    ASSERT_EQ(approve(alice(), "alice-again").exit_code, 0);

    auto out = repo.decision({"show", "DEC-0001"}, on_day());
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto at = out.out.find("\nApprovals");
    ASSERT_NE(at, std::string::npos) << out.out;
    test::expect_golden("show-approvals.txt", named(out.out.substr(at + 1)));

    auto json = repo.decision({"show", "DEC-0001", "--format", "json"}, on_day());
    ASSERT_EQ(json.exit_code, 0) << json.err;
    auto doc = nlohmann::json::parse(json.out);
    nlohmann::json standing{{"required_roles", doc["required_roles"]},
                            {"approvals", doc["approvals"]},
                            {"approvals_without_role", doc["approvals_without_role"]},
                            {"stance_mismatches", doc["stance_mismatches"]}};
    test::expect_golden("show-approvals.json", named(standing.dump(2) + "\n"));
}

TEST_F(ShowCliTest, ApproveBySomeoneWithoutARequiredRoleIsRefused) {
    start();
    auto refused = approve(bob(), "bob-approval");
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_EQ(refused.out, "");
    EXPECT_EQ(refused.err,
              "git-decision: error: bob@example.com holds no role DEC-0001 needs, so an approval "
              "by you would count for nothing. DEC-0001 needs approvals from: ml-lead "
              "(alice@example.com); compliance (jane@example.com); legal (larry@example.com, "
              "lena@example.com). Ask one of them to run: git decision approve DEC-0001 (or "
              "record yours with --anyway)\n");
    EXPECT_EQ(repo.git({"rev-list", "--count", "HEAD"}).out, "1\n") << "nothing was committed";

    auto anyway = approve(bob(), "bob-approval", {"--anyway"});
    EXPECT_EQ(anyway.exit_code, 0) << anyway.err;
    EXPECT_EQ(anyway.out, "Approved DEC-0001 as bob@example.com (it counts for no role DEC-0001 "
                          "needs)\n");
    auto holder = approve(jane(), "jane-approval");
    EXPECT_EQ(holder.exit_code, 0) << holder.err;
    EXPECT_EQ(holder.out, "Approved DEC-0001 as jane@example.com (compliance)\n");

    auto out = repo.decision({"show", "DEC-0001"}, on_day());
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto at = out.out.find("\nApprovals");
    ASSERT_NE(at, std::string::npos) << out.out;
    test::expect_golden("show-approve-without-role.txt", named(out.out.substr(at + 1)));
}

// When nothing waits for an approval, approve records it and says so.
TEST_F(ShowCliTest, ApproveSaysWhenTheDecisionNeedsNoApproval) {
    start();
    repo.write(
        "decisions/policy.toml",
        replaced(replaced(k_policy, "categories = [\"MODEL SELECTION\", \"TRAINING STRATEGY\"]",
                          "categories = [\"DATA PIPELINE\"]"),
                 "categories = [\"TRAINING STRATEGY\", \"MODEL SELECTION\"]",
                 "categories = [\"DATA PIPELINE\"]"));
    repo.commit_all("Rules for data pipelines only");
    auto uncovered = approve(bob(), "bob-approval");
    EXPECT_EQ(uncovered.exit_code, 0) << uncovered.err;
    EXPECT_EQ(uncovered.out, "Approved DEC-0001 as bob@example.com (no rule of the policy covers "
                             "MODEL SELECTION decisions, so DEC-0001 needs no approval)\n");

    repo.write("decisions/policy.toml", "[records]\ndir = \"decisions\"\n");
    repo.commit_all("No rules");
    auto no_rules = approve(bob(), "bob-again");
    EXPECT_EQ(no_rules.exit_code, 0) << no_rules.err;
    EXPECT_EQ(no_rules.out, "Approved DEC-0001 as bob@example.com (the policy has no rules, so "
                            "no approval is needed)\n");
    EXPECT_EQ(repo.git({"rev-list", "--count", "HEAD"}).out, "5\n") << "both were recorded";
}

// approve writes one trailer line: a key the policy does not count, or a name that would
// write other trailers, is refused before anything is committed.
TEST_F(ShowCliTest, ApproveRefusesAKeyThatDoesNotCountAndANameThatWouldForgeTrailers) {
    start();
    auto key = approve(alice(), "alice-evil", {"--trailer", "X-Evil"});
    EXPECT_EQ(key.exit_code, 129);
    EXPECT_EQ(key.err, "git-decision: error: 'X-Evil' is not a sign-off trailer of the policy, "
                       "so an approval under it would count for nothing; use one of: "
                       "Approved-by, Reviewed-by, Signed-off-by ([signoffs] trailers)\n");
    auto forged = approve(as("Mallory\nDecision: DEC-0042", "alice@example.com"), "forged");
    EXPECT_EQ(forged.exit_code, 128);
    EXPECT_EQ(forged.err, "git-decision: error: your name or email ('Mallory\\x0ADecision: "
                          "DEC-0042', 'alice@example.com') holds a line break, a control "
                          "character or an angle bracket, which cannot stand in a trailer; set "
                          "user.name and user.email (or GIT_COMMITTER_*)\n");
    EXPECT_EQ(repo.git({"rev-list", "--count", "HEAD"}).out, "1\n") << "nothing was committed";
    // Any case of a counted key is the same key to git.
    auto lower = approve(alice(), "alice-lower", {"--trailer", "approved-by"});
    EXPECT_EQ(lower.exit_code, 0) << lower.err;
}

TEST_F(ShowCliTest, ACommitSaysWhichApprovalsCoveredIt) {
    start();
    ASSERT_EQ(approve(alice(), "alice-approval").exit_code, 0);
    ASSERT_EQ(approve(jane(), "jane-approval").exit_code, 0);
    ASSERT_EQ(approve(as("Larry", "larry@example.com"), "larry-approval").exit_code, 0);
    // Bob's model change names the decision; its own message carries no sign-off.
    repo.write("models/fraud/model.onnx", "weights v2\n");
    repo.git({"add", "models/fraud/model.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m", "Retrain the fraud model\n\nDecision: DEC-0001"},
             bob());
    std::string change = repo.head();
    name(change, "model-change");
    auto checked = repo.decision({"check", "--range", "HEAD~1..HEAD"}, on_day());
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;

    auto out = repo.decision({"show", change}, on_day());
    ASSERT_EQ(out.exit_code, 0) << out.err;
    test::expect_golden("show-commit-covered.txt", named(out.out));

    auto json = repo.decision({"show", change, "--format", "json"}, on_day());
    ASSERT_EQ(json.exit_code, 0) << json.err;
    auto doc = nlohmann::json::parse(json.out);
    test::expect_golden("show-commit-covered.json", named(doc["approvals"].dump(2) + "\n"));
}

// A Model-Version trailer naming a version the linked decision does not list warns in
// `check --range` (and in every hook, through the same engine) without blocking.
TEST_F(ShowCliTest, AModelVersionTheDecisionDoesNotListIsAWarning) {
    start();
    ASSERT_EQ(approve(alice(), "alice-approval").exit_code, 0);
    ASSERT_EQ(approve(jane(), "jane-approval").exit_code, 0);
    ASSERT_EQ(approve(as("Larry", "larry@example.com"), "larry-approval").exit_code, 0);
    repo.write("models/fraud/model.onnx", "weights v3.3.0\n");
    repo.git({"add", "models/fraud/model.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m",
              "Train 3.3.0\n\nDecision: DEC-0001\nModel-Version: fraud-detector@3.3.0"},
             bob());
    name(repo.head(), "train-3.3.0");
    auto checked = repo.decision({"check", "--range", "HEAD~1..HEAD", "--no-cache"}, on_day());
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    test::expect_golden("check-model-version-warning.txt", named(checked.out + checked.err));

    // The version it lists: no warning.
    repo.write("models/fraud/model.onnx", "weights v3.2.0\n");
    repo.git({"add", "models/fraud/model.onnx"});
    repo.git({"commit", "-q", "--no-verify", "-m",
              "Back to 3.2.0\n\nDecision: DEC-0001\nModel-Version: fraud-detector@v3.2.0"},
             bob());
    auto listed = repo.decision({"check", "--range", "HEAD~1..HEAD", "--no-cache"}, on_day());
    EXPECT_EQ(listed.exit_code, 0) << listed.out << listed.err;
    EXPECT_FALSE(test::contains(listed.out + listed.err, "Model-Version")) << listed.out;
}

// `new --supersedes`: the successor is pre-filled from its predecessor and parses back to
// that content; once written and accepted, `supersede` retires the predecessor.
TEST_F(ShowCliTest, ASuccessorFromItsPredecessorThenSupersede) {
    start();
    auto made =
        repo.decision({"new", "--supersedes", "DEC-0001", "-t", "Raise the recall floor", "--owner",
                       "Omar Diaz", "--email", "omar@example.com", "--role", "PM", "--no-edit"},
                      on_day());
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_EQ(made.out, "Created decisions/DEC-0002-raise-the-recall-floor.toml (DEC-0002)\n");
    const std::string path = "decisions/DEC-0002-raise-the-recall-floor.toml";
    std::string text = repo.read(path);
    test::expect_golden("new-supersedes.toml", text);

    // It parses back to the predecessor's content where it inherits it.
    auto json = [&](const std::string& id) {
        auto out = repo.decision({"show", id, "--format", "json"}, on_day());
        EXPECT_EQ(out.exit_code, 0) << out.err;
        return nlohmann::json::parse(out.out);
    };
    auto old_doc = json("DEC-0001");
    auto new_doc = json("DEC-0002");
    for (const char* field : {"category", "scope", "models", "problem", "options", "guardrails",
                              "fairness", "stakeholders", "links", "tags"})
        EXPECT_EQ(new_doc[field], old_doc[field]) << field;
    EXPECT_EQ(new_doc["supersedes"], nlohmann::json::array({"DEC-0001"}));
    EXPECT_EQ(new_doc["status"], "proposed");
    EXPECT_EQ(new_doc["date"], "2026-11-27");
    EXPECT_EQ(new_doc["review_date"], "2027-01-26");
    EXPECT_EQ(new_doc["decision"]["priorities"], old_doc["decision"]["priorities"]);

    // Not accepted yet: supersede says what to do first.
    auto early = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0002"}, on_day());
    EXPECT_EQ(early.exit_code, 1);
    EXPECT_EQ(early.err, "git-decision: error: DEC-0002 is proposed; accept it first: git "
                         "decision status DEC-0002 accepted\n");

    // The author writes the decision, accepts it, and retires the predecessor.
    repo.write(path, replaced(replaced(text, "summary = \"\"\nrationale = \"\"",
                                       "summary = \"Raise the recall floor to 0.85\"\n"
                                       "rationale = \"Chargebacks keep rising\""),
                              "value = 0.8\n", "value = 0.85\n"));
    auto accepted = repo.decision({"status", "DEC-0002", "accepted"}, on_day());
    ASSERT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
    auto superseded = repo.decision({"supersede", "DEC-0001", "--by", "DEC-0002"}, on_day());
    ASSERT_EQ(superseded.exit_code, 0) << superseded.err;
    EXPECT_EQ(superseded.out, "DEC-0001 is superseded by DEC-0002\n");
    EXPECT_EQ(json("DEC-0001")["status"], "superseded");
    EXPECT_EQ(json("DEC-0002")["status"], "accepted");
    auto checked = repo.decision({"check"}, on_day());
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    repo.commit_all("Supersede DEC-0001 by DEC-0002");
}

TEST_F(ShowCliTest, NewNeedsACategoryOrAPredecessor) {
    auto missing = repo.decision({"new", "--no-edit", "-t", "x"});
    EXPECT_EQ(missing.exit_code, 129);
    EXPECT_EQ(missing.err, "git-decision: error: new needs --category, or --supersedes <ID> to "
                           "start from the decision it replaces\n");
    auto unknown = repo.decision({"new", "--no-edit", "--supersedes", "DEC-0009", "-t", "x"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.out, "");
    auto both = repo.decision(
        {"new", "--no-edit", "--supersedes", "DEC-0001", "-c", "MODEL SELECTION", "-t", "x"});
    EXPECT_EQ(both.exit_code, 129);
    EXPECT_EQ(both.err, "git-decision: usage: --category excludes --supersedes\n"
                        "Run 'git decision new --help' for usage.\n");
}

} // namespace

} // namespace t_integration_show_cli_test
