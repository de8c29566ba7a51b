#include "decision/link/links.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "decision/record/parse.hpp"
#include "decision/util/text.hpp"

namespace decision::link {

const char* to_string(Via v) {
    switch (v) {
    case Via::Trailer:
        return "trailer";
    case Via::Note:
        return "note";
    case Via::Rollback:
        return "rollback";
    case Via::CherryPick:
        return "cherry-pick";
    }
    return "note";
}

bool CommitLinks::links(const std::string& id) const {
    return std::any_of(decisions.begin(), decisions.end(), [&](const DecisionRef& d) { return d.id == id; });
}

Person parse_person(std::string_view value) {
    value = util::trim(value);
    auto lt = value.rfind('<');
    auto gt = value.rfind('>');
    if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt)
        return {std::string(util::trim(value.substr(0, lt))), std::string(util::trim(value.substr(lt + 1, gt - lt - 1)))};
    if (value.find('@') != std::string_view::npos && value.find(' ') == std::string_view::npos)
        return {"", std::string(value)};
    return {std::string(value), ""};
}

std::optional<ModelRef> parse_model_ref(std::string_view text) {
    text = util::trim(text);
    auto at = text.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == text.size())
        return std::nullopt;
    std::string name(text.substr(0, at));
    std::string version(text.substr(at + 1));
    if (version.size() > 1 && version[0] == 'v' && version[1] >= '0' && version[1] <= '9')
        version.erase(0, 1);
    if (name.find_first_of(" \t") != std::string::npos || version.find_first_of(" \t") != std::string::npos)
        return std::nullopt;
    return ModelRef{name, version};
}

namespace {
void add_decision(CommitLinks& out, const std::string& value, Via via) {
    for (auto& part : util::split(value, ',')) {
        std::string id(util::trim(part));
        if (id.empty())
            continue;
        if (!record::is_valid_id(id)) {
            out.malformed.push_back(id);
            continue;
        }
        if (!out.links(id))
            out.decisions.push_back({id, via});
    }
}
} // namespace

CommitLinks extract(const std::vector<trailer::Trailer>& trailers, const std::string* note, const Vocabulary& vocab) {
    CommitLinks out;
    for (const auto& t : trailers) {
        if (util::iequals(t.key, k_decision_key)) {
            add_decision(out, t.value, Via::Trailer);
        } else if (util::iequals(t.key, k_model_version_key)) {
            if (auto m = parse_model_ref(t.value))
                out.models.push_back(*m);
            else
                out.malformed_models.push_back(t.value);
        } else if (!vocab.waiver_key.empty() && util::iequals(t.key, vocab.waiver_key)) {
            out.waivers.push_back(t.value);
        } else if (std::any_of(vocab.signoff_keys.begin(), vocab.signoff_keys.end(),
                               [&](const std::string& k) { return util::iequals(k, t.key); })) {
            out.signoffs.push_back({t.key, parse_person(t.value)});
        }
    }
    if (note) {
        int line_no = 0;
        for (const auto& line : util::split(*note, '\n')) {
            ++line_no;
            if (util::trim(line).empty())
                continue;
            auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded() || !j.is_object() || !j.contains("decision") || !j["decision"].is_string()) {
                out.note_problems.push_back("line " + std::to_string(line_no) + " is not a JSON link like "
                                                                                "{\"decision\": \"DEC-0042\"}");
                continue;
            }
            add_decision(out, j["decision"].get<std::string>(), Via::Note);
        }
    }
    return out;
}

std::string note_line(const std::string& id, const std::string& by, const std::string& at) {
    nlohmann::json j{{"decision", id}, {"by", by}, {"at", at}};
    return j.dump();
}

} // namespace decision::link
