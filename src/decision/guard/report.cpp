#include "decision/guard/report.hpp"

#include "decision/util/date.hpp"
#include "decision/util/github.hpp"
#include "decision/util/text.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace decision::guard {

using util::sanitize;

namespace {

using Json = nlohmann::ordered_json;

// Terminal columns of sanitised text: one per UTF-8 code point (no wide-glyph tables).
std::size_t width(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, std::size_t w) {
    auto n = width(s);
    return n >= w ? s : s + std::string(w - n, ' ');
}

std::string owner(const std::string& name, const std::string& email) {
    if (name.empty() && email.empty())
        return "(no owner)";
    if (email.empty())
        return sanitize(name);
    if (name.empty())
        return "<" + sanitize(email) + ">";
    return sanitize(name) + " <" + sanitize(email) + ">";
}

// Markdown-safe text for a table cell or a heading: no markup, no HTML, no line breaks.
std::string md(std::string_view s) {
    std::string out;
    for (char c : sanitize(s)) {
        if (std::string_view("\\|*_`[]<>~").find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// ---------------------------------------------------------------- guard

std::string text_status(Verdict v) {
    switch (v) {
    case Verdict::Breached:
        return "BREACHED";
    case Verdict::Ok:
        return "ok";
    case Verdict::NotMeasured:
        return "NOT MEASURED";
    }
    return "?";
}

// Not measured fails the gate (❌) unless --allow-unmeasured (⚠️).
std::string md_status(Verdict v, bool allow_unmeasured) {
    switch (v) {
    case Verdict::Breached:
        return "❌ breached";
    case Verdict::Ok:
        return "✅ ok";
    case Verdict::NotMeasured:
        return allow_unmeasured ? "⚠️ not measured" : "❌ not measured";
    }
    return "?";
}

std::string counts(const GuardReport& r) {
    return plural(r.guardrails(), "guardrail", "guardrails") + " in " +
           plural(r.decisions.size(), "decision", "decisions") + ": " + std::to_string(r.breached) +
           " breached, " + std::to_string(r.ok) + " ok, " + std::to_string(r.not_measured) +
           " not measured";
}

// What the guardrails not measured mean for the gate; "" when every guardrail was measured.
std::string unmeasured_note(const GuardReport& r) {
    if (r.not_measured == 0)
        return {};
    bool one = r.not_measured == 1;
    std::string n = plural(r.not_measured, "guardrail", "guardrails");
    if (r.allow_unmeasured)
        return n + " not measured, allowed by --allow-unmeasured; in CI guard fails on " +
               (one ? "it." : "them.");
    return n + " not measured: guard fails until every guardrail is measured. Give metrics " +
           (one ? "that hold its metric (or correct the name in the record)"
                : "that hold their metrics (or correct the names in the records)") +
           ", or pass --allow-unmeasured to only report " + (one ? "it." : "them.");
}

std::string nothing_matched(const GuardReport& r) {
    std::string out = "No accepted decision with guardrails";
    if (r.filter.id)
        out += " has id '" + sanitize(*r.filter.id) + "'";
    if (r.filter.model)
        out += std::string(r.filter.id ? " and" : "") + " covers model '" +
               sanitize(*r.filter.model) + "'";
    return out + ".";
}

std::string guard_text(const GuardReport& r) {
    if (r.decisions.empty())
        return nothing_matched(r) + "\n";
    constexpr std::size_t k_max_condition_width = 48;
    std::size_t condition_w = 0;
    for (const auto& d : r.decisions)
        for (const auto& g : d.guardrails)
            condition_w = std::max(condition_w, width(sanitize(g.condition)));
    condition_w = std::min(condition_w, k_max_condition_width);
    std::string out;
    for (const auto& d : r.decisions) {
        out += sanitize(d.id) + "  " + sanitize(d.title) + "\n";
        out += "  owner: " + owner(d.owner_name, d.owner_email);
        if (!d.path.empty())
            out += "  (" + sanitize(d.path) + ")";
        out += "\n";
        for (const auto& g : d.guardrails) {
            out += "  " + pad(text_status(g.verdict), 12) + "  " +
                   pad(sanitize(g.condition), condition_w) + "  " + sanitize(g.explanation);
            if (g.verdict == Verdict::Breached)
                out += "  (action: " + sanitize(g.action) + ")";
            out += "\n";
        }
        out += "\n";
    }
    out += counts(r) + "\n";
    if (auto note = unmeasured_note(r); !note.empty())
        out += note + "\n";
    return out;
}

Json optional_number(const std::optional<double>& d) {
    return d ? Json(*d) : Json(nullptr);
}

Json optional_string(const std::string& s) {
    return s.empty() ? Json(nullptr) : Json(sanitize(s));
}

std::string guard_json(const GuardReport& r) {
    Json decisions = Json::array();
    for (const auto& d : r.decisions) {
        Json guardrails = Json::array();
        for (const auto& g : d.guardrails) {
            guardrails.push_back({
                {"metric", sanitize(g.metric)},
                {"condition", sanitize(g.condition)},
                {"status", std::string(to_string(g.verdict))},
                {"measured", optional_number(g.measured)},
                {"threshold", optional_number(g.threshold)},
                {"baseline", optional_number(g.baseline)},
                {"baseline_source", optional_string(g.baseline_source)},
                {"source", optional_string(g.source)},
                {"explanation", sanitize(g.explanation)},
                {"action", sanitize(g.action)},
                {"kind", optional_string(g.kind)},
                {"line", g.position.line > 0 ? Json(g.position.line) : Json(nullptr)},
            });
        }
        decisions.push_back({
            {"id", sanitize(d.id)},
            {"title", sanitize(d.title)},
            {"path", optional_string(d.path)},
            {"owner",
             {{"name", optional_string(d.owner_name)}, {"email", optional_string(d.owner_email)}}},
            {"status", std::string(to_string(d.verdict()))},
            {"guardrails", std::move(guardrails)},
        });
    }
    Json doc = {
        {"version", 1},
        {"summary",
         {{"decisions", r.decisions.size()},
          {"guardrails", r.guardrails()},
          {"breached", r.breached},
          {"ok", r.ok},
          {"not_measured", r.not_measured},
          {"allow_unmeasured", r.allow_unmeasured},
          {"passed", r.passed()}}},
        {"decisions", std::move(decisions)},
    };
    return util::pretty_json(doc) + "\n";
}

std::string number_cell(const std::optional<double>& d) {
    return d ? util::format_number(*d) : "—";
}

std::string guard_markdown(const GuardReport& r) {
    std::string out = "## Guardrails\n\n";
    if (r.decisions.empty())
        return out + md(nothing_matched(r)) + "\n";
    out += counts(r) + "\n";
    if (auto note = unmeasured_note(r); !note.empty())
        out += "\n" + std::string(r.allow_unmeasured ? "⚠️ " : "❌ ") + md(note) + "\n";
    for (const auto& d : r.decisions) {
        out += "\n### " + md(d.id) + ": " + md(d.title) + "\n\n";
        out += "Owner: " + md(owner(d.owner_name, d.owner_email));
        if (!d.path.empty())
            out += " · " + md(d.path);
        out += "\n\n| Status | Guardrail | Measured | Threshold | Result | Action |\n"
               "| --- | --- | --- | --- | --- | --- |\n";
        for (const auto& g : d.guardrails)
            out += "| " + md_status(g.verdict, r.allow_unmeasured) + " | " + md(g.condition) +
                   " | " + number_cell(g.measured) + " | " + number_cell(g.threshold) + " | " +
                   md(g.explanation) + " | " + md(g.action) + " |\n";
    }
    return out;
}

// "::error title=...,file=...,line=...::message"
std::string github_command(std::string_view command, const std::string& title,
                           const std::string& file, int line, const std::string& message) {
    std::string out = "::" + std::string(command) + " title=" + util::github_escape_property(title);
    if (!file.empty())
        out += ",file=" + util::github_escape_property(file);
    if (!file.empty() && line > 0)
        out += ",line=" + std::to_string(line);
    return out + "::" + util::github_escape_data(message) + "\n";
}

std::string guard_github(const GuardReport& r) {
    std::string out;
    for (const auto& d : r.decisions) {
        for (const auto& g : d.guardrails) {
            if (g.verdict == Verdict::Ok)
                continue;
            bool breached = g.verdict == Verdict::Breached;
            std::string title = sanitize(d.id) + " guardrail " +
                                (breached ? "breached: " : "not measured: ") + sanitize(g.metric);
            std::string message = sanitize(g.explanation);
            if (breached)
                message += " (action: " + sanitize(g.action) +
                           "; owner: " + owner(d.owner_name, d.owner_email) + ")";
            // Not measured fails the gate, so it is an error unless --allow-unmeasured.
            bool error = breached || !r.allow_unmeasured;
            out += github_command(error ? "error" : "warning", title, sanitize(d.path),
                                  g.position.line, message);
        }
    }
    out += (r.decisions.empty() ? nothing_matched(r) : "guard: " + counts(r)) + "\n";
    if (auto note = unmeasured_note(r); !note.empty())
        out += note + "\n";
    return out;
}

// ---------------------------------------------------------------- review

std::string days_text(const ReviewItem& item, bool overdue) {
    if (!item.review_date)
        return "";
    if (overdue)
        return plural(static_cast<std::size_t>(item.days), "day", "days") + " overdue";
    if (item.days == 0)
        return "due today";
    return "in " + plural(static_cast<std::size_t>(item.days), "day", "days");
}

struct Section {
    std::string heading;
    const std::vector<ReviewItem>* items;
    bool overdue;
    std::string key; // JSON
};

std::vector<Section> sections(const ReviewReport& r) {
    return {
        {"Overdue for review", &r.overdue, true, "overdue"},
        {"Due within " + plural(static_cast<std::size_t>(r.window_days), "day", "days"), &r.due,
         false, "due"},
        {"No review date", &r.undated, false, "no_review_date"},
    };
}

std::string nothing_due(const ReviewReport& r) {
    return "Nothing due for review within " +
           plural(static_cast<std::size_t>(r.window_days), "day", "days") + " (as of " +
           util::format_date(r.today) + ").";
}

bool all_empty(const ReviewReport& r) {
    return r.overdue.empty() && r.due.empty() && r.undated.empty();
}

std::string review_text(const ReviewReport& r) {
    if (all_empty(r))
        return nothing_due(r) + "\n";
    std::size_t id_w = 0;
    std::size_t days_w = 0;
    for (const auto& s : sections(r))
        for (const auto& item : *s.items) {
            id_w = std::max(id_w, width(sanitize(item.id)));
            days_w = std::max(days_w, width(days_text(item, s.overdue)));
        }
    std::string out = "Review as of " + util::format_date(r.today) + "\n";
    for (const auto& s : sections(r)) {
        if (s.items->empty())
            continue;
        out += "\n" + s.heading + " (" + std::to_string(s.items->size()) + "):\n";
        for (const auto& item : *s.items) {
            out += "  " + pad(sanitize(item.id), id_w) + "  " +
                   pad(item.review_date ? util::format_date(*item.review_date) : "", 10) + "  " +
                   pad(days_text(item, s.overdue), days_w) + "  " + pad(item.status, 8) + "  " +
                   sanitize(item.title) + "  (owner: " + owner(item.owner_name, item.owner_email) +
                   ")\n";
        }
    }
    return out;
}

std::string review_json(const ReviewReport& r) {
    Json doc = {
        {"version", 1}, {"today", util::format_date(r.today)}, {"within_days", r.window_days}};
    for (const auto& s : sections(r)) {
        Json items = Json::array();
        for (const auto& item : *s.items) {
            Json j = {
                {"id", sanitize(item.id)},
                {"title", sanitize(item.title)},
                {"path", optional_string(item.path)},
                {"status", item.status},
                {"owner",
                 {{"name", optional_string(item.owner_name)},
                  {"email", optional_string(item.owner_email)}}},
                {"review_date",
                 item.review_date ? Json(util::format_date(*item.review_date)) : Json(nullptr)},
            };
            if (s.key == "overdue")
                j["days_overdue"] = item.days;
            else if (s.key == "due")
                j["days_left"] = item.days;
            items.push_back(std::move(j));
        }
        doc[s.key] = std::move(items);
    }
    return util::pretty_json(doc) + "\n";
}

std::string review_markdown(const ReviewReport& r) {
    std::string out = "## Decision reviews\n\n";
    if (all_empty(r))
        return out + nothing_due(r) + "\n";
    out += "As of " + util::format_date(r.today) + ".\n";
    for (const auto& s : sections(r)) {
        if (s.items->empty())
            continue;
        out += "\n### " + s.heading + " (" + std::to_string(s.items->size()) + ")\n\n";
        out += "| Decision | Title | Status | Review date | When | Owner |\n"
               "| --- | --- | --- | --- | --- | --- |\n";
        for (const auto& item : *s.items) {
            std::string when = days_text(item, s.overdue);
            out += "| " + md(item.id) + " | " + md(item.title) + " | " + item.status + " | " +
                   (item.review_date ? util::format_date(*item.review_date) : "—") + " | " +
                   (when.empty() ? "—" : when) + " | " +
                   md(owner(item.owner_name, item.owner_email)) + " |\n";
        }
    }
    return out;
}

std::string review_github(const ReviewReport& r) {
    std::string out;
    for (const auto& s : sections(r)) {
        for (const auto& item : *s.items) {
            std::string what = s.key == "overdue" ? "overdue for review"
                               : s.key == "due"   ? "due for review"
                                                  : "has no review date";
            std::string message = sanitize(item.title);
            if (item.review_date)
                message += " (review date " + util::format_date(*item.review_date) + ", " +
                           days_text(item, s.overdue) + ")";
            message += "; owner: " + owner(item.owner_name, item.owner_email);
            out += github_command(s.key == "overdue" ? "warning" : "notice",
                                  sanitize(item.id) + " " + what, sanitize(item.path), 0, message);
        }
    }
    if (all_empty(r))
        return nothing_due(r) + "\n";
    return out + "review: " + std::to_string(r.overdue.size()) + " overdue, " +
           std::to_string(r.due.size()) + " due within " +
           plural(static_cast<std::size_t>(r.window_days), "day", "days") + ", " +
           std::to_string(r.undated.size()) + " without a review date\n";
}

} // namespace

util::Result<OutputFormat> parse_output_format(std::string_view name) {
    if (name == "text")
        return OutputFormat::Text;
    if (name == "json")
        return OutputFormat::Json;
    if (name == "markdown")
        return OutputFormat::Markdown;
    if (name == "github")
        return OutputFormat::Github;
    return util::fail(util::ErrorKind::Usage, "unknown format '" + sanitize(name) +
                                                  "': expected text, json, markdown or github");
}

std::string render(const GuardReport& report, OutputFormat format) {
    switch (format) {
    case OutputFormat::Json:
        return guard_json(report);
    case OutputFormat::Markdown:
        return guard_markdown(report);
    case OutputFormat::Github:
        return guard_github(report);
    case OutputFormat::Text:
        break;
    }
    return guard_text(report);
}

std::string render(const ReviewReport& report, OutputFormat format) {
    switch (format) {
    case OutputFormat::Json:
        return review_json(report);
    case OutputFormat::Markdown:
        return review_markdown(report);
    case OutputFormat::Github:
        return review_github(report);
    case OutputFormat::Text:
        break;
    }
    return review_text(report);
}

} // namespace decision::guard
