// git decision export --format html: one self-contained page holding the log as JSON that no
// record can break out of, and guardrail results with --metrics. What the page shows in a
// browser is tested in headless Chromium (tests/html/site_test.py).

#include "integration/cli_fixture.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_export_html_test {

namespace {

class ExportHtml : public ::testing::Test {
protected:
    test::TempRepo repo;

    test::Output run(const std::vector<std::string>& args) {
        return repo.decision(args, test::on_day());
    }

    // The JSON in <script type="application/json" id="...">, parsed.
    static nlohmann::json embedded(const std::string& page, const std::string& id) {
        std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
        auto begin = page.find(open);
        EXPECT_NE(begin, std::string::npos) << "no " << open;
        if (begin == std::string::npos)
            return nullptr;
        begin += open.size();
        auto end = page.find("</script>", begin);
        return nlohmann::json::parse(page.substr(begin, end - begin));
    }

    static std::size_t count(const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
            ++n;
        return n;
    }
};

} // namespace

TEST_F(ExportHtml, PageLoadsNothingAndEmbedsTheLog) {
    repo.write("decisions/DEC-0001-recall.toml", test::full_record("DEC-0001"));
    auto out = run({"export", "--format", "html", "-o", "site.html"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "");
    std::string page = repo.read("site.html");
    EXPECT_EQ(page.rfind("<!DOCTYPE html>\n", 0), 0u);
    EXPECT_NE(page.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                        "'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                        "img-src data:\">"),
              std::string::npos);
    for (const char* load : {" src=", "<link", "@import", "url(http", "<iframe"})
        EXPECT_EQ(page.find(load), std::string::npos) << load;

    auto log = embedded(page, "decision-log");
    auto json = nlohmann::json::parse(run({"export", "--format", "json"}).out);
    EXPECT_EQ(log, json);
    EXPECT_EQ(embedded(page, "site-context"), (nlohmann::json{{"generated", "2026-11-27"}}));
}

TEST_F(ExportHtml, ATitleCannotCloseTheScriptItSitsIn) {
    const std::string hostile = "</script><script>alert(1)</script><!-- <Feast> & friends";
    repo.write("decisions/DEC-0001-hostile.toml",
               test::minimal_record("DEC-0001", "</script><script>alert(1)</script><!-- "
                                                "<Feast> & friends"));
    auto out = run({"export", "--format", "html"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    // The log, the context and the site's own script: three elements, three closings.
    EXPECT_EQ(count(out.out, "</script"), 3u);
    EXPECT_EQ(count(out.out, "<!--"), 0u);
    EXPECT_EQ(count(out.out, "<Feast>"), 0u);
    EXPECT_EQ(embedded(out.out, "decision-log")["records"][0]["title"], hostile);
}

TEST_F(ExportHtml, MetricsPutGuardrailResultsInThePage) {
    repo.write("decisions/DEC-0042-recall.toml",
               test::read_source("schema/examples/valid/design-example.toml"));
    repo.write("eval.json", test::read_source("tests/fixtures/guard/metrics.json"));
    auto out = run({"export", "--format", "html", "--metrics", "eval.json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto context = embedded(out.out, "site-context");
    auto guard =
        nlohmann::json::parse(run({"guard", "--metrics", "eval.json", "--format", "json"}).out);
    EXPECT_EQ(context["guardrails"], guard);
    EXPECT_EQ(context["guardrails"]["decisions"][0]["status"], "breached");
}

TEST_F(ExportHtml, BaselineMetricsJudgeRelativeGuardrailsAsGuardDoes) {
    repo.write("decisions/DEC-0042-recall.toml",
               test::read_source("schema/examples/valid/design-example.toml") +
                   "\n[[guardrails]]\nmetric = \"precision\"\nmax_drop = 0.05\n");
    repo.write("eval.json", test::read_source("tests/fixtures/guard/metrics.json"));
    repo.write("base.json", R"({"precision": 0.72})");
    auto out =
        run({"export", "--format", "html", "--metrics", "eval.json", "--baseline", "base.json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto guardrails = embedded(out.out, "site-context")["guardrails"];
    auto guard =
        run({"guard", "--metrics", "eval.json", "--baseline", "base.json", "--format", "json"});
    EXPECT_EQ(guardrails, nlohmann::json::parse(guard.out));
    EXPECT_EQ(guardrails["decisions"][0]["guardrails"][2]["status"], "breached");
    EXPECT_EQ(guardrails["decisions"][0]["guardrails"][2]["baseline"], 0.72);
}

TEST_F(ExportHtml, MetricsGoWithHtmlOnly) {
    repo.write("eval.json", "{}");
    auto out = run({"export", "--format", "json", "--metrics", "eval.json"});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_EQ(out.err, "git-decision: error: --metrics goes with --format html\n");
    out = run({"export", "--format", "html", "--baseline", "eval.json"});
    EXPECT_EQ(out.exit_code, 129);
    EXPECT_EQ(out.err, "git-decision: error: --baseline goes with --metrics\n");
}

TEST_F(ExportHtml, MetricsThatCannotBeReadFailTheExportAsTheyFailGuard) {
    repo.write("decisions/DEC-0001-recall.toml", test::full_record("DEC-0001"));
    auto out = run({"export", "--format", "html", "--metrics", "absent.json", "-o", "site.html"});
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.err,
              "git-decision: error: cannot read 'absent.json': No such file or directory\n");
    repo.write("bad.json", "{\n");
    out = run({"export", "--format", "html", "--metrics", "bad.json", "-o", "site.html"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.err, "git-decision: error: bad.json:2:1: syntax error while parsing object key "
                       "- unexpected end of input; expected string literal\n");
    EXPECT_FALSE(repo.exists("site.html"));
}

} // namespace t_integration_export_html_test
