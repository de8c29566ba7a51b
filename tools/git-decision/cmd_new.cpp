// git decision new: a record from its category's template, with the next free ID across
// every local and remote-tracking branch, opened in the editor and validated on save.

#include "decision/check/validate.hpp"
#include "decision/record/allocate.hpp"
#include "decision/record/catalog.hpp"
#include "decision/record/parse.hpp"
#include "decision/record/template.hpp"
#include "decision/record/write.hpp"
#include "decision/util/date.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"
#include "editor.hpp"
#include "verb.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <set>

namespace cli {

using namespace decision;
using util::ErrorKind;
using util::fail;

namespace {

struct NewOptions {
    std::string category;
    std::string title;
    std::string owner;
    std::string email;
    std::string role;
    std::string date;
    std::string supersedes; // the predecessor's ID
    int review_in = 60;
    bool no_edit = false;
};

// The successor's file: the predecessor's content as record::successor_of keeps it, with a
// note at the top on what is left to do.
std::string successor_text(const record::Record& old, const record::TemplateValues& v) {
    auto next = record::successor_of(
        old, v.id, v.title, {v.owner_name, v.owner_role, v.owner_email}, v.date, v.review_date);
    return "#:schema ./decision.schema.json\n" +
           record::to_toml(
               next,
               "Successor of " + old.id + ", pre-filled from it by git decision new --supersedes " +
                   old.id +
                   ".\n"
                   "Update what changed (problem, options, guardrails), write the decision, "
                   "then:\n"
                   "  git decision status " +
                   v.id + " accepted && git decision supersede " + old.id + " --by " + v.id,
               record::Blanks::Keep);
}

} // namespace

// Prints diagnostics and says whether any is an error.
bool print_diagnostics(std::ostream& err, const std::vector<util::Diagnostic>& diags) {
    for (const auto& d : diags)
        err << util::sanitize(util::format(d)) << "\n";
    return util::has_errors(diags);
}

void print_skipped(std::ostream& err, const record::Catalog& catalog) {
    for (const auto& d : catalog.diagnostics)
        err << "git-decision: skipped: " << util::sanitize(util::format(d)) << "\n";
}

// After an edit: validates the file at `path`, prints what is wrong, and says how to go on.
Result<int> validate_after_edit(Context& ctx, const policy::Policy& pol,
                                const std::filesystem::path& path, const std::string& rel,
                                const std::string& id) {
    TRY_ASSIGN(auto text, util::read_file(path));
    if (print_diagnostics(ctx.err, check::validate_record(text, rel, pol))) {
        ctx.err << "git-decision: " << rel
                << " was saved but does not validate; fix it with: git decision edit " << id
                << "\n";
        return 1;
    }
    return 0;
}

Action setup_new(CLI::App& app) {
    auto o = std::make_shared<NewOptions>();
    app.description(
        "Create a decision record from its category's template and open it in the editor.");
    auto* category_option =
        app.add_option("-c,--category", o->category,
                       "MODEL SELECTION, DATA PIPELINE, FEATURE ENGINEERING, "
                       "ETHICAL REVIEW, TRAINING STRATEGY or DEPLOYMENT THRESHOLD");
    app.add_option("--supersedes", o->supersedes,
                   "A successor of this decision, pre-filled from it (its category, scope, "
                   "models, problem, options, guardrails, stakeholders and links)")
        ->excludes(category_option);
    app.add_option("-t,--title", o->title, "What was decided, in one line")->required();
    app.add_option("--owner", o->owner, "Owner's name (default: your git identity)");
    app.add_option("--email", o->email, "Owner's email (default: your git identity)");
    app.add_option("--role", o->role, "Owner's role: PM, ML Engineer, Data Lead, ...");
    app.add_option("--date", o->date, "Decision date, YYYY-MM-DD (default: today)");
    app.add_option("--review-in", o->review_in,
                   "Review date this many days after the decision date")
        ->capture_default_str()
        ->check(CLI::Range(1, 3650));
    app.add_flag("--no-edit", o->no_edit, "Write the record without opening the editor");
    return [o](Context& ctx) -> Result<int> {
        std::optional<record::Record> predecessor;
        if (!o->supersedes.empty()) {
            TRY_ASSIGN(predecessor, ctx.record(o->supersedes));
        } else if (o->category.empty()) {
            return fail(ErrorKind::Usage, "new needs --category, or --supersedes <ID> to start "
                                          "from the decision it replaces");
        }
        TRY_ASSIGN(auto category, predecessor ? Result<record::Category>(predecessor->category)
                                              : category_argument(o->category));
        if (util::trim(o->title).empty())
            return fail(ErrorKind::Usage, "the title must not be empty");
        auto date = o->date.empty() ? std::optional(ctx.today()) : util::parse_date(o->date);
        if (!date)
            return fail(ErrorKind::Usage,
                        "--date '" + util::sanitize(o->date) + "' is not a date like 2026-11-02");
        TRY_ASSIGN(auto pol, ctx.policy());

        std::string editor;
        if (!o->no_edit) {
            TRY_ASSIGN(auto e, pick_editor(*ctx.repo));
            editor = e;
        }

        TRY_ASSIGN(auto first, ctx.next_id_number(pol));

        auto dir = ctx.repo->workdir() / pol.records_dir;
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec)
            return fail(ErrorKind::Git, "cannot create '" + pol.records_dir + "': " + ec.message());

        record::TemplateValues values{
            "",
            std::string(util::trim(o->title)),
            *date,
            std::chrono::sys_days(*date) + std::chrono::days(o->review_in),
            o->owner.empty() ? ctx.identity("GIT_AUTHOR_NAME", "user.name") : o->owner,
            o->email.empty() ? ctx.identity("GIT_AUTHOR_EMAIL", "user.email") : o->email,
            o->role};
        if (values.owner_name.empty())
            values.owner_name = "Unknown owner";
        record::NewRecord where{dir, ctx.repo->common_dir() / "decision-ids", pol.id_prefix, first,
                                util::slugify(values.title)};
        TRY_ASSIGN(auto id, record::create_with_free_id(where, [&](const std::string& fresh) {
                       values.id = fresh;
                       if (predecessor)
                           return successor_text(*predecessor, values);
                       return record::render_template(category, values);
                   }));
        std::string rel = pol.records_dir + "/" + id + "-" + where.slug + ".toml";
        ctx.out << "Created " << rel << " (" << id << ")\n";
        if (o->no_edit)
            return 0;
        ctx.out.flush();
        TRY(run_editor(editor, ctx.repo->workdir() / rel));
        return validate_after_edit(ctx, pol, ctx.repo->workdir() / rel, rel, id);
    };
}

Action setup_edit(CLI::App& app) {
    auto id = std::make_shared<std::string>();
    app.description("Open a record in the editor and validate it on save.");
    app.add_option("id", *id, "Decision ID, e.g. DEC-0042")->required();
    return [id](Context& ctx) -> Result<int> {
        TRY_ASSIGN(auto rec, ctx.record(*id));
        TRY_ASSIGN(auto pol, ctx.policy());
        TRY_ASSIGN(auto editor, pick_editor(*ctx.repo));
        auto path = ctx.repo->workdir() / rec.path;
        TRY(run_editor(editor, path));
        return validate_after_edit(ctx, pol, path, rec.path, rec.id);
    };
}

} // namespace cli
