// git decision list / search: filtered tables of decisions.

#include "decision/record/filter.hpp"
#include "decision/report/record_view.hpp"
#include "decision/util/text.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace cli {

using namespace decision;
using util::ErrorKind;
using util::fail;

namespace {

struct ListOptions {
    std::string at;
    std::string format;
    std::string category;
    std::string status;
    std::string owner;
    std::string tag;
    std::string model;
    std::string path;
    bool overdue = false;
    std::string due_within;
    std::string text; // search only
};

// The width to fit the table to: $COLUMNS, else the terminal's; 0 (never cut titles) when
// the output goes to a pipe or file, so `git decision list | grep` sees whole titles.
std::size_t terminal_width() {
    if (const char* c = std::getenv("COLUMNS"))
        if (int n = std::atoi(c); n > 20)
            return static_cast<std::size_t>(n);
    winsize ws{};
    if (!isatty(STDOUT_FILENO))
        return 0;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
        return ws.ws_col;
    return 80;
}

// "14d", "2w", "30" -> days.
std::optional<int> parse_days(const std::string& s) {
    if (s.empty())
        return std::nullopt;
    std::size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9')
        ++digits;
    if (digits == 0 || digits > 5)
        return std::nullopt;
    int n = std::atoi(s.substr(0, digits).c_str());
    std::string unit = s.substr(digits);
    if (unit.empty() || unit == "d")
        return n;
    if (unit == "w")
        return n * 7;
    return std::nullopt;
}

void add_filter_options(CLI::App& app, ListOptions& o) {
    add_at_option(app, o.at);
    add_format_option(app, o.format, {"text", "json"});
    app.add_option("--category", o.category,
                   "Only this category (e.g. \"MODEL SELECTION\" or model-selection)");
    app.add_option("--status", o.status, "Only this status");
    app.add_option("--owner", o.owner, "Owner's name or email contains this");
    app.add_option("--tag", o.tag, "Has this tag");
    app.add_option("--model", o.model, "Governs this model");
    app.add_option("--path", o.path,
                   "Its scope covers this path (relative to the current directory, as in git)");
    app.add_flag("--overdue", o.overdue, "Review date has passed");
    app.add_option("--due-within", o.due_within, "Review date within this window (14d, 2w)");
}

Result<record::Filter> make_filter(const ListOptions& o, const Context& ctx) {
    record::Filter f;
    if (!o.category.empty()) {
        TRY_ASSIGN(auto c, category_argument(o.category));
        f.category = c;
    }
    if (!o.status.empty()) {
        f.status = record::parse_status(util::to_lower(o.status));
        if (!f.status) {
            std::string msg = "unknown status '" + util::sanitize(o.status) + "'";
            if (auto hint = util::closest(o.status, record::status_names()))
                msg += "; did you mean '" + *hint + "'?";
            return fail(ErrorKind::Usage, msg);
        }
    }
    f.owner = o.owner;
    f.tag = o.tag;
    f.model = o.model;
    if (!o.path.empty()) {
        TRY_ASSIGN(auto path, ctx.path_in_repo(o.path));
        f.path = path;
    }
    f.overdue = o.overdue;
    if (!o.due_within.empty()) {
        f.due_within_days = parse_days(o.due_within);
        if (!f.due_within_days)
            return fail(ErrorKind::Usage, "--due-within '" + util::sanitize(o.due_within) +
                                              "' is not a window like 14d, 2w or 30");
    }
    f.today = ctx.today();
    return f;
}

Result<int> run_list(Context& ctx, const ListOptions& o, bool searching) {
    ctx.at = o.at;
    TRY_ASSIGN(auto filter, make_filter(o, ctx));
    TRY_ASSIGN(auto cat, ctx.catalog());
    print_skipped(ctx.err, cat);
    std::vector<const record::Record*> shown;
    std::vector<std::vector<std::string>> where;
    for (const auto& r : cat.records) {
        if (!record::matches(r, filter))
            continue;
        if (searching) {
            auto fields = record::search(r, o.text);
            if (fields.empty())
                continue;
            where.push_back(fields);
        }
        shown.push_back(&r);
    }
    std::sort(shown.begin(), shown.end(), [](const record::Record* a, const record::Record* b) {
        auto na = a->id.substr(0, a->id.find('-')), nb = b->id.substr(0, b->id.find('-'));
        if (na != nb)
            return na < nb;
        return a->id.size() != b->id.size() ? a->id.size() < b->id.size() : a->id < b->id;
    });
    if (o.format == "json") {
        nlohmann::json j = nlohmann::json::array();
        for (const auto* r : shown)
            j.push_back(report::to_json(*r));
        ctx.out << util::pretty_json(j) << "\n";
        return 0;
    }
    if (shown.empty()) {
        ctx.out << (searching ? "No decision mentions '" + util::sanitize(o.text) + "'.\n"
                              : "No decisions match.\n");
        return 0;
    }
    ctx.out << report::render_table(shown, terminal_width());
    return 0;
}

} // namespace

Action setup_list(CLI::App& app) {
    auto o = std::make_shared<ListOptions>();
    app.description("List decisions, optionally filtered.");
    add_filter_options(app, *o);
    return [o](Context& ctx) { return run_list(ctx, *o, false); };
}

Action setup_search(CLI::App& app) {
    auto o = std::make_shared<ListOptions>();
    app.description(
        "Find decisions whose title, problem, rationale, options or tags mention the text "
        "(case-insensitive).");
    app.add_option("text", o->text, "Text to look for")->required();
    add_filter_options(app, *o);
    return [o](Context& ctx) { return run_list(ctx, *o, true); };
}

} // namespace cli
