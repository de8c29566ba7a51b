#include "decision/fast/index.hpp"

#include "decision/util/fs.hpp"

#include <cstring>

namespace decision::fast {

using util::ErrorKind;
using util::fail;

namespace {

constexpr std::size_t k_hash_size = 20;        // SHA-1
constexpr std::size_t k_entry_fixed = 62;      // stat data, object id, flags
constexpr std::size_t k_max_index = 512 << 20; // far beyond any real index
constexpr std::uint16_t k_extended = 0x4000;
constexpr std::uint16_t k_skip_worktree = 0x4000; // in the extended flags
constexpr std::uint16_t k_intent_to_add = 0x2000;

std::uint32_t be32(std::string_view d, std::size_t at) {
    auto b = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(d[at + i]));
    };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

std::uint16_t be16(std::string_view d, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(d[at]) << 8 |
                                      static_cast<unsigned char>(d[at + 1]));
}

util::Error corrupt(const std::string& what) {
    return util::Error{ErrorKind::Git, "the index is not one this reader understands: " + what};
}

// git's offset varint (varint.c): 7 bits a byte, most significant first, each continuation
// adding one. Reads from `pos` below `end`; nullopt on overflow or when the bytes run out.
std::optional<std::size_t> decode_varint(std::string_view d, std::size_t& pos, std::size_t end) {
    if (pos >= end)
        return std::nullopt;
    auto c = static_cast<unsigned char>(d[pos++]);
    std::size_t value = c & 127;
    while (c & 128) {
        value += 1;
        if (value == 0 || (value >> (sizeof value * 8 - 7)) != 0 || pos >= end)
            return std::nullopt;
        c = static_cast<unsigned char>(d[pos++]);
        value = (value << 7) + (c & 127);
    }
    return value;
}

// A decimal number (with an optional '-') ending at `stop`, read from `pos`.
std::optional<long> decimal(std::string_view d, std::size_t& pos, char stop) {
    bool negative = pos < d.size() && d[pos] == '-';
    if (negative)
        ++pos;
    long value = 0;
    std::size_t digits = 0;
    while (pos < d.size() && d[pos] >= '0' && d[pos] <= '9') {
        if (++digits > 9)
            return std::nullopt;
        value = value * 10 + (d[pos++] - '0');
    }
    if (digits == 0 || pos >= d.size() || d[pos] != stop)
        return std::nullopt;
    ++pos;
    return negative ? -value : value;
}

// The TREE extension: nodes depth first, each "<name>\0<count> <subtrees>\n[<oid>]".
util::Result<std::vector<CacheTreeNode>> parse_cache_tree(std::string_view d) {
    struct Open {
        std::string path;
        long subtrees_left;
    };
    std::vector<CacheTreeNode> nodes;
    std::vector<Open> open;
    std::size_t pos = 0;
    while (pos < d.size()) {
        auto nul = d.find('\0', pos);
        if (nul == std::string_view::npos)
            return tl::unexpected(corrupt("a cache-tree name is not terminated"));
        std::string name(d.substr(pos, nul - pos));
        pos = nul + 1;
        auto count = decimal(d, pos, ' ');
        auto subtrees = decimal(d, pos, '\n');
        if (!count || !subtrees || *subtrees < 0)
            return tl::unexpected(corrupt("a cache-tree node has bad counts"));
        CacheTreeNode node;
        if (open.empty()) {
            if (!nodes.empty() || !name.empty())
                return tl::unexpected(corrupt("the cache-tree has more than one root"));
        } else {
            if (name.empty() || name.find('/') != std::string::npos)
                return tl::unexpected(corrupt("a cache-tree node has a bad name"));
            --open.back().subtrees_left;
            node.path = open.back().path.empty() ? name : open.back().path + "/" + name;
        }
        if (*count >= 0) {
            if (d.size() - pos < k_hash_size)
                return tl::unexpected(corrupt("a cache-tree node is cut short"));
            Oid oid;
            std::memcpy(oid.data(), d.data() + pos, k_hash_size);
            node.oid = oid;
            pos += k_hash_size;
        }
        open.push_back({node.path, *subtrees});
        nodes.push_back(std::move(node));
        while (!open.empty() && open.back().subtrees_left == 0)
            open.pop_back();
    }
    if (!open.empty())
        return tl::unexpected(corrupt("the cache-tree is cut short"));
    return nodes;
}

} // namespace

std::string to_hex(const Oid& oid) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out(oid.size() * 2, '0');
    for (std::size_t i = 0; i < oid.size(); ++i) {
        out[2 * i] = k_digits[oid[i] >> 4];
        out[2 * i + 1] = k_digits[oid[i] & 15];
    }
    return out;
}

std::optional<Oid> from_hex(std::string_view hex) {
    if (hex.size() != 40)
        return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    Oid oid;
    for (std::size_t i = 0; i < oid.size(); ++i) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        oid[i] = static_cast<unsigned char>(hi << 4 | lo);
    }
    return oid;
}

const CacheTreeNode* Index::tree(std::string_view path) const {
    for (const auto& node : trees)
        if (node.path == path)
            return &node;
    return nullptr;
}

util::Result<Index> parse_index(std::string bytes) {
    // The file's bytes, then (v4) the paths rebuilt from their compressed form; entries
    // record where their path is and view it once nothing moves any more.
    auto storage = std::make_shared<std::string>(std::move(bytes));
    const std::string_view d = *storage;
    std::string rebuilt;
    struct Span {
        std::size_t offset, length;
    };
    std::vector<Span> spans;
    if (d.size() < 12 + k_hash_size)
        return tl::unexpected(corrupt("the file is too short"));
    if (d.substr(0, 4) != "DIRC")
        return tl::unexpected(corrupt("no 'DIRC' signature"));
    Index index;
    index.version = be32(d, 4);
    if (index.version < 2 || index.version > 4)
        return tl::unexpected(corrupt("version " + std::to_string(index.version)));
    const std::uint32_t count = be32(d, 8);
    const std::size_t end = d.size() - k_hash_size; // the trailing checksum is not read
    std::size_t pos = 12;
    if (count > (end - pos) / k_entry_fixed)
        return tl::unexpected(corrupt("more entries than the file can hold"));
    index.entries.reserve(count);
    spans.reserve(count);
    std::string previous;
    bool any_empty_path = false;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (end - pos < k_entry_fixed)
            return tl::unexpected(corrupt("an entry is cut short"));
        IndexEntry e;
        e.mode = be32(d, pos + 24);
        std::memcpy(e.oid.data(), d.data() + pos + 40, k_hash_size);
        const std::uint16_t flags = be16(d, pos + 60);
        e.stage = (flags >> 12) & 3;
        const std::size_t name_length = flags & 0xfff;
        std::size_t name_at = pos + k_entry_fixed;
        if (flags & k_extended) {
            if (index.version < 3 || end - name_at < 2)
                return tl::unexpected(corrupt("an extended entry in a version 2 index"));
            const std::uint16_t extended = be16(d, name_at);
            if (extended & ~(k_skip_worktree | k_intent_to_add))
                return tl::unexpected(corrupt("unknown entry flags"));
            e.skip_worktree = extended & k_skip_worktree;
            e.intent_to_add = extended & k_intent_to_add;
            name_at += 2;
        }
        if (index.version == 4) {
            std::size_t at = name_at;
            auto strip = decode_varint(d, at, end);
            if (!strip || *strip > previous.size())
                return tl::unexpected(corrupt("a compressed path is malformed"));
            auto nul = d.find('\0', at);
            if (nul == std::string_view::npos || nul >= end)
                return tl::unexpected(corrupt("a path is not terminated"));
            previous.resize(previous.size() - *strip);
            previous.append(d.substr(at, nul - at));
            spans.push_back({d.size() + rebuilt.size(), previous.size()});
            rebuilt += previous;
            pos = nul + 1;
        } else {
            std::size_t length = name_length;
            if (name_length == 0xfff) {
                auto nul = d.find('\0', name_at);
                if (nul == std::string_view::npos || nul >= end)
                    return tl::unexpected(corrupt("a path is not terminated"));
                length = nul - name_at;
            } else if (end - name_at <= length || d[name_at + length] != '\0') {
                return tl::unexpected(corrupt("a path is not terminated"));
            }
            previous.assign(d.substr(name_at, length));
            spans.push_back({name_at, length});
            // The entry is padded with 1-8 NULs to a multiple of eight bytes.
            const std::size_t size = ((name_at - pos) + length + 8) & ~std::size_t{7};
            if (end - pos < size)
                return tl::unexpected(corrupt("an entry is cut short"));
            pos += size;
        }
        // An empty path is only valid in a split index, refused below by its extension.
        any_empty_path = any_empty_path || previous.empty();
        if ((name_length < 0xfff && previous.size() != name_length) ||
            (name_length == 0xfff && previous.size() < 0xfff) ||
            previous.find('\0') != std::string::npos)
            return tl::unexpected(corrupt("an entry's path does not match its length"));
        index.entries.push_back(e);
    }
    while (pos < end) {
        if (end - pos < 8)
            return tl::unexpected(corrupt("an extension header is cut short"));
        std::string_view signature = d.substr(pos, 4);
        const std::uint32_t size = be32(d, pos + 4);
        pos += 8;
        if (size > end - pos)
            return tl::unexpected(corrupt("an extension is larger than the file"));
        if (signature == "TREE") {
            TRY_ASSIGN(auto trees, parse_cache_tree(d.substr(pos, size)));
            index.trees = std::move(trees);
        } else if (signature[0] < 'A' || signature[0] > 'Z') {
            // Not optional: 'link' (split index), 'sdir' (sparse index), or newer.
            return tl::unexpected(
                corrupt("it needs the '" + std::string(signature) + "' extension"));
        }
        pos += size;
    }
    if (any_empty_path)
        return tl::unexpected(corrupt("an entry has no path"));
    storage->append(rebuilt); // may move the bytes: views are made after
    const std::string_view all = *storage;
    for (std::size_t i = 0; i < index.entries.size(); ++i) {
        auto& e = index.entries[i];
        e.path = all.substr(spans[i].offset, spans[i].length);
        // git keeps entries sorted by path, then stage; anything else is not git's index.
        if (i > 0) {
            const auto& before = index.entries[i - 1];
            if (before.path > e.path || (before.path == e.path && before.stage >= e.stage))
                return tl::unexpected(corrupt("the entries are out of order"));
        }
    }
    index.storage = std::move(storage);
    return index;
}

util::Result<Index> read_index(const std::filesystem::path& path) {
    TRY_ASSIGN(auto bytes, util::read_file(path, k_max_index));
    return parse_index(std::move(bytes));
}

} // namespace decision::fast
