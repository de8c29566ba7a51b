#pragma once
// `blame` for people (text) and programs (JSON, docs/links-json.md).

#include "decision/check/blame.hpp"
#include "decision/policy/policy.hpp"
#include "decision/record/catalog.hpp"

#include <string>
#include <vector>

namespace decision::report {

// {"path","version":1,"commits":[{...commit links..., "blob", "fingerprints":[{kind,field,
// value}], "dvc_lock":{file,stage,output,md5}|null, "problems":[...]}]}, printable.
std::string blame_json(const std::string& path, const std::vector<check::BlameEntry>& entries,
                       const record::Catalog& records, const policy::Policy& policy);

// One block per commit: "commit <id>  <date>  <title>", its blob, fingerprints, problems
// and links; "No commit changed <path>." when there is none.
std::string render_blame(const std::string& path, const std::vector<check::BlameEntry>& entries,
                         const record::Catalog& records, const policy::Policy& policy);

} // namespace decision::report
