#include "decision/record/edit.hpp"

#include "decision/record/parse.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <regex>

namespace decision::record {

using util::ErrorKind;
using util::fail;

namespace {

// The text's lines without their terminators, and which of them ended in "\r\n" (a Windows
// checkout with core.autocrlf). join_lines puts each terminator back, so the regexes below,
// whose '.' stops at '\r', see the same lines for either kind of file.
struct Lines {
    std::vector<std::string> text;
    std::vector<bool> crlf;
};

Lines lines_of(const std::string& text) {
    Lines out{util::split(text, '\n'), {}};
    for (auto& l : out.text) {
        bool cr = !l.empty() && l.back() == '\r';
        if (cr)
            l.pop_back();
        out.crlf.push_back(cr);
    }
    return out;
}

// A new line after line `index` (0-based), ending as that line ends.
void insert_after(Lines& lines, std::size_t index, std::string line) {
    lines.text.insert(lines.text.begin() + static_cast<long>(index) + 1, std::move(line));
    lines.crlf.insert(lines.crlf.begin() + static_cast<long>(index) + 1, lines.crlf[index]);
}

std::string join_lines(const Lines& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.text.size(); ++i) {
        out += lines.text[i];
        if (i + 1 < lines.text.size())
            out += lines.crlf[i] ? "\r\n" : "\n";
    }
    return out;
}

// Re-parses `text` and checks `verify` on the result.
template <class F> util::Result<std::string> checked(const Record& r, std::string text, F verify) {
    auto parsed = parse(text, r.path);
    if (!parsed.record || !verify(*parsed.record))
        return fail(ErrorKind::Check, "could not edit " + r.path +
                                          " safely; change it by hand (git decision edit " + r.id +
                                          ")");
    return text;
}

} // namespace

util::Result<std::string> with_status(const Record& r, Status s) {
    auto it = r.positions.find("status");
    auto lines = lines_of(r.text);
    if (it == r.positions.end() || it->second.line < 1 ||
        static_cast<std::size_t>(it->second.line) > lines.text.size())
        return fail(ErrorKind::Check, r.path + " has no status line to change");
    std::string& line = lines.text[static_cast<std::size_t>(it->second.line - 1)];
    static const std::regex k_status(R"re(^(\s*status\s*=\s*)("[^"]*"|'[^']*')(.*)$)re");
    std::smatch m;
    if (!std::regex_match(line, m, k_status))
        return fail(ErrorKind::Check, "could not find 'status = \"...\"' on line " +
                                          std::to_string(it->second.line) + " of " + r.path +
                                          "; change it by hand");
    line = m[1].str() + "\"" + std::string(to_string(s)) + "\"" + m[3].str();
    return checked(r, join_lines(lines), [&](const Record& out) { return out.status == s; });
}

util::Result<std::string> with_supersedes(const Record& r, const std::string& id) {
    if (std::find(r.supersedes.begin(), r.supersedes.end(), id) != r.supersedes.end())
        return r.text;
    auto lines = lines_of(r.text);
    auto verify = [&](const Record& out) {
        return std::find(out.supersedes.begin(), out.supersedes.end(), id) != out.supersedes.end();
    };
    if (auto it = r.positions.find("supersedes"); it != r.positions.end()) {
        std::string& line = lines.text[static_cast<std::size_t>(it->second.line - 1)];
        static const std::regex k_array(R"re(^(\s*supersedes\s*=\s*\[)([^\]]*)\](.*)$)re");
        std::smatch m;
        if (!std::regex_match(line, m, k_array))
            return fail(ErrorKind::Check, "supersedes in " + r.path +
                                              " spans several lines; add \"" + id +
                                              "\" to it by hand");
        std::string inner = std::string(util::trim(m[2].str()));
        while (!inner.empty() && inner.back() == ',')
            inner.pop_back();
        line = m[1].str() + (inner.empty() ? "" : inner + ", ") + "\"" + id + "\"]" + m[3].str();
        return checked(r, join_lines(lines), verify);
    }
    auto status = r.positions.find("status");
    if (status == r.positions.end())
        return fail(ErrorKind::Check, r.path + " has no status line to place supersedes after");
    insert_after(lines, static_cast<std::size_t>(status->second.line - 1),
                 "supersedes = [\"" + id + "\"]");
    return checked(r, join_lines(lines), verify);
}

} // namespace decision::record
