#pragma once
// Changes to a record's text that keep the rest of the file (comments, layout) as it is.
// Each result is re-parsed before it is returned, so a change never yields a broken file.

#include "decision/record/record.hpp"
#include "decision/util/error.hpp"

#include <string>

namespace decision::record {

// `r.text` with the top-level status set to `s`.
util::Result<std::string> with_status(const Record& r, Status s);

// `r.text` with `id` added to `supersedes` (a no-op when it is there already).
util::Result<std::string> with_supersedes(const Record& r, const std::string& id);

} // namespace decision::record
