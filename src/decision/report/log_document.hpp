#pragma once
// The export document (docs/export-json.md): every record as `show --format json` prints it,
// with the commits linked to it and the approvals found for it, and every commit in the
// history that links a decision. The JSON, MADR and HTML exports are all rendered from it.

#include "decision/git/repository.hpp"
#include "decision/policy/policy.hpp"
#include "decision/record/catalog.hpp"
#include "decision/util/error.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace decision::report {

// Version 1 of the document for `catalog` under `policy`: {"version", "revision",
// "records", "links"}. `tip` names the commit whose history is walked, once, for links
// (trailers and notes) and approvals; empty: none (a repository without commits). Every
// read failure is an error.
util::Result<nlohmann::json> log_document(const git::Repository& repo,
                                          const record::Catalog& catalog,
                                          const policy::Policy& policy, const std::string& tip);

} // namespace decision::report
