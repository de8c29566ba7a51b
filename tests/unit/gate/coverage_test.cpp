// The coverage engine driven directly: a policy, the links a commit message (and note) makes
// (link::extract), the approvals in history and the changed paths go in; the verdict and
// every message come out. One row per case, each message compared whole.
#include "decision/gate/coverage.hpp"
#include "decision/policy/policy.hpp"
#include "decision/trailer/trailer.hpp"

#include <cctype>
#include <chrono>
#include <gtest/gtest.h>
#include <utility>

namespace decision::gate {
namespace {

using namespace std::chrono_literals;

const char* k_policy = R"(
[[rules]]
name = "models"
paths = ["models/**"]
categories = ["MODEL SELECTION"]
signoffs = ["ml-lead"]

[[rules]]
name = "data"
paths = ["data/*.csv"]

[roles]
ml-lead = ["lead@example.com"]

[waivers]
roles = ["ml-lead"]
)";

std::string record_text(const std::string& id, const std::string& status, const std::string& scope,
                        const std::string& review = "2027-01-26") {
    return "id = \"" + id + "\"\ntitle = \"T\"\ncategory = \"MODEL SELECTION\"\nstatus = \"" +
           status + "\"\ndate = 2026-11-27\nreview_date = " + review +
           "\n\n[owner]\nname = \"A\"\nemail = \"a@example.com\"\nrole = \"PM\"\n\n[scope]\n"
           "paths = [\"" +
           scope + "\"]\n\n[decision]\nsummary = \"s\"\nrationale = \"r\"\n";
}

// DEC-0001 accepted over models/**; DEC-0002 proposed and DEC-0003 superseded over the same;
// DEC-0004 accepted over models/ranker/** only; DEC-0005 accepted over data/**, overdue.
record::Catalog catalog() {
    return record::load({
        {"decisions/DEC-0001-a.toml", record_text("DEC-0001", "accepted", "models/**")},
        {"decisions/DEC-0002-b.toml", record_text("DEC-0002", "proposed", "models/**")},
        {"decisions/DEC-0003-c.toml", record_text("DEC-0003", "superseded", "models/**")},
        {"decisions/DEC-0004-d.toml", record_text("DEC-0004", "accepted", "models/ranker/**")},
        {"decisions/DEC-0005-e.toml", record_text("DEC-0005", "accepted", "data/**", "2026-06-01")},
    });
}

const gate::Actor k_dev{"dev@example.com", "dev@example.com", ""};
const gate::Actor k_lead{"lead@example.com", "lead@example.com", ""};

// An approval in history: `fresh` approves the record as it is, else an older content.
struct Given {
    Given(std::string id_, std::string email_, bool fresh_ = true)
        : id(std::move(id_)), email(std::move(email_)), fresh(fresh_) {}
    std::string id;
    std::string email;
    bool fresh;
};

struct Row {
    Row(const char* name_, std::vector<std::string> paths_, std::string trailers_,
        std::vector<Given> approvals_, bool ok_, std::vector<std::string> findings_,
        std::vector<std::string> warnings_, gate::Actor actor_ = k_dev, std::string note_ = "",
        std::string commit_ = "")
        : name(name_), paths(std::move(paths_)), trailers(std::move(trailers_)),
          approvals(std::move(approvals_)), ok(ok_), findings(std::move(findings_)),
          warnings(std::move(warnings_)), actor(std::move(actor_)), note(std::move(note_)),
          commit(std::move(commit_)) {}
    const char* name;
    std::vector<std::string> paths;
    std::string trailers; // the message's trailer block
    std::vector<Given> approvals;
    // expected
    bool ok;
    std::vector<std::string> findings; // describe() of each governed path
    std::vector<std::string> warnings;
    gate::Actor actor;
    std::string note;   // "" = none
    std::string commit; // the commit checked, "" = being made
};

// One line per finding: "path [rule] covered by IDs" or "path [rule] problems | fixes".
std::string describe(const PathFinding& f) {
    std::string out = f.path + " [" + f.rule + "]";
    if (f.covered) {
        out += " covered by";
        for (const auto& id : f.covered_by)
            out += " " + id;
        return out;
    }
    for (const auto& p : f.problems)
        out += "\n  problem: " + p;
    for (const auto& x : f.fixes)
        out += "\n  fix: " + x;
    return out;
}

const std::string k_no_approval_0001 = "DEC-0001 has no approval from role 'ml-lead' "
                                       "(lead@example.com)";
const std::string k_approve_0001 = "as lead@example.com: git decision approve DEC-0001   (or "
                                   "the trailer 'Approved-by: Name <lead@example.com>' in a commit "
                                   "by them)";

const Row k_rows[] = {
    {"an ungoverned path is no finding", {"README.md", "src/train.py"}, "", {}, true, {}, {}},
    {"a governed path with no decision linked",
     {"models/m.onnx"},
     "",
     {},
     false,
     {"models/m.onnx [models]\n  problem: no decision is linked to this change\n  fix: add the "
      "trailer 'Decision: DEC-0001' (decisions covering this path: DEC-0001)"},
     {}},
    {"an accepted decision in scope with a fresh approval covers",
     {"models/m.onnx"},
     "Decision: DEC-0001",
     {{"DEC-0001", "lead@example.com"}},
     true,
     {"models/m.onnx [models] covered by DEC-0001"},
     {}},
    {"a rule without sign-offs needs only an accepted decision in scope; an overdue one warns",
     {"data/train.csv", "data/sub/deep.csv"},
     "Decision: DEC-0005",
     {},
     true,
     {"data/train.csv [data] covered by DEC-0005"},
     {"DEC-0005 is past its review date (2026-06-01); review it: git decision review"}},
    {"the approval is missing",
     {"models/m.onnx"},
     "Decision: DEC-0001",
     {},
     false,
     {"models/m.onnx [models]\n  problem: " + k_no_approval_0001 + "\n  fix: " + k_approve_0001},
     {}},
    {"the approval is stale: the record changed since",
     {"models/m.onnx"},
     "Decision: DEC-0001",
     {{"DEC-0001", "lead@example.com", false}},
     false,
     {"models/m.onnx [models]\n  problem: DEC-0001: the approval by lead@example.com "
      "(c0ffee000000) "
      "is stale: the decision's content changed since; role 'ml-lead' must approve again\n  fix: " +
      k_approve_0001},
     {}},
    {"an approval by someone without the role is none",
     {"models/m.onnx"},
     "Decision: DEC-0001",
     {{"DEC-0001", "dev@example.com"}},
     false,
     {"models/m.onnx [models]\n  problem: " + k_no_approval_0001 + "\n  fix: " + k_approve_0001},
     {}},
    {"an approval of another decision does not count",
     {"models/m.onnx"},
     "Decision: DEC-0001",
     {{"DEC-0002", "lead@example.com"}},
     false,
     {"models/m.onnx [models]\n  problem: " + k_no_approval_0001 + "\n  fix: " + k_approve_0001},
     {}},
    {"a proposed decision does not cover",
     {"models/m.onnx"},
     "Decision: DEC-0002",
     {{"DEC-0002", "lead@example.com"}},
     false,
     {"models/m.onnx [models]\n  problem: DEC-0002 is proposed MODEL SELECTION; rule 'models' "
      "needs accepted MODEL SELECTION\n  fix: add the trailer 'Decision: DEC-0001' (decisions "
      "covering this path: DEC-0001)"},
     {}},
    {"a superseded decision does not cover",
     {"models/m.onnx"},
     "Decision: DEC-0003",
     {{"DEC-0003", "lead@example.com"}},
     false,
     {"models/m.onnx [models]\n  problem: DEC-0003 is superseded MODEL SELECTION; rule 'models' "
      "needs accepted MODEL SELECTION\n  fix: add the trailer 'Decision: DEC-0001' (decisions "
      "covering this path: DEC-0001)"},
     {}},
    {"a decision whose scope misses the path does not cover",
     {"models/m.onnx", "models/ranker/r.onnx"},
     "Decision: DEC-0004",
     {{"DEC-0004", "lead@example.com"}},
     false,
     {"models/m.onnx [models]\n  problem: DEC-0004 does not cover this path (its scope: "
      "models/ranker/**)\n  fix: add the trailer 'Decision: DEC-0001' (decisions covering this "
      "path: DEC-0001)",
      "models/ranker/r.onnx [models] covered by DEC-0004"},
     {}},
    {"each linked decision is tried; one that covers is enough",
     {"models/m.onnx"},
     "Decision: DEC-0002, DEC-0001",
     {{"DEC-0001", "lead@example.com"}},
     true,
     {"models/m.onnx [models] covered by DEC-0001"},
     {}},
    {"a decision linked by a note covers like a trailer",
     {"models/m.onnx"},
     "",
     {{"DEC-0001", "lead@example.com"}},
     true,
     {"models/m.onnx [models] covered by DEC-0001"},
     {},
     k_dev,
     R"({"decision":"DEC-0001","by":"lead@example.com","at":"2026-11-28"})"},
    {"an existing commit is told to link by a note",
     {"models/m.onnx"},
     "",
     {},
     false,
     {"models/m.onnx [models]\n  problem: no decision is linked to this change\n  fix: link it: "
      "git decision link 0123456789ab DEC-0001 (decisions covering this path: DEC-0001)"},
     {},
     k_dev,
     "",
     "0123456789abcdef0123456789abcdef01234567"},
    {"a waiver with a trusted sign-off from a waiver role passes",
     {"models/m.onnx"},
     "Decision-Waiver: hotfix for the outage\nApproved-by: Lead <lead@example.com>",
     {},
     true,
     {"models/m.onnx [models]\n  problem: no decision is linked to this change\n  fix: add the "
      "trailer 'Decision: DEC-0001' (decisions covering this path: DEC-0001)"},
     {"waived by lead@example.com: hotfix for the outage"},
     k_lead},
    {"a waiver signed off by someone the trust mode does not accept is not honoured",
     {"models/m.onnx"},
     "Decision-Waiver: hotfix\nApproved-by: Lead <lead@example.com>",
     {},
     false,
     {"models/m.onnx [models]\n  problem: no decision is linked to this change\n  fix: add the "
      "trailer 'Decision: DEC-0001' (decisions covering this path: DEC-0001)"},
     {"the Decision-Waiver trailer needs a trusted sign-off from a role in [waivers] roles "
      "(ml-lead); it was not honoured"}},
    {"a sign-off in a commit the approver did not make is explained",
     {"models/m.onnx"},
     "Decision: DEC-0001\nApproved-by: Lead <lead@example.com>",
     {},
     false,
     {"models/m.onnx [models]\n  problem: " + k_no_approval_0001 +
      "\n  problem: 'Approved-by: lead@example.com' in this commit does not count: trust mode "
      "'committer' needs the approver to author or commit it (author dev@example.com, committer "
      "dev@example.com); let them run: git decision approve\n  fix: " +
      k_approve_0001},
     {}},
    {"a sign-off by someone without the role is explained",
     {"models/m.onnx"},
     "Decision: DEC-0001\nApproved-by: Dev <dev@example.com>",
     {},
     false,
     {"models/m.onnx [models]\n  problem: " + k_no_approval_0001 +
      "\n  problem: 'Approved-by: dev@example.com' in this commit does not count for role "
      "'ml-lead': dev@example.com does not hold it ([roles] ml-lead = lead@example.com)\n  fix: " +
      k_approve_0001},
     {}},
    {"malformed and unknown IDs warn and link nothing",
     {"models/m.onnx"},
     "Decision: dec-0001, DEC-0099",
     {},
     false,
     {"models/m.onnx [models]\n  fix: add the trailer 'Decision: DEC-0001' (decisions "
      "covering this path: DEC-0001)"},
     {"'Decision: dec-0001' is not a decision ID like DEC-0042; ignored",
      "linked decision DEC-0099 does not exist"}},
    {"a note line that is not a JSON link warns",
     {"README.md"},
     "",
     {},
     true,
     {},
     {"note: line 1 is not a JSON link like {\"decision\": \"DEC-0042\"}"},
     k_dev,
     "DEC-0001"},
};

class CoverageTable : public ::testing::TestWithParam<Row> {};

TEST_P(CoverageTable, VerdictAndMessages) {
    const Row& row = GetParam();
    auto parsed = policy::parse(k_policy);
    ASSERT_TRUE(parsed.diagnostics.empty());
    auto compiled = CompiledPolicy::compile(parsed.policy);
    ASSERT_TRUE(compiled);
    auto records = catalog();
    ASSERT_EQ(records.records.size(), 5u);

    std::string message = "Retrain\n\n" + row.trailers + "\n";
    link::Vocabulary vocab;
    auto links = link::extract(trailer::parse(row.trailers.empty() ? "Retrain\n" : message),
                               row.note.empty() ? nullptr : &row.note, vocab);
    std::vector<Approval> approvals;
    for (const auto& g : row.approvals) {
        const record::Record* r = records.find(g.id);
        ASSERT_NE(r, nullptr);
        approvals.push_back({g.id, g.email, "", "c0ffee0000000000",
                             g.fresh ? record::normative_hash(*r) : std::string("older")});
    }
    CoverageInput in;
    in.changed_paths = row.paths;
    in.links = links;
    in.actor = row.actor;
    in.records = &records;
    in.approvals = approvals;
    in.today = record::Date{2026y, std::chrono::November, 29d};
    in.commit = row.commit;

    Coverage c = evaluate(*compiled, in);
    std::vector<std::string> findings;
    for (const auto& f : c.paths)
        findings.push_back(describe(f));
    EXPECT_EQ(c.ok(), row.ok);
    EXPECT_EQ(findings, row.findings);
    EXPECT_EQ(c.warnings, row.warnings);
}

std::string row_name(const ::testing::TestParamInfo<Row>& info) {
    std::string out;
    bool upper = true;
    for (const char* p = info.param.name; *p; ++p) {
        if (!std::isalnum(static_cast<unsigned char>(*p))) {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(*p))) : *p;
        upper = false;
    }
    return out;
}

INSTANTIATE_TEST_SUITE_P(Coverage, CoverageTable, ::testing::ValuesIn(k_rows), row_name);

TEST(CompiledPolicy, AnInvalidGlobNamesItsRule) {
    policy::Policy p;
    p.rules.push_back(
        {"models", {"models/**", "#weights"}, {}, {record::Status::Accepted}, {}, {}});
    auto compiled = CompiledPolicy::compile(p);
    ASSERT_FALSE(compiled);
    EXPECT_EQ(compiled.error().kind, util::ErrorKind::Check);
    EXPECT_EQ(compiled.error().message,
              "policy rule 'models': invalid path pattern \"#weights\": a leading '#' makes it a "
              "comment in .gitignore; write \"\\#weights\" to match a name starting with '#'");
}

TEST(CompiledPolicy, RulesForAPathInPolicyOrder) {
    policy::Policy p;
    p.rules.push_back({"all-models", {"models/"}, {}, {record::Status::Accepted}, {}, {}});
    p.rules.push_back({"onnx", {"*.onnx", "!scratch/**"}, {}, {record::Status::Accepted}, {}, {}});
    auto compiled = CompiledPolicy::compile(p);
    ASSERT_TRUE(compiled);
    auto names = [&](std::string_view path) {
        std::vector<std::string> out;
        for (const auto* r : compiled->rules_for(path))
            out.push_back(r->name);
        return out;
    };
    EXPECT_EQ(names("models/a.onnx"), (std::vector<std::string>{"all-models", "onnx"}));
    EXPECT_EQ(names("models/a.txt"), std::vector<std::string>{"all-models"});
    EXPECT_EQ(names("b.onnx"), std::vector<std::string>{"onnx"});
    EXPECT_EQ(names("scratch/b.onnx"), std::vector<std::string>{});
    EXPECT_TRUE(compiled->governs("deep/x.onnx"));
    EXPECT_FALSE(compiled->governs("README.md"));
    EXPECT_TRUE(compiled->may_govern_under("models"));
    EXPECT_TRUE(compiled->may_govern_under("anything")); // *.onnx may be anywhere
}

TEST(CompiledPolicy, CaseFollowsTheRepositorysIgnoreCase) {
    policy::Policy p;
    p.rules.push_back({"models", {"models/**"}, {}, {record::Status::Accepted}, {}, {}});
    EXPECT_FALSE(CompiledPolicy::compile(p)->governs("Models/A.onnx"));
    p.ignore_case = true;
    EXPECT_TRUE(CompiledPolicy::compile(p)->governs("Models/A.onnx"));
}

TEST(CoverageEngine, OnePathUnderTwoRulesIsJudgedByEach) {
    policy::Policy p;
    p.rules.push_back({"models", {"models/**"}, {}, {record::Status::Accepted}, {}, {}});
    p.rules.push_back({"onnx", {"*.onnx"}, {}, {record::Status::Proposed}, {}, {}});
    auto compiled = CompiledPolicy::compile(p);
    ASSERT_TRUE(compiled);
    auto records = catalog();
    CoverageInput in;
    in.changed_paths = {"models/m.onnx"};
    in.links = link::extract(trailer::parse("Retrain\n\nDecision: DEC-0001\n"), nullptr, {});
    in.records = &records;
    Coverage c = evaluate(*compiled, in);
    ASSERT_EQ(c.paths.size(), 2u);
    EXPECT_EQ(describe(c.paths[0]), "models/m.onnx [models] covered by DEC-0001");
    EXPECT_EQ(describe(c.paths[1]),
              "models/m.onnx [onnx]\n  problem: DEC-0001 is accepted MODEL SELECTION; rule 'onnx' "
              "needs proposed\n  fix: add the trailer 'Decision: DEC-0002' (decisions covering "
              "this path: DEC-0002)");
    EXPECT_FALSE(c.ok());
}

TEST(CoverageEngine, AProposedDecisionLinkedAndNoOtherSaysAcceptIt) {
    policy::Policy p = policy::parse(k_policy).policy;
    auto compiled = CompiledPolicy::compile(p);
    ASSERT_TRUE(compiled);
    auto records = record::load(
        {{"decisions/DEC-0002-b.toml", record_text("DEC-0002", "proposed", "models/**")}});
    CoverageInput in;
    in.changed_paths = {"models/m.onnx"};
    in.links = link::extract(trailer::parse("Retrain\n\nDecision: DEC-0002\n"), nullptr, {});
    in.records = &records;
    Coverage c = evaluate(*compiled, in);
    ASSERT_EQ(c.paths.size(), 1u);
    EXPECT_EQ(describe(c.paths[0]),
              "models/m.onnx [models]\n  problem: DEC-0002 is proposed MODEL SELECTION; rule "
              "'models' needs accepted MODEL SELECTION\n  fix: if DEC-0002 was decided, record "
              "it: git decision status DEC-0002 accepted, then the approvals: git decision "
              "approve DEC-0002 (by ml-lead)");
}

TEST(CoverageEngine, NoDecisionCoversThePathSaysRecordOne) {
    policy::Policy p = policy::parse(k_policy).policy;
    auto compiled = CompiledPolicy::compile(p);
    ASSERT_TRUE(compiled);
    record::Catalog none;
    CoverageInput in;
    in.changed_paths = {"data/new.csv"};
    in.records = &none;
    in.commit = "0123456789abcdef";
    Coverage c = evaluate(*compiled, in);
    ASSERT_EQ(c.paths.size(), 1u);
    EXPECT_EQ(describe(c.paths[0]),
              "data/new.csv [data]\n  problem: no decision is linked to this change\n  fix: "
              "record a decision that covers it: git decision new --category \"MODEL "
              "SELECTION\" --title \"...\" (scope.paths must match data/new.csv), get it "
              "accepted, then git decision link 0123456789ab <ID>");
}

} // namespace
} // namespace decision::gate
