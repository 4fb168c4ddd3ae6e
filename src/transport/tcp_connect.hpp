// Non-blocking TCP connect with TCP_NODELAY set before the handshake (libssh2 does not
// set it; without it every sequential command stalls on delayed ACKs).
// Depends on the standard library and POSIX only.
#pragma once

#include <optional>
#include <string>

#include "transport/failure.hpp"

namespace scsctl::transport {

struct ConnectStart {
    int fd = -1;            ///< the socket (connecting or connected), -1 on failure
    bool in_progress = false;
    Failure failure;        ///< set when fd == -1
};

/// Resolves `host` (IP literals without DNS) and starts a non-blocking connect.
ConnectStart start_tcp_connect(const std::string& name, const std::string& host, int port);

/// After POLLOUT on a connecting socket: empty on success, else the classified failure.
std::optional<Failure> finish_tcp_connect(const std::string& name, int fd, const std::string& host, int port);

/// Makes `fd` non-blocking and close-on-exec.
void set_nonblocking(int fd);

} // namespace scsctl::transport
