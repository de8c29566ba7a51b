#pragma once
// Metrics files (JSON, TOML, YAML, `dvc metrics diff --json`) read into flat maps of dotted
// paths, the names guardrails use: {"roc_auc": {"test": 0.93}} holds "roc_auc.test", arrays
// are indexed ("folds.0"), as DVC and DVCLive name metrics.

#include "decision/util/error.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::guard {

// Metrics files are generated output and can be large; records use a smaller limit.
inline constexpr std::size_t k_max_metrics_bytes = std::size_t{16} << 20; // 16 MiB
// Values (leaves and nested objects) one file may hold; stops YAML alias bombs.
inline constexpr std::size_t k_max_metric_values = 1'000'000;
// Nesting deeper than this is an error rather than a stack overflow.
inline constexpr int k_max_metric_depth = 128;

// What a dotted path holds. Only finite numbers are metrics; everything else is kept so a
// guardrail naming it is told what it found instead of "not found".
struct MetricValue {
    std::optional<double> number; // set for numbers (integers are converted)
    std::string what;             // when not a number: "a string (\"0.83\")", "a boolean",
                                  // "null", "an object (roc_auc.test, ...)", "an array", ...
};

// The values of one metrics file, or of one file listed in a `dvc metrics diff` output.
struct MetricSource {
    std::string name;        // the file's path as given, normalised ("eval/metrics.json");
                             // the "<file>" in "<file>:<path>" names
    std::string loaded_from; // the file read (differs from name for `dvc metrics diff`)
    std::map<std::string, MetricValue> values; // dotted path -> value
    // For a file listed in a `dvc metrics diff` output: its `old` side, the values DVC
    // compared against (the baseline when no --baseline is given).
    std::optional<std::map<std::string, MetricValue>> old_values;
};

// The answer to "what is metric X": a number, or why there is none.
struct Lookup {
    std::optional<double> value;
    std::string source;  // name of the file the value came from
    bool exists = false; // the name is present (maybe not as a number, maybe ambiguous)
    std::string problem; // when value is empty: one line for the user, names and file
                         // names already sanitised, e.g. "'recall' in m.json is a string
                         // (\"0.83\"), not a number"
};

// Every metrics file given on a command line. Names look up as a plain dotted path
// ("roc_auc.test", searched in every file) or file-qualified ("eval/metrics.json:roc_auc.test";
// the file part matches a loaded file's normalised path or a trailing run of its path
// components, so "eval/metrics.json" also finds "/ci/out/eval/metrics.json"). A plain path
// found in several files with different values is ambiguous and must be file-qualified.
class MetricSet {
public:
    void add(MetricSource source);
    void add(std::vector<MetricSource> sources);

    Lookup find(std::string_view name) const;

    // The flat map: every number as "<file>:<path>", and as "<path>" where that is not
    // ambiguous.
    std::map<std::string, double> numbers() const;

    // The `old` sides of the `dvc metrics diff` outputs among the sources, under the same
    // file names; empty when no source came from a diff.
    MetricSet diff_baseline() const;

    const std::vector<MetricSource>& sources() const { return m_sources; }
    bool empty() const { return m_sources.empty(); }

private:
    std::vector<MetricSource> m_sources;
};

enum class MetricsFormat { Auto, Json, Toml, Yaml };

// Which side of a `dvc metrics diff --json` output to read: `new` for the metrics being
// checked, `old` when the same output serves as the baseline.
enum class DiffSide { New, Old };

// Parses one metrics file's text. `name` is the path used in messages and as the file
// prefix; Auto picks the format by extension (.json, .toml, .yaml/.yml, and DVC's dvc.lock
// as YAML), trying JSON for anything else. A JSON document shaped like `dvc metrics diff
// --json` output yields one source per file it lists. Syntax errors read
// "<name>:<line>:<col>: <what>"; NaN and infinities are rejected with their position.
util::Result<std::vector<MetricSource>> parse_metrics(std::string_view text,
                                                      const std::string& name,
                                                      MetricsFormat format = MetricsFormat::Auto,
                                                      DiffSide side = DiffSide::New);

// Reads (at most k_max_metrics_bytes each) and parses every file, in order.
util::Result<MetricSet> load_metrics(const std::vector<std::string>& paths,
                                     DiffSide side = DiffSide::New);

// The file DVC lists its pipeline's metrics in.
inline constexpr const char* k_dvc_yaml = "dvc.yaml";

// The metrics files a dvc.yaml lists: its top-level `metrics:` entries and each stage's
// `metrics:` entries (a path, or a path with flags such as `cache: false`; under `do:` for a
// `foreach` stage), relative to the dvc.yaml's folder (through the stage's `wdir`),
// normalised, in file order, each once. `name` is the path used in messages. A listed path
// that uses DVC's `${...}` templating is an error: guard does not expand templates, and
// guessing would check the wrong file.
util::Result<std::vector<std::string>> parse_dvc_yaml_metrics(std::string_view text,
                                                              const std::string& name);

// Reads `dvc_yaml` and every metrics file it lists. Each file is named by its path from the
// dvc.yaml's folder (what guardrails write as "<file>:<path>") and read from beside it. A
// listed file that cannot be read is an error, and so is a dvc.yaml that lists none.
util::Result<MetricSet> load_dvc_yaml_metrics(const std::filesystem::path& dvc_yaml,
                                              DiffSide side = DiffSide::New);

} // namespace decision::guard
