#include "decision/adr/convert.hpp"

#include "decision/util/text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace decision::adr {

using record::Category;
using record::Status;

namespace {

struct Keywords {
    Category category;
    std::vector<std::string_view> words; // lower case; matched at the start of a word
};

const std::array<Keywords, 6>& keyword_table() {
    static const std::array<Keywords, 6> k_table{{
        {Category::ModelSelection,
         {"model", "classifier", "algorithm", "xgboost", "neural", "llm", "regression",
          "transformer", "gradient-boost", "random forest"}},
        {Category::DataPipeline,
         {"pipeline", "etl", "ingest", "dataset", "data set", "data source", "warehouse", "airflow",
          "kafka", "dvc", "data quality", "lineage"}},
        {Category::FeatureEngineering,
         {"feature engineering", "feature store", "features", "embedding", "encoding", "tokeniz",
          "normaliz"}},
        {Category::EthicalReview,
         {"fairness", "bias", "ethic", "privacy", "consent", "demographic", "discriminat",
          "protected attribute", "gdpr", "explainab"}},
        {Category::TrainingStrategy,
         {"training", "retrain", "fine-tun", "hyperparameter", "epoch", "cross-validation",
          "learning rate"}},
        {Category::DeploymentThreshold,
         {"threshold", "deploy", "rollout", "canary", "serving", "cutoff", "a/b test",
          "shadow mode"}},
    }};
    return k_table;
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// How often `word` starts a word of `text` (both lower case).
int occurrences(std::string_view text, std::string_view word) {
    int n = 0;
    for (auto pos = text.find(word); pos != std::string_view::npos;
         pos = text.find(word, pos + word.size()))
        if (pos == 0 || !is_word_char(text[pos - 1]))
            ++n;
    return n;
}

std::optional<record::Date> parse_date(std::string_view s) {
    s = util::trim(s);
    if (s.size() < 10)
        return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    std::string head(s.substr(0, 10));
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (head[i] < '0' || head[i] > '9')
            return std::nullopt;
    if (head[4] != '-' || head[7] != '-' ||
        std::sscanf(head.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3)
        return std::nullopt;
    if (s.size() > 10 && s[10] != 'T' && s[10] != ' ')
        return std::nullopt;
    record::Date date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
    return date.ok() ? std::optional(date) : std::nullopt;
}

// "0003-use-kafka.md" -> "Use kafka"; "20201016-use-the-slug.md" -> "Use the slug".
std::string title_from_file(std::string_view name) {
    if (auto dot = name.rfind('.'); dot != std::string_view::npos)
        name = name.substr(0, dot);
    std::size_t i = 0;
    while (i < name.size() && name[i] >= '0' && name[i] <= '9')
        ++i;
    if (i > 0 && i < name.size() && (name[i] == '-' || name[i] == '_'))
        name = name.substr(i + 1);
    std::string out(name);
    std::replace(out.begin(), out.end(), '-', ' ');
    std::replace(out.begin(), out.end(), '_', ' ');
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out.empty() ? std::string(name) : out;
}

// "Ann Lee <ann@example.com>" -> {"Ann Lee", "ann@example.com"}.
record::Person person(std::string_view text) {
    record::Person p;
    auto lt = text.find('<');
    auto gt = text.find('>', lt == std::string_view::npos ? 0 : lt);
    if (lt != std::string_view::npos && gt != std::string_view::npos) {
        p.name = std::string(util::trim(text.substr(0, lt)));
        p.email = std::string(util::trim(text.substr(lt + 1, gt - lt - 1)));
    }
    if (p.name.empty())
        p.name = std::string(util::trim(text));
    return p;
}

std::string normalized(std::string_view heading) {
    std::string h = util::to_lower(util::trim(strip_links(heading)));
    while (!h.empty() && (h.back() == ':' || h.back() == '.'))
        h.pop_back();
    return h;
}

// An option's name for matching: links, quotes of every kind, case and spacing ignored, so
// `Chosen option: "Use 'X'"` finds the listed `Use "X"`.
std::string option_key(std::string_view name) {
    std::string k = normalized(name);
    for (std::string_view q : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99"})
        for (auto at = k.find(q); at != std::string::npos; at = k.find(q))
            k.erase(at, q.size());
    std::string out;
    for (char c : k) {
        if (c == '"' || c == '\'' || c == '`')
            continue;
        if (c == ' ' && (out.empty() || out.back() == ' '))
            continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// `Chosen option: "X", because Y` -> {"X", "Y"}; also with curly quotes or none.
std::optional<std::pair<std::string, std::string>> chosen_option(std::string_view text) {
    std::string lower = util::to_lower(text);
    auto at = lower.find("chosen option");
    if (at == std::string::npos)
        return std::nullopt;
    std::string_view rest = text.substr(at + 13);
    rest = util::trim(rest);
    if (rest.rfind("**", 0) == 0) // "Chosen option**:" variants
        rest = util::trim(rest.substr(2));
    if (rest.empty() || rest[0] != ':')
        return std::nullopt;
    rest = util::trim(rest.substr(1));
    std::string name;
    std::size_t end = 0;
    static const std::array<std::pair<std::string_view, std::string_view>, 4> k_quotes{
        {{"\"", "\""}, {"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"`", "`"}, {"'", "'"}}};
    bool quoted = false;
    for (const auto& [open, close] : k_quotes)
        if (rest.rfind(open, 0) == 0) {
            auto c = rest.find(close, open.size());
            if (c != std::string_view::npos) {
                name = std::string(rest.substr(open.size(), c - open.size()));
                end = c + close.size();
                quoted = true;
            }
            break;
        }
    if (!quoted) {
        end = std::min(rest.find(','), rest.find('\n'));
        if (end == std::string_view::npos)
            end = rest.size();
        name = std::string(rest.substr(0, end));
    }
    std::string_view why = util::trim(rest.substr(std::min(end, rest.size())));
    if (!why.empty() && why[0] == ',')
        why = util::trim(why.substr(1));
    if (util::to_lower(why.substr(0, std::min<std::size_t>(why.size(), 8))) == "because ")
        why = util::trim(why.substr(8));
    name = std::string(util::trim(strip_links(name)));
    if (name.empty())
        return std::nullopt;
    return std::pair{name, std::string(why)};
}

// The first block of `text` (lines up to a blank line, joined) and the rest as written.
std::pair<std::string, std::string> first_block(std::string_view text) {
    auto blank = text.find("\n\n");
    std::string head(text.substr(0, blank));
    std::replace(head.begin(), head.end(), '\n', ' ');
    std::string tail = blank == std::string_view::npos
                           ? std::string()
                           : std::string(util::trim(text.substr(blank + 2)));
    return {std::string(util::trim(head)), tail};
}

bool starts_with_word(std::string_view s, std::string_view word) {
    return s.size() >= word.size() && util::iequals(s.substr(0, word.size()), word);
}

void append(std::string& to, std::string_view text, std::string_view sep = "\n\n") {
    if (text.empty())
        return;
    if (!to.empty())
        to += sep;
    to += text;
}

} // namespace

std::optional<Status> map_status(std::string_view status) {
    std::string s = util::to_lower(util::trim(strip_links(status)));
    auto word = s.substr(0, s.find_first_of(" \t,.;:("));
    if (word == "accepted" || word == "approved" || word == "adopted")
        return Status::Accepted;
    if (word == "proposed" || word == "draft")
        return Status::Proposed;
    if (word == "rejected")
        return Status::Rejected;
    if (word == "deprecated")
        return Status::Deprecated;
    if (word == "superseded")
        return Status::Superseded;
    return std::nullopt;
}

std::pair<Category, std::vector<std::string>> guess_category(std::string_view title,
                                                             std::string_view text) {
    std::string t = util::to_lower(title);
    std::string body = util::to_lower(text);
    int best = 0;
    Category winner = Category::ModelSelection;
    std::vector<std::string> clues;
    for (const auto& entry : keyword_table()) {
        int score = 0;
        std::vector<std::string> found;
        for (auto w : entry.words) {
            int n = 3 * occurrences(t, w) + occurrences(body, w);
            if (n > 0)
                found.emplace_back(w);
            score += n;
        }
        if (score > best) {
            best = score;
            winner = entry.category;
            clues = std::move(found);
        }
    }
    if (clues.size() > 3)
        clues.resize(3);
    return {winner, clues};
}

Converted convert(const Adr& adr, const std::string& file_name, const ConvertOptions& o) {
    Converted out;
    record::Record& r = out.record;

    r.title = adr.title;
    if (util::trim(r.title).empty()) {
        r.title = title_from_file(file_name);
        out.notes.push_back("no '# title' heading; the title comes from the file name");
    }

    std::string clean_status(util::trim(strip_links(adr.status)));
    if (auto s = map_status(adr.status)) {
        r.status = *s;
        if (util::to_lower(clean_status).rfind("draft", 0) == 0)
            out.notes.push_back("status 'draft' imported as proposed");
    } else {
        r.status = Status::Proposed;
        out.notes.push_back(clean_status.empty()
                                ? "no status; imported as proposed"
                                : "status '" + util::sanitize(clean_status) +
                                      "' is not accepted, proposed, rejected, deprecated or "
                                      "superseded; imported as proposed");
    }

    r.date = parse_date(adr.date);
    if (!r.date) {
        r.date = o.today;
        out.notes.push_back(adr.date.empty() ? "no date; dated " + record::to_string(o.today)
                                             : "date '" + util::sanitize(adr.date) +
                                                   "' is not a date like 2026-11-02; dated " +
                                                   record::to_string(o.today));
    }
    r.tags = adr.tags;

    // People: the first decision-maker owns the record; everyone else is a stakeholder.
    if (!adr.decision_makers.empty()) {
        r.owner = person(adr.decision_makers.front());
    } else {
        r.owner = o.owner;
        if (util::trim(r.owner.name).empty())
            r.owner.name = "Unknown owner";
        out.notes.push_back("no decision-makers; the owner is " + r.owner.name +
                            " (who imported it)");
    }
    auto add_people = [&](const std::vector<std::string>& names, std::size_t from,
                          const char* role) {
        for (std::size_t i = from; i < names.size(); ++i) {
            record::Person p = person(names[i]);
            r.stakeholders.push_back({p.name, role, "", {}, ""});
        }
    };
    add_people(adr.decision_makers, 1, "decision-maker");
    add_people(adr.consulted, 0, "consulted");
    add_people(adr.informed, 0, "informed");

    // Sections into fields; what has no field is kept for the problem statement.
    std::string context;
    std::vector<std::string> unmapped;
    auto keep = [&](const std::string& heading, const std::string& text) {
        if (!util::trim(text).empty())
            unmapped.push_back(heading + ":\n" + reflow(text));
    };
    auto find_option = [&](std::string_view name) -> record::Option* {
        std::string key = option_key(name);
        for (auto& opt : r.options)
            if (option_key(opt.name) == key)
                return &opt;
        return nullptr;
    };
    auto add_option = [&](std::string_view name) -> record::Option& {
        record::Option opt;
        opt.name = std::string(util::trim(strip_links(name)));
        r.options.push_back(std::move(opt));
        return r.options.back();
    };
    std::optional<std::pair<std::string, std::string>> chosen;
    std::string outcome_rest;
    std::vector<const Section*> pros_cons;

    for (const auto& s : adr.sections) {
        std::string h = normalized(s.heading);
        if (h == "status") {
            // The first line is the status itself; the lines after it ("Amended by ...").
            auto newline = s.text.find('\n');
            if (newline != std::string::npos)
                keep(s.heading, std::string(util::trim(s.text.substr(newline + 1))));
        } else if (h == "context" || h == "context and problem statement" ||
                   h == "problem statement" || h == "context and problem") {
            append(context, reflow(s.text));
            for (const auto& sub : s.subsections)
                keep(sub.heading, sub.text);
        } else if (h == "decision drivers") {
            for (const auto& item : items(s.text))
                r.problem.constraints.push_back(item);
            for (const auto& sub : s.subsections)
                keep(sub.heading, sub.text);
        } else if (h == "considered options") {
            for (const auto& item : items(s.text))
                if (!find_option(item))
                    add_option(item);
            for (const auto& sub : s.subsections)
                keep(sub.heading, sub.text);
        } else if (h == "decision outcome" || h == "decision") {
            chosen = chosen_option(s.text);
            if (chosen) {
                r.decision.summary = "Chosen option: " + chosen->first;
                // The rest of the text after the "Chosen option" paragraph.
                auto [head, tail] = first_block(s.text);
                outcome_rest = reflow(tail);
                std::string why = chosen->second;
                if (why.find("\n\n") != std::string::npos)
                    why = why.substr(0, why.find("\n\n"));
                std::replace(why.begin(), why.end(), '\n', ' ');
                r.decision.rationale = why;
                append(r.decision.rationale, outcome_rest);
            } else {
                auto [head, tail] = first_block(s.text);
                r.decision.summary = head;
                r.decision.rationale = reflow(tail);
            }
            for (const auto& sub : s.subsections) {
                std::string sh = normalized(sub.heading);
                if (sh == "consequences") {
                    for (const auto& item : items(sub.text))
                        r.decision.tradeoffs.push_back(item);
                } else if (sh == "positive consequences") {
                    for (const auto& item : items(sub.text))
                        r.decision.tradeoffs.push_back("Positive: " + item);
                } else if (sh == "negative consequences") {
                    for (const auto& item : items(sub.text))
                        r.decision.tradeoffs.push_back("Negative: " + item);
                } else {
                    keep(sub.heading, sub.text);
                }
            }
        } else if (h == "consequences") {
            for (const auto& item : items(s.text))
                r.decision.tradeoffs.push_back(item);
            for (const auto& sub : s.subsections)
                keep(sub.heading, sub.text);
        } else if (h == "pros and cons of the options") {
            pros_cons.push_back(&s);
            if (!util::trim(s.text).empty())
                keep(s.heading, s.text);
        } else {
            std::string text = s.text;
            for (const auto& sub : s.subsections)
                append(text, "### " + sub.heading + "\n\n" + sub.text);
            keep(s.heading, text);
        }
    }

    if (chosen) {
        record::Option* opt = find_option(chosen->first);
        if (!opt) { // "MADR 4.0.0" for the listed "MADR 4.0.0 - The Markdown ...": one prefix
            std::string key = option_key(chosen->first);
            std::vector<record::Option*> starts;
            for (auto& listed_option : r.options) {
                std::string listed = option_key(listed_option.name);
                if (!key.empty() && !listed.empty() &&
                    (listed.rfind(key, 0) == 0 || key.rfind(listed, 0) == 0))
                    starts.push_back(&listed_option);
            }
            if (starts.size() == 1)
                opt = starts.front();
        }
        if (!opt) {
            opt = &add_option(chosen->first);
            if (r.options.size() > 1)
                out.notes.push_back("the chosen option '" + util::sanitize(chosen->first) +
                                    "' is not under Considered Options; added it");
        }
        opt->chosen = true;
    }
    for (const Section* s : pros_cons)
        for (const auto& sub : s->subsections) {
            record::Option* opt = find_option(sub.heading);
            if (!opt)
                opt = &add_option(sub.heading);
            opt->summary = reflow(sub.text);
            if (opt->chosen)
                continue;
            std::string against;
            for (const auto& item : items(sub.text))
                if (starts_with_word(item, "bad"))
                    append(against, item, "; ");
            opt->rejected_because = against;
        }

    // The problem statement: the context, then everything that has no field of its own.
    r.problem.statement = context;
    if (!adr.preamble.empty())
        append(r.problem.statement, reflow(adr.preamble));
    if (!adr.extra_metadata.empty()) {
        std::string meta = "Metadata:";
        for (const auto& m : adr.extra_metadata)
            meta += "\n" + m;
        append(r.problem.statement, meta);
    }
    for (const auto& u : unmapped)
        append(r.problem.statement, u);

    r.links.push_back({"other", o.source,
                       "Imported from " + std::string(to_string(adr.format)) + " ADR " + file_name,
                       record::Position{}});

    if (o.category) {
        r.category = *o.category;
    } else {
        std::string all =
            r.problem.statement + "\n" + r.decision.summary + "\n" + r.decision.rationale;
        for (const auto& opt : r.options)
            all += "\n" + opt.name + "\n" + opt.summary;
        auto [category, clues] = guess_category(r.title, all);
        r.category = category;
        out.category_guessed = true;
        out.category_clues = clues;
    }
    return out;
}

} // namespace decision::adr
