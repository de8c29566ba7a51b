#include "decision/check/commit_check.hpp"

#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

namespace decision::check {

CommitChecker::CommitChecker(const git::Repository& repo,
                             std::optional<policy::Policy> policy_override)
    : m_repo(repo), m_history(repo) {
    if (policy_override)
        if (auto compiled = CompiledPolicy::compile(*policy_override))
            m_override = std::move(*compiled);
}

util::Result<const CompiledPolicy*> CommitChecker::policy_at(const std::string& commit) {
    if (m_override)
        return &*m_override;
    auto id = m_repo.object_id_at(commit, policy::k_policy_path);
    if (!id)
        return tl::unexpected(id.error());
    if (id->empty())
        return nullptr;
    if (auto it = m_policies.find(*id); it != m_policies.end()) {
        if (!it->second)
            return util::fail(util::ErrorKind::Check, m_policy_errors[*id]);
        return &*it->second;
    }
    auto text = m_repo.read_file_at(commit, policy::k_policy_path, util::k_max_record_bytes);
    if (!text)
        return tl::unexpected(text.error());
    auto parsed = policy::parse(**text);
    std::string errors;
    for (const auto& d : parsed.diagnostics)
        if (d.severity == util::Severity::Error)
            errors += (errors.empty() ? "" : "; ") + util::format(d);
    if (!errors.empty()) {
        m_policies[*id] = std::nullopt;
        m_policy_errors[*id] = "the policy is invalid: " + errors;
        return util::fail(util::ErrorKind::Check, m_policy_errors[*id]);
    }
    auto compiled = CompiledPolicy::compile(parsed.policy);
    if (!compiled) {
        m_policies[*id] = std::nullopt;
        m_policy_errors[*id] = compiled.error().message;
        return tl::unexpected(compiled.error());
    }
    return &*(m_policies[*id] = std::move(*compiled));
}

util::Result<const record::Catalog*> CommitChecker::records_at(const std::string& commit,
                                                               const std::string& dir) {
    auto id = m_repo.object_id_at(commit, dir);
    if (!id)
        return tl::unexpected(id.error());
    if (auto it = m_catalogs.find(*id); it != m_catalogs.end())
        return &it->second;
    record::Catalog catalog;
    if (!id->empty()) {
        auto files = m_repo.read_dir_at(commit, dir);
        if (!files)
            return tl::unexpected(files.error());
        catalog = record::load(*files);
    }
    return &(m_catalogs[*id] = std::move(catalog));
}

util::Result<CommitReport> CommitChecker::check(const git::CommitInfo& commit, record::Date today) {
    CommitReport report{commit, std::nullopt, {}};
    auto compiled = policy_at(commit.id);
    if (!compiled) {
        report.errors.push_back(compiled.error().message);
        return report;
    }
    if (!*compiled)
        return report;
    const CompiledPolicy& pol = **compiled;
    if (commit.parents.size() > 1 && pol.policy().merges == policy::MergeMode::Skip)
        return report;

    auto changes =
        m_history.changes(commit.parents.empty() ? "" : commit.parents.front(), commit.id,
                          [&](const std::string& dir) { return pol.may_govern_under(dir); });
    if (!changes)
        return tl::unexpected(changes.error());
    CoverageInput input;
    for (const auto& c : *changes)
        if (pol.governs(c.path))
            input.changed_paths.push_back(c.path);
    if (input.changed_paths.empty()) {
        report.coverage = Coverage{};
        return report;
    }
    if (!m_notes) {
        auto notes = m_history.notes(link::k_notes_ref);
        if (!notes)
            return tl::unexpected(notes.error());
        m_notes = std::move(*notes);
    }
    auto note = m_notes->find(commit.id);
    input.links =
        commit_links(commit, note == m_notes->end() ? nullptr : &note->second, pol.policy());
    input.actor = actor_of(commit);
    auto records = records_at(commit.id, pol.policy().records_dir);
    if (!records)
        return tl::unexpected(records.error());
    input.records = *records;
    auto approvals = history_approvals(m_repo, commit.id, pol.policy());
    if (!approvals)
        return tl::unexpected(approvals.error());
    input.approvals = std::move(*approvals);
    input.today = today;
    report.coverage = evaluate(pol, input);
    return report;
}

} // namespace decision::check
