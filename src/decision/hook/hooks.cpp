#include "decision/hook/hooks.hpp"

#include "decision/check/approvals.hpp"
#include "decision/check/commit_check.hpp"
#include "decision/check/pipeline.hpp"
#include "decision/check/policy_in_force.hpp"
#include "decision/check/provenance.hpp"
#include "decision/check/validate.hpp"
#include "decision/gate/names.hpp"
#include "decision/hook/making.hpp"
#include "decision/record/catalog.hpp"
#include "decision/record/parse.hpp"
#include "decision/report/coverage_view.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <istream>
#include <ostream>
#include <set>

namespace decision::hook {

using util::ErrorKind;
using util::fail;

namespace {

// The repository and the policies of the commit being made: the one in force (HEAD's),
// which judges it, and the staged one, which it brings.
struct Staged {
    git::Repository repo;
    std::optional<gate::CompiledPolicy> policy; // in force: HEAD's; none before any policy
    std::optional<gate::CompiledPolicy> staged; // the staged policy, when one is staged
    bool policy_changed = false;                // the staged policy is not HEAD's
    // The records folder of the commit being made (the staged policy's, else HEAD's).
    const std::string& records_dir() const {
        return (staged ? *staged : *policy).policy().records_dir;
    }
};

util::Result<gate::CompiledPolicy> compile_text(const git::Repository& repo,
                                                const std::string& text, const std::string& what) {
    auto parsed = policy::parse(text);
    if (util::has_errors(parsed.diagnostics)) {
        std::string msg = what + " is invalid:";
        for (const auto& d : parsed.diagnostics)
            if (d.severity == util::Severity::Error)
                msg += "\n  " + util::sanitize(util::format(d));
        return fail(ErrorKind::Check, msg);
    }
    parsed.policy.ignore_case = repo.ignore_case();
    return gate::CompiledPolicy::compile(parsed.policy);
}

util::Result<Staged> open_staged() {
    TRY_ASSIGN(auto repo, git::Repository::open("."));
    TRY_ASSIGN(auto text, repo.read_index_file(policy::k_policy_path, util::k_max_record_bytes));
    util::Result<std::optional<std::string>> head_text = std::nullopt;
    if (repo.has_commits())
        head_text = repo.read_file_at("HEAD", policy::k_policy_path, util::k_max_record_bytes);
    TRY(head_text);
    Staged s{std::move(repo), std::nullopt, std::nullopt, text != *head_text};
    if (text) {
        TRY_ASSIGN(auto compiled, compile_text(s.repo, *text, "the staged policy"));
        s.staged = std::move(compiled);
    }
    if (*head_text) {
        auto compiled = compile_text(s.repo, **head_text, "the policy in force (HEAD's)");
        if (!compiled && compiled.error().kind == ErrorKind::Check)
            return fail(ErrorKind::Check,
                        compiled.error().message +
                            "\nNothing can be judged under it: commit the repaired policy with "
                            "--no-verify, and have it reviewed (CI and the server reject it too)");
        TRY(compiled);
        s.policy = std::move(*compiled);
    }
    return s;
}

// Makes the policy in force the one of `parents`' first (none for a root commit): an amend
// sits on HEAD's parents, not on HEAD.
util::Result<void> in_force_at(Staged& s, const std::vector<std::string>& parents) {
    util::Result<std::optional<std::string>> text = std::nullopt;
    if (!parents.empty())
        text =
            s.repo.read_file_at(parents.front(), policy::k_policy_path, util::k_max_record_bytes);
    TRY(text);
    TRY_ASSIGN(auto staged,
               s.repo.read_index_file(policy::k_policy_path, util::k_max_record_bytes));
    s.policy_changed = staged != *text;
    s.policy.reset();
    if (!*text)
        return {};
    TRY_ASSIGN(auto compiled,
               compile_text(s.repo, **text, "the policy in force (the amended commit's parent's)"));
    s.policy = std::move(compiled);
    return {};
}

bool in_records_dir(const std::string& path, const policy::Policy& pol) {
    return path.rfind(pol.records_dir + "/", 0) == 0 &&
           path.find('/', pol.records_dir.size() + 1) == std::string::npos;
}

// Staged paths that a rule of `policy` governs, and with `with_records` the staged records
// of its records folder too. Only folders that can hold such paths are read, so a
// commit-msg hook in a repository with thousands of records never reads the records folder.
// Against HEAD, or with `making` against the parents of the commit being made: for a merge,
// per [merges] mode, what it introduces (the paths differing from every parent) or
// everything against its first parent.
util::Result<std::vector<git::Change>> staged_of_interest(const Staged& s,
                                                          const gate::CompiledPolicy& policy,
                                                          bool with_records,
                                                          const Making* making = nullptr) {
    const auto& pol = policy.policy();
    git::History history(s.repo);
    auto descend = [&](const std::string& dir) {
        return policy.may_govern_under(dir) ||
               (with_records && (dir.empty() || dir == pol.records_dir ||
                                 pol.records_dir.rfind(dir + "/", 0) == 0));
    };
    TRY_ASSIGN(auto changes, [&]() -> util::Result<std::vector<git::Change>> {
        if (!making)
            return history.staged_changes(descend);
        std::vector<std::string> parents = making->parents;
        if (parents.size() > 1 && pol.merges == policy::MergeMode::FirstParent)
            parents.resize(1);
        auto found = history.staged_changes_from_all(parents, descend);
        if (!found || making->also_against.empty())
            return found;
        TRY_ASSIGN(auto also, history.staged_changes_from_all(making->also_against, descend));
        for (auto& c : also)
            if (std::none_of(found->begin(), found->end(),
                             [&](const git::Change& f) { return f.path == c.path; }))
                found->push_back(std::move(c));
        return found;
    }());
    std::vector<git::Change> out;
    for (auto& c : changes)
        if (policy.governs(c.path) || (with_records && in_records_dir(c.path, pol)))
            out.push_back(std::move(c));
    return out;
}

// The staged records against those of `base` (a revision; "": none, a root commit).
util::Result<std::vector<check::LifecycleFinding>>
staged_lifecycle_against(const Staged& s, const std::vector<git::Change>& changes,
                         const std::string& base) {
    const std::string& before_dir = s.policy->policy().records_dir;
    const std::string& after_dir = s.records_dir();
    if (before_dir != after_dir) { // the records move: compare the two folders whole
        std::vector<util::SourceFile> before;
        if (!base.empty()) {
            TRY_ASSIGN(before, s.repo.read_dir_at(base, before_dir, record::is_record_file));
        }
        TRY_ASSIGN(auto after, s.repo.read_dir_from_index(after_dir, record::is_record_file));
        return check::lifecycle_findings(record::load(before), record::load(after),
                                         s.policy->policy().lint);
    }
    std::vector<std::string> records;
    for (const auto& c : changes)
        if (in_records_dir(c.path, s.policy->policy()))
            records.push_back(c.path);
    auto staged = [&](const std::string& path) {
        return s.repo.read_index_file(path, util::k_max_record_bytes);
    };
    auto found = check::lifecycle_of_files(
        records,
        [&](const std::string& path) -> util::Result<std::optional<std::string>> {
            if (base.empty())
                return std::nullopt;
            return s.repo.read_file_at(base, path, util::k_max_record_bytes);
        },
        staged, s.policy->policy().lint);
    // A merge being concluded answers only for what it introduces: not for a record a
    // merged branch changed alone, which that branch's own commits answered for.
    auto merged = util::read_file(s.repo.git_dir() / "MERGE_HEAD", 64 << 10);
    if (!found || !merged || base.empty())
        return found;
    auto heads = util::split(*merged, '\n');
    git::History history(s.repo);
    std::erase_if(*found, [&](const check::LifecycleFinding& f) {
        auto mine = staged(f.path);
        return mine && std::any_of(heads.begin(), heads.end(), [&](const std::string& head) {
                   std::string id(util::trim(head));
                   return !id.empty() &&
                          check::brought_by_merged_branch(history, base, id, f.path, *mine);
               });
    });
    return found;
}

// The commits the staged records are compared against: HEAD, or for an amend the amended
// commit's first parent (none for a root commit: "") and, when it is not certain to be an
// amend, HEAD as well (fail closed: what either comparison finds counts).
std::vector<std::string> lifecycle_bases(const Making* making) {
    if (!making || !making->amend)
        return {"HEAD"};
    std::vector<std::string> bases{making->parents.empty() ? "" : making->parents.front()};
    bases.insert(bases.end(), making->also_against.begin(), making->also_against.end());
    return bases;
}

// What the commit being made does against the lifecycle (check/lifecycle.hpp): the staged
// records against its parent's (HEAD's; lifecycle_bases). `changes` are
// staged_of_interest(s, *s.policy, true).
util::Result<std::vector<check::LifecycleFinding>>
staged_lifecycle(const Staged& s, const std::vector<git::Change>& changes,
                 const Making* making = nullptr) {
    std::vector<check::LifecycleFinding> found;
    for (const auto& base : lifecycle_bases(making)) {
        TRY_ASSIGN(auto more, staged_lifecycle_against(s, changes, base));
        for (auto& f : more)
            if (std::none_of(found.begin(), found.end(), [&](const check::LifecycleFinding& g) {
                    return g.kind == f.kind && g.id == f.id && g.message == f.message;
                }))
                found.push_back(std::move(f));
    }
    return found;
}

// Whether the staged change touches a path in the scope of the decision `id` (as staged).
// A decision that is not staged cannot be judged, so it is taken to cover the change.
util::Result<bool> touches_scope_of(const Staged& s, const std::string& id) {
    const std::string dir =
        s.policy ? s.policy->policy().records_dir : std::string(policy::Policy{}.records_dir);
    TRY_ASSIGN(auto files, s.repo.read_dir_from_index(dir, [&](std::string_view name) {
        return record::is_record_file(name) &&
               (name.rfind(id + "-", 0) == 0 || name == id + ".toml");
    }));
    auto catalog = record::load(files);
    const record::Record* r = catalog.find(id);
    if (!r)
        return true;
    auto scope = util::PathSet::compile(r->scope.paths);
    if (!scope || scope->empty())
        return false;
    git::History history(s.repo);
    TRY_ASSIGN(auto changes, history.staged_changes([&](const std::string& sub) {
        return scope->may_match_under(sub);
    }));
    return std::any_of(changes.begin(), changes.end(),
                       [&](const git::Change& c) { return scope->matches(c.path); });
}

std::string identity_email(const git::Repository& repo, const char* env) {
    if (const char* v = std::getenv(env); v && *v)
        return v;
    return repo.config_string("user.email").value_or("");
}

char comment_char(const git::Repository& repo) {
    auto c = repo.config_string("core.commentChar");
    return c && c->size() == 1 ? (*c)[0] : '#';
}

} // namespace

util::Result<int> pre_commit(std::ostream& err) {
    TRY_ASSIGN(auto s, open_staged());
    // Staged records are validated under the policy they will live under: the staged one.
    const gate::CompiledPolicy* effective = s.staged ? &*s.staged : s.policy ? &*s.policy : nullptr;
    if (!effective)
        return 0;
    TRY_ASSIGN(auto changes, staged_of_interest(s, *effective, true));
    const auto& pol = effective->policy();
    std::vector<std::string> records_changed;
    for (const auto& c : changes)
        if (in_records_dir(c.path, pol) && c.kind != git::Change::Kind::Deleted &&
            record::is_record_file(c.path))
            records_changed.push_back(c.path);
    if (records_changed.empty())
        return 0;
    // A record made accepted with its checklist incomplete is refused here already (the
    // lifecycle rules, under the policy in force, as commit-msg runs them).
    if (s.policy) {
        util::Result<std::vector<git::Change>> in_force =
            effective == &*s.policy ? changes : staged_of_interest(s, *s.policy, true);
        if (!in_force)
            return tl::unexpected(in_force.error());
        // Against the parent of the commit being made: an amend's is HEAD's parent.
        TRY_ASSIGN(auto making, commit_being_made(s.repo));
        TRY_ASSIGN(auto lifecycle, staged_lifecycle(s, *in_force, &making));
        std::erase_if(lifecycle, [](const check::LifecycleFinding& f) {
            return f.kind != check::LifecycleFinding::Kind::IncompleteAcceptance;
        });
        if (!lifecycle.empty()) {
            err << "git-decision: this commit leaves accepted decision records with their "
                   "checklist incomplete:\n"
                << report::render_lifecycle(lifecycle);
            return 1;
        }
    }
    TRY_ASSIGN(auto files, s.repo.read_dir_from_index(pol.records_dir, record::is_record_file));
    auto catalog = record::load(files);
    auto diags = check::validate_catalog(catalog, pol, &records_changed);
    bool errors = false;
    for (const auto& d : diags) {
        if (std::find(records_changed.begin(), records_changed.end(), d.file) ==
            records_changed.end())
            continue;
        err << util::sanitize(util::format(d)) << "\n";
        errors = errors || d.severity == util::Severity::Error;
    }
    if (errors) {
        err << "git-decision: the staged decision records have errors; fix them, git add, and "
               "commit again\n";
        return 1;
    }
    return 0;
}

util::Result<int> prepare_commit_msg(const std::string& file, const std::string& source,
                                     std::ostream&) {
    // git leaves merge, squash and amend/reuse messages to the user; so do we.
    if (source == "merge" || source == "squash" || source == "commit")
        return 0;
    TRY_ASSIGN(auto s, open_staged());
    TRY_ASSIGN(auto message, util::read_file(file, 8 << 20));
    std::string text = message;
    trailer::ParseOptions options;
    options.mode = trailer::Mode::MessageFile;
    options.comment_char = comment_char(s.repo);

    auto active = util::read_file(s.repo.git_dir() / gate::k_active_file, 256);
    if (active) {
        std::string id(util::trim(*active));
        if (record::is_valid_id(id)) {
            TRY_ASSIGN(auto touches, touches_scope_of(s, id));
            if (touches)
                text = trailer::add(text, {"Decision", id}, options);
        }
    }
    if (s.policy && (source.empty() || source == "template")) {
        TRY_ASSIGN(auto changes, staged_of_interest(s, *s.policy, false));
        TRY_ASSIGN(auto files, s.repo.read_dir_from_index(s.records_dir(), record::is_record_file));
        auto catalog = record::load(files);
        std::vector<const record::Record*> covering;
        for (const auto& c : changes) {
            if (!s.policy->governs(c.path))
                continue;
            for (const auto& r : catalog.records) {
                auto set = util::PathSet::compile(r.scope.paths);
                if (set && set->matches(c.path) &&
                    std::find(covering.begin(), covering.end(), &r) == covering.end())
                    covering.push_back(&r);
            }
        }
        if (!covering.empty()) {
            std::string c(1, options.comment_char);
            std::string block =
                c + " git-decision: decisions whose scope covers the staged governed paths\n" + c +
                " (keep one as a trailer to link it):\n";
            for (const auto* r : covering)
                block += c + " Decision: " + util::sanitize(r->id) + "  [" +
                         std::string(record::to_string(r->status)) + "] " +
                         util::sanitize(r->title) + "\n";
            auto scissors = text.find(c + " ------------------------ >8 ------------------------");
            if (scissors == std::string::npos)
                text += (text.empty() || text.back() == '\n' ? "" : "\n") + block;
            else
                text.insert(scissors, block);
        }
    }
    if (text == message)
        return 0;
    TRY(util::write_file_atomic(file, text));
    return 0;
}

// True when, comments and blank lines aside, the message holds nothing but `Decision:` lines:
// what prepare-commit-msg leaves when the user quits the editor without writing a message.
// git itself treats a message holding only Signed-off-by lines as empty, for the same reason.
static bool only_decision_lines(const std::string& message, char comment) {
    bool any = false;
    std::size_t start = 0;
    while (start < message.size()) {
        auto end = message.find('\n', start);
        if (end == std::string::npos)
            end = message.size();
        std::string line = message.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line[0] == comment)
            continue;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        if (util::to_lower(line.substr(0, 9)) != "decision:")
            return false;
        any = true;
    }
    return any;
}

namespace {

// What the staged dvc.lock files say (GitHub issue 6): the decisions whose pipeline stages
// changed under them, and the locks that could not be read. Moved, never copied: `stale`
// borrows from `stages` (a moved vector keeps its elements).
struct StagedPipeline {
    StagedPipeline() = default;
    StagedPipeline(StagedPipeline&&) = default;
    StagedPipeline& operator=(StagedPipeline&&) = default;

    std::vector<check::StageChange> stages;
    std::vector<check::StaleDecision> stale;
    std::vector<std::string> warnings;
};

// Each staged dvc.lock against the first parent's — the root one always (two cheap
// lookups), nested ones when a rule governs them.
util::Result<StagedPipeline> staged_pipeline(const Staged& s, const Making& making,
                                             const std::vector<git::Change>& changes) {
    StagedPipeline out;
    if (s.policy->policy().pipeline_staleness == policy::PipelineStaleness::Off)
        return out;
    std::vector<std::string> locks{std::string(gate::k_dvc_lock)};
    for (const auto& c : changes)
        if (gate::is_dvc_lock(c.path) && c.path != gate::k_dvc_lock)
            locks.push_back(c.path);
    auto in_parent = [&](const std::string& lock) -> util::Result<std::optional<std::string>> {
        if (making.parents.empty())
            return std::nullopt;
        return s.repo.read_file_at(making.parents.front(), lock, check::k_max_lock_bytes);
    };
    auto staged = [&](const std::string& lock) {
        return s.repo.read_index_file(lock, check::k_max_lock_bytes);
    };
    TRY_ASSIGN(out.stages, check::changed_stages(locks, in_parent, staged, out.warnings));
    if (!out.stages.empty()) {
        TRY_ASSIGN(auto all, s.repo.read_dir_from_index(s.records_dir(), record::is_record_file));
        out.stale = check::stale_decisions(out.stages, record::load(all));
    }
    return out;
}

// The links the message being committed makes: its trailers, and for a revert or a
// cherry-pick -x the links of the commit it names (git wrote that line into the message).
util::Result<check::Followed> message_links(const Staged& s, const std::string& message,
                                            link::CommitLinks& links) {
    const auto& pol = s.policy->policy();
    trailer::ParseOptions options;
    options.mode = trailer::Mode::MessageFile;
    options.comment_char = comment_char(s.repo);
    options.configured_keys = pol.signoff_trailers;
    options.configured_keys.push_back("Decision");
    links = link::extract(trailer::parse(message, options), nullptr, check::vocabulary(pol));
    if (!check::may_follow(message))
        return check::Followed{};
    git::History history(s.repo);
    TRY_ASSIGN(auto notes, history.notes(link::k_notes_ref));
    return check::follow_provenance(history, notes, message, pol, links);
}

// Coverage of the commit being made: `input` has its changed paths and links; the actor,
// the records, the approvals (in the history of every parent, and the message's own) are
// added here. `catalog` and `approvals` hold what `input` points to.
util::Result<gate::Coverage> staged_coverage(const Staged& s, const Making& making,
                                             check::Followed& followed, gate::CoverageInput& input,
                                             record::Catalog& catalog,
                                             std::vector<gate::Approval>& approvals) {
    const auto& pol = s.policy->policy();
    // The commit is not made yet, so not signed yet: under trust = "signed" its own
    // sign-offs do not count.
    input.actor = {identity_email(s.repo, "GIT_AUTHOR_EMAIL"),
                   identity_email(s.repo, "GIT_COMMITTER_EMAIL"), ""};
    // Parse only the linked records: with thousands of records, reading them all is what
    // would make the hook slow. All are read only to suggest a fix when the check fails.
    auto linked = [&](std::string_view name) {
        return record::is_record_file(name) &&
               std::any_of(input.links.decisions.begin(), input.links.decisions.end(),
                           [&](const link::DecisionRef& d) {
                               return name.rfind(d.id + "-", 0) == 0 || name == d.id + ".toml";
                           });
    };
    TRY_ASSIGN(auto files, s.repo.read_dir_from_index(s.records_dir(), linked));
    catalog = record::load(files);
    input.records = &catalog;
    check::settle_rollbacks(followed, catalog, input.links);
    // Approvals in the history of every parent: a merged branch's count. An amended HEAD's
    // own do not (its message is being replaced).
    for (const auto& parent : making.parents) {
        TRY_ASSIGN(auto found, check::history_approvals(s.repo, parent, pol));
        approvals.insert(approvals.end(), found.begin(), found.end());
    }
    auto own = gate::approvals_in(input.links, input.actor, "", catalog, pol);
    approvals.insert(approvals.end(), own.begin(), own.end());
    input.approvals = approvals;
    input.today = record::local_today();
    auto coverage = check::judge(*s.policy, input, s.policy_changed);
    if (!coverage.ok()) {
        TRY_ASSIGN(auto all, s.repo.read_dir_from_index(s.records_dir(), record::is_record_file));
        catalog = record::load(all);
        coverage = check::judge(*s.policy, input, s.policy_changed);
    }
    return coverage;
}

// Why the commit is refused, and how to reuse its message.
void print_refusal(std::ostream& err, const std::string& file, const Making& making,
                   const std::vector<check::LifecycleFinding>& lifecycle,
                   const gate::Coverage& coverage) {
    std::filesystem::path saved = std::filesystem::absolute(file);
    if (!lifecycle.empty())
        err << "git-decision: this commit changes decision records against their lifecycle:\n"
            << report::render_lifecycle(lifecycle);
    if (!coverage.ok()) {
        err << "git-decision: this commit changes governed paths that no approved decision "
               "covers:\n";
        if (making.amend)
            err << "(it amends HEAD (" << making.why
                << "), so it is checked against HEAD's parent with the new message)\n";
        err << report::render_coverage(coverage);
    }
    err << "\nYour commit message is saved in " << util::sanitize(saved.string())
        << "\nFix the above, then reuse it with: git commit " << (making.amend ? "--amend " : "")
        << "-e -F " << util::sanitize(saved.string()) << "\n";
}

} // namespace

util::Result<int> commit_msg(const std::string& file, std::ostream& err) {
    TRY_ASSIGN(auto s, open_staged());
    // The commit as it will be made: a merge's parents, an amend's (HEAD's parents).
    TRY_ASSIGN(auto making, commit_being_made(s.repo));
    // Judged by the policy in force: HEAD's, or for an amend its first parent's (when it is
    // not certain to be an amend (also_against), HEAD's unless it has none). With none, a
    // staged policy starts enforcement.
    if (making.amend && (making.also_against.empty() || !s.policy)) {
        TRY(in_force_at(s, making.parents));
    }
    if (!s.policy)
        return 0;
    TRY_ASSIGN(auto message, util::read_file(file, 8 << 20));
    if (only_decision_lines(message, comment_char(s.repo))) {
        err << "git-decision: aborting commit: the message holds only 'Decision:' "
               "trailers; write a subject line\n";
        return 1;
    }
    TRY_ASSIGN(auto changes, staged_of_interest(s, *s.policy, true, &making));
    // A merge's records are judged against its first parent, not only where they differ
    // from every parent: staged_lifecycle lets go what a merged branch changed alone.
    util::Result<std::vector<git::Change>> records_changed =
        making.merge ? staged_of_interest(s, *s.policy, true) : changes;
    TRY(records_changed);
    TRY_ASSIGN(auto lifecycle, staged_lifecycle(s, *records_changed, &making));
    if (auto notes = check::take_notes(lifecycle); !notes.empty())
        err << "git-decision: note: the policy lets this commit accept records with their "
               "checklist incomplete:\n"
            << report::render_lifecycle(notes);
    gate::CoverageInput input;
    for (const auto& c : changes)
        if (s.policy->governs(c.path))
            input.changed_paths.push_back(c.path);
    TRY_ASSIGN(auto pipeline, staged_pipeline(s, making, changes));
    if (input.changed_paths.empty() && pipeline.stale.empty() && !s.policy_changed &&
        lifecycle.empty()) {
        for (const auto& w : pipeline.warnings)
            err << "git-decision: warning: " << util::sanitize(w) << "\n";
        return 0;
    }
    TRY_ASSIGN(auto followed, message_links(s, message, input.links));
    record::Catalog catalog;
    std::vector<gate::Approval> approvals; // what input.approvals views
    TRY_ASSIGN(auto coverage, staged_coverage(s, making, followed, input, catalog, approvals));
    check::report_provenance(followed, coverage);
    coverage.warnings.insert(coverage.warnings.end(), pipeline.warnings.begin(),
                             pipeline.warnings.end());
    check::add_staleness(coverage, pipeline.stale, s.policy->policy().pipeline_staleness);
    if (coverage.ok() && lifecycle.empty()) {
        for (const auto& w : coverage.warnings)
            err << "git-decision: warning: " << util::sanitize(w) << "\n";
        return 0;
    }
    print_refusal(err, file, making, lifecycle, coverage);
    return 1;
}

bool report_pushed_commit(const git::CommitInfo& c, check::CommitReport& report,
                          std::string_view ref, std::ostream& failures, std::ostream& notes) {
    const std::string id = util::short_id(c.id);
    if (auto relaxed = check::take_notes(report.lifecycle); !relaxed.empty())
        notes << "git-decision: note: " << id
              << " accepts records with their checklist incomplete, as the policy allows:\n"
              << report::render_lifecycle(relaxed, "    ");
    for (const auto& e : report.errors)
        failures << "git-decision: " << id << ": " << util::sanitize(e) << "\n";
    const std::string title = util::sanitize(c.message.substr(0, c.message.find('\n')));
    const std::string where = " (" + util::sanitize(ref) + ")";
    if (!report.lifecycle.empty())
        failures << "git-decision: " << id << " " << title << where
                 << " changes decision records against their lifecycle:\n"
                 << report::render_lifecycle(report.lifecycle, "    ");
    if (report.coverage && !report.coverage->ok()) {
        failures << "git-decision: " << id << " " << title << where << "\n"
                 << report::render_coverage(*report.coverage, "    ");
    } else if (report.coverage) {
        // Covered, but worth knowing: overdue reviews, stale pipelines, waivers.
        for (const auto& w : report.coverage->warnings)
            notes << "git-decision: warning: " << id << ": " << util::sanitize(w) << "\n";
    }
    return !report.errors.empty() || !report.lifecycle.empty() ||
           (report.coverage && !report.coverage->ok());
}

util::Result<int> pre_push(const std::string& remote, std::istream& in, std::ostream& err) {
    TRY_ASSIGN(auto repo, git::Repository::open("."));
    auto is_zero = [](const std::string& oid) {
        return (oid.size() == 40 || oid.size() == 64) &&
               oid.find_first_not_of('0') == std::string::npos;
    };
    git::History history(repo);
    check::CommitChecker checker(repo);
    std::string line;
    // Counted in commits, each once: refs pushed together share commits (a branch and a tag
    // on it), and a commit is reported under the first ref that brings it.
    std::size_t failed = 0;
    std::set<std::string> checked;
    while (std::getline(in, line)) {
        auto parts = util::split(std::string(util::trim(line)), ' ');
        if (parts.size() != 4)
            continue;
        const std::string &local_ref = parts[0], &local = parts[1], &remote_oid = parts[3];
        if (is_zero(local))
            continue; // a deletion pushes no commits
        // Everything the remote already has, as far as we know it, is hidden: for a new
        // branch or a force push whose old tip we lack, that is its remote-tracking branches.
        TRY_ASSIGN(auto pushed, repo.peel_to_commit(local));
        if (!pushed)
            continue; // a tag of a tree or a blob pushes no commits
        std::vector<std::string> ranges{*pushed};
        if (!is_zero(remote_oid) && repo.resolve_commit(remote_oid)) {
            ranges.push_back("^" + remote_oid);
        } else {
            TRY_ASSIGN(auto tips, repo.remote_tracking_tips(remote));
            for (const auto& tip : tips)
                ranges.push_back("^" + tip);
        }
        // The checker carries approvals forward.
        TRY_ASSIGN(auto commits, history.oldest_first(ranges));
        for (const auto& c : commits) {
            TRY_ASSIGN(auto report, checker.check(c, record::local_today()));
            if (!checked.insert(c.id).second)
                continue;
            failed += report_pushed_commit(c, report, local_ref, err, err) ? 1 : 0;
        }
    }
    if (failed) {
        err << "git-decision: " << failed << " of " << checked.size()
            << " pushed commits are not covered by an approved decision; push rejected.\n"
               "Fix them (git rebase -i to add 'Decision:' trailers, or git decision link <commit> "
               "<ID>), "
               "then push again.\n";
        return 1;
    }
    return 0;
}

} // namespace decision::hook
