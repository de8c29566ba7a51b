// Evidence link kinds through the CLI: `check` warns, at the url's file:line:col, about an
// mlflow-run link that names no run; `show` lists every kind; `export` carries them.

#include "integration/cli_fixture.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_evidence_links_test {

using test::full_record;
using test::TempRepo;

namespace {

const std::string k_links =
    "\n[[links]]\nkind = \"mlflow-run\"\nurl = \"runs:/4f2e8a1b\"\n"
    "\n[[links]]\nkind = \"mlflow-run\"\nurl = \"see the run from Tuesday\"\n"
    "\n[[links]]\nkind = \"model-card\"\nurl = \"docs/cards/fraud.md\"\n"
    "\n[[links]]\nkind = \"dvc-exp\"\nurl = \"exp-3f2a1\"\n"
    "\n[[links]]\nkind = \"notebook\"\nurl = \"notebooks/eval.ipynb\"\n"
    "\n[[links]]\nkind = \"dashboard\"\nurl = \"https://grafana/d/1\"\n";

// The full record (which checks clean) with the links above after its own.
std::string record_with_links() {
    return full_record("DEC-0001") + k_links;
}

} // namespace

TEST(EvidenceLinks, CheckWarnsAtAMalformedMlflowRun) {
    TempRepo repo;
    std::string text = record_with_links();
    repo.write("decisions/DEC-0001-recall.toml", text);
    // The line of the malformed url, counted from the text.
    std::size_t line =
        1 +
        static_cast<std::size_t>(std::count(
            text.begin(),
            text.begin() + static_cast<std::ptrdiff_t>(text.find("url = \"see the run")), '\n'));
    auto out = repo.decision({"check"}, test::on_day());
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "decisions/DEC-0001-recall.toml:" + std::to_string(line) +
                           ":7: warning: 'see the run from Tuesday' is not an MLflow run; write "
                           "runs:/<run id> or the tracking server's URL of the run "
                           "(.../#/experiments/<id>/runs/<run id>) [mlflow-run]\n"
                           "checked 1 record: 0 errors, 1 warning\n");
}

TEST(EvidenceLinks, ShowAndExportCarryEveryKind) {
    TempRepo repo;
    repo.write("decisions/DEC-0001-recall.toml", record_with_links());
    auto shown = repo.decision({"show", "DEC-0001"}, test::on_day());
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find("  mlflow-run: runs:/4f2e8a1b\n"
                             "  mlflow-run: see the run from Tuesday\n"
                             "  model-card: docs/cards/fraud.md\n"
                             "  dvc-exp: exp-3f2a1\n"
                             "  notebook: notebooks/eval.ipynb\n"
                             "  dashboard: https://grafana/d/1\n"),
              std::string::npos)
        << shown.out;
    auto exported = repo.decision({"export"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    auto links = nlohmann::json::parse(exported.out)["records"][0]["links"];
    ASSERT_EQ(links.size(), 7u);
    EXPECT_EQ(links[1],
              (nlohmann::json{{"kind", "mlflow-run"}, {"url", "runs:/4f2e8a1b"}, {"title", ""}}));
    ASSERT_EQ(repo.decision({"export", "--format", "madr", "-o", "adr"}).exit_code, 0);
    std::string madr = repo.read("adr/0001-optimize-for-recall-over-precision-in-the-fraud.md");
    EXPECT_NE(madr.find("* MLflow run: runs:/4f2e8a1b\n"
                        "* MLflow run: see the run from Tuesday\n"
                        "* Model card: [docs/cards/fraud.md](<docs/cards/fraud.md>)\n"
                        "* DVC experiment: exp-3f2a1\n"
                        "* Notebook: [notebooks/eval.ipynb](<notebooks/eval.ipynb>)\n"
                        "* Dashboard: [https://grafana/d/1](<https://grafana/d/1>)\n"),
              std::string::npos)
        << madr;
}

} // namespace t_integration_evidence_links_test
