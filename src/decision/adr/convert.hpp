#pragma once
// An ADR (parse.hpp) as a decision record: titles without numbers, statuses mapped onto the
// record lifecycle, MADR's options, chosen option, drivers and consequences in their
// fields, and everything else kept in the problem statement, never dropped.

#include "decision/adr/parse.hpp"
#include "decision/record/record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace decision::adr {

struct ConvertOptions {
    std::optional<record::Category> category; // --category; guessed when absent
    record::Date today;                       // the date of an ADR that has none
    record::Person owner; // the owner when the ADR names no decision-makers (who imports)
    std::string source;   // the source file as the record's link names it
};

struct Converted {
    record::Record record; // no ID yet; `supersedes` is left to the import (import.hpp)
    bool category_guessed = false;
    std::vector<std::string> category_clues; // the words a guessed category rests on
    std::vector<std::string> notes;          // what did not map as it was, for the report
};

Converted convert(const Adr& adr, const std::string& file_name, const ConvertOptions& options);

// The category `title` and `text` speak of most (title words count three times), with the
// keywords found; MODEL SELECTION and no keywords when none matches.
std::pair<record::Category, std::vector<std::string>> guess_category(std::string_view title,
                                                                     std::string_view text);

// How an ADR status reads as a record status: accepted, proposed, rejected, deprecated,
// superseded (also "superseded by ..."), draft -> proposed; anything else -> nothing.
std::optional<record::Status> map_status(std::string_view status);

} // namespace decision::adr
