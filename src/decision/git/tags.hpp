#pragma once
// The repository's tags, each with the commit it points at (annotated tags peeled), for
// GTO-style model registration (decision/model/tag.hpp reads the names).

#include "decision/git/repository.hpp"
#include "decision/model/tag.hpp"
#include "decision/util/error.hpp"

#include <vector>

namespace decision::git {

// Every tag under refs/tags/ that points (through annotated tags) at a commit, by short
// name; tags of trees or blobs are left out.
util::Result<std::vector<model::TagRef>> tags(const Repository& repo);

} // namespace decision::git
