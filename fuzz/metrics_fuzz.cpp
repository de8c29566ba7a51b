// The metrics reader on arbitrary text, read as each format (JSON, `dvc metrics diff --json`
// on both sides, TOML, YAML) and as a dvc.yaml listing metrics files; what reads is then
// looked up as guardrails look it up.

#include "decision/guard/metrics.hpp"
#include "decision/util/text.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using decision::guard::DiffSide;
using decision::guard::MetricsFormat;

void exercise(std::string_view text, const char* name, MetricsFormat format, DiffSide side) {
    auto sources = decision::guard::parse_metrics(text, name, format, side);
    if (!sources)
        return;
    decision::guard::MetricSet set;
    std::string first;
    for (const auto& source : *sources)
        for (const auto& [path, value] : source.values) {
            if (first.empty())
                first = path;
            if (value.number)
                (void)decision::util::format_number(*value.number);
        }
    set.add(std::move(*sources));
    (void)set.numbers();
    (void)set.find(first);
    (void)set.find("roc_auc.test");
    (void)set.find("metrics.json:recall");
    (void)set.find("precision"); // the did-you-mean over nested keys
    (void)set.diff_baseline().find("recall");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    exercise(text, "eval/metrics.json", MetricsFormat::Json, DiffSide::New);
    exercise(text, "diff.json", MetricsFormat::Json, DiffSide::Old);
    exercise(text, "eval/metrics.toml", MetricsFormat::Toml, DiffSide::New);
    exercise(text, "eval/metrics.yaml", MetricsFormat::Yaml, DiffSide::New);
    (void)decision::guard::parse_dvc_yaml_metrics(text, "dvc.yaml");
    return 0;
}
