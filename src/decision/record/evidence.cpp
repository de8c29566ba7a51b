#include "decision/record/evidence.hpp"

#include "decision/util/text.hpp"

#include <algorithm>
#include <cctype>

namespace decision::record {

namespace {
struct Kind {
    const char* name;
    const char* label;
};

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> k_kinds{
        {"evaluation", "Evaluation"},
        {"data-quality", "Data quality"},
        {"bias-report", "Bias report"},
        {"cost-analysis", "Cost analysis"},
        {"user-research", "User research"},
        {"dashboard", "Dashboard"},
        {"mlflow-run", "MLflow run"},
        {"model-card", "Model card"},
        {"dvc-exp", "DVC experiment"},
        {"notebook", "Notebook"},
        {"other", "Other"},
    };
    return k_kinds;
}

// The run id at the start of `s`, up to '/', '?', '#' or the end, if MLflow would accept it.
bool run_id_at(std::string_view s) {
    std::size_t end = s.find_first_of("/?#");
    std::string_view id = s.substr(0, end);
    if (id.empty() || id.size() > 256 || !std::isalnum(static_cast<unsigned char>(id[0])))
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}
} // namespace

const std::vector<std::string>& link_kinds() {
    static const std::vector<std::string> k_names = [] {
        std::vector<std::string> out;
        for (const auto& k : kinds())
            out.push_back(k.name);
        return out;
    }();
    return k_names;
}

std::string link_kind_label(std::string_view kind) {
    if (kind.empty())
        return "Other";
    for (const auto& k : kinds())
        if (kind == k.name)
            return k.label;
    return std::string(kind);
}

bool is_mlflow_run(std::string_view url) {
    url = util::trim(url);
    if (url.rfind("runs:/", 0) == 0)
        return run_id_at(url.substr(6));
    std::string lower = util::to_lower(url.substr(0, 8));
    std::size_t start = lower.rfind("https://", 0) == 0  ? 8
                        : lower.rfind("http://", 0) == 0 ? 7
                                                         : 0;
    if (start == 0 || url.find_first_of(" \t\r\n") != std::string_view::npos)
        return false;
    std::string_view rest = url.substr(start);
    std::size_t host_end = rest.find_first_of("/?#");
    if (host_end == 0 || host_end == std::string_view::npos)
        return false;
    for (std::size_t at = rest.find("/runs/", host_end); at != std::string_view::npos;
         at = rest.find("/runs/", at + 1))
        if (run_id_at(rest.substr(at + 6)))
            return true;
    return false;
}

std::vector<util::Diagnostic> check_links(const Record& r) {
    std::vector<util::Diagnostic> out;
    for (const auto& l : r.links) {
        if (l.kind != "mlflow-run" || is_mlflow_run(l.url))
            continue;
        Position p = l.position.line ? l.position : r.position_of("links");
        out.push_back(util::Diagnostic{
            r.path, p.line, p.column, util::Severity::Warning, "mlflow-run",
            "'" + util::sanitize(l.url) +
                "' is not an MLflow run; write runs:/<run id> or the tracking server's URL of "
                "the run (.../#/experiments/<id>/runs/<run id>)"});
    }
    return out;
}

} // namespace decision::record
