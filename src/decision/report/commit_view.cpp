#include "decision/report/commit_view.hpp"

#include "decision/util/text.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

namespace decision::report {

using util::sanitize;

std::string title_of(const std::string& message) {
    std::size_t start = message.find_first_not_of("\r\n");
    if (start == std::string::npos)
        return "";
    std::string line = message.substr(start, message.find('\n', start) - start);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

std::string short_date(std::int64_t time, int offset) {
    using namespace std::chrono;
    sys_seconds t{seconds{time + static_cast<std::int64_t>(offset) * 60}};
    return record::to_string(year_month_day{floor<days>(t)});
}

LinkedCommit linked_commit(const git::CommitInfo& commit, link::CommitLinks links) {
    return {commit.id,
            title_of(commit.message),
            commit.author.name,
            commit.author.email,
            short_date(commit.author.time, commit.author.offset),
            std::move(links)};
}

namespace {
nlohmann::json roles_json(const std::vector<std::string>& roles) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : roles)
        out.push_back(r);
    return out;
}

} // namespace

nlohmann::json to_json(const LinkedCommit& c, const record::Catalog& records,
                       const policy::Policy& policy) {
    nlohmann::json out;
    out["commit"] = c.id;
    out["title"] = c.title;
    out["author"] = {{"name", c.author_name}, {"email", c.author_email}};
    out["date"] = c.date;
    out["decisions"] = nlohmann::json::array();
    for (const auto& d : c.links.decisions) {
        nlohmann::json item{{"id", d.id}, {"via", link::to_string(d.via)}};
        if (const record::Record* r = records.find(d.id)) {
            item["known"] = true;
            item["title"] = r->title;
            item["category"] = std::string(record::to_string(r->category));
            item["status"] = std::string(record::to_string(r->status));
            item["owner"] = {{"name", r->owner.name}, {"email", r->owner.email}};
        } else {
            item["known"] = false;
        }
        out["decisions"].push_back(item);
    }
    out["signoffs"] = nlohmann::json::array();
    for (const auto& s : c.links.signoffs)
        out["signoffs"].push_back({{"key", s.key},
                                   {"name", s.who.name},
                                   {"email", s.who.email},
                                   {"roles", roles_json(policy.roles_of(s.who.email))}});
    out["models"] = nlohmann::json::array();
    for (const auto& m : c.links.models)
        out["models"].push_back({{"name", m.name}, {"version", m.version}});
    if (!c.links.malformed.empty())
        out["malformed_decisions"] = c.links.malformed;
    return out;
}

std::string render_signoff(const link::SignOff& s, const policy::Policy& policy) {
    auto roles = policy.roles_of(s.who.email);
    std::string who = sanitize(s.who.name);
    if (!s.who.email.empty())
        who += (who.empty() ? "<" : " <") + sanitize(s.who.email) + ">";
    return sanitize(s.key) + ": " + who + " (" +
           (roles.empty() ? "no role" : sanitize(util::join(roles))) + ")";
}

std::string render_links(const LinkedCommit& c, const record::Catalog& records,
                         const policy::Policy& policy, std::size_t indent) {
    const std::string pad(indent, ' ');
    std::string out;
    if (c.links.decisions.empty() && c.links.malformed.empty()) {
        out += pad + "Decisions: none\n";
    } else {
        out += pad + "Decisions:\n";
        for (const auto& d : c.links.decisions) {
            out += pad + "  " + d.id + "  via " + link::to_string(d.via) + "  ";
            if (const record::Record* r = records.find(d.id)) {
                out += std::string(record::to_string(r->status)) + "  " +
                       std::string(record::to_string(r->category)) + "  " + sanitize(r->title);
                if (!r->owner.name.empty() || !r->owner.email.empty())
                    out += "  (owner: " +
                           sanitize(r->owner.name.empty() ? r->owner.email : r->owner.name) + ")";
            } else {
                out += "unknown decision (no record with this ID)";
            }
            out += "\n";
        }
        for (const auto& m : c.links.malformed)
            out += pad + "  " + sanitize(m) + "  not a decision ID\n";
    }
    if (c.links.signoffs.empty()) {
        out += pad + "Sign-offs: none\n";
    } else {
        out += pad + "Sign-offs:\n";
        for (const auto& s : c.links.signoffs)
            out += pad + "  " + render_signoff(s, policy) + "\n";
    }
    if (!c.links.models.empty()) {
        out += pad + "Model versions:\n";
        for (const auto& m : c.links.models)
            out += pad + "  " + sanitize(m.name) + "@" + sanitize(m.version) + "\n";
    }
    return out;
}

} // namespace decision::report
