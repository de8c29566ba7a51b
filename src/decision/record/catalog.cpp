#include "decision/record/catalog.hpp"

#include "decision/record/parse.hpp"
#include "decision/util/fs.hpp"

#include <algorithm>
#include <system_error>

namespace decision::record {

namespace fs = std::filesystem;

const Record* Catalog::find(std::string_view id) const {
    if (records.size() < 16) { // not worth an index
        for (const auto& r : records)
            if (r.id == id)
                return &r;
        return nullptr;
    }
    if (m_indexed_data != records.data() || m_indexed_size != records.size()) {
        m_by_id.clear();
        for (std::size_t i = 0; i < records.size(); ++i)
            m_by_id.emplace(records[i].id, i);
        m_indexed_data = records.data();
        m_indexed_size = records.size();
    }
    auto it = m_by_id.find(std::string(id));
    return it != m_by_id.end() && records[it->second].id == id ? &records[it->second] : nullptr;
}

bool is_record_file(std::string_view name) {
    auto slash = name.rfind('/');
    std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    return base.size() > 5 && base.substr(base.size() - 5) == ".toml" && base != "policy.toml" &&
           base[0] != '.';
}

Catalog load(const std::vector<util::SourceFile>& files) {
    Catalog c;
    for (const auto& f : files) {
        if (!is_record_file(f.path))
            continue;
        if (f.too_large) {
            c.diagnostics.push_back({f.path, 0, 0, util::Severity::Error, "",
                                     "larger than the 1 MiB limit for a record; not read"});
            continue;
        }
        auto parsed = parse(f.text, f.path);
        c.diagnostics.insert(c.diagnostics.end(), parsed.diagnostics.begin(),
                             parsed.diagnostics.end());
        if (parsed.record)
            c.records.push_back(std::move(*parsed.record));
    }
    return c;
}

util::Result<std::vector<util::SourceFile>> read_worktree(const fs::path& root,
                                                          const std::string& dir) {
    std::vector<util::SourceFile> out;
    fs::path folder = root / dir;
    std::error_code ec;
    auto st = fs::status(folder, ec);
    if (ec || st.type() == fs::file_type::not_found)
        return out;
    if (st.type() != fs::file_type::directory)
        return util::fail(util::ErrorKind::Check,
                          "the records folder '" + dir + "' is not a directory");
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        std::string name = entry.path().filename().string();
        std::string rel = dir + "/" + name;
        if (!is_record_file(rel) || !entry.is_regular_file(ec))
            continue;
        auto text = util::read_file(entry.path());
        if (!text) {
            if (entry.file_size(ec) > util::k_max_record_bytes)
                out.push_back({rel, {}, true});
            else
                return tl::unexpected(text.error());
            continue;
        }
        out.push_back({rel, std::move(*text), false});
    }
    if (ec)
        return util::fail(util::ErrorKind::Git, "cannot list '" + dir + "': " + ec.message());
    std::sort(out.begin(), out.end(),
              [](const util::SourceFile& a, const util::SourceFile& b) { return a.path < b.path; });
    return out;
}

} // namespace decision::record
