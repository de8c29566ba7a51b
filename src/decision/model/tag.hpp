#pragma once
// GTO-style model tags (https://dvc.org/doc/gto): `name@v1.2.3` registers version 1.2.3
// of model `name` at the tagged commit; `name#stage` and `name#stage#N` assign `stage` to
// the commit the tag points at (N orders repeated assignments). Pure code over tag names;
// src/decision/git/tags.* reads the tags themselves.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decision::model {

struct Tag {
    enum class Kind { Version, Stage } kind = Kind::Version;
    std::string name;    // the model
    std::string version; // Version: "1.2.3" (without the v)
    std::string stage;   // Stage: "prod"
    int number = 0;      // Stage: N of name#stage#N, 0 for name#stage

    friend bool operator==(const Tag&, const Tag&) = default;
};

// The tag `tag_name` (short, without refs/tags/) as a GTO tag; nullopt for anything else,
// including malformed names (`@v`, `name@`, `name#`, spaces) and GTO's deregistration and
// unassignment tags (`name@v1.0.0!`, `name#stage!#3`), which register nothing.
std::optional<Tag> parse_tag(std::string_view tag_name);

// A tag as read from the repository: its short name and the commit it points at.
struct TagRef {
    std::string name;
    std::string commit;
};

// A stage assigned to a version's commit. `current` is false when a later assignment of the
// same stage (a higher N) points at another commit.
struct StageAssignment {
    std::string stage;
    std::string tag;
    int number = 0;
    bool current = true;

    friend bool operator==(const StageAssignment&, const StageAssignment&) = default;
};

// What the tags say about one model version.
struct TaggedVersion {
    std::string tag;    // "fraud-detector@v3.2.0"
    std::string commit; // the commit it registers
    std::vector<StageAssignment> stages;
};

// The version tags and stage tags of one model, read from every tag.
class Registry {
public:
    explicit Registry(const std::vector<TagRef>& tags);

    // The tag that registers `version` of `name` ("1.2.3" or "v1.2.3"), with the stages
    // assigned to its commit; nullopt when no tag registers it.
    std::optional<TaggedVersion> version(const std::string& name, const std::string& version) const;
    // Every version of `name` a tag registers, in tag-name order.
    std::vector<TaggedVersion> versions(const std::string& name) const;
    // The stages assigned to `commit` for model `name`, in stage-name order.
    std::vector<StageAssignment> stages_at(const std::string& name,
                                           const std::string& commit) const;

private:
    struct Entry {
        Tag tag;
        std::string tag_name;
        std::string commit;
    };
    std::vector<Entry> m_entries;
};

// "v1.2.3" -> "1.2.3"; anything else unchanged.
std::string plain_version(std::string_view version);

} // namespace decision::model
