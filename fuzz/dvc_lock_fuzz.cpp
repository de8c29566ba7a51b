// The dvc.lock reader on arbitrary text, then its two users: blame's output lookup and
// the pipeline diff. A lock that reads diffs against nothing and, unchanged, against itself.

#include "decision/artifact/dvc_lock.hpp"
#include "decision/check/pipeline.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto stages = decision::artifact::read_dvc_lock(text, "pipelines/dvc.lock");
    for (const char* path : {"models/model.pkl", "models", "data/prepared/train.csv"}) {
        auto lookup = decision::artifact::find_locked_output("pipelines/dvc.lock", text, path);
        // The lookup reads through the same reader: a problem exactly when it fails.
        if (lookup.problem.empty() != stages.has_value())
            std::abort();
    }
    auto added = decision::check::diff_lock("pipelines/dvc.lock", std::nullopt, text);
    if (added.has_value() != stages.has_value())
        std::abort();
    auto same = decision::check::diff_lock("pipelines/dvc.lock", text, text);
    if (same.has_value() != stages.has_value() || (same && !same->empty()))
        std::abort();
    return 0;
}
