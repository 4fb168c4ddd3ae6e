// Error: what went wrong, of which kind, and where. The kind decides the exit code.
// Depends on the standard library and location.hpp only.
#pragma once

#include <string>

#include "core/location.hpp"

namespace scsctl::core {

/// Kinds of failure; each maps to one documented exit code (docs/exit-codes.md).
enum class ErrorKind {
    usage,       ///< bad flags or arguments (exit 2)
    config,      ///< malformed inventory, playbook or configuration (exit 2)
    io,          ///< a file could not be read or written (exit 2)
    failed,      ///< a task or command failed (exit 1)
    unreachable, ///< a host could not be reached (exit 3)
    lock_held,   ///< another run holds the inventory lock (exit 4)
    plugin,      ///< an external layer plugin crashed, hung or broke the protocol (exit 8)
    interrupted, ///< SIGINT (exit 130)
    internal,    ///< a bug in scsctl (exit 70)
};

struct Error {
    ErrorKind kind = ErrorKind::internal;
    std::string message;
    Location where; ///< empty when the error is not about a file

    /// "file:line:col: message" or just "message".
    std::string str() const;
};

/// The process exit code documented for an error kind.
int exit_code_for(ErrorKind kind);

} // namespace scsctl::core
