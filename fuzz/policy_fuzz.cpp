// The policy parser on arbitrary text; a policy without errors is compiled as the checks
// compile it (its globs included) and asked about a few paths.

#include "decision/gate/coverage.hpp"
#include "decision/policy/policy.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = decision::policy::parse(text);
    for (const auto& d : parsed.diagnostics)
        (void)decision::util::format(d);
    if (decision::util::has_errors(parsed.diagnostics))
        return 0;
    (void)parsed.policy.roles_of("Alice@Example.com");
    auto compiled = decision::gate::CompiledPolicy::compile(parsed.policy);
    if (!compiled)
        return 0;
    for (const char* path : {"models/fraud/model.onnx", "decisions/policy.toml", "a/b/c.py", "x"})
        (void)compiled->rules_for(path);
    (void)compiled->may_govern_under("");
    (void)compiled->may_govern_under("models");
    return 0;
}
