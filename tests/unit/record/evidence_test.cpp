#include "decision/record/evidence.hpp"
#include "decision/record/parse.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_record_evidence_test {

using namespace decision;

TEST(LinkKinds, AreTheSchemasInOrder) {
    EXPECT_EQ(record::link_kinds(),
              (std::vector<std::string>{"evaluation", "data-quality", "bias-report",
                                        "cost-analysis", "user-research", "dashboard", "mlflow-run",
                                        "model-card", "dvc-exp", "notebook", "other"}));
    EXPECT_EQ(record::link_kind_label("mlflow-run"), "MLflow run");
    EXPECT_EQ(record::link_kind_label("dvc-exp"), "DVC experiment");
    EXPECT_EQ(record::link_kind_label(""), "Other");
    EXPECT_EQ(record::link_kind_label("made-up"), "made-up");
}

TEST(MlflowRun, AcceptsRunsUrisAndTrackingUrls) {
    for (const char* url :
         {"runs:/4f2e8a1b9c3d4e5f6a7b8c9d0e1f2a3b", "runs:/4f2e8a1b9c3d4e5f6a7b8c9d0e1f2a3b/model",
          "runs:/my-run_1", "http://mlflow.internal:5000/#/experiments/3/runs/4f2e8a1b",
          "https://mlflow.example.com/#/experiments/3/runs/4f2e8a1b/artifacts",
          "https://adb-1.azuredatabricks.net/ml/experiments/12/runs/abc?o=1", " runs:/abc "})
        EXPECT_TRUE(record::is_mlflow_run(url)) << url;
}

TEST(MlflowRun, RefusesWhatNamesNoRun) {
    for (const char* url :
         {"runs:/", "runs://abc/model", "runs:abc", "run:/abc", "runs:/-abc", "runs:/a b",
          "runs:/abc$", "https://mlflow.example.com/", "https://mlflow.example.com/#/experiments/3",
          "https://mlflow.example.com/#/experiments/3/runs/", "https:///runs/abc",
          "ftp://host/runs/abc", "notebooks/eval.ipynb", "https://host/runs/abc def", ""})
        EXPECT_FALSE(record::is_mlflow_run(url)) << url;
}

TEST(CheckLinks, WarnsAtTheUrlOfAMalformedRun) {
    auto parsed = record::parse("id = \"DEC-0001\"\ntitle = \"T\"\ncategory = \"MODEL SELECTION\"\n"
                                "status = \"proposed\"\ndate = 2026-01-05\n[owner]\nname = \"A\"\n"
                                "[[links]]\nkind = \"mlflow-run\"\nurl = \"runs:/4f2e8a1b\"\n"
                                "[[links]]\nkind = \"mlflow-run\"\n  url = \"mlflow run 7\"\n"
                                "[[links]]\nkind = \"notebook\"\nurl = \"mlflow run 7\"\n",
                                "decisions/DEC-0001-t.toml");
    ASSERT_TRUE(parsed.record) << parsed.diagnostics.size();
    EXPECT_TRUE(parsed.diagnostics.empty());
    auto found = record::check_links(*parsed.record);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(util::format(found[0]),
              "decisions/DEC-0001-t.toml:13:9: warning: 'mlflow run 7' is not an MLflow run; write "
              "runs:/<run id> or the tracking server's URL of the run "
              "(.../#/experiments/<id>/runs/<run id>) [mlflow-run]");
}

TEST(CheckLinks, EveryNewKindParses) {
    for (const char* kind : {"mlflow-run", "model-card", "dvc-exp", "notebook", "dashboard"}) {
        auto parsed = record::parse(
            std::string("id = \"DEC-0001\"\ntitle = \"T\"\ncategory = \"MODEL SELECTION\"\n"
                        "status = \"proposed\"\ndate = 2026-01-05\n[owner]\nname = "
                        "\"A\"\n[[links]]\nkind = \"") +
                kind + "\"\nurl = \"runs:/abc\"\n",
            "r.toml");
        ASSERT_TRUE(parsed.record) << kind;
        EXPECT_TRUE(parsed.diagnostics.empty()) << kind;
        EXPECT_EQ(parsed.record->links.at(0).kind, kind);
    }
}

} // namespace t_unit_record_evidence_test
