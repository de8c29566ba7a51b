#include "decision/record/lint.hpp"

#include "decision/record/parse.hpp"
#include "decision/record/template.hpp"
#include "decision/util/text.hpp"
#include "decision/util/toml_reader.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <tuple>

namespace decision::record {

using util::Diagnostic;
using util::Severity;

const std::vector<LintRule>& lint_rules() {
    static const std::vector<LintRule> k_rules{
        {"category", LintLevel::Warning, "a category", 1},
        {"problem-baseline", LintLevel::Warning,
         "the problem stated, with baseline metrics under [[problem.baseline]]", 2},
        {"options-evaluated", LintLevel::Warning,
         "at least two options evaluated with metrics; at acceptance exactly one chosen, each "
         "other with rejected_because",
         3},
        {"fairness-assessed", LintLevel::Warning,
         "fairness assessed: fairness metrics on the options, a fairness guardrail, [[fairness]] "
         "entries or fairness_not_applicable = \"why\"",
         4},
        {"decision-rationale", LintLevel::Warning,
         "the decision with its rationale and priority weights that sum to 100% (±1%)", 5},
        {"guardrails", LintLevel::Warning, "guardrails, each with a threshold and an action", 6},
        {"review-date", LintLevel::Warning, "review_date 30-90 days after date (policy: [review])",
         7},
        {"stakeholders", LintLevel::Warning, "stakeholders, each with a stance and concerns", 8},
        {"evidence-links", LintLevel::Warning, "evidence links under [[links]]", 9},
        {"owner-role", LintLevel::Warning, "the owner names a role"},
        {"scope", LintLevel::Warning, "scope.paths names the paths the decision governs"},
        {"unfilled", LintLevel::Warning,
         "no template placeholders left in (empty strings, \"<...>\" values)"},
    };
    return k_rules;
}

const std::map<std::string, std::string>& lint_rule_aliases() {
    static const std::map<std::string, std::string> k_aliases{
        {"baseline-metrics", "problem-baseline"}, {"rejected-options", "options-evaluated"},
        {"chosen-option", "options-evaluated"},   {"fairness-metrics", "fairness-assessed"},
        {"priorities-sum", "decision-rationale"}, {"supporting-links", "evidence-links"},
    };
    return k_aliases;
}

LintLevel LintConfig::level(const std::string& rule) const {
    if (auto it = levels.find(rule); it != levels.end())
        return it->second;
    for (const auto& r : lint_rules())
        if (r.name == rule)
            return r.default_level;
    return LintLevel::Off;
}

bool LintConfig::relaxes(Category c) const {
    return std::find(relaxed.begin(), relaxed.end(), c) != relaxed.end();
}

namespace {

bool blank(std::string_view s) {
    return util::trim(s).empty();
}

// A value the templates use to say "fill me in": "<the paths this decision governs>".
bool placeholder_text(std::string_view s) {
    auto t = util::trim(s);
    return t.empty() || (t.front() == '<' && t.back() == '>') ||
           t.find("{{") != std::string_view::npos;
}

// Every finding of every rule, before levels apply: severity Warning, rule set.
class Findings {
public:
    Findings(const Record& rec, const LintConfig& config) : m_rec(rec), m_config(config) {}

    std::vector<Diagnostic> run() {
        category();
        problem();
        options();
        fairness();
        decision();
        guardrails();
        review_date();
        stakeholders();
        links();
        owner();
        scope();
        placeholders();
        return std::move(m_out);
    }

private:
    const Record& m_rec;
    const LintConfig& m_config;
    std::vector<Diagnostic> m_out;

    // The position of the first of `keys` the record has, else the title's.
    Position where(std::initializer_list<std::string> keys) const {
        for (const auto& k : keys)
            if (auto it = m_rec.positions.find(k); it != m_rec.positions.end())
                return it->second;
        return m_rec.position_of("title");
    }
    void add(const std::string& rule, Position p, std::string message) {
        m_out.push_back(
            Diagnostic{m_rec.path, p.line, p.column, Severity::Warning, rule, std::move(message)});
    }
    static std::string at(const std::string& section, std::size_t i) {
        return section + "." + std::to_string(i);
    }
    static std::string named(const std::string& what, std::size_t i, const std::string& name) {
        return what + " " + std::to_string(i + 1) +
               (blank(name) ? "" : " ('" + util::sanitize(name) + "')");
    }

    void category() {
        if (!m_rec.positions.count("category"))
            add("category", where({"title"}),
                "no category; set category = \"MODEL SELECTION\" (or DATA PIPELINE, ...)");
    }

    void problem() {
        if (blank(m_rec.problem.statement))
            add("problem-baseline", where({"problem.statement", "problem"}),
                "the problem is not stated; say in problem.statement what is wrong, for whom, "
                "measured how");
        if (m_rec.problem.baseline.empty())
            add("problem-baseline", where({"problem"}),
                "no baseline metrics; record the metrics before the decision under "
                "[[problem.baseline]]");
    }

    void options() {
        const auto& opts = m_rec.options;
        if (opts.size() < 2)
            add("options-evaluated", where({"options"}),
                std::to_string(opts.size()) + " option" + (opts.size() == 1 ? "" : "s") +
                    " evaluated; compare at least two under [[options]]: the chosen one and "
                    "what it was chosen over");
        std::size_t chosen = 0;
        for (std::size_t i = 0; i < opts.size(); ++i) {
            const Option& o = opts[i];
            std::string key = at("options", i);
            if (o.chosen)
                ++chosen;
            if (o.metrics.empty())
                add("options-evaluated", where({key + ".metrics", key}),
                    named("option", i, o.name) +
                        " has no metrics; add metrics = { ... } measured like the baseline");
            if (!o.chosen && blank(o.rejected_because))
                add("options-evaluated", where({key + ".rejected_because", key}),
                    named("option", i, o.name) +
                        " is not chosen and says no reason; add rejected_because");
        }
        if (chosen > 1)
            add("options-evaluated", where({"options"}),
                "more than one option is marked chosen = true");
        else if (chosen == 0 && m_rec.status == Status::Accepted)
            add("options-evaluated", where({"options"}),
                "no option is marked chosen = true; an accepted decision chooses exactly one");
    }

    void fairness() {
        const auto& r = m_rec;
        bool assessed = !r.fairness.empty() || !blank(r.fairness_not_applicable) ||
                        std::any_of(r.options.begin(), r.options.end(),
                                    [](const Option& o) { return !o.fairness.empty(); }) ||
                        std::any_of(r.guardrails.begin(), r.guardrails.end(),
                                    [](const Guardrail& g) { return g.kind == "fairness"; });
        if (!assessed)
            add("fairness-assessed", where({"fairness_not_applicable", "category"}),
                "fairness is not assessed; add fairness metrics to the options (fairness = "
                "{ ... }), a guardrail with kind = \"fairness\", [[fairness]], or "
                "fairness_not_applicable = \"why it does not apply\"");
    }

    void decision() {
        const Outcome& d = m_rec.decision;
        if (blank(d.summary))
            add("decision-rationale", where({"decision.summary", "decision"}),
                "no decision summary; say what was decided in decision.summary");
        if (blank(d.rationale))
            add("decision-rationale", where({"decision.rationale", "decision"}),
                "no rationale; say in decision.rationale why the chosen option wins");
        if (d.priorities.empty()) {
            add("decision-rationale", where({"decision.priorities", "decision"}),
                "no priority weights; add decision.priorities = { performance = 0.4, ... } "
                "summing to 100%");
            return;
        }
        double sum = 0;
        for (const auto& [k, v] : d.priorities)
            sum += v;
        if (sum < 0.99 - 1e-9 || sum > 1.01 + 1e-9)
            add("decision-rationale", where({"decision.priorities", "decision"}),
                "decision.priorities weights add up to " + util::format_percent(sum) +
                    ", not 100% (±1%)");
    }

    void guardrails() {
        const auto& gs = m_rec.guardrails;
        if (gs.empty())
            add("guardrails", where({"guardrails"}),
                "no guardrails; add a [[guardrails]] threshold that triggers re-evaluation");
        for (std::size_t i = 0; i < gs.size(); ++i) {
            const Guardrail& g = gs[i];
            std::string key = at("guardrails", i);
            bool threshold = (g.op && g.value) || g.max_drop || g.max_relative_drop;
            if (!threshold)
                add("guardrails", where({key}),
                    named("guardrail", i, g.metric) +
                        " has no threshold; set op and value, max_drop or max_relative_drop");
            if (blank(g.action))
                add("guardrails", where({key}),
                    named("guardrail", i, g.metric) +
                        " has no action; add action = \"re-evaluate\" (or rollback, page)");
        }
    }

    void review_date() {
        const auto& c = m_config;
        std::string window =
            std::to_string(c.review_min_days) + "-" + std::to_string(c.review_max_days);
        if (!m_rec.review_date) {
            add("review-date", where({"date"}),
                "no review_date; set one " + window + " days after date");
        } else if (m_rec.date) {
            auto days =
                (std::chrono::sys_days(*m_rec.review_date) - std::chrono::sys_days(*m_rec.date))
                    .count();
            if (days < c.review_min_days || days > c.review_max_days)
                add("review-date", where({"review_date"}),
                    "review_date is " + std::to_string(days) + " days after date; expected " +
                        window);
        }
    }

    void stakeholders() {
        const auto& ss = m_rec.stakeholders;
        if (ss.empty())
            add("stakeholders", where({"stakeholders"}),
                "no stakeholders; add [[stakeholders]] with name, role, stance and concerns, "
                "objections included");
        for (std::size_t i = 0; i < ss.size(); ++i) {
            std::string key = at("stakeholders", i);
            if (blank(ss[i].stance))
                add("stakeholders", where({key + ".stance", key}),
                    named("stakeholder", i, ss[i].name) +
                        " has no stance; set stance = \"approve\" (or concern, object, abstain)");
            if (ss[i].concerns.empty())
                add("stakeholders", where({key + ".concerns", key}),
                    named("stakeholder", i, ss[i].name) +
                        " lists no concerns; add concerns = [\"...\"]");
        }
    }

    void links() {
        if (std::none_of(m_rec.links.begin(), m_rec.links.end(),
                         [](const Link& l) { return !blank(l.url); }))
            add("evidence-links", where({"links"}),
                "no evidence links; add [[links]] to the evaluation, dashboard or report behind "
                "this decision");
    }

    void owner() {
        if (blank(m_rec.owner.role))
            add("owner-role", where({"owner.role", "owner"}),
                "the owner has no role; add role = \"PM\" (or ML Engineer, Data Lead, ...) under "
                "[owner]");
    }

    void scope() {
        if (m_rec.scope.paths.empty())
            add("scope", where({"scope.paths", "scope"}),
                "no scope.paths: this decision governs no paths; list them under [scope], e.g. "
                "paths = [\"models/fraud/**\"]");
    }

    // The rule a field belongs to, by its dotted path.
    static std::string rule_of(const std::string& path) {
        auto first = path.substr(0, path.find('.'));
        if (first == "problem")
            return "problem-baseline";
        if (first == "options")
            return path.find(".fairness") != std::string::npos ? "fairness-assessed"
                                                               : "options-evaluated";
        if (first == "decision")
            return "decision-rationale";
        if (first == "fairness" || first == "fairness_not_applicable")
            return "fairness-assessed";
        static const std::map<std::string, std::string> k_sections{{"guardrails", "guardrails"},
                                                                   {"stakeholders", "stakeholders"},
                                                                   {"links", "evidence-links"},
                                                                   {"scope", "scope"}};
        auto it = k_sections.find(first);
        return it == k_sections.end() ? "unfilled" : it->second;
    }

    // Calls `leaf(path, node)` for every value below `node` that is not a non-empty table
    // or array of tables, with paths as Record::positions spells them.
    static void walk(const toml::node& node, const std::string& path,
                     const std::function<void(const std::string&, const toml::node&)>& leaf,
                     int depth = 0) {
        if (depth > 6)
            return;
        if (const toml::table* t = node.as_table(); t && !t->empty()) {
            for (auto&& [key, child] : *t)
                walk(child,
                     path.empty() ? std::string(key.str()) : path + "." + std::string(key.str()),
                     leaf, depth + 1);
        } else if (const toml::array* a = node.as_array();
                   a && !a->empty() && a->is_array_of_tables()) {
            for (std::size_t i = 0; i < a->size(); ++i)
                walk(*a->get(i), path + "." + std::to_string(i), leaf, depth + 1);
        } else {
            leaf(path, node);
        }
    }

    static bool placeholder_node(const toml::node& n) {
        if (auto s = n.value<std::string>())
            return placeholder_text(*s);
        if (const toml::array* a = n.as_array())
            return a->empty() || (a->size() == 1 && a->get(0)->value<std::string>() &&
                                  placeholder_text(*a->get(0)->value<std::string>()));
        if (const toml::table* t = n.as_table())
            return t->empty();
        return false;
    }

    // Template placeholders left in: strings that are empty or "<...>" anywhere, and values
    // still equal to a placeholder of the category's template at the same place (its empty
    // lists and tables). A field an item already reported on that line is not repeated.
    void placeholders() {
        auto mine = util::parse_toml(m_rec.text, m_rec.path);
        if (!mine)
            return;
        TemplateValues values;
        values.id = m_rec.id;
        values.title = m_rec.title;
        values.date = m_rec.date.value_or(Date{});
        values.review_date = m_rec.review_date.value_or(Date{});
        values.owner_name = m_rec.owner.name;
        values.owner_email = m_rec.owner.email;
        values.owner_role = m_rec.owner.role;
        std::map<std::string, std::string> template_placeholders; // path -> TOML text
        if (auto tpl = util::parse_toml(render_template(m_rec.category, values), "template"))
            walk(*tpl, "", [&](const std::string& path, const toml::node& n) {
                if (placeholder_node(n))
                    template_placeholders[path] = text_of(n);
            });
        std::set<int> reported;
        for (const auto& d : m_out)
            reported.insert(d.line);
        walk(*mine, "", [&](const std::string& path, const toml::node& n) {
            auto s = n.value<std::string>();
            bool left = s ? placeholder_text(*s) : false;
            if (auto it = template_placeholders.find(path); it != template_placeholders.end())
                left = left || text_of(n) == it->second;
            if (!left)
                return;
            Position p = where({path});
            if (!reported.insert(p.line).second)
                return;
            add(rule_of(path), p,
                "'" + util::sanitize(path) + "' is still the template's placeholder (" +
                    util::sanitize(text_of(n)) + "); fill it in or delete it");
        });
    }

    static std::string text_of(const toml::node& n) {
        if (auto s = n.value<std::string>())
            return "\"" + *s + "\"";
        if (const toml::array* a = n.as_array()) {
            std::string out = "[";
            for (std::size_t i = 0; i < a->size(); ++i)
                out += (i ? ", " : "") + text_of(*a->get(i));
            return out + "]";
        }
        if (const toml::table* t = n.as_table(); t && t->empty())
            return "{}";
        std::ostringstream os;
        n.visit([&](const auto& v) { os << v; });
        return os.str();
    }
};

Severity severity_of(LintLevel level) {
    return level == LintLevel::Error ? Severity::Error : Severity::Warning;
}

} // namespace

std::vector<Diagnostic> lint(const Record& rec, const LintConfig& config) {
    std::vector<Diagnostic> out;
    for (auto& d : Findings(rec, config).run()) {
        LintLevel level = config.level(d.rule);
        if (level == LintLevel::Off)
            continue;
        d.severity = severity_of(level);
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<ChecklistItem> checklist(const Record& rec, const LintConfig& config) {
    std::vector<ChecklistItem> items;
    for (const auto& rule : lint_rules())
        if (rule.item > 0)
            items.push_back({rule.item, rule.name, rule.summary, true, {}});
    for (auto& d : Findings(rec, config).run())
        for (auto& item : items)
            if (item.name == d.rule) {
                LintLevel level = config.level(d.rule);
                d.severity = level == LintLevel::Off ? Severity::Warning : severity_of(level);
                item.met = false;
                item.findings.push_back(std::move(d));
            }
    return items;
}

Acceptance acceptance(const Record& rec, const LintConfig& config) {
    Record accepted = rec;
    accepted.status = Status::Accepted;
    Acceptance out;
    bool relaxed = config.relaxes(rec.category);
    for (auto& d : Findings(accepted, config).run()) {
        if (d.rule == "owner-role")
            continue;
        d.severity = relaxed ? Severity::Note : Severity::Error;
        (relaxed ? out.notes : out.errors).push_back(std::move(d));
    }
    // Top to bottom, as check lists them and as the record is edited.
    for (auto* list : {&out.errors, &out.notes})
        std::stable_sort(list->begin(), list->end(), [](const Diagnostic& a, const Diagnostic& b) {
            return std::tie(a.line, a.column) < std::tie(b.line, b.column);
        });
    return out;
}

namespace {
std::string file_name(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}
} // namespace

std::vector<Diagnostic> check_collection(const std::vector<Record>& records,
                                         const std::string& id_prefix) {
    std::vector<Diagnostic> out;
    auto error = [&](const Record& r, const std::string& key, std::string rule, std::string msg) {
        Position p = r.position_of(key);
        out.push_back(
            Diagnostic{r.path, p.line, p.column, Severity::Error, std::move(rule), std::move(msg)});
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
                      "; give one of them the next free ID (git decision new allocates one) and "
                      "rename its file");
        }
        std::string name = file_name(r.path);
        if (name != r.id + ".toml" && name.rfind(r.id + "-", 0) != 0)
            error(r, "id", "id-filename",
                  "ID " + r.id + " does not match the file name '" + name + "'; name the file " +
                      r.id + "-<slug>.toml");
        if (is_valid_id(r.id) && r.id.substr(0, r.id.find('-')) != id_prefix)
            error(r, "id", "id-prefix",
                  "ID " + r.id + " does not use the policy's prefix '" + id_prefix + "'");
        for (const auto& s : r.supersedes) {
            if (s == r.id)
                error(r, "supersedes", "supersedes", r.id + " supersedes itself");
            else if (!by_id.count(s))
                error(r, "supersedes", "supersedes",
                      "supersedes " + s + ", but no record has that ID");
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
                        error(*by_id[next].front(), "supersedes", "supersede-cycle",
                              "supersede cycle: " + cycle);
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
                std::find(other.supersedes.begin(), other.supersedes.end(), r.id) !=
                    other.supersedes.end())
                has_successor = true;
        if (!has_successor)
            error(r, "status", "superseded-by",
                  r.id +
                      " is superseded, but no accepted record lists it in supersedes; use git "
                      "decision supersede " +
                      r.id + " --by <ID>");
    }
    return out;
}

} // namespace decision::record
