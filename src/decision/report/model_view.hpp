#pragma once
// `show --model name@version`: the commits that carry a model version (its GTO tag, commits
// with a Model-Version trailer), the stages assigned to them, and the accepted decisions
// that cover the version, for people (text) and programs (JSON).

#include "decision/model/tag.hpp"
#include "decision/record/record.hpp"
#include "decision/report/commit_view.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace decision::report {

// One commit that carries the version, and how: its tag (`tag` set) or a trailer.
struct VersionCommit {
    std::string id;
    std::string date; // YYYY-MM-DD, author's time zone
    std::string title;
    std::string tag; // "fraud-detector@v3.2.0"; empty: a Model-Version trailer
};

// A decision that covers the version: its [[models]] names this name and version
// (`by_version`), or only its scope.models names the model.
struct CoveringDecision {
    const record::Record* record = nullptr; // borrowed from the catalog the caller holds
    bool by_version = false;
};

struct ModelVersionView {
    std::string name;
    std::string version;
    std::vector<VersionCommit> commits; // the tag's commit first, then trailers newest first
    std::vector<std::pair<model::StageAssignment, std::string>> stages; // with the commit
    std::string records_at; // the commit whose records were read
    std::vector<CoveringDecision> decisions;
};

// The accepted records of `records` that cover `name`@`version`, by ID.
std::vector<CoveringDecision> covering_decisions(const std::vector<record::Record>& records,
                                                 const std::string& name,
                                                 const std::string& version);

std::string render_text(const ModelVersionView& v);
nlohmann::json to_json(const ModelVersionView& v);

} // namespace decision::report
