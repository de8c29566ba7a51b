#include "decision/guard/metrics.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_guard_metrics_test {

using namespace decision::guard;
using decision::util::ErrorKind;

namespace {

std::string fixture(const std::string& name) {
    return std::string(GD_SOURCE_DIR) + "/tests/fixtures/guard/" + name;
}

MetricSet parse(std::string_view text, const std::string& name, DiffSide side = DiffSide::New) {
    auto sources = parse_metrics(text, name, MetricsFormat::Auto, side);
    EXPECT_TRUE(sources.has_value()) << (sources ? "" : sources.error().message);
    MetricSet set;
    if (sources)
        set.add(std::move(*sources));
    return set;
}

std::string parse_error(std::string_view text, const std::string& name) {
    auto sources = parse_metrics(text, name);
    EXPECT_FALSE(sources.has_value());
    if (sources)
        return "(parsed)";
    EXPECT_EQ(sources.error().kind, ErrorKind::Check);
    return sources.error().message;
}

std::optional<double> number(const MetricSet& set, std::string_view name) {
    return set.find(name).value;
}

std::string problem(const MetricSet& set, std::string_view name) {
    auto found = set.find(name);
    EXPECT_FALSE(found.value.has_value());
    return found.problem;
}

} // namespace

// ---------------------------------------------------------------- JSON

TEST(Metrics, JsonNestedObjectsFlattenWithDots) {
    auto set = parse(R"({"roc_auc": {"test": 0.93, "train": {"all": 1}}, "loss": 2})", "m.json");
    EXPECT_EQ(number(set, "roc_auc.test"), 0.93);
    EXPECT_EQ(number(set, "roc_auc.train.all"), 1.0);
    EXPECT_EQ(number(set, "loss"), 2.0);
}

TEST(Metrics, JsonArraysAreIndexed) {
    auto set = parse(R"({"folds": [0.9, {"auc": 0.8}], "top": [[1, 2]]})", "m.json");
    EXPECT_EQ(number(set, "folds.0"), 0.9);
    EXPECT_EQ(number(set, "folds.1.auc"), 0.8);
    EXPECT_EQ(number(set, "top.0.1"), 2.0);
}

TEST(Metrics, JsonTopLevelArrayIsIndexed) {
    auto set = parse(R"([{"recall": 0.7}])", "m.json");
    EXPECT_EQ(number(set, "0.recall"), 0.7);
}

TEST(Metrics, JsonIntegersAndLargeNumbersAreNumbers) {
    auto set =
        parse(R"({"n": 20000, "u": 18446744073709551615, "neg": -3, "e": 1.5e-3})", "m.json");
    EXPECT_EQ(number(set, "n"), 20000.0);
    EXPECT_EQ(number(set, "u"), 18446744073709551615.0);
    EXPECT_EQ(number(set, "neg"), -3.0);
    EXPECT_EQ(number(set, "e"), 0.0015);
}

TEST(Metrics, FixtureMetricsJson) {
    auto set = load_metrics({fixture("metrics.json")});
    ASSERT_TRUE(set.has_value()) << set.error().message;
    EXPECT_EQ(number(*set, "roc_auc.test"), 0.93);
    EXPECT_EQ(number(*set, "fairness.demographic_parity_difference"), 0.03);
    EXPECT_EQ(number(*set, "folds.2"), 0.9);
    EXPECT_EQ(number(*set, "step"), 19.0);
}

TEST(Metrics, StringIsNotANumber) {
    auto set = parse(R"({"threshold": "0.35"})", "m.json");
    auto found = set.find("threshold");
    EXPECT_TRUE(found.exists);
    EXPECT_EQ(found.value, std::nullopt);
    EXPECT_EQ(found.source, "m.json");
    EXPECT_EQ(found.problem, "'threshold' in m.json is a string (\"0.35\"), not a number");
}

TEST(Metrics, LongStringIsShortenedInTheMessage) {
    auto set = parse(R"({"s": "0123456789012345678901234567890123456789XYZ"})", "m.json");
    EXPECT_EQ(problem(set, "s"),
              "'s' in m.json is a string (\"0123456789012345678901234567890123456789...\"), "
              "not a number");
}

TEST(Metrics, BooleanAndNullAreNotNumbers) {
    auto set = parse(R"({"calibrated": true, "gone": null})", "m.json");
    EXPECT_EQ(problem(set, "calibrated"),
              "'calibrated' in m.json is a boolean (true), not a number");
    EXPECT_EQ(problem(set, "gone"), "'gone' in m.json is null, not a number");
}

TEST(Metrics, ObjectInsteadOfNumberNamesItsChildren) {
    auto set = parse(R"({"roc_auc": {"test": 0.93, "train": 0.98}, "e": {}, "big": [1, 2, 3, 4]})",
                     "m.json");
    EXPECT_EQ(problem(set, "roc_auc"),
              "'roc_auc' in m.json is an object (roc_auc.test, roc_auc.train), not a number");
    EXPECT_EQ(problem(set, "e"), "'e' in m.json is an empty object, not a number");
    EXPECT_EQ(problem(set, "big"), "'big' in m.json is an array (big.0, big.1, big.2, ...), "
                                   "not a number");
}

TEST(Metrics, MissingMetricSuggestsACloseName) {
    auto set = parse(R"({"recall": 0.8, "precision": 0.6})", "m.json");
    auto found = set.find("recal");
    EXPECT_FALSE(found.exists);
    EXPECT_EQ(found.problem,
              "'recal' is in none of the metrics files (m.json) (did you mean 'recall'?)");
    EXPECT_EQ(problem(set, "latency"), "'latency' is in none of the metrics files (m.json)");
}

TEST(Metrics, EmptySetSaysNoFileWasGiven) {
    MetricSet set;
    EXPECT_EQ(problem(set, "recall"), "'recall' is not measured: no metrics file was given");
}

TEST(Metrics, JsonSyntaxErrorHasLineAndColumn) {
    EXPECT_EQ(parse_error("{\n  \"recall\": 0.8,\n  \"precision\" 0.6\n}", "eval/m.json"),
              "eval/m.json:3:17: syntax error while parsing object separator - unexpected "
              "number literal; expected ':'");
}

TEST(Metrics, JsonTruncatedFile) {
    EXPECT_EQ(parse_error("{\"recall\": 0.8", "m.json"),
              "m.json:1:15: syntax error while parsing object - unexpected end of input; "
              "expected '}'");
}

TEST(Metrics, JsonNaNAndInfinityAreRejectedWithTheirPosition) {
    EXPECT_EQ(parse_error("{\n  \"loss\": NaN\n}", "m.json"),
              "m.json:2:11: NaN is not a JSON number (Python's json module writes it for "
              "non-finite floats); a metric must be a finite number");
    EXPECT_EQ(parse_error("{\"loss\": -Infinity}", "m.json"),
              "m.json:1:10: -Infinity is not a JSON number (Python's json module writes it for "
              "non-finite floats); a metric must be a finite number");
    EXPECT_EQ(parse_error("{\"loss\": Infinity}", "m.json"),
              "m.json:1:10: Infinity is not a JSON number (Python's json module writes it for "
              "non-finite floats); a metric must be a finite number");
}

TEST(Metrics, JsonOverflowingNumberIsRejected) {
    EXPECT_EQ(parse_error(R"({"big": 1e400})", "m.json"),
              "m.json: number overflow parsing '1e400'; a metric must be a finite number");
}

TEST(Metrics, JsonScalarDocumentIsNotAMetricsFile) {
    EXPECT_EQ(parse_error("0.93", "m.json"),
              "m.json: expected an object (or array) of metrics at the top level");
}

TEST(Metrics, JsonControlCharactersInErrorsAreSanitized) {
    EXPECT_EQ(parse_error("{\"a\": \x1b[31m}", "m.json"),
              "m.json:1:7: syntax error while parsing value - invalid literal; last read: "
              "'\"a\": <U+001B>'");
}

TEST(Metrics, DeepNestingIsAnError) {
    std::string deep(200, '[');
    deep += std::string(200, ']');
    EXPECT_EQ(parse_error(deep, "m.json"), "m.json: nested more than 128 levels deep; not a "
                                           "metrics file");
}

TEST(Metrics, VeryDeepNestingIsAnErrorNotACrash) {
    std::string deep(200'000, '[');
    deep += std::string(200'000, ']');
    EXPECT_EQ(parse_error(deep, "m.json"), "m.json: nested more than 128 levels deep; not a "
                                           "metrics file");
    EXPECT_EQ(parse_error("x" + std::string(100'000, '.') + "x = 1\n", "m.toml"),
              "m.toml:1:1: too deeply nested (more than 64 levels of tables, arrays or dotted "
              "keys)");
    std::string yaml = "a: " + std::string(100'000, '[') + std::string(100'000, ']') + "\n";
    auto sources = parse_metrics(yaml, "m.yaml");
    ASSERT_FALSE(sources.has_value());
    EXPECT_NE(sources.error().message.find("m.yaml:"), std::string::npos)
        << sources.error().message;
}

TEST(Metrics, HalfAMillionKeysParse) {
    // 8.7 MB; inserting each key into an ordered object with a linear search for an equal
    // key took minutes. It must parse well within the test's time limit.
    std::string text = "{";
    for (int i = 0; i < 500'000; ++i)
        text += (i ? ",\"m" : "\"m") + std::to_string(i) + "\": " + std::to_string(i % 7) + ".5";
    text += "}";
    auto set = parse(text, "big.json");
    auto found = set.find("m499999");
    ASSERT_TRUE(found.value.has_value()) << found.problem;
    EXPECT_EQ(*found.value, 3.5);
    EXPECT_EQ(set.sources().front().values.size(), 500'000u);
}

TEST(Metrics, DuplicateJsonKeysKeepTheLastValue) {
    auto set = parse(R"({"a": 1, "b": {"c": 2}, "a": 3, "b": {"d": 4}})", "m.json");
    EXPECT_EQ(*set.find("a").value, 3.0);
    EXPECT_EQ(*set.find("b.d").value, 4.0);
    EXPECT_FALSE(set.find("b.c").exists);
}

TEST(Metrics, HugeMetricNameGetsNoSuggestionAndNoExhaustion) {
    std::string key(20'000, 'k');
    auto set = parse("{\"" + key + "\": 1, \"recall\": 0.8}", "m.json");
    auto found = set.find(std::string(40'000, 'k'));
    EXPECT_FALSE(found.value.has_value());
    EXPECT_EQ(found.problem.find("did you mean"), std::string::npos) << found.problem.size();
    EXPECT_NE(set.find("recal").problem.find("did you mean 'recall'"), std::string::npos);
}

// ---------------------------------------------------------------- TOML

TEST(Metrics, TomlTablesAndArraysOfTablesFlatten) {
    auto set = load_metrics({fixture("metrics.toml")});
    ASSERT_TRUE(set.has_value()) << set.error().message;
    EXPECT_EQ(number(*set, "recall.test"), 0.78);
    EXPECT_EQ(number(*set, "latency.samples"), 20000.0);
    EXPECT_EQ(number(*set, "slices.0.recall"), 0.69);
    EXPECT_EQ(number(*set, "slices.1.recall"), 0.83);
    auto name = fixture("metrics.toml");
    EXPECT_EQ(problem(*set, "evaluated_at"),
              "'evaluated_at' in " + name + " is a date-time, not a number");
    EXPECT_EQ(problem(*set, "slices.0.name"),
              "'slices.0.name' in " + name + " is a string (\"new_merchants\"), not a number");
}

TEST(Metrics, TomlSyntaxErrorHasLineAndColumn) {
    EXPECT_EQ(parse_error("recall = 0.8\nprecision = \n", "m.toml"),
              "m.toml:2:13: Error while parsing key-value pair: expected value, saw '\\n'");
}

TEST(Metrics, TomlNaNAndInfAreRejectedWithTheirPosition) {
    EXPECT_EQ(parse_error("[train]\nloss = nan\n", "m.toml"),
              "m.toml:2:8: 'train.loss' is NaN, not a finite number");
    EXPECT_EQ(parse_error("loss = -inf\n", "m.toml"),
              "m.toml:1:8: 'loss' is -infinite, not a finite number");
    EXPECT_EQ(parse_error("loss = +inf\n", "m.toml"),
              "m.toml:1:8: 'loss' is infinite, not a finite number");
}

TEST(Metrics, TomlBooleanIsNotANumber) {
    auto set = parse("calibrated = false\n", "m.toml");
    EXPECT_EQ(problem(set, "calibrated"),
              "'calibrated' in m.toml is a boolean (false), not a number");
}

// ---------------------------------------------------------------- YAML

TEST(Metrics, YamlParamsFixture) {
    auto set = load_metrics({fixture("params.yaml")});
    ASSERT_TRUE(set.has_value()) << set.error().message;
    EXPECT_EQ(number(*set, "train.learning_rate"), 0.05);
    EXPECT_EQ(number(*set, "train.n_estimators"), 400.0);
    EXPECT_EQ(number(*set, "train.subsample"), 0.8);
    EXPECT_EQ(number(*set, "train.class_weight.fraud"), 12.0);
    EXPECT_EQ(number(*set, "evaluate.min_precision"), 0.5);
    auto name = fixture("params.yaml");
    EXPECT_EQ(problem(*set, "data.version"),
              "'data.version' in " + name + " is a string (\"2026-10-30\"), not a number");
    EXPECT_EQ(problem(*set, "train.early_stopping"),
              "'train.early_stopping' in " + name + " is a boolean (true), not a number");
    EXPECT_EQ(problem(*set, "data.sample_fraction"),
              "'data.sample_fraction' in " + name + " is null, not a number");
    EXPECT_EQ(problem(*set, "evaluate.metrics.0"),
              "'evaluate.metrics.0' in " + name + " is a string (\"recall\"), not a number");
}

TEST(Metrics, YamlCoreSchemaScalars) {
    auto set = parse("a: 0x1F\nb: 0o17\nc: -.5\nd: +12\ne: 1e3\nf: '7'\ng: \"8\"\nh: 1_000\n"
                     "i: !!float 3\nj: !!str 9\nk: 5.\nl: TRUE\nm: yes\n",
                     "m.yml");
    EXPECT_EQ(number(set, "a"), 31.0);
    EXPECT_EQ(number(set, "b"), 15.0);
    EXPECT_EQ(number(set, "c"), -0.5);
    EXPECT_EQ(number(set, "d"), 12.0);
    EXPECT_EQ(number(set, "e"), 1000.0);
    EXPECT_EQ(problem(set, "f"), "'f' in m.yml is a string (\"7\"), not a number");
    EXPECT_EQ(problem(set, "g"), "'g' in m.yml is a string (\"8\"), not a number");
    EXPECT_EQ(problem(set, "h"), "'h' in m.yml is a string (\"1_000\"), not a number");
    EXPECT_EQ(number(set, "i"), 3.0);
    EXPECT_EQ(problem(set, "j"), "'j' in m.yml is a string (\"9\"), not a number");
    EXPECT_EQ(number(set, "k"), 5.0);
    EXPECT_EQ(problem(set, "l"), "'l' in m.yml is a boolean (true), not a number");
    EXPECT_EQ(problem(set, "m"), "'m' in m.yml is a string (\"yes\"), not a number");
}

TEST(Metrics, YamlSyntaxErrorHasLineAndColumn) {
    EXPECT_EQ(parse_error("train:\n  loss: [0.1, 0.2\n  acc: 0.9\n", "params.yaml"),
              "params.yaml:3:6: end of sequence flow not found");
}

TEST(Metrics, YamlNaNAndInfAreRejectedWithTheirPosition) {
    EXPECT_EQ(parse_error("train:\n  loss: .nan\n", "m.yaml"),
              "m.yaml:2:9: 'train.loss' is NaN, not a finite number");
    EXPECT_EQ(parse_error("loss: -.Inf\n", "m.yaml"),
              "m.yaml:1:7: 'loss' is -infinite, not a finite number");
    EXPECT_EQ(parse_error("loss: 1e999\n", "m.yaml"),
              "m.yaml:1:7: 'loss' is infinite, not a finite number");
}

TEST(Metrics, YamlEmptyDocumentHasNoMetrics) {
    auto set = parse("# nothing yet\n", "m.yaml");
    EXPECT_EQ(problem(set, "recall"), "'recall' is in none of the metrics files (m.yaml)");
}

TEST(Metrics, YamlScalarDocumentIsNotAMetricsFile) {
    EXPECT_EQ(parse_error("just text\n", "m.yaml"),
              "m.yaml: expected an object (or array) of metrics at the top level");
}

TEST(Metrics, YamlAliasBombIsBounded) {
    std::string text = "a: &a [1,1,1,1,1,1,1,1,1,1]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'h'; ++c) {
        text += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 10; ++i)
            text += std::string(i ? "," : "") + "*" + prev;
        text += "]\n";
        prev = c;
    }
    EXPECT_EQ(parse_error(text, "bomb.yaml"),
              "bomb.yaml: more than 1000000 values; not a metrics file");
}

TEST(Metrics, DvcLockIsReadAsYaml) {
    auto set = load_metrics({fixture("dvc.lock")});
    ASSERT_TRUE(set.has_value()) << set.error().message;
    EXPECT_EQ(number(*set, "stages.train.outs.0.size"), 1843321.0);
    EXPECT_EQ(number(*set, "stages.train.params.params.yaml.train.learning_rate"), 0.05);
    auto name = fixture("dvc.lock");
    EXPECT_EQ(problem(*set, "stages.train.outs.0.md5"),
              "'stages.train.outs.0.md5' in " + name +
                  " is a string (\"e4d909c290d0fb1ca068ffaddf22cbd0\"), not a number");
}

// ---------------------------------------------------------------- other extensions

TEST(Metrics, UnknownExtensionIsTriedAsJson) {
    auto set = parse(R"({"recall": 0.8})", "metrics.out");
    EXPECT_EQ(number(set, "recall"), 0.8);
}

TEST(Metrics, UnknownExtensionThatIsNotJsonSaysWhatWasExpected) {
    EXPECT_EQ(parse_error("recall: 0.8\n", "metrics.txt"),
              "metrics.txt: not a metrics file: expected JSON, or a .toml, .yaml or .yml file "
              "(as JSON, line 1 column 1: syntax error while parsing value - invalid literal; "
              "last read: 'r')");
}

TEST(Metrics, ExtensionIsCaseInsensitive) {
    auto set = parse("recall = 0.8\n", "M.TOML");
    EXPECT_EQ(number(set, "recall"), 0.8);
}

TEST(Metrics, MissingFileIsAnError) {
    auto set = load_metrics({"/nonexistent/metrics.json"});
    ASSERT_FALSE(set.has_value());
    EXPECT_EQ(set.error().message,
              "cannot read '/nonexistent/metrics.json': No such file or directory");
}

// ---------------------------------------------------------------- dvc metrics diff

TEST(Metrics, DvcDiffShapeIsDetectedAndReadsNew) {
    auto set = load_metrics({fixture("dvc-metrics-diff.json")});
    ASSERT_TRUE(set.has_value()) << set.error().message;
    ASSERT_EQ(set->sources().size(), 2u);
    EXPECT_EQ(set->sources()[0].name, "eval/metrics.json");
    EXPECT_EQ(set->sources()[0].loaded_from, fixture("dvc-metrics-diff.json"));
    EXPECT_EQ(number(*set, "roc_auc.test"), 0.93);
    EXPECT_EQ(number(*set, "eval/metrics.json:roc_auc.test"), 0.93);
    EXPECT_EQ(number(*set, "eval/latency.json:p95_latency_ms"), 36.5);
    EXPECT_EQ(number(*set, "throughput_rps"), 850.0);
    EXPECT_EQ(problem(*set, "gpu_util"), "'gpu_util' in eval/latency.json is null, not a number");
}

TEST(Metrics, DvcDiffOldSideServesAsBaseline) {
    auto set = load_metrics({fixture("dvc-metrics-diff.json")}, DiffSide::Old);
    ASSERT_TRUE(set.has_value()) << set.error().message;
    EXPECT_EQ(number(*set, "recall"), 0.86);
    EXPECT_EQ(number(*set, "gpu_util"), 0.4);
    EXPECT_EQ(problem(*set, "throughput_rps"),
              "'throughput_rps' in eval/latency.json is null, not a number");
}

TEST(Metrics, NearlyDiffShapedJsonIsReadAsMetrics) {
    auto set = parse(R"({"train": {"loss": {"new": 0.1, "best": 0.05}}})", "m.json");
    EXPECT_EQ(number(set, "train.loss.new"), 0.1);
    EXPECT_EQ(number(set, "train.loss.best"), 0.05);
}

// ---------------------------------------------------------------- file-qualified names

TEST(Metrics, FilePrefixSelectsTheFile) {
    MetricSet set;
    set.add(*parse_metrics(R"({"loss": 0.2})", "./train/metrics.json"));
    set.add(*parse_metrics(R"({"loss": 0.3})", "eval/metrics.json"));
    EXPECT_EQ(number(set, "train/metrics.json:loss"), 0.2);
    EXPECT_EQ(number(set, "eval/metrics.json:loss"), 0.3);
    EXPECT_EQ(number(set, "./eval/metrics.json:loss"), 0.3);
    EXPECT_EQ(set.find("eval/metrics.json:loss").source, "eval/metrics.json");
}

TEST(Metrics, FilePrefixMatchesTrailingPathComponents) {
    MetricSet set;
    set.add(*parse_metrics(R"({"loss": 0.2})", "/ci/out/eval/metrics.json"));
    EXPECT_EQ(number(set, "eval/metrics.json:loss"), 0.2);
    EXPECT_EQ(number(set, "metrics.json:loss"), 0.2);
    EXPECT_EQ(problem(set, "al/metrics.json:loss"),
              "'al/metrics.json:loss' names no loaded metrics file (loaded: "
              "/ci/out/eval/metrics.json)");
}

TEST(Metrics, FilePrefixWithMissingPath) {
    MetricSet set;
    set.add(*parse_metrics(R"({"loss": 0.2})", "eval/metrics.json"));
    EXPECT_EQ(problem(set, "eval/metrics.json:los"),
              "'los' is not in eval/metrics.json (did you mean 'loss'?)");
}

TEST(Metrics, SamePathInTwoFilesIsAmbiguousUnlessEqual) {
    MetricSet set;
    set.add(*parse_metrics(R"({"loss": 0.2, "epochs": 10})", "train.json"));
    set.add(*parse_metrics(R"({"loss": 0.3, "epochs": 10})", "eval.json"));
    EXPECT_EQ(number(set, "epochs"), 10.0);
    auto found = set.find("loss");
    EXPECT_TRUE(found.exists);
    EXPECT_EQ(found.problem, "'loss' is in train.json (0.2) and eval.json (0.3); name the file, "
                             "e.g. 'train.json:loss'");
}

TEST(Metrics, NumbersIsTheFlatMap) {
    MetricSet set;
    set.add(*parse_metrics(R"({"loss": 0.2, "auc": {"test": 0.9}, "s": "x"})", "train.json"));
    set.add(*parse_metrics(R"({"loss": 0.3})", "eval.json"));
    std::map<std::string, double> expected{{"auc.test", 0.9},
                                           {"eval.json:loss", 0.3},
                                           {"train.json:auc.test", 0.9},
                                           {"train.json:loss", 0.2}};
    EXPECT_EQ(set.numbers(), expected);
}

TEST(Metrics, SizeLimitIsSixteenMebibytes) {
    EXPECT_EQ(k_max_metrics_bytes, 16u * 1024 * 1024);
}

// ---------------------------------------------------------------- what DVC writes, unflagged

TEST(Metrics, NestedDvcMetricsReadAsDottedPaths) {
    auto set = parse(R"({"test": {"precision": 0.8, "recall": 0.7}, "val": {"precision": 0.82}})",
                     "eval/metrics.json");
    EXPECT_EQ(number(set, "test.precision"), 0.8);
    EXPECT_EQ(number(set, "eval/metrics.json:val.precision"), 0.82);
}

TEST(Metrics, MissingMetricSuggestsTheNestedKeysThatEndInIt) {
    auto set = parse(R"({"test": {"precision": 0.8, "recall": 0.7}})", "m.json");
    EXPECT_EQ(problem(set, "precision"),
              "'precision' is in none of the metrics files (m.json) (did you mean "
              "'test.precision'?)");
    auto splits = parse(R"({"test": {"precision": 0.8}, "val": {"precision": 0.82}})", "m.json");
    EXPECT_EQ(problem(splits, "precision"),
              "'precision' is in none of the metrics files (m.json) (did you mean "
              "'test.precision' or 'val.precision'?)");
    auto many =
        parse(R"({"a": {"f1": 1}, "b": {"f1": 2}, "c": {"f1": 3}, "d": {"f1": 4}})", "m.json");
    EXPECT_EQ(problem(many, "f1"), "'f1' is in none of the metrics files (m.json) (did you mean "
                                   "'a.f1', 'b.f1', 'c.f1' or one of 1 more?)");
}

TEST(Metrics, DiffBaselineIsTheOldSideOfADvcDiff) {
    auto set = load_metrics({fixture("dvc-metrics-diff.json")});
    ASSERT_TRUE(set.has_value()) << set.error().message;
    auto baseline = set->diff_baseline();
    ASSERT_EQ(baseline.sources().size(), 2u);
    EXPECT_EQ(baseline.sources()[0].name, "eval/metrics.json");
    EXPECT_EQ(number(baseline, "recall"), 0.86);
    EXPECT_EQ(number(baseline, "eval/latency.json:p95_latency_ms"), 31.0);
    EXPECT_EQ(problem(baseline, "throughput_rps"),
              "'throughput_rps' in eval/latency.json is null, not a number");
}

TEST(Metrics, PlainMetricsFilesHaveNoDiffBaseline) {
    auto set = load_metrics({fixture("metrics.json")});
    ASSERT_TRUE(set.has_value()) << set.error().message;
    EXPECT_TRUE(set->diff_baseline().empty());
}

// ---------------------------------------------------------------- dvc.yaml

namespace {
std::vector<std::string> dvc_yaml_paths(std::string_view text) {
    auto paths = parse_dvc_yaml_metrics(text, "dvc.yaml");
    EXPECT_TRUE(paths.has_value()) << (paths ? "" : paths.error().message);
    return paths ? *paths : std::vector<std::string>{};
}

std::string dvc_yaml_error(std::string_view text) {
    auto paths = parse_dvc_yaml_metrics(text, "dvc.yaml");
    EXPECT_FALSE(paths.has_value());
    return paths ? "(parsed)" : paths.error().message;
}
} // namespace

TEST(DvcYaml, StageAndTopLevelMetricsInFileOrder) {
    EXPECT_EQ(dvc_yaml_paths(R"(stages:
  train:
    cmd: python train.py
    outs: [model.pkl]
    metrics:
      - train/metrics.json:
          cache: false
  evaluate:
    cmd: python evaluate.py
    wdir: eval
    metrics:
      - metrics.json
      - ./latency.json
      - ../train/metrics.json
metrics:
  - dvclive/metrics.json
  - eval/metrics.json
)"),
              (std::vector<std::string>{"dvclive/metrics.json", "eval/metrics.json",
                                        "train/metrics.json", "eval/latency.json"}));
}

TEST(DvcYaml, ForeachStagesListTheirMetricsUnderDo) {
    EXPECT_EQ(dvc_yaml_paths(R"(stages:
  evaluate:
    foreach: [a, b]
    do:
      cmd: python evaluate.py ${item}
      metrics:
        - summary.json
)"),
              (std::vector<std::string>{"summary.json"}));
}

TEST(DvcYaml, NoMetricsAndEmptyFilesListNothing) {
    EXPECT_TRUE(dvc_yaml_paths("").empty());
    EXPECT_TRUE(dvc_yaml_paths("stages:\n  prepare:\n    cmd: make\n").empty());
}

TEST(DvcYaml, TemplatedPathsAreErrorsNotGuesses) {
    EXPECT_EQ(dvc_yaml_error("stages:\n  evaluate:\n    foreach: [a, b]\n    do:\n      cmd: x\n"
                             "      metrics:\n        - ${item}/metrics.json\n"),
              "dvc.yaml:7:11: the metrics path '${item}/metrics.json' uses DVC templating "
              "(${...}), which guard does not expand; give the metrics files with --metrics");
}

TEST(DvcYaml, MalformedEntriesAreErrorsWithTheirPosition) {
    EXPECT_EQ(dvc_yaml_error("metrics: eval/metrics.json\n"),
              "dvc.yaml:1:10: 'metrics' is not a list of metrics files");
    EXPECT_EQ(dvc_yaml_error("stages:\n  s:\n    metrics:\n      - [a, b]\n"),
              "dvc.yaml:4:9: stage 's': a 'metrics' entry is neither a path nor a path with "
              "flags");
    EXPECT_EQ(dvc_yaml_error("stages: [\n"), "dvc.yaml:2:1: end of sequence flow not found");
    EXPECT_EQ(dvc_yaml_error("- a\n- b\n"), "dvc.yaml: expected a mapping (stages, metrics, ...)");
}

// CI runs guard on a pull request's dvc.yaml: it cannot point guard at the machine's files.
TEST(DvcYaml, AnAbsoluteMetricsPathIsRefused) {
    EXPECT_EQ(dvc_yaml_error("metrics:\n  - /etc/passwd\n"),
              "dvc.yaml:2:5: the metrics path '/etc/passwd' is absolute; dvc.yaml names "
              "metrics files relative to its folder");
}

TEST(DvcYaml, LoadsTheListedFilesFromBesideIt) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(::testing::TempDir()) / "dvc-yaml-load";
    fs::remove_all(dir);
    fs::create_directories(dir / "eval");
    std::ofstream(dir / "dvc.yaml") << "stages:\n  evaluate:\n    cmd: x\n    metrics:\n"
                                       "      - eval/metrics.json:\n          cache: false\n";
    std::ofstream(dir / "eval" / "metrics.json") << R"({"test": {"precision": 0.8}})";
    auto set = load_dvc_yaml_metrics(dir / "dvc.yaml");
    ASSERT_TRUE(set.has_value()) << set.error().message;
    ASSERT_EQ(set->sources().size(), 1u);
    EXPECT_EQ(set->sources()[0].name, "eval/metrics.json");
    EXPECT_EQ(set->sources()[0].loaded_from, (dir / "eval" / "metrics.json").generic_string());
    EXPECT_EQ(number(*set, "eval/metrics.json:test.precision"), 0.8);

    fs::remove(dir / "eval" / "metrics.json");
    auto missing = load_dvc_yaml_metrics(dir / "dvc.yaml");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().message, "cannot read '" +
                                           (dir / "eval" / "metrics.json").generic_string() +
                                           "': No such file or directory");

    std::ofstream(dir / "dvc.yaml") << "stages:\n  prepare:\n    cmd: make\n";
    auto none = load_dvc_yaml_metrics(dir / "dvc.yaml");
    ASSERT_FALSE(none.has_value());
    EXPECT_EQ(none.error().kind, ErrorKind::Usage);
    EXPECT_EQ(none.error().message, (dir / "dvc.yaml").generic_string() +
                                        " lists no metrics files; give them with --metrics");
}

} // namespace t_unit_guard_metrics_test
