#pragma once
// Allocating decision IDs: the next number after every one in use, reserved atomically so
// that two `git decision new` started at once never write the same ID.

#include "decision/util/error.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace decision::record {

// "<prefix>-<n>" with at least four digits: format_id("DEC", 42) == "DEC-0042".
std::string format_id(const std::string& prefix, long n);

// The highest number of a `prefix` ID at the start of these file names or IDs
// ("DEC-0042-slug.toml", "DEC-0042"); 0 when there is none.
long highest_id_number(const std::vector<std::string>& names, const std::string& prefix);

// Where a new record goes and how it is reserved.
struct NewRecord {
    std::filesystem::path records_dir;  // in the working tree
    std::filesystem::path reservations; // a folder git does not track (in the git dir)
    std::string prefix;                 // "DEC"
    long first = 1;                     // the first number to try
    std::string slug;                   // the file is "<ID>-<slug>.toml"
};

// Writes the record `render(id)` under the first ID from `first` on that no other writer
// holds. Each ID is reserved by creating <reservations>/<ID> exclusively; with it held,
// the records folder is looked at again for a file of that ID (one a writer created
// between our scan and our reservation), and the record is then created exclusively. The
// reservation is removed after the record exists, so a writer that reserves the same ID
// later sees the file. Returns the ID written.
util::Result<std::string>
create_with_free_id(const NewRecord& where,
                    const std::function<std::string(const std::string& id)>& render);

} // namespace decision::record
