#include "decision/record/parse.hpp"

#include "decision/record/evidence.hpp"
#include "decision/util/text.hpp"
#include "decision/util/toml_reader.hpp"

#include <charconv>
#include <sstream>

namespace decision::record {

using util::Diagnostic;
using util::Severity;
using util::TomlReader;

bool is_valid_id(std::string_view id) {
    auto dash = id.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 == id.size() || dash > 16 ||
        id.size() > 40)
        return false;
    if (!(id[0] >= 'A' && id[0] <= 'Z'))
        return false;
    for (std::size_t i = 0; i < dash; ++i)
        if (!((id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9')))
            return false;
    for (std::size_t i = dash + 1; i < id.size(); ++i)
        if (!(id[i] >= '0' && id[i] <= '9'))
            return false;
    return true;
}

std::optional<long> id_number(std::string_view id) {
    if (!is_valid_id(id))
        return std::nullopt;
    auto digits = id.substr(id.find('-') + 1);
    long n = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc())
        return std::nullopt;
    return n;
}

namespace {

const std::vector<std::string> k_top_keys{"id",
                                          "title",
                                          "category",
                                          "status",
                                          "date",
                                          "review_date",
                                          "tags",
                                          "supersedes",
                                          "owner",
                                          "scope",
                                          "models",
                                          "problem",
                                          "options",
                                          "decision",
                                          "guardrails",
                                          "stakeholders",
                                          "links",
                                          "fairness",
                                          "fairness_not_applicable"};

// Records where every key below `table` starts, by dotted path (see Record::positions);
// an entry already there is kept.
void note_positions(const toml::table& table, const std::string& prefix, Record& rec,
                    int depth = 0) {
    if (depth > 4)
        return;
    for (auto&& [key, node] : table) {
        std::string path = prefix + std::string(key.str());
        rec.positions.emplace(
            path, util::position_of(key.source().begin.line ? key.source() : node.source()));
        if (const toml::table* t = node.as_table())
            note_positions(*t, path + ".", rec, depth + 1);
        else if (const toml::array* a = node.as_array(); a && a->is_array_of_tables())
            for (std::size_t i = 0; i < a->size(); ++i) {
                const toml::table* entry = a->get(i)->as_table();
                std::string at = path + "." + std::to_string(i);
                rec.positions.emplace(at, util::position_of(entry->source()));
                note_positions(*entry, at + ".", rec, depth + 1);
            }
    }
}

// The top-level keys: identity, lifecycle and dates. Records every key's position.
void read_header(const toml::table& root, util::TomlReader& r, Record& rec) {
    r.check_keys(root, "", k_top_keys);
    for (auto&& [key, node] : root)
        rec.positions[std::string(key.str())] =
            util::position_of(key.source().begin.line ? key.source() : node.source());

    rec.id = r.string(r.required(root, "id", "id", nullptr), "id");
    if (!rec.id.empty() && !is_valid_id(rec.id))
        r.error(root.get("id"),
                "id '" + util::sanitize(rec.id) +
                    "' must look like DEC-0042: upper-case letters, a dash, then digits");
    rec.title = r.string(r.required(root, "title", "title", nullptr), "title");
    if (root.get("title") && root.get("title")->is_string() && util::trim(rec.title).empty())
        r.error(root.get("title"), "'title' must not be empty");
    if (const toml::node* n = r.required(root, "category", "category", nullptr)) {
        std::string c = r.one_of(n, "category", category_names());
        if (auto cat = parse_category(c))
            rec.category = *cat;
    }
    if (const toml::node* n = r.required(root, "status", "status", nullptr)) {
        std::string s = r.one_of(n, "status", status_names());
        if (auto st = parse_status(s))
            rec.status = *st;
    }
    rec.date = r.date(r.required(root, "date", "date", nullptr), "date");
    rec.review_date = r.date(root.get("review_date"), "review_date");
    rec.tags = r.strings(root.get("tags"), "tags");
    rec.supersedes = r.strings(root.get("supersedes"), "supersedes");
    if (const toml::node* n = root.get("supersedes"); n && n->is_array())
        for (std::size_t i = 0; i < rec.supersedes.size(); ++i)
            if (!rec.supersedes[i].empty() && !is_valid_id(rec.supersedes[i]))
                r.error(n->as_array()->get(i), "supersedes entry '" +
                                                   util::sanitize(rec.supersedes[i]) +
                                                   "' is not an ID like DEC-0042");
}

// [owner]: who answers for the decision.
void read_owner(const toml::table& root, util::TomlReader& r, Record& rec) {
    if (const toml::table* t = r.table(r.required(root, "owner", "owner", nullptr), "owner")) {
        r.check_keys(*t, "[owner]", {"name", "role", "email"});
        rec.owner.name = r.string(r.required(*t, "name", "owner.name", t), "owner.name");
        if (t->get("name") && t->get("name")->is_string() && util::trim(rec.owner.name).empty())
            r.error(t->get("name"), "'owner.name' must not be empty");
        rec.owner.role = r.string(t->get("role"), "owner.role");
        rec.owner.email = r.string(t->get("email"), "owner.email");
    }
}

// [scope] and [[models]]: what the decision governs.
void read_scope(const toml::table& root, util::TomlReader& r, Record& rec) {
    if (const toml::table* t = r.table(root.get("scope"), "scope")) {
        r.check_keys(*t, "[scope]", {"paths", "models"});
        rec.scope.paths = r.strings(t->get("paths"), "scope.paths");
        rec.scope.models = r.strings(t->get("models"), "scope.models");
    }
    r.tables(root.get("models"), "models", [&](const toml::table& t, std::size_t) {
        r.check_keys(t, "[[models]]", {"name", "version"});
        rec.models.push_back(
            {r.string(r.required(t, "name", "models.name", &t), "models.name"),
             r.string(r.required(t, "version", "models.version", &t), "models.version")});
    });
}

// [problem] and its [[problem.baseline]] metrics.
void read_problem(const toml::table& root, util::TomlReader& r, Record& rec) {
    if (const toml::table* t = r.table(root.get("problem"), "problem")) {
        r.check_keys(*t, "[problem]", {"statement", "trigger", "constraints", "baseline"});
        rec.problem.statement = r.string(t->get("statement"), "problem.statement");
        rec.problem.trigger = r.string(t->get("trigger"), "problem.trigger");
        rec.problem.constraints = r.strings(t->get("constraints"), "problem.constraints");
        r.tables(t->get("baseline"), "problem.baseline", [&](const toml::table& b, std::size_t) {
            r.check_keys(b, "[[problem.baseline]]", {"metric", "value", "source"});
            BaselineMetric m;
            m.metric = r.string(r.required(b, "metric", "problem.baseline.metric", &b),
                                "problem.baseline.metric");
            m.value = r.number(r.required(b, "value", "problem.baseline.value", &b),
                               "problem.baseline.value")
                          .value_or(0);
            m.source = r.string(b.get("source"), "problem.baseline.source");
            rec.problem.baseline.push_back(std::move(m));
        });
    }
}

// [[options]]: the alternatives weighed.
void read_options(const toml::table& root, util::TomlReader& r, Record& rec) {
    r.tables(root.get("options"), "options", [&](const toml::table& t, std::size_t i) {
        r.check_keys(
            t, "[[options]]",
            {"name", "summary", "chosen", "rejected_because", "metrics", "fairness", "advocates"});
        rec.positions["options." + std::to_string(i)] = util::position_of(t.source());
        Option o;
        o.name = r.string(r.required(t, "name", "options.name", &t), "options.name");
        o.summary = r.string(t.get("summary"), "options.summary");
        o.chosen = r.boolean(t.get("chosen"), "options.chosen");
        o.rejected_because = r.string(t.get("rejected_because"), "options.rejected_because");
        o.metrics = r.numbers(t.get("metrics"), "options.metrics");
        o.fairness = r.numbers(t.get("fairness"), "options.fairness");
        o.advocates = r.strings(t.get("advocates"), "options.advocates");
        rec.options.push_back(std::move(o));
    });
}

// [decision]: what was decided and why.
void read_decision(const toml::table& root, util::TomlReader& r, Record& rec) {
    if (const toml::table* t = r.table(root.get("decision"), "decision")) {
        r.check_keys(*t, "[decision]", {"summary", "rationale", "tradeoffs", "priorities"});
        rec.decision.summary = r.string(t->get("summary"), "decision.summary");
        rec.decision.rationale = r.string(t->get("rationale"), "decision.rationale");
        rec.decision.tradeoffs = r.strings(t->get("tradeoffs"), "decision.tradeoffs");
        rec.decision.priorities = r.numbers(t->get("priorities"), "decision.priorities");
        for (const auto& [name, weight] : rec.decision.priorities)
            if (weight < 0 || weight > 1)
                r.error(t->get("priorities"),
                        "priority weight '" + util::sanitize(name) + "' must be from 0 to 1");
    }
}

// [[guardrails]]: absolute or relative metric bounds.
void read_guardrails(const toml::table& root, util::TomlReader& r, Record& rec) {
    r.tables(root.get("guardrails"), "guardrails", [&](const toml::table& t, std::size_t) {
        r.check_keys(t, "[[guardrails]]",
                     {"metric", "op", "value", "max_drop", "max_relative_drop", "direction",
                      "action", "kind", "window"});
        Guardrail g;
        g.position = util::position_of(t.source());
        g.metric = r.string(r.required(t, "metric", "guardrails.metric", &t), "guardrails.metric");
        if (const toml::node* op = t.get("op")) {
            std::string s = r.one_of(op, "guardrails.op", {"<", "<=", ">", ">=", "==", "!="});
            g.op = parse_op(s);
        }
        g.value = r.number(t.get("value"), "guardrails.value");
        g.max_drop = r.number(t.get("max_drop"), "guardrails.max_drop");
        g.max_relative_drop = r.number(t.get("max_relative_drop"), "guardrails.max_relative_drop");
        g.direction = r.one_of(t.get("direction"), "guardrails.direction",
                               {"higher_is_better", "lower_is_better"});
        g.action =
            r.one_of(t.get("action"), "guardrails.action", {"re-evaluate", "rollback", "page"});
        g.kind = r.one_of(t.get("kind"), "guardrails.kind",
                          {"performance", "latency", "fairness", "data-freshness", "slo", "cost"});
        g.window = r.string(t.get("window"), "guardrails.window");
        bool absolute = t.get("op") || t.get("value");
        bool relative = g.max_drop || g.max_relative_drop;
        if (absolute && relative)
            r.error(&t,
                    "a guardrail is either absolute ('op' and 'value') or relative ('max_drop' / "
                    "'max_relative_drop'), not both; split it into two [[guardrails]]");
        else if (absolute && !(t.get("op") && t.get("value")))
            r.error(&t, "a guardrail needs both 'op' and 'value'");
        else if (!absolute && !relative)
            r.error(&t, "a guardrail needs 'op' and 'value', or 'max_drop' / 'max_relative_drop'");
        if (g.max_drop && *g.max_drop < 0)
            r.error(t.get("max_drop"), "'guardrails.max_drop' must not be negative");
        if (g.max_relative_drop && (*g.max_relative_drop < 0 || *g.max_relative_drop > 1))
            r.error(t.get("max_relative_drop"),
                    "'guardrails.max_relative_drop' must be a fraction from 0 to 1");
        rec.guardrails.push_back(std::move(g));
    });
}

// [[stakeholders]]: who weighed in.
void read_stakeholders(const toml::table& root, util::TomlReader& r, Record& rec) {
    r.tables(root.get("stakeholders"), "stakeholders", [&](const toml::table& t, std::size_t) {
        r.check_keys(t, "[[stakeholders]]",
                     {"name", "role", "stance", "concerns", "reevaluate_when"});
        Stakeholder s;
        s.name = r.string(r.required(t, "name", "stakeholders.name", &t), "stakeholders.name");
        s.role = r.string(t.get("role"), "stakeholders.role");
        s.stance = r.one_of(t.get("stance"), "stakeholders.stance",
                            {"approve", "concern", "object", "abstain"});
        s.concerns = r.strings(t.get("concerns"), "stakeholders.concerns");
        s.reevaluate_when = r.string(t.get("reevaluate_when"), "stakeholders.reevaluate_when");
        rec.stakeholders.push_back(std::move(s));
    });
}

// [[links]]: the evidence.
void read_links(const toml::table& root, util::TomlReader& r, Record& rec) {
    r.tables(root.get("links"), "links", [&](const toml::table& t, std::size_t) {
        r.check_keys(t, "[[links]]", {"kind", "url", "title"});
        Link l;
        l.kind = r.one_of(t.get("kind"), "links.kind", link_kinds());
        l.url = r.string(r.required(t, "url", "links.url", &t), "links.url");
        l.position = util::position_of(t.get("url") ? t.get("url")->source() : t.source());
        l.title = r.string(t.get("title"), "links.title");
        rec.links.push_back(std::move(l));
    });
}

// [[fairness]]: fairness assessments.
void read_fairness(const toml::table& root, util::TomlReader& r, Record& rec) {
    r.tables(root.get("fairness"), "fairness", [&](const toml::table& t, std::size_t) {
        r.check_keys(t, "[[fairness]]",
                     {"metric", "method", "sensitive_features", "slices", "value", "threshold"});
        FairnessAssessment f;
        f.metric = r.string(r.required(t, "metric", "fairness.metric", &t), "fairness.metric");
        f.method = r.string(t.get("method"), "fairness.method");
        f.sensitive_features =
            r.strings(t.get("sensitive_features"), "fairness.sensitive_features");
        f.slices = r.strings(t.get("slices"), "fairness.slices");
        f.value = r.number(t.get("value"), "fairness.value");
        f.threshold = r.number(t.get("threshold"), "fairness.threshold");
        rec.fairness.push_back(std::move(f));
    });
    rec.fairness_not_applicable =
        r.string(root.get("fairness_not_applicable"), "fairness_not_applicable");
    note_positions(root, "", rec);
}

// One function per section; each reports its own keys' errors through `r`.
void read_record(const toml::table& root, util::TomlReader& r, Record& rec) {
    read_header(root, r, rec);
    read_owner(root, r, rec);
    read_scope(root, r, rec);
    read_problem(root, r, rec);
    read_options(root, r, rec);
    read_decision(root, r, rec);
    read_guardrails(root, r, rec);
    read_stakeholders(root, r, rec);
    read_links(root, r, rec);
    read_fairness(root, r, rec);
}

} // namespace

ParseResult parse(std::string_view text, const std::string& path) {
    ParseResult result;
    if (!util::is_valid_utf8(text)) {
        result.diagnostics.push_back(
            {path, 0, 0, Severity::Error, "", "not valid UTF-8; records must be UTF-8 text"});
        return result;
    }
    auto root = util::parse_toml(text, path);
    if (!root) {
        result.diagnostics.push_back(root.error());
        return result;
    }
    Record rec;
    rec.path = path;
    rec.text = std::string(text);
    util::TomlReader reader(path, result.diagnostics);
    read_record(*root, reader, rec);
    result.record = std::move(rec);
    return result;
}

} // namespace decision::record
