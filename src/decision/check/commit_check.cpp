#include "decision/check/commit_check.hpp"

#include "decision/check/pipeline.hpp"
#include "decision/check/policy_in_force.hpp"
#include "decision/check/provenance.hpp"
#include "decision/gate/names.hpp"
#include "decision/record/catalog.hpp"
#include "decision/util/digest.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace decision::check {

CommitChecker::CommitChecker(const git::Repository& repo,
                             std::optional<policy::Policy> policy_override,
                             std::optional<policy::Policy> no_policy_fallback)
    : m_repo(repo), m_history(repo) {
    if (policy_override) {
        policy_override->ignore_case = repo.ignore_case();
        if (auto compiled = gate::CompiledPolicy::compile(*policy_override))
            m_override = std::move(*compiled);
    }
    if (no_policy_fallback) {
        no_policy_fallback->ignore_case = repo.ignore_case();
        if (auto compiled = gate::CompiledPolicy::compile(*no_policy_fallback))
            m_fallback = std::move(*compiled);
    }
}

namespace {

// The policy file of `tree`, compiled; an invalid one gives the error text check reports.
util::Result<gate::CompiledPolicy> compile_policy(const git::Repository& repo,
                                                  const std::string& tree) {
    TRY_ASSIGN(auto text, repo.read_file_at(tree, policy::k_policy_path, util::k_max_record_bytes));
    if (!text)
        return util::fail(util::ErrorKind::Check, "the policy file is gone");
    auto parsed = policy::parse(*text);
    std::string errors;
    for (const auto& d : parsed.diagnostics)
        if (d.severity == util::Severity::Error)
            errors += (errors.empty() ? "" : "; ") + util::format(d);
    if (!errors.empty())
        return util::fail(util::ErrorKind::Check, "the policy is invalid: " + errors);
    parsed.policy.ignore_case = repo.ignore_case();
    return gate::CompiledPolicy::compile(parsed.policy);
}

} // namespace

util::Result<std::string> CommitChecker::id_at(const std::string& tree, const std::string& path) {
    std::string key = tree + ':' + path;
    if (auto it = m_ids.find(key); it != m_ids.end())
        return it->second;
    TRY_ASSIGN(auto id, m_repo.object_id_at(tree, path));
    if (m_ids.size() >= 16) // a commit and its parent, a few paths each
        m_ids.clear();
    return m_ids.emplace(std::move(key), std::move(id)).first->second;
}

util::Result<std::string> CommitChecker::policy_blob_at(const std::string& tree) {
    // Most commits leave the policy's folder alone: its id names the policy blob found there.
    std::string_view path(policy::k_policy_path);
    TRY_ASSIGN(auto folder, id_at(tree, std::string(path.substr(0, path.rfind('/')))));
    auto known = m_policy_in_folder.find(folder);
    if (known == m_policy_in_folder.end()) {
        TRY_ASSIGN(auto found, m_repo.object_id_at(tree, policy::k_policy_path));
        known = m_policy_in_folder.emplace(folder, std::move(found)).first;
    }
    return known->second;
}

util::Result<const gate::CompiledPolicy*> CommitChecker::policy_at(const std::string& tree) {
    TRY_ASSIGN(auto blob, policy_blob_at(tree));
    const std::string& id = blob;
    if (id.empty())
        return nullptr;
    auto it = m_policies.find(id);
    if (it == m_policies.end()) {
        auto compiled = compile_policy(m_repo, tree);
        if (!compiled && compiled.error().kind != util::ErrorKind::Check)
            return tl::unexpected(compiled.error()); // unreadable: never cached as invalid
        if (!compiled)
            m_policy_errors[id] = compiled.error().message;
        it = m_policies
                 .emplace(id, compiled ? std::optional<gate::CompiledPolicy>(std::move(*compiled))
                                       : std::nullopt)
                 .first;
    }
    if (!it->second)
        return util::fail(util::ErrorKind::Check, m_policy_errors[id]);
    return &*it->second;
}

util::Result<CommitChecker::Judge> CommitChecker::judge_of(const std::string& parent,
                                                           const std::string& tree) {
    Judge j;
    TRY_ASSIGN(auto own, policy_blob_at(tree));
    std::string before;
    if (!parent.empty()) {
        TRY_ASSIGN(auto b, policy_blob_at(parent));
        before = std::move(b);
    }
    // A server policy (--policy) replaces the repository's: its file is then no policy.
    j.policy_changed = !m_override && own != before;
    // A policy the commit brings must be valid, whatever judges the commit.
    const gate::CompiledPolicy* brought = nullptr;
    if (j.policy_changed && !own.empty()) {
        auto c = policy_at(tree);
        if (!c && c.error().kind != util::ErrorKind::Check)
            return tl::unexpected(c.error());
        if (!c)
            j.errors.push_back(c.error().message);
        else
            brought = *c;
    }
    if (m_override) {
        j.policy = &*m_override;
    } else if (!before.empty()) {
        auto c = policy_at(parent);
        if (!c && c.error().kind != util::ErrorKind::Check)
            return tl::unexpected(c.error());
        if (!c) {
            j.errors.push_back(c.error().message);
            return j;
        }
        j.policy = *c;
    } else if (m_fallback) {
        j.policy = &*m_fallback;
    }
    // The records as of the change: where the commit's own policy keeps them.
    if (brought && !m_override)
        j.records_dir = brought->policy().records_dir;
    else if (j.policy)
        j.records_dir = j.policy->policy().records_dir;
    return j;
}

util::Result<std::vector<LifecycleFinding>>
CommitChecker::lifecycle_of(const git::CommitInfo& commit, const std::string& parent,
                            const std::string& tree, const std::string& before_dir,
                            const std::string& after_dir, const record::LintConfig& checklist) {
    if (parent.empty())
        return std::vector<LifecycleFinding>{};
    TRY_ASSIGN(auto before, id_at(parent, before_dir));
    TRY_ASSIGN(auto after, id_at(tree, after_dir));
    if (before == after) // the same records, wherever they are
        return std::vector<LifecycleFinding>{};
    std::vector<std::string> changed;
    if (before_dir == after_dir) {
        auto in_folder = [&](const std::string& path) {
            return path.rfind(before_dir + "/", 0) == 0 &&
                   path.find('/', before_dir.size() + 1) == std::string::npos;
        };
        TRY_ASSIGN(auto changes, m_history.changes(parent, tree, [&](const std::string& dir) {
            return dir.empty() || dir == before_dir || before_dir.rfind(dir + "/", 0) == 0;
        }));
        for (const auto& c : changes)
            if (in_folder(c.path))
                changed.push_back(c.path);
    }
    auto side = [&](const std::string& rev) -> ReadSide {
        return [&, rev](const std::string& path) {
            return m_repo.read_file_at(rev, path, util::k_max_record_bytes);
        };
    };
    util::Result<std::vector<LifecycleFinding>> found = std::vector<LifecycleFinding>{};
    if (before_dir == after_dir) {
        found = lifecycle_of_files(changed, side(parent), side(tree), checklist);
    } else { // the records moved: compare the two folders whole
        TRY_ASSIGN(auto old_records, records_at(parent, before_dir));
        TRY_ASSIGN(auto new_records, records_at(tree, after_dir));
        found = lifecycle_findings(*old_records, *new_records, checklist);
    }
    if (!found || commit.parents.size() < 2)
        return found;
    // A merge answers only for what it introduces: not for a record a merged branch changed
    // alone, which that branch's own commits answered for.
    auto mine = side(tree);
    std::erase_if(*found, [&](const LifecycleFinding& f) {
        auto text = mine(f.path);
        for (std::size_t i = 1; text && i < commit.parents.size(); ++i)
            if (brought_by_merged_branch(m_history, commit.parents.front(), commit.parents[i],
                                         f.path, *text))
                return true;
        return false;
    });
    return found;
}

util::Result<const record::Catalog*> CommitChecker::records_at(const std::string& tree,
                                                               const std::string& dir) {
    TRY_ASSIGN(auto id, m_repo.object_id_at(tree, dir));
    if (auto it = m_catalogs.find(id); it != m_catalogs.end())
        return &it->second;
    record::Catalog catalog;
    if (!id.empty()) {
        TRY_ASSIGN(auto files, m_repo.read_dir_at(tree, dir, record::is_record_file));
        catalog = record::load(files);
    }
    return &(m_catalogs[id] = std::move(catalog));
}

namespace {

// Pipeline staleness (GitHub issue 6): the dvc.lock files `commit` changed against its first
// parent, diffed (check::changed_stages), and the decisions of `records` covering the
// changed stages' outputs added to `coverage` as the policy says.
util::Result<void>
add_pipeline_staleness(const git::History& history, const git::CommitInfo& commit,
                       const std::vector<std::string>& locks, const record::Catalog& records,
                       policy::PipelineStaleness mode, gate::Coverage& coverage) {
    auto reader = [&](const std::string& rev) -> LockReader {
        return
            [&history, rev](const std::string& path) -> util::Result<std::optional<std::string>> {
                if (rev.empty())
                    return std::nullopt;
                TRY_ASSIGN(auto blob, history.blob_at(rev, path, k_max_lock_bytes));
                if (!blob)
                    return std::nullopt;
                if (blob->second.size() >= k_max_lock_bytes)
                    return util::fail(util::ErrorKind::Check,
                                      path + " is larger than " +
                                          std::to_string(k_max_lock_bytes >> 20) + " MiB");
                return std::move(blob->second);
            };
    };
    TRY_ASSIGN(auto changed,
               changed_stages(locks, reader(commit.parents.empty() ? "" : commit.parents.front()),
                              reader(commit.id), coverage.warnings));
    add_staleness(coverage, stale_decisions(changed, records), mode);
    return {};
}

} // namespace

namespace {

nlohmann::json to_json(const gate::Coverage& c) {
    nlohmann::json paths = nlohmann::json::array();
    for (const auto& p : c.paths)
        paths.push_back({{"path", p.path},
                         {"rule", p.rule},
                         {"covered", p.covered},
                         {"by", p.covered_by},
                         {"problems", p.problems},
                         {"fixes", p.fixes}});
    return {{"paths", paths},
            {"waived", c.waived},
            {"reason", c.waiver_reason},
            {"by", c.waiver_by},
            {"warnings", c.warnings}};
}

std::optional<gate::Coverage> coverage_from(std::string_view text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    try {
        gate::Coverage c;
        for (const auto& p : j.at("paths"))
            c.paths.push_back({p.at("path"), p.at("rule"), p.at("covered"), p.at("by"),
                               p.at("problems"), p.at("fixes")});
        c.waived = j.at("waived");
        c.waiver_reason = j.at("reason");
        c.waiver_by = j.at("by");
        c.warnings = j.at("warnings").get<std::vector<std::string>>();
        return c;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt; // a damaged cache entry is recomputed
    }
}

// What most commits come to, written as "-" instead of its JSON.
constexpr std::string_view k_nothing_governed = "-";
// No result: no policy in that commit.
constexpr std::string_view k_no_result = "~";

std::filesystem::path results_path(const git::Repository& repo) {
    return repo.common_dir() / gate::k_cache_dir / "commits.tsv";
}

// Past this size the results file starts over: it only ever grows by appending.
constexpr std::size_t k_max_results_bytes = 64 << 20;

} // namespace

std::string result_text(const std::optional<gate::Coverage>& c) {
    if (!c)
        return std::string(k_no_result);
    if (c->paths.empty() && c->warnings.empty() && !c->waived)
        return std::string(k_nothing_governed);
    return to_json(*c).dump(); // control characters escaped: one line
}

bool parse_result_text(std::string_view text, std::optional<gate::Coverage>& out) {
    if (text == k_no_result) {
        out.reset();
        return true;
    }
    if (text == k_nothing_governed) {
        out = gate::Coverage{};
        return true;
    }
    auto c = coverage_from(text);
    if (!c)
        return false;
    out = std::move(*c);
    return true;
}

std::optional<std::string> cache_secret(const git::Repository& repo) {
    auto secret = util::local_secret(repo.common_dir() / "decision-secret");
    if (!secret)
        return std::nullopt;
    return std::move(*secret);
}

std::string seal_line(const std::string& secret, std::string_view text) {
    return "#" + util::hmac_sha256_hex(secret, text);
}

bool is_seal_of(const std::string& secret, std::string_view text, std::string_view seal) {
    return seal.size() > 1 && seal.front() == '#' &&
           util::equal_in_constant_time(seal_line(secret, text), seal);
}

CommitChecker::~CommitChecker() {
    try {
        save_caches();
    } catch (const std::exception&) {
        // A cache that cannot be written only makes the next run slower.
    }
}

void CommitChecker::save_caches() {
    // The approvals carried to the last commit checked spare the next run (and the hooks)
    // a walk of the whole history.
    if (m_approvals_tip && m_approvals_policy && !m_override && m_use_cache)
        remember_approvals(m_repo, *m_approvals_tip, *m_approvals_policy, m_approvals);
    if (m_new_results.empty() || !m_secret)
        return;
    m_new_results += seal_line(*m_secret, m_new_results) + '\n';
    std::error_code ec;
    std::filesystem::create_directories(results_path(m_repo).parent_path(), ec);
    if (m_results_bytes > k_max_results_bytes)
        std::filesystem::remove(results_path(m_repo), ec);
    if (!ec) // a cache that cannot be written is only slower
        (void)util::append_file(results_path(m_repo), m_new_results);
}

void CommitChecker::load_results() {
    m_results.emplace();
    auto notes_id = m_repo.resolve_commit(link::k_notes_ref);
    m_notes_id = notes_id ? *notes_id : "";
    m_secret = cache_secret(m_repo);
    if (!m_secret)
        return;
    auto text = util::read_file(results_path(m_repo), 2 * k_max_results_bytes);
    if (!text)
        return;
    m_results_bytes = text->size();
    // Each run appends "<key>\t<result>\n" lines and then "#<seal>\n" over them. Lines are
    // used only once their seal verifies: a line cut short by a concurrent writer, a damaged
    // one, or one written without this repository's secret (a cache restored from
    // elsewhere, edited by hand) is a miss and is recomputed.
    std::vector<std::pair<std::string_view, std::string_view>> pending;
    std::string_view all(*text), rest(all);
    std::size_t chunk = 0;
    while (!rest.empty()) {
        auto end = rest.find('\n');
        if (end == std::string_view::npos)
            break;
        std::string_view line = rest.substr(0, end);
        std::size_t line_start = all.size() - rest.size();
        rest.remove_prefix(end + 1);
        if (!line.empty() && line.front() == '#') {
            if (is_seal_of(*m_secret, all.substr(chunk, line_start - chunk), line))
                for (auto [key, result] : pending)
                    m_results->insert_or_assign(std::string(key), std::string(result));
            pending.clear();
            chunk = all.size() - rest.size();
            continue;
        }
        auto tab = line.find('\t');
        if (tab != std::string_view::npos)
            pending.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
}

util::Result<const std::map<std::string, std::string>*> CommitChecker::notes() {
    if (!m_notes) {
        TRY_ASSIGN(auto notes, m_history.notes(link::k_notes_ref));
        m_notes = std::move(notes);
    }
    return &*m_notes;
}

void CommitChecker::add_approval(gate::Approval a) {
    // The same person approving the same content again adds nothing; keeping only the
    // first keeps the list as short as the set of distinct approvals, not of commits.
    if (m_approval_keys.insert(a.decision_id + '\n' + a.email + '\n' + a.normative_hash).second)
        m_approvals.push_back(std::move(a));
}

util::Result<void> CommitChecker::extend_approvals(const git::CommitInfo& commit,
                                                   const gate::CompiledPolicy& pol) {
    if (!m_approvals_tip || commit.parents.empty() || commit.parents.front() != *m_approvals_tip)
        return {};
    // A merge onto the tip: first what the merged branches bring that the tip's history lacks.
    if (commit.parents.size() > 1) {
        std::vector<std::string> ranges(commit.parents.begin() + 1, commit.parents.end());
        ranges.push_back("^" + *m_approvals_tip);
        auto walked = m_history.walk(ranges, [&](const git::CommitInfo& c) -> util::Result<bool> {
            TRY(add_own_approvals(c, pol));
            return true;
        });
        TRY(walked);
    }
    m_approvals_tip = commit.id;
    return add_own_approvals(commit, pol);
}

util::Result<void> CommitChecker::add_own_approvals(const git::CommitInfo& commit,
                                                    const gate::CompiledPolicy& pol) {
    // Only the commit's own message gives approvals: its note is not read.
    if (!may_link(commit, nullptr))
        return {};
    auto links = commit_links(commit, nullptr, pol.policy());
    if (!links.decisions.empty() && !links.signoffs.empty()) {
        TRY_ASSIGN(auto records, records_at(commit.tree.empty() ? commit.id : commit.tree,
                                            pol.policy().records_dir));
        TRY_ASSIGN(auto actor, actor_of(m_repo, commit, links, pol.policy()));
        auto own = gate::approvals_in(links, actor, commit.id, *records, pol.policy(), &m_hashes);
        for (auto& a : own)
            add_approval(std::move(a));
    }
    return {};
}

util::Result<const std::vector<gate::Approval>*>
CommitChecker::approvals_for(const git::CommitInfo& commit, const gate::CompiledPolicy& pol) {
    if (m_approvals_tip && *m_approvals_tip == commit.id)
        return &m_approvals;
    TRY_ASSIGN(auto approvals, history_approvals(m_repo, commit.id, pol.policy()));
    m_approvals.clear();
    m_approval_keys.clear();
    m_approvals_policy = pol.policy();
    for (auto& a : approvals)
        add_approval(std::move(a));
    m_approvals_tip = commit.id;
    return &m_approvals;
}

std::string CommitChecker::result_key(const std::string& commit, record::Date today) {
    // The commit fixes its tree (so its policy and records) and its history (so the
    // approvals); the notes and the day are all else a result depends on.
    if (m_key_day != today) {
        m_key_day = today;
        // The last part names the rules results were made by (k_results_engine).
        m_key_suffix =
            ":" + m_notes_id + ":" + record::to_string(today) + ":" + std::string(k_results_engine);
    }
    return commit + m_key_suffix;
}

util::Result<CommitReport> CommitChecker::check(const git::CommitInfo& commit, record::Date today) {
    CommitReport report;
    // Files are read from the commit's tree by id: the commit itself was parsed by the walk.
    const std::string& tree = commit.tree.empty() ? commit.id : commit.tree;
    // The parent's tree: the commit checked just before, in a range checked oldest first.
    std::string parent = commit.parents.empty() ? "" : commit.parents.front();
    if (!parent.empty() && parent == m_last_commit)
        parent = m_last_tree;
    if (!commit.tree.empty()) {
        m_last_commit = commit.id;
        m_last_tree = commit.tree;
    }

    std::string key;
    if (!m_override && !m_fallback && m_use_cache) {
        if (!m_results)
            load_results();
        key = result_key(commit.id, today);
        // A cached result skips the approvals too: the chain carried from commit to commit
        // breaks, and approvals_for() rebuilds it from the cache when a later commit needs it.
        if (auto hit = m_results->find(key); hit != m_results->end())
            if (parse_result_text(hit->second, report.coverage)) {
                report.result = hit->second;
                return report;
            }
    }
    auto remember = [&](CommitReport& r) {
        if (key.empty() || !r.lifecycle.empty())
            return;
        r.result = result_text(r.coverage); // once: JSON for a governed commit is not cheap
        m_new_results += key + '\t' + r.result + '\n';
    };

    // The policy in force before the commit judges it (policy_in_force.hpp).
    TRY_ASSIGN(auto judged, judge_of(parent, tree));
    if (!judged.errors.empty()) {
        report.errors = std::move(judged.errors);
        return report;
    }
    if (!judged.policy) {
        remember(report); // nothing in force: a policy this commit adds starts enforcement
        return report;
    }
    const gate::CompiledPolicy& pol = *judged.policy;
    const std::string& records_dir = judged.records_dir;
    TRY_ASSIGN(auto lifecycle, lifecycle_of(commit, parent, tree, pol.policy().records_dir,
                                            records_dir, pol.policy().lint));
    report.lifecycle = std::move(lifecycle);
    TRY(extend_approvals(commit, pol));
    // A merge is checked for what it introduces itself, unless the policy wants it checked
    // against its first parent like a squash.
    auto descend = [&](const std::string& dir) { return pol.may_govern_under(dir); };
    TRY_ASSIGN(auto changes,
               commit.parents.size() > 1 && pol.policy().merges == policy::MergeMode::Introduced
                   ? m_history.changes_from_all(commit.parents, tree, descend)
                   : m_history.changes(parent, tree, descend));
    gate::CoverageInput input;
    for (const auto& c : changes)
        if (pol.governs(c.path))
            input.changed_paths.push_back(c.path);
    // Pipeline staleness: dvc.lock files among the changes (the root one is always listed,
    // nested ones where the walk descends, i.e. in folders a rule can govern).
    std::vector<std::string> locks;
    if (pol.policy().pipeline_staleness != policy::PipelineStaleness::Off)
        for (const auto& c : changes)
            if (gate::is_dvc_lock(c.path))
                locks.push_back(c.path);
    auto add_pipeline = [&](gate::Coverage& coverage) -> util::Result<void> {
        if (locks.empty())
            return {};
        TRY_ASSIGN(auto records, records_at(tree, records_dir));
        return add_pipeline_staleness(m_history, commit, locks, *records,
                                      pol.policy().pipeline_staleness, coverage);
    };
    if (input.changed_paths.empty() && !judged.policy_changed) {
        report.coverage = gate::Coverage{};
        TRY(add_pipeline(*report.coverage));
        remember(report);
        return report;
    }
    TRY_ASSIGN(auto all_notes, notes());
    auto note = all_notes->find(commit.id);
    input.links =
        commit_links(commit, note == all_notes->end() ? nullptr : &note->second, pol.policy());
    // A revert or a cherry-pick -x takes the links of the commit it names.
    TRY_ASSIGN(auto followed,
               follow_provenance(m_history, *all_notes, commit.message, pol.policy(), input.links));
    // The actor weighs a waiver's sign-offs here (its approvals were taken above), so a
    // signature is verified only for a commit that carries a waiver.
    const link::CommitLinks no_links;
    TRY_ASSIGN(auto actor,
               actor_of(m_repo, commit, input.links.waivers.empty() ? no_links : input.links,
                        pol.policy()));
    input.actor = std::move(actor);
    TRY_ASSIGN(auto records, records_at(tree, records_dir));
    input.records = records;
    settle_rollbacks(followed, *records, input.links);
    TRY_ASSIGN(auto approvals, approvals_for(commit, pol));
    input.approvals = *approvals; // a view: m_approvals does not change during judge()
    input.today = today;
    input.hashes = &m_hashes; // the records of m_catalogs never move
    input.commit = commit.id;
    report.coverage = judge(pol, std::move(input), judged.policy_changed);
    report_provenance(followed, *report.coverage);
    TRY(add_pipeline(*report.coverage));
    remember(report);
    return report;
}

} // namespace decision::check
