#include "decision/fast/tree_cache.hpp"

#include "decision/fast/index.hpp"
#include "decision/gate/names.hpp"
#include "decision/util/digest.hpp"
#include "decision/util/fs.hpp"

#include <algorithm>
#include <charconv>

namespace decision::fast {

namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

// Bump when the layout changes: older entries then read as damaged and are rewritten.
constexpr std::string_view k_header = "git-decision hook-cache 1\n";

std::string mode_text(std::uint32_t mode) {
    char buf[16];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, mode, 8);
    (void)ec;
    return std::string(buf, end);
}

bool one_line(std::string_view s) {
    return s.find('\n') == std::string_view::npos;
}

util::Error damaged(const std::string& what) {
    return util::Error{ErrorKind::Git, "the hook cache entry is damaged: " + what};
}

// Reads lines off the front of an entry.
class Lines {
public:
    explicit Lines(std::string_view text) : m_text(text) {}
    std::optional<std::string_view> next() {
        auto end = m_text.find('\n', m_pos);
        if (end == std::string_view::npos)
            return std::nullopt;
        auto line = m_text.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return line;
    }
    std::string_view rest() const { return m_text.substr(m_pos); }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// "<word> " at the front of `line`, removed.
bool take(std::string_view& line, std::string_view word) {
    if (line.size() <= word.size() || line.substr(0, word.size()) != word ||
        line[word.size()] != ' ')
        return false;
    line.remove_prefix(word.size() + 1);
    return true;
}

// "<mode> <oid> <path>" as written for a file.
std::optional<TreeFile> parse_file(std::string_view line) {
    auto space = line.find(' ');
    if (space == std::string_view::npos)
        return std::nullopt;
    TreeFile f;
    auto [end, ec] = std::from_chars(line.data(), line.data() + space, f.mode, 8);
    if (ec != std::errc() || end != line.data() + space)
        return std::nullopt;
    line.remove_prefix(space + 1);
    if (line.size() < 42 || line[40] != ' ' || !from_hex(line.substr(0, 40)))
        return std::nullopt;
    f.oid = std::string(line.substr(0, 40));
    f.path = std::string(line.substr(41));
    if (f.path.empty())
        return std::nullopt;
    return f;
}

// An object id or "-" for none.
std::optional<std::string> parse_id(std::string_view s) {
    if (s == "-")
        return std::string();
    if (!from_hex(s))
        return std::nullopt;
    return std::string(s);
}

// Entries kept: one is written per new tree a hook sees (about one per commit), and an
// entry can be large where many files are governed. Only recent trees are ever looked up
// (HEAD's), so past the limit the oldest are removed; a removed entry is only a miss.
constexpr std::size_t k_max_entries = 256;
constexpr std::size_t k_entries_after_prune = 128;

void prune(const fs::path& dir) {
    std::error_code ec;
    std::vector<std::pair<fs::file_time_type, fs::path>> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        auto when = it->last_write_time(ec);
        if (!ec)
            entries.emplace_back(when, it->path());
    }
    if (entries.size() <= k_max_entries)
        return;
    std::sort(entries.begin(), entries.end());
    for (std::size_t i = 0; i + k_entries_after_prune < entries.size(); ++i)
        fs::remove(entries[i].second, ec);
}

} // namespace

util::Result<std::string> serialize(const TreeSummary& s, std::string_view key) {
    auto id = [](const std::string& oid) { return oid.empty() ? std::string("-") : oid; };
    if (!one_line(s.records_dir))
        return fail(ErrorKind::Git, "the records folder's name holds a newline");
    std::string out(k_header);
    out += "key " + std::string(key) + "\n";
    out += "policy " + id(s.policy_blob) + "\n";
    out += "records " + id(s.records_tree) + " " + s.records_dir + "\n";
    auto file = [&](std::string_view word, const TreeFile& f) -> util::Result<void> {
        if (!one_line(f.path) || f.path.empty())
            return fail(ErrorKind::Git, "a path holds a newline");
        out += std::string(word) + " " + mode_text(f.mode) + " " + f.oid + " " + f.path + "\n";
        return {};
    };
    if (s.dvc_lock)
        TRY(file("dvc-lock", *s.dvc_lock));
    for (const auto& f : s.governed)
        TRY(file("file", f));
    out += "policy-text " + std::to_string(s.policy_text.size()) + "\n";
    out += s.policy_text;
    if (out.size() > k_max_summary_bytes)
        return fail(ErrorKind::Git, "the hook cache entry would be too large");
    return out;
}

util::Result<TreeSummary> parse_summary(std::string_view text, std::string_view key) {
    if (text.substr(0, k_header.size()) != k_header)
        return tl::unexpected(damaged("unknown format"));
    Lines lines(text.substr(k_header.size()));
    TreeSummary s;
    auto line = lines.next();
    if (!line || !take(*line, "key") || *line != key)
        return tl::unexpected(damaged("it is filed under another key"));
    line = lines.next();
    std::optional<std::string> policy;
    if (!line || !take(*line, "policy") || !(policy = parse_id(*line)))
        return tl::unexpected(damaged("no policy line"));
    s.policy_blob = *policy;
    line = lines.next();
    if (!line || !take(*line, "records") || line->size() < 2)
        return tl::unexpected(damaged("no records line"));
    auto space = line->find(' ');
    std::optional<std::string> records;
    if (space == std::string_view::npos || !(records = parse_id(line->substr(0, space))))
        return tl::unexpected(damaged("a bad records line"));
    s.records_tree = *records;
    s.records_dir = std::string(line->substr(space + 1));
    while (true) {
        line = lines.next();
        if (!line)
            return tl::unexpected(damaged("no policy text"));
        if (take(*line, "policy-text")) {
            std::size_t size = 0;
            auto [end, ec] = std::from_chars(line->data(), line->data() + line->size(), size);
            if (ec != std::errc() || end != line->data() + line->size() ||
                size != lines.rest().size())
                return tl::unexpected(damaged("the policy text has the wrong size"));
            s.policy_text = std::string(lines.rest());
            break;
        }
        bool lock = take(*line, "dvc-lock");
        if (!lock && !take(*line, "file"))
            return tl::unexpected(damaged("an unknown line"));
        auto f = parse_file(*line);
        if (!f)
            return tl::unexpected(damaged("a bad file line"));
        if (lock)
            s.dvc_lock = std::move(*f);
        else
            s.governed.push_back(std::move(*f));
    }
    if (s.policy_blob.empty() && !s.policy_text.empty())
        return tl::unexpected(damaged("policy text without a policy"));
    // The entry may only save work: the policy that decides is the blob the entry names,
    // so its text must be that blob's (a hand-written entry cannot swap in another policy).
    if (!s.policy_blob.empty() && util::git_blob_id(s.policy_text) != s.policy_blob)
        return tl::unexpected(damaged("the policy text is not the blob " + s.policy_blob));
    return s;
}

fs::path summary_path(const fs::path& common_dir, std::string_view key) {
    return common_dir / gate::k_cache_dir / "hook" / std::string(key);
}

util::Result<TreeSummary> load_summary(const fs::path& common_dir, std::string_view key) {
    std::error_code ec;
    const fs::path path = summary_path(common_dir, key);
    if (!fs::exists(path, ec))
        return fail(ErrorKind::Git, "no hook cache entry " + std::string(key));
    TRY_ASSIGN(auto text, util::read_file(path, k_max_summary_bytes));
    return parse_summary(text, key);
}

util::Result<void> store_summary(const fs::path& common_dir, std::string_view key,
                                 const TreeSummary& summary) {
    TRY_ASSIGN(auto text, serialize(summary, key));
    const fs::path path = summary_path(common_dir, key);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec)
        return fail(ErrorKind::Git, "cannot create " + path.parent_path().string());
    auto written = util::write_file_atomic(path, text, util::WriteMode::Cache);
    if (written)
        prune(path.parent_path());
    return written;
}

} // namespace decision::fast
