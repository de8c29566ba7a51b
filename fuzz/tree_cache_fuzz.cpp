// The hook cache reader on arbitrary entries (key "tree-x", the key the seeds were written
// with). An entry that reads is written back and must read back the same.

#include "decision/fast/tree_cache.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

using decision::fast::TreeFile;
using decision::fast::TreeSummary;

bool same(const TreeFile& a, const TreeFile& b) {
    return a.path == b.path && a.mode == b.mode && a.oid == b.oid;
}

bool same(const TreeSummary& a, const TreeSummary& b) {
    if (a.policy_blob != b.policy_blob || a.policy_text != b.policy_text ||
        a.records_dir != b.records_dir || a.records_tree != b.records_tree ||
        a.dvc_lock.has_value() != b.dvc_lock.has_value() ||
        (a.dvc_lock && !same(*a.dvc_lock, *b.dvc_lock)) || a.governed.size() != b.governed.size())
        return false;
    for (std::size_t i = 0; i < a.governed.size(); ++i)
        if (!same(a.governed[i], b.governed[i]))
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view key = "tree-x";
    auto summary = decision::fast::parse_summary(text, key);
    if (!summary)
        return 0;
    auto written = decision::fast::serialize(*summary, key);
    if (!written) {
        std::fprintf(stderr, "an entry that reads cannot be written back: %s\n",
                     written.error().message.c_str());
        std::abort();
    }
    auto again = decision::fast::parse_summary(*written, key);
    if (!again || !same(*summary, *again)) {
        std::fprintf(stderr, "an entry written back reads differently\n");
        std::abort();
    }
    return 0;
}
