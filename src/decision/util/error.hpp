#pragma once
// Errors as values. Library code returns Result<T>; only main() prints and exits.

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace decision::util {

// What went wrong, in the categories that pick the process exit code (docs/design.md, "Exit
// codes").
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

// Propagating an error, for functions that return a Result (or a Result-returning lambda):
//
//   TRY(write_file(path, text));                  // Result<void> or a value to drop
//   TRY_ASSIGN(auto policy, ctx.policy());         // declares `policy`, the value itself
//   TRY_ASSIGN(record.status, parse_status(text)); // assigns to something that exists
//
// On an error, the enclosing function returns it unchanged. TRY_ASSIGN is a statement that
// leaves a hidden temporary in the scope, so write one per line.
#define GD_TRY_CONCAT_(a, b) a##b
#define GD_TRY_CONCAT(a, b) GD_TRY_CONCAT_(a, b)

#define TRY(...)                                                                                   \
    do {                                                                                           \
        auto&& gd_try_result_ = (__VA_ARGS__);                                                     \
        if (!gd_try_result_)                                                                       \
            return ::tl::unexpected<::decision::util::Error>(gd_try_result_.error());              \
    } while (false)

#define TRY_ASSIGN(declaration, ...)                                                               \
    GD_TRY_ASSIGN_(GD_TRY_CONCAT(gd_try_result_, __LINE__), declaration, __VA_ARGS__)
#define GD_TRY_ASSIGN_(tmp, declaration, ...)                                                      \
    auto tmp = (__VA_ARGS__);                                                                      \
    if (!tmp)                                                                                      \
        return ::tl::unexpected<::decision::util::Error>(std::move(tmp).error());                  \
    declaration = std::move(*tmp)
