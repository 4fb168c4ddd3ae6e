// Transport failures, classified so that every message carries a hint and so that
// "unreachable" (the host could not be used) stays distinct from "failed" (a command ran
// and failed). Depends on the standard library only.
#pragma once

#include <string>
#include <string_view>

namespace scsctl::transport {

enum class FailureKind {
    // The host is unreachable: nothing ran.
    name_resolution,    ///< the name does not resolve
    connection_refused, ///< nothing listens on the port
    connect_timeout,    ///< no TCP connection within the connect timeout
    no_ssh_banner,      ///< TCP connected but the peer never spoke SSH
    handshake,          ///< key exchange or protocol failure
    host_key_unknown,   ///< no key recorded for the host (strict policy)
    host_key_mismatch,  ///< the presented key differs from the recorded one
    auth_failed,        ///< no key or agent identity was accepted
    connection_lost,    ///< the connection broke (sshd died, network gone)
    // The host was reached but the operation could not complete.
    sudo_password,   ///< become needs a password and none was given (or it was wrong)
    command_timeout, ///< the command did not finish within its timeout
    transfer,        ///< an SFTP or local file operation failed
    forward,         ///< a port or socket forward could not be opened
    interrupted,     ///< cancelled by SIGINT/SIGTERM
};

struct Failure {
    FailureKind kind = FailureKind::connection_lost;
    std::string message; ///< one line, names the host

    /// True when the host could not be used at all (counts as "unreachable").
    bool unreachable() const;
};

/// A short, actionable hint for a failure kind ("" when there is nothing to add).
std::string_view hint_for(FailureKind kind);

/// Stable lowercase name of a kind, used in JSON output ("host_key_mismatch").
std::string_view name_of(FailureKind kind);

} // namespace scsctl::transport
