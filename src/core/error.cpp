// Error formatting and the kind → exit code table (documented in docs/exit-codes.md).
#include "core/error.hpp"

#include "core/exit_codes.hpp"

namespace scsctl::core {

std::string Error::str() const
{
    if (where.empty()) {
        return message;
    }
    return where.str() + ": " + message;
}

int exit_code_for(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::usage:
    case ErrorKind::config:
    case ErrorKind::io:
        return k_exit_usage;
    case ErrorKind::failed:
        return k_exit_failed;
    case ErrorKind::unreachable:
        return k_exit_unreachable;
    case ErrorKind::lock_held:
        return k_exit_lock_held;
    case ErrorKind::plugin:
        return k_exit_plugin;
    case ErrorKind::interrupted:
        return k_exit_interrupted;
    case ErrorKind::internal:
        break;
    }
    return k_exit_internal;
}

} // namespace scsctl::core
