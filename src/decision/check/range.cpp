#include "decision/check/range.hpp"

#include "decision/check/approval_status.hpp"
#include "decision/check/approvals.hpp"
#include "decision/check/commit_check.hpp"
#include "decision/check/validate.hpp"
#include "decision/gate/names.hpp"
#include "decision/record/allocate.hpp"
#include "decision/record/catalog.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

namespace decision::check {

const char* to_string(FindingSeverity s) {
    return s == FindingSeverity::Error ? "error" : "warning";
}

std::size_t RangeReport::count(FindingSeverity s) const {
    return static_cast<std::size_t>(std::count_if(
        findings.begin(), findings.end(), [&](const Finding& f) { return f.severity == s; }));
}

util::Result<std::pair<std::string, std::string>> parse_range(const std::string& range) {
    auto dots = range.find("..");
    if (range.find("...") != std::string::npos || dots == std::string::npos ||
        range.find("..", dots + 2) != std::string::npos)
        return util::fail(util::ErrorKind::Usage,
                          "--range takes <base>..<head> (e.g. origin/main..HEAD), not '" + range +
                              "'");
    std::string a = range.substr(0, dots), b = range.substr(dots + 2);
    return std::pair{a.empty() ? std::string("HEAD") : a, b.empty() ? std::string("HEAD") : b};
}

namespace {

// The number of an ID with `prefix` ("DEC-0042" -> 42), if it has that shape.
std::optional<long> id_number(const std::string& id, const std::string& prefix) {
    if (id.size() <= prefix.size() + 1 || id.compare(0, prefix.size(), prefix) != 0 ||
        id[prefix.size()] != '-')
        return std::nullopt;
    long n = 0;
    const char* first = id.data() + prefix.size() + 1;
    const char* last = id.data() + id.size();
    auto [ptr, ec] = std::from_chars(first, last, n);
    if (ec != std::errc() || ptr != last)
        return std::nullopt;
    return n;
}

// What a revision holds: its policy (defaults when absent) and its records.
struct Snapshot {
    policy::PolicyResult policy;
    bool has_policy = false;
    record::Catalog records;
};

// The records come through `checker`, which parses each records folder once: the head,
// the base and most commits of a range usually share theirs.
util::Result<Snapshot> snapshot(const git::Repository& repo, CommitChecker& checker,
                                const std::string& rev) {
    Snapshot s;
    TRY_ASSIGN(auto text, repo.read_file_at(rev, policy::k_policy_path, util::k_max_record_bytes));
    if (text) {
        s.policy = policy::parse(*text);
        s.has_policy = true;
    }
    TRY_ASSIGN(auto records, checker.catalog_at(rev, s.policy.policy.records_dir));
    s.records = *records;
    return s;
}

std::string first_line(const std::string& message) {
    return message.substr(0, message.find('\n'));
}

// Findings from one commit's coverage.
void coverage_findings(const RangeCommit& c, std::vector<Finding>& out) {
    const gate::Coverage& cov = *c.coverage;
    if (cov.waived) {
        Finding f;
        f.severity = FindingSeverity::Warning;
        f.kind = kind::k_waiver;
        f.commit = c.commit;
        f.decision_ids = c.decisions;
        std::vector<std::string> waived;
        for (const auto& p : cov.paths)
            if (!p.covered)
                waived.push_back(p.path);
        f.path = waived.empty() ? "" : waived.front();
        f.message = "waived by " + cov.waiver_by + ": " + cov.waiver_reason +
                    (waived.empty() ? "" : " (uncovered: " + util::join(waived) + ")");
        out.push_back(std::move(f));
    }
    for (const auto& p : cov.paths) {
        if (p.covered || cov.waived)
            continue;
        Finding f;
        f.kind = kind::k_uncovered;
        f.commit = c.commit;
        f.path = p.path;
        f.rule = p.rule;
        f.decision_ids = c.decisions;
        f.message = util::join(p.problems, "; ");
        f.fix = util::join(p.fixes, "; ");
        out.push_back(std::move(f));
    }
    for (const auto& w : cov.warnings) {
        Finding f;
        f.severity = FindingSeverity::Warning;
        f.kind = kind::k_coverage_warning;
        f.commit = c.commit;
        f.decision_ids = c.decisions;
        f.message = w;
        out.push_back(std::move(f));
    }
}

// Records invalid at the head (duplicate IDs are reported against the base instead). Lint
// warnings only for records the range changed: the others are not this change's business.
void head_record_findings(const Snapshot& base, const Snapshot& head, std::vector<Finding>& out) {
    std::map<std::string, const std::string*> base_text;
    for (const auto& r : base.records.records)
        base_text[r.path] = &r.text;
    std::unordered_map<std::string_view, const std::string*> head_text;
    for (const auto& r : head.records.records)
        head_text.emplace(r.path, &r.text);
    auto changed = [&](const std::string& path) {
        auto it = base_text.find(path);
        if (it == base_text.end())
            return true;
        auto now = head_text.find(path);
        return now == head_text.end() || *now->second != *it->second;
    };
    std::vector<util::Diagnostic> diags = head.policy.diagnostics;
    if (!util::has_errors(head.policy.diagnostics)) {
        auto found = validate_catalog(head.records, head.policy.policy);
        diags.insert(diags.end(), found.begin(), found.end());
    }
    for (const auto& d : diags) {
        if (d.rule == "duplicate-id" || (d.severity == util::Severity::Warning && !changed(d.file)))
            continue;
        Finding f;
        f.severity =
            d.severity == util::Severity::Error ? FindingSeverity::Error : FindingSeverity::Warning;
        f.kind = d.file == policy::k_policy_path ? kind::k_invalid_policy : kind::k_invalid_record;
        f.path = d.file;
        f.line = d.line;
        f.rule = d.rule;
        for (const auto& r : head.records.records)
            if (r.path == d.file)
                f.decision_ids.push_back(r.id);
        f.message = d.message;
        f.fix = "fix the file and check it with: git decision check";
        out.push_back(std::move(f));
    }
}

// IDs added in the range that the base already uses (under another file) or that two new
// files share.
void duplicate_findings(const Snapshot& base, const Snapshot& head, std::vector<Finding>& out,
                        const std::string& base_name) {
    std::map<std::string, const record::Record*> base_by_path, base_by_id;
    for (const auto& r : base.records.records) {
        base_by_path[r.path] = &r;
        base_by_id.emplace(r.id, &r);
    }
    std::vector<const record::Record*> all;
    for (const auto& r : base.records.records)
        all.push_back(&r);
    for (const auto& r : head.records.records)
        all.push_back(&r);
    const std::string& prefix = head.policy.policy.id_prefix;
    std::map<std::string, const record::Record*> added_by_id;
    std::vector<const record::Record*> added;
    for (const auto& r : head.records.records)
        if (!base_by_path.count(r.path) && !r.id.empty())
            added.push_back(&r);
    std::sort(added.begin(), added.end(),
              [](const record::Record* a, const record::Record* b) { return a->path < b->path; });
    long next = 0;
    for (const auto* r : all)
        if (auto n = id_number(r->id, prefix))
            next = std::max(next, *n);
    for (const auto* r : added) {
        const record::Record* other = nullptr;
        std::string where;
        if (auto it = base_by_id.find(r->id); it != base_by_id.end()) {
            other = it->second;
            where = " " + base_name;
        } else if (auto it2 = added_by_id.find(r->id); it2 != added_by_id.end()) {
            other = it2->second;
            where = ", also added in this range";
        } else {
            added_by_id.emplace(r->id, r);
            continue;
        }
        std::string fresh = record::format_id(prefix, ++next);
        std::string name = r->path.substr(r->path.rfind('/') + 1);
        std::string renamed = name;
        if (name.compare(0, r->id.size(), r->id) == 0)
            renamed = fresh + name.substr(r->id.size());
        std::string dir = r->path.substr(0, r->path.rfind('/') + 1);
        Finding f;
        f.kind = kind::k_duplicate_id;
        f.path = r->path;
        f.line = r->position_of("id").line;
        f.decision_ids = {r->id};
        f.message = r->id + " is already used by " + other->path + where;
        f.fix = "renumber it with the next free ID: git mv " + r->path + " " + dir + renamed +
                ", set id = \"" + fresh + "\" in it, and update the 'Decision: " + r->id +
                "' trailers that meant this record";
        out.push_back(std::move(f));
    }
}

// A commit's lifecycle findings (lifecycle.hpp), as range findings.
void lifecycle_range_findings(const std::string& commit, const std::vector<LifecycleFinding>& found,
                              std::vector<Finding>& out) {
    for (const auto& l : found) {
        Finding f;
        f.severity = blocks(l) ? FindingSeverity::Error : FindingSeverity::Warning;
        f.kind = kind_name(l.kind);
        f.commit = commit;
        f.path = l.path;
        f.line = l.line;
        f.rule = rule_name(l.kind);
        f.decision_ids = {l.id};
        f.message = l.message;
        f.fix = l.fix;
        if (l.details.empty()) {
            out.push_back(std::move(f));
            continue;
        }
        // What the checklist misses: one finding per item, at its line.
        for (const auto& d : l.details) {
            Finding item = f;
            item.path = d.file;
            item.line = d.line;
            item.message = l.message + ": " + d.rule + ": " + d.message;
            out.push_back(std::move(item));
        }
    }
}

util::Result<std::vector<LinkedDecision>>
linked_decisions(const git::Repository& repo, const std::string& head, const Snapshot& snap,
                 const std::vector<RangeCommit>& commits,
                 const std::vector<gate::Approval>* known) {
    std::set<std::string> ids;
    for (const auto& c : commits)
        ids.insert(c.decisions.begin(), c.decisions.end());
    std::vector<LinkedDecision> out;
    if (ids.empty())
        return out;
    const policy::Policy& pol = snap.policy.policy;
    // The checker usually carried the approvals up to the head already.
    util::Result<std::vector<gate::Approval>> approvals =
        known ? util::Result<std::vector<gate::Approval>>(*known)
              : history_approvals(repo, head, pol);
    TRY(approvals);
    for (const auto& id : ids) {
        LinkedDecision d;
        d.id = id;
        if (const record::Record* r = snap.records.find(id)) {
            d.record = *r;
            d.required_roles = required_roles(*r, pol);
            std::string current = record::normative_hash(*r);
            std::set<std::string> fresh_roles;
            std::set<std::string> seen_fresh, seen_stale;
            for (const auto& a : *approvals) {
                if (a.decision_id != id)
                    continue;
                auto roles = pol.roles_of(a.email);
                std::string who = a.email + (roles.empty() ? "" : " (" + util::join(roles) + ")");
                if (a.normative_hash == current) {
                    if (seen_fresh.insert(who).second)
                        d.signoffs_fresh.push_back(who);
                    fresh_roles.insert(roles.begin(), roles.end());
                } else if (seen_stale.insert(who).second) {
                    d.signoffs_stale.push_back(who);
                }
            }
            for (auto it = d.signoffs_stale.begin(); it != d.signoffs_stale.end();)
                it = seen_fresh.count(*it) ? d.signoffs_stale.erase(it) : it + 1;
            for (const auto& role : d.required_roles)
                if (!fresh_roles.count(role))
                    d.roles_missing.push_back(role);
        }
        out.push_back(std::move(d));
    }
    return out;
}

// `commits` reordered so every commit comes after its parents within the set, otherwise
// keeping the given order.
std::vector<git::CommitInfo> parents_first(std::vector<git::CommitInfo> commits) {
    // A straight line of history, each commit the child of the one before: already right.
    bool line = true;
    for (std::size_t i = 1; i < commits.size() && line; ++i)
        line = commits[i].parents.size() == 1 && commits[i].parents[0] == commits[i - 1].id;
    if (line)
        return commits;
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(commits.size());
    for (std::size_t i = 0; i < commits.size(); ++i)
        index.emplace(commits[i].id, i);
    // Commit dates usually agree with the graph, and the order is already right.
    bool ordered = true;
    for (std::size_t i = 0; i < commits.size() && ordered; ++i)
        for (const auto& p : commits[i].parents)
            if (auto it = index.find(p); it != index.end() && it->second > i)
                ordered = false;
    if (ordered)
        return commits;
    std::vector<std::vector<std::size_t>> children(commits.size());
    std::vector<std::size_t> waiting(commits.size(), 0);
    for (std::size_t i = 0; i < commits.size(); ++i)
        for (const auto& p : commits[i].parents)
            if (auto it = index.find(p); it != index.end()) {
                children[it->second].push_back(i);
                ++waiting[i];
            }
    std::set<std::size_t> ready; // by original position
    for (std::size_t i = 0; i < commits.size(); ++i)
        if (!waiting[i])
            ready.insert(i);
    std::vector<git::CommitInfo> out;
    out.reserve(commits.size());
    while (!ready.empty()) {
        std::size_t i = *ready.begin();
        ready.erase(ready.begin());
        for (std::size_t c : children[i])
            if (--waiting[c] == 0)
                ready.insert(c);
        out.push_back(std::move(commits[i]));
    }
    return out;
}

// ---- the range cache -----------------------------------------------------------------------
// Checking the same range again (same base, head and target, same notes, same day) reads
// each commit's row from <common dir>/decision-cache/ranges/ instead of walking the range:
// the rows are a function of exactly those. Rows hold tab-separated, backslash-escaped
// fields: commit, title, author, decision IDs (comma-separated), result (result_text), and
// the commit's policy errors, if any.

struct Row {
    RangeCommit commit;
    std::vector<std::string> errors;
    std::vector<LifecycleFinding> lifecycle; // never cached: a range with any is not saved
    std::string result; // result_text(commit.coverage), when the checker made it already
};

constexpr std::size_t k_max_cached_ranges = 16;
constexpr std::size_t k_max_range_bytes = 256 << 20;

// Appends `s` to `out` with backslash escapes for the separators and line ends.
void append_escaped(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case ',':
            out += "\\c";
            break;
        default:
            out += c;
        }
    }
}

std::optional<std::string> unescape_field(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out += s[i];
            continue;
        }
        if (++i == s.size())
            return std::nullopt;
        switch (s[i]) {
        case '\\':
            out += '\\';
            break;
        case 't':
            out += '\t';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 'c':
            out += ',';
            break;
        default:
            return std::nullopt;
        }
    }
    return out;
}

std::filesystem::path ranges_dir(const git::Repository& repo) {
    return repo.common_dir() / gate::k_cache_dir / "ranges";
}

std::filesystem::path range_file(const git::Repository& repo, const std::string& key) {
    char name[32];
    std::snprintf(name, sizeof name, "%016llx.tsv",
                  static_cast<unsigned long long>(util::fnv1a(key)));
    return ranges_dir(repo) / name;
}

// The cached rows for `key`; nullopt when there are none, or the file is damaged or not
// sealed with `secret` (its last line, see seal_line()).
std::optional<std::vector<Row>> load_rows(const git::Repository& repo, const std::string& key,
                                          const std::string& secret) {
    auto text = util::read_file(range_file(repo, key), k_max_range_bytes);
    if (!text || text->empty() || text->back() != '\n')
        return std::nullopt;
    std::string_view rest(*text);
    auto seal_at = rest.rfind('\n', rest.size() - 2);
    seal_at = seal_at == std::string_view::npos ? 0 : seal_at + 1;
    if (!is_seal_of(secret, rest.substr(0, seal_at),
                    rest.substr(seal_at, rest.size() - 1 - seal_at)))
        return std::nullopt;
    rest = rest.substr(0, seal_at);
    auto line = [&]() -> std::optional<std::string_view> {
        auto end = rest.find('\n');
        if (end == std::string_view::npos)
            return std::nullopt;
        std::string_view l = rest.substr(0, end);
        rest.remove_prefix(end + 1);
        return l;
    };
    if (line() != std::optional<std::string_view>(key))
        return std::nullopt;
    std::vector<Row> rows;
    while (!rest.empty()) {
        auto l = line();
        if (!l)
            return std::nullopt; // cut short
        auto fields = util::split_views(*l, '\t');
        if (fields.size() < 5)
            return std::nullopt;
        Row row;
        auto id = unescape_field(fields[0]), title = unescape_field(fields[1]),
             author = unescape_field(fields[2]);
        if (!id || !title || !author || !parse_result_text(fields[4], row.commit.coverage))
            return std::nullopt;
        row.commit.commit = std::move(*id);
        row.commit.title = std::move(*title);
        row.commit.author = std::move(*author);
        if (!fields[3].empty())
            for (auto d : util::split_views(fields[3], ',')) {
                auto decision = unescape_field(d);
                if (!decision)
                    return std::nullopt;
                row.commit.decisions.push_back(std::move(*decision));
            }
        for (std::size_t i = 5; i < fields.size(); ++i) {
            auto error = unescape_field(fields[i]);
            if (!error)
                return std::nullopt;
            row.errors.push_back(std::move(*error));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// Writes the rows for `key` (atomically) and keeps the newest k_max_cached_ranges files. A
// cache that cannot be written only makes the next run slower.
void save_rows(const git::Repository& repo, const std::string& key, const std::vector<Row>& rows,
               const std::string& secret) {
    std::string out = key + '\n';
    for (const auto& row : rows) {
        append_escaped(out, row.commit.commit);
        out += '\t';
        append_escaped(out, row.commit.title);
        out += '\t';
        append_escaped(out, row.commit.author);
        out += '\t';
        for (std::size_t i = 0; i < row.commit.decisions.size(); ++i) {
            if (i)
                out += ',';
            append_escaped(out, row.commit.decisions[i]);
        }
        out += '\t';
        out += row.result.empty() ? result_text(row.commit.coverage) : row.result;
        for (const auto& e : row.errors) {
            out += '\t';
            append_escaped(out, e);
        }
        out += '\n';
    }
    out += seal_line(secret, out) + '\n';
    if (out.size() > k_max_range_bytes)
        return;
    std::error_code ec;
    std::filesystem::create_directories(ranges_dir(repo), ec);
    if (ec || !util::write_file_atomic(range_file(repo, key), out, util::WriteMode::Cache))
        return;
    std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> files;
    for (const auto& e : std::filesystem::directory_iterator(ranges_dir(repo), ec))
        files.emplace_back(e.last_write_time(ec), e.path());
    if (files.size() <= k_max_cached_ranges)
        return;
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i + k_max_cached_ranges < files.size(); ++i)
        std::filesystem::remove(files[i].second, ec);
}

} // namespace

bool RangeReport::notes_missing() const {
    return !notes_ref_present &&
           std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.kind == kind::k_uncovered; });
}

std::pair<std::string, std::string> notes_missing_text() {
    return {std::string(link::k_notes_ref) +
                " does not exist in this clone, so links made with 'git decision link' were not "
                "seen: the uncovered commits may be linked there",
            std::string("fetch the notes, then check again: git fetch origin ") +
                link::k_notes_ref + ":" + link::k_notes_ref};
}

util::Result<RangeReport> check_range(const git::Repository& repo, const std::string& base,
                                      const std::string& head, record::Date today,
                                      const std::string& target, bool use_cache) {
    RangeReport report;
    report.range = base + ".." + head;
    TRY_ASSIGN(auto b, repo.resolve_commit(base));
    TRY_ASSIGN(auto h, repo.resolve_commit(head));
    report.base = b;
    report.head = h;
    if (!target.empty()) {
        TRY_ASSIGN(auto t, repo.resolve_commit(target));
        if (t != b)
            report.target = t;
    }

    git::History history(repo);
    CommitChecker checker(repo);
    std::optional<std::string> secret;
    if (use_cache)
        secret = cache_secret(repo);
    else
        checker.skip_cache();
    TRY_ASSIGN(auto head_snap, snapshot(repo, checker, report.head));
    auto notes_id = repo.resolve_commit(link::k_notes_ref);
    report.notes_ref_present = notes_id.has_value();
    std::string key = "git-decision range " + std::string(k_results_engine) + " " + report.base +
                      " " + report.head + " " + (report.target.empty() ? "-" : report.target) +
                      " " + (notes_id ? *notes_id : "-") + " " + record::to_string(today);

    auto rows = secret ? load_rows(repo, key, *secret) : std::nullopt;
    if (!rows) {
        TRY_ASSIGN(auto walked, history.oldest_first({report.base + ".." + report.head}));
        if (walked.empty())
            return report;
        // Parents before children even when commit dates tie or lie (the walk is by date):
        // the approvals cache then only grows.
        std::vector<git::CommitInfo> commits = parents_first(std::move(walked));
        TRY_ASSIGN(auto notes, history.notes(link::k_notes_ref));
        rows.emplace();
        rows->reserve(commits.size());
        for (auto& c : commits) {
            TRY_ASSIGN(auto checked, checker.check(c, today));
            Row row;
            RangeCommit& rc = row.commit;
            rc.title = first_line(c.message);
            rc.author = c.author.name + " <" + c.author.email + ">";
            auto note = notes.find(c.id);
            const std::string* text = note == notes.end() ? nullptr : &note->second;
            if (may_link(c, text))
                for (const auto& d : commit_links(c, text, head_snap.policy.policy).decisions)
                    rc.decisions.push_back(d.id);
            rc.commit = std::move(c.id); // the commit is done with
            rc.coverage = std::move(checked.coverage);
            row.errors = std::move(checked.errors);
            row.lifecycle = std::move(checked.lifecycle);
            row.result = std::move(checked.result);
            rows->push_back(std::move(row));
        }
        if (secret && std::none_of(rows->begin(), rows->end(),
                                   [](const Row& r) { return !r.lifecycle.empty(); }))
            save_rows(repo, key, *rows, *secret);
    }
    if (rows->empty())
        return report;
    report.commits.reserve(rows->size());
    for (auto& row : *rows) {
        for (const auto& e : row.errors) {
            Finding f;
            f.kind = kind::k_invalid_policy;
            f.commit = row.commit.commit;
            f.path = policy::k_policy_path;
            f.message = e;
            f.fix = "fix the policy and check it with: git decision check";
            report.findings.push_back(std::move(f));
        }
        lifecycle_range_findings(row.commit.commit, row.lifecycle, report.findings);
        if (row.commit.coverage)
            coverage_findings(row.commit, report.findings);
        report.commits.push_back(std::move(row.commit));
    }

    TRY_ASSIGN(auto base_snap, snapshot(repo, checker, report.base));
    head_record_findings(base_snap, head_snap, report.findings);
    if (report.target.empty()) {
        duplicate_findings(base_snap, head_snap, report.findings, "on the base");
    } else {
        // The target branch moved on since the fork: what it holds now is what collides.
        TRY_ASSIGN(auto target_snap, snapshot(repo, checker, report.target));
        for (const auto& r : base_snap.records.records)
            if (!target_snap.records.find(r.id))
                target_snap.records.records.push_back(r);
        duplicate_findings(target_snap, head_snap, report.findings,
                           "on " + target + " (" + util::short_id(report.target) + ")");
    }
    TRY_ASSIGN(auto decisions, linked_decisions(repo, report.head, head_snap, report.commits,
                                                checker.approvals_at(report.head)));
    report.decisions = std::move(decisions);
    return report;
}

} // namespace decision::check
