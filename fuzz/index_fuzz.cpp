// The git index reader on arbitrary bytes: every entry and cache-tree node that reads is
// looked at, so a path viewing bytes outside the storage is caught by ASan.

#include "decision/fast/index.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
volatile std::size_t g_sink;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto index =
        decision::fast::parse_index(std::string(reinterpret_cast<const char*>(data), size));
    if (!index)
        return 0;
    std::size_t bytes = 0;
    for (const auto& entry : index->entries) {
        for (char c : entry.path)
            bytes += static_cast<unsigned char>(c);
        bytes += decision::fast::to_hex(entry.oid).size();
    }
    for (const auto& node : index->trees) {
        (void)index->tree(node.path);
        if (node.oid)
            bytes += decision::fast::to_hex(*node.oid).size();
    }
    (void)index->tree("");
    g_sink = bytes; // keeps the reads
    return 0;
}
