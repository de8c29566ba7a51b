#pragma once
// Errors as values. Library code returns Result<T>; only main() prints and exits.

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace decision::util {

// What went wrong, in the categories that pick the process exit code (DESIGN.md).
enum class ErrorKind {
    Check = 1,   // a check failed: invalid record, uncovered change
    Git = 128,   // git or environment failure: no repository, unreadable object, I/O
    Usage = 129, // the caller asked for something malformed
};

// An error whose message already says what the user should do about it.
struct Error {
    ErrorKind kind = ErrorKind::Git;
    std::string message;
};

template <class T> using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorKind kind, std::string message) {
    return tl::unexpected<Error>(Error{kind, std::move(message)});
}

} // namespace decision::util
