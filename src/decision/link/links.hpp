#pragma once
// What ties a commit to decisions: `Decision:` trailers, notes under
// refs/notes/decisions, sign-off trailers, `Model-Version:` and waiver trailers.
// Pure code over parsed trailers and note text.

#include <optional>
#include <string>
#include <vector>

#include "decision/trailer/trailer.hpp"

namespace decision::link {

inline constexpr const char* k_notes_ref = "refs/notes/decisions";
inline constexpr const char* k_decision_key = "Decision";
inline constexpr const char* k_model_version_key = "Model-Version";

// Rollback: through the commit a revert reverts; CherryPick: through the original of a
// `cherry-pick -x` (check/provenance.hpp).
enum class Via { Trailer, Note, Rollback, CherryPick };
const char* to_string(Via v);

struct DecisionRef {
    std::string id;
    Via via = Via::Trailer;
};

// "Name <email>" as a sign-off trailer names its approver.
struct Person {
    std::string name;
    std::string email; // as written; compare case-insensitively
};
Person parse_person(std::string_view value);

struct SignOff {
    std::string key; // the trailer key as written, e.g. "Approved-by"
    Person who;
};

struct ModelRef {
    std::string name;
    std::string version;
};

struct CommitLinks {
    std::vector<DecisionRef> decisions;   // each ID once; a trailer wins over a note
    std::vector<std::string> malformed;   // Decision values that are not IDs
    std::vector<SignOff> signoffs;
    std::vector<ModelRef> models;
    std::vector<std::string> malformed_models; // Model-Version values without name@version
    std::vector<std::string> waivers;          // waiver reasons
    std::vector<std::string> note_problems;    // note lines that are not valid JSON links

    bool links(const std::string& id) const;
};

// The trailer keys that mean something to git-decision.
struct Vocabulary {
    std::vector<std::string> signoff_keys{"Approved-by", "Reviewed-by", "Signed-off-by"};
    std::string waiver_key = "Decision-Waiver";
};

// Links of one commit from its trailers and, when present, its note.
CommitLinks extract(const std::vector<trailer::Trailer>& trailers, const std::string* note, const Vocabulary& vocab);

// One note line linking a commit to `id`: {"decision":"DEC-0042","by":"email","at":"..."}.
std::string note_line(const std::string& id, const std::string& by, const std::string& at);

// `name@version` (GTO tags `name@v1.2.3` give version "1.2.3").
std::optional<ModelRef> parse_model_ref(std::string_view text);

} // namespace decision::link
