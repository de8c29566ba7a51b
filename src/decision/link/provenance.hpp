#pragma once
// The commits a message names in git's own words: `git revert` writes "This reverts commit
// <id>." ("..., reversing" for a merge; "<abbrev> (<subject>, <date>)." with
// revert.reference), `git cherry-pick -x` writes "(cherry picked from commit <id>)". Pure
// code over the message text; check/provenance.hpp follows them to links.

#include <string>
#include <string_view>
#include <vector>

namespace decision::link {

struct Provenance {
    std::vector<std::string> reverts;            // commit ids or abbreviations, as written
    std::vector<std::string> cherry_picked_from; // likewise
    bool empty() const { return reverts.empty() && cherry_picked_from.empty(); }
};

// Lines at the start of a line only, as git writes them (a quoted or indented mention does
// not count); each id at least 7 hex digits.
Provenance provenance(std::string_view message);

} // namespace decision::link
