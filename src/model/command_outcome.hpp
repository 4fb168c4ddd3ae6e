// The outcome of one ad-hoc command on one host, as reporters see it: plain data,
// independent of the transport that produced it. Depends on the standard library only.
#pragma once

#include <cstdint>
#include <string>

namespace scsctl::model {

enum class HostStatus {
    ok,          ///< the command ran and exited 0
    failed,      ///< the command ran and failed (exit code, signal, timeout, sudo)
    unreachable, ///< the host could not be used: nothing ran
};

struct CommandOutcome {
    std::string host;
    HostStatus status = HostStatus::ok;
    int rc = 0;               ///< exit status; -1 when there is none (signal, unreachable)
    std::string exit_signal;  ///< "KILL", ... when killed by a signal
    std::string stdout_text;
    std::string stderr_text;
    std::uint64_t stdout_bytes = 0;
    std::uint64_t stderr_bytes = 0;
    std::string error;      ///< one line, with hint, when not ok
    std::string error_kind; ///< stable name ("host_key_mismatch", "exit_code", ...), "" when ok
    double duration_ms = 0;
};

/// "ok", "failed" or "unreachable".
inline const char* status_name(HostStatus status)
{
    switch (status) {
    case HostStatus::ok:
        return "ok";
    case HostStatus::failed:
        return "failed";
    case HostStatus::unreachable:
        return "unreachable";
    }
    return "failed";
}

} // namespace scsctl::model
