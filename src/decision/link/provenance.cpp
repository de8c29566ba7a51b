#include "decision/link/provenance.hpp"

namespace decision::link {

namespace {

constexpr std::string_view k_reverts = "This reverts commit ";
constexpr std::string_view k_picked = "(cherry picked from commit ";

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// The hex id at the start of `rest` when what follows it is one of `ends` (or the line's
// end when `ends` holds '\0'); "" otherwise.
std::string id_at(std::string_view rest, std::string_view ends) {
    std::size_t n = 0;
    while (n < rest.size() && n < 64 && is_hex(rest[n]))
        ++n;
    if (n < 7)
        return {};
    bool ok = n == rest.size() ? ends.find('\0') != std::string_view::npos
                               : ends.find(rest[n]) != std::string_view::npos;
    return ok ? std::string(rest.substr(0, n)) : std::string();
}

} // namespace

Provenance provenance(std::string_view message) {
    Provenance out;
    std::size_t start = 0;
    while (start < message.size()) {
        auto end = message.find('\n', start);
        if (end == std::string_view::npos)
            end = message.size();
        std::string_view line = message.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.starts_with(k_reverts)) {
            auto id = id_at(line.substr(k_reverts.size()), std::string_view(".,( \0", 5));
            if (!id.empty())
                out.reverts.push_back(std::move(id));
        } else if (line.starts_with(k_picked)) {
            auto id = id_at(line.substr(k_picked.size()), ")");
            if (!id.empty())
                out.cherry_picked_from.push_back(std::move(id));
        }
    }
    return out;
}

} // namespace decision::link
