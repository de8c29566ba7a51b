// The record parser on arbitrary text, then what reads a parsed record: lint, the text and
// JSON views.

#include "decision/record/lint.hpp"
#include "decision/record/parse.hpp"
#include "decision/report/record_view.hpp"

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = decision::record::parse(text, "decisions/DEC-0001-fuzz.toml");
    for (const auto& d : parsed.diagnostics)
        (void)decision::util::format(d);
    if (!parsed.record)
        return 0;
    (void)decision::record::lint(*parsed.record, decision::record::LintConfig{});
    (void)decision::report::render_text(*parsed.record);
    (void)decision::report::to_json(*parsed.record).dump();
    (void)decision::record::id_number(parsed.record->id);
    return 0;
}
