#pragma once
// dvc.lock texts the unit tests of its reader and of the pipeline diff share.

#include <string>

namespace test {

// A dvc.lock whose 1,000 deps are written once and named through an alias by `stages`
// stages: stages x 1,001 entries to visit from a file of about 13 kB.
inline std::string aliased_dvc_lock(int stages) {
    std::string text = "x: &deps\n";
    for (int i = 0; i < 1000; ++i)
        text += "- {path: d" + std::to_string(i) + ", md5: m}\n";
    text += "stages:\n";
    for (int i = 0; i < stages; ++i)
        text += "  s" + std::to_string(i) + ": {deps: *deps}\n";
    return text;
}

// YAML anchors a0 (`leaf`, a flow sequence) to a<levels - 1>, each naming the one before it
// twice: a<n> stands for 2^n copies of a0 in a file that grows by a line a level.
inline std::string doubling_aliases(int levels, const std::string& leaf) {
    std::string text = "a0: &a0 " + leaf + "\n";
    for (int i = 1; i < levels; ++i)
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" +
                std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]\n";
    return text;
}

} // namespace test
