#pragma once
// A finding about a file: where it is, how bad it is, and which rule found it.

#include <string>
#include <vector>

namespace decision::util {

// A 1-based position in a file; line 0 means "the whole file".
struct Position {
    int line = 0;
    int column = 0;
};

// A note reports what was let through on purpose (a relaxed rule); it never fails a check.
enum class Severity { Error, Warning, Note };

struct Diagnostic {
    std::string file; // path relative to the repository root
    int line = 0;     // 1-based; 0 when the finding is about the whole file
    int column = 0;   // 1-based; 0 when unknown
    Severity severity = Severity::Error;
    std::string rule; // lint rule or check name, e.g. "rejected-options"; empty for syntax
    std::string message;
};

// "file:line:col: error: message [rule]", as compilers print it.
std::string format(const Diagnostic& d);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

const char* severity_name(Severity s);

} // namespace decision::util
