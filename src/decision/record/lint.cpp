#include "decision/record/lint.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "decision/record/parse.hpp"
#include "decision/util/text.hpp"

namespace decision::record {

using util::Diagnostic;
using util::Severity;

const std::vector<LintRule>& lint_rules() {
    static const std::vector<LintRule> k_rules{
        {"owner-role", LintLevel::Warning, "the owner names a role"},
        {"baseline-metrics", LintLevel::Warning, "baseline metrics are recorded under [[problem.baseline]]"},
        {"rejected-options", LintLevel::Warning, "at least two rejected options, each with rejected_because"},
        {"chosen-option", LintLevel::Warning, "an accepted decision marks exactly one option chosen = true"},
        {"guardrails", LintLevel::Warning, "at least one [[guardrails]] entry"},
        {"review-date", LintLevel::Warning, "review_date is 30-90 days after date"},
        {"supporting-links", LintLevel::Warning, "at least one [[links]] entry"},
        {"fairness-metrics", LintLevel::Warning, "ETHICAL REVIEW decisions name fairness metrics"},
        {"priorities-sum", LintLevel::Warning, "decision.priorities weights add up to 1"},
        {"unfilled", LintLevel::Warning, "the template's fields are filled in (no empty names, summary or metrics)"},
    };
    return k_rules;
}

LintLevel LintConfig::level(const std::string& rule) const {
    if (auto it = levels.find(rule); it != levels.end())
        return it->second;
    for (const auto& r : lint_rules())
        if (r.name == rule)
            return r.default_level;
    return LintLevel::Off;
}

std::vector<Diagnostic> lint(const Record& rec, const LintConfig& config) {
    std::vector<Diagnostic> out;
    auto report = [&](const std::string& rule, const std::string& key, std::string message) {
        LintLevel level = config.level(rule);
        if (level == LintLevel::Off)
            return;
        Position p = rec.position_of(key);
        out.push_back(Diagnostic{rec.path, p.line, p.column,
                                 level == LintLevel::Error ? Severity::Error : Severity::Warning, rule,
                                 std::move(message)});
    };

    if (rec.owner.role.empty())
        report("owner-role", "owner", "the owner has no role; add role = \"PM\" (or ML Engineer, Data Lead, ...) under [owner]");
    if (rec.problem.baseline.empty())
        report("baseline-metrics", rec.positions.count("problem") ? "problem" : "title",
               "no baseline metrics; record the metrics before the decision under [[problem.baseline]]");

    std::size_t rejected = 0, unexplained = 0, chosen = 0;
    for (const auto& o : rec.options) {
        if (o.chosen)
            ++chosen;
        else if (o.rejected_because.empty())
            ++unexplained;
        else
            ++rejected;
    }
    std::string options_key = rec.positions.count("options") ? "options" : "title";
    if (rejected < 2) {
        std::string msg = "only " + std::to_string(rejected) + " rejected option" + (rejected == 1 ? "" : "s") +
                          " with a reason; record at least two alternatives under [[options]], each with rejected_because";
        if (unexplained > 0)
            msg += " (" + std::to_string(unexplained) + " option" + (unexplained == 1 ? " has" : "s have") +
                   " no rejected_because)";
        report("rejected-options", options_key, msg);
    }
    if (rec.status == Status::Accepted && chosen != 1)
        report("chosen-option", options_key,
               chosen == 0 ? "no option is marked chosen = true" : "more than one option is marked chosen = true");
    if (rec.guardrails.empty())
        report("guardrails", rec.positions.count("guardrails") ? "guardrails" : "title",
               "no guardrails; add a [[guardrails]] threshold that triggers re-evaluation");
    if (!rec.review_date) {
        report("review-date", "date", "no review_date; set one " + std::to_string(config.review_min_days) + "-" +
                                          std::to_string(config.review_max_days) + " days after date");
    } else if (rec.date) {
        auto days = (std::chrono::sys_days(*rec.review_date) - std::chrono::sys_days(*rec.date)).count();
        if (days < config.review_min_days || days > config.review_max_days)
            report("review-date", "review_date",
                   "review_date is " + std::to_string(days) + " days after date; expected " +
                       std::to_string(config.review_min_days) + "-" + std::to_string(config.review_max_days));
    }
    if (rec.links.empty())
        report("supporting-links", rec.positions.count("links") ? "links" : "title",
               "no supporting links; add [[links]] to the evaluation, dashboard or report behind this decision");
    if (rec.category == Category::EthicalReview) {
        bool named = !rec.fairness.empty() ||
                     std::any_of(rec.options.begin(), rec.options.end(), [](const Option& o) { return !o.fairness.empty(); }) ||
                     std::any_of(rec.guardrails.begin(), rec.guardrails.end(),
                                 [](const Guardrail& g) { return g.kind == "fairness"; });
        if (!named)
            report("fairness-metrics", "category",
                   "an ETHICAL REVIEW decision names no fairness metric; add [[fairness]] (metric, method, "
                   "sensitive_features) or a guardrail with kind = \"fairness\"");
    }
    std::vector<std::string> empty;
    if (rec.positions.count("problem") && util::trim(rec.problem.statement).empty())
        empty.push_back("problem.statement");
    if (rec.positions.count("decision") && util::trim(rec.decision.summary).empty())
        empty.push_back("decision.summary");
    for (std::size_t i = 0; i < rec.options.size(); ++i)
        if (util::trim(rec.options[i].name).empty())
            empty.push_back("options[" + std::to_string(i) + "].name");
    for (std::size_t i = 0; i < rec.guardrails.size(); ++i)
        if (util::trim(rec.guardrails[i].metric).empty())
            empty.push_back("guardrails[" + std::to_string(i) + "].metric");
    if (!empty.empty()) {
        std::string list;
        for (const auto& e : empty)
            list += (list.empty() ? "" : ", ") + e;
        report("unfilled", "title", "still empty from the template: " + list);
    }
    if (!rec.decision.priorities.empty()) {
        double sum = 0;
        for (const auto& [k, v] : rec.decision.priorities)
            sum += v;
        if (sum < 0.999 || sum > 1.001) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%g", sum);
            report("priorities-sum", "decision", std::string("decision.priorities weights add up to ") + buf +
                                                     ", not 1");
        }
    }
    return out;
}

namespace {
std::string file_name(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}
} // namespace

std::vector<Diagnostic> check_collection(const std::vector<Record>& records, const std::string& id_prefix) {
    std::vector<Diagnostic> out;
    auto error = [&](const Record& r, const std::string& key, std::string rule, std::string msg) {
        Position p = r.position_of(key);
        out.push_back(Diagnostic{r.path, p.line, p.column, Severity::Error, std::move(rule), std::move(msg)});
    };
    std::map<std::string, std::vector<const Record*>> by_id;
    for (const auto& r : records)
        if (!r.id.empty())
            by_id[r.id].push_back(&r);

    for (const auto& r : records) {
        if (r.id.empty())
            continue;
        const auto& same = by_id[r.id];
        if (same.size() > 1) {
            std::string others;
            for (const Record* o : same)
                if (o != &r)
                    others += (others.empty() ? "" : ", ") + o->path;
            error(r, "id", "duplicate-id",
                  "ID " + r.id + " is also used by " + others +
                      "; give one of them the next free ID (git decision new allocates one) and rename its file");
        }
        std::string name = file_name(r.path);
        if (name != r.id + ".toml" && name.rfind(r.id + "-", 0) != 0)
            error(r, "id", "id-filename",
                  "ID " + r.id + " does not match the file name '" + name + "'; name the file " + r.id +
                      "-<slug>.toml");
        if (is_valid_id(r.id) && r.id.substr(0, r.id.find('-')) != id_prefix)
            error(r, "id", "id-prefix", "ID " + r.id + " does not use the policy's prefix '" + id_prefix + "'");
        for (const auto& s : r.supersedes) {
            if (s == r.id)
                error(r, "supersedes", "supersedes", r.id + " supersedes itself");
            else if (!by_id.count(s))
                error(r, "supersedes", "supersedes", "supersedes " + s + ", but no record has that ID");
        }
    }

    // Cycles: depth-first over supersedes edges, reporting each cycle once at its first record.
    std::map<std::string, int> state; // 0 new, 1 on the stack, 2 done
    std::set<std::string> reported;
    std::vector<std::string> stack;
    std::function<void(const std::string&)> visit = [&](const std::string& id) {
        state[id] = 1;
        stack.push_back(id);
        for (const Record* r : by_id[id])
            for (const auto& next : r->supersedes) {
                if (!by_id.count(next) || next == id)
                    continue;
                if (state[next] == 1) {
                    auto start = std::find(stack.begin(), stack.end(), next);
                    std::string cycle;
                    for (auto it = start; it != stack.end(); ++it)
                        cycle += *it + " -> ";
                    cycle += next;
                    if (reported.insert(*std::min_element(start, stack.end())).second)
                        error(*by_id[next].front(), "supersedes", "supersede-cycle", "supersede cycle: " + cycle);
                } else if (state[next] == 0) {
                    visit(next);
                }
            }
        stack.pop_back();
        state[id] = 2;
    };
    for (const auto& [id, recs] : by_id)
        if (state[id] == 0)
            visit(id);

    for (const auto& r : records) {
        if (r.status != Status::Superseded)
            continue;
        bool has_successor = false;
        for (const auto& other : records)
            if (other.status == Status::Accepted &&
                std::find(other.supersedes.begin(), other.supersedes.end(), r.id) != other.supersedes.end())
                has_successor = true;
        if (!has_successor)
            error(r, "status", "superseded-by",
                  r.id + " is superseded, but no accepted record lists it in supersedes; use git decision supersede " +
                      r.id + " --by <ID>");
    }
    return out;
}

} // namespace decision::record
