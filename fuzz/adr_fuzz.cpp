// The ADR reader on arbitrary text, then the conversion to a record and its TOML. Beyond
// "no crash": whatever converts must write as a record that parses without errors (the
// import checks this before writing; here a failure is a bug to fix).

#include "decision/adr/convert.hpp"
#include "decision/record/parse.hpp"
#include "decision/record/write.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto adr = decision::adr::parse(text, "0001-fuzz.md");
    if (!adr)
        return 0;
    decision::adr::ConvertOptions options;
    options.today =
        decision::record::Date{std::chrono::year(2026), std::chrono::month(1), std::chrono::day(2)};
    options.source = "doc/adr/0001-fuzz.md";
    auto converted = decision::adr::convert(*adr, "0001-fuzz.md", options);
    converted.record.id = "DEC-0001";
    auto toml = decision::record::to_toml(converted.record);
    if (!decision::record::parse(toml, "decisions/DEC-0001-fuzz.toml").ok())
        std::abort();
    return 0;
}
