// TCP connection setup with failure classification (resolution, refused, unreachable).
#include "transport/tcp_connect.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace scsctl::transport {

namespace {

std::string endpoint_text(const std::string& host, int port)
{
    if (host.find(':') != std::string::npos) {
        return "[" + host + "]:" + std::to_string(port);
    }
    return host + ":" + std::to_string(port);
}

Failure failure_for_errno(const std::string& name, int error, const std::string& host, int port)
{
    const std::string where = name + ": " + endpoint_text(host, port) + ": ";
    switch (error) {
    case ECONNREFUSED:
        return Failure{FailureKind::connection_refused, where + "connection refused"};
    case ETIMEDOUT:
        return Failure{FailureKind::connect_timeout, where + "connection timed out"};
    case EHOSTUNREACH:
    case ENETUNREACH:
        return Failure{FailureKind::connect_timeout, where + std::strerror(error)};
    default:
        return Failure{FailureKind::connection_refused, where + std::strerror(error)};
    }
}

} // namespace

void set_nonblocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL, 0);
    ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

ConnectStart start_tcp_connect(const std::string& name, const std::string& host, int port)
{
    ConnectStart out;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    // Numeric addresses first: no resolver round trip for the common case.
    hints.ai_flags |= AI_NUMERICHOST;
    int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
    if (rc == EAI_NONAME) {
        hints.ai_flags &= ~AI_NUMERICHOST;
        rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
    }
    if (rc != 0 || found == nullptr) {
        out.failure = Failure{FailureKind::name_resolution,
                              name + ": cannot resolve '" + host + "': " + ::gai_strerror(rc)};
        return out;
    }
    const int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        out.failure = Failure{FailureKind::connection_refused, name + ": socket: " + std::strerror(errno)};
        ::freeaddrinfo(found);
        return out;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    rc = ::connect(fd, found->ai_addr, found->ai_addrlen);
    const int error = errno;
    ::freeaddrinfo(found);
    if (rc == 0) {
        out.fd = fd;
        return out;
    }
    if (error == EINPROGRESS) {
        out.fd = fd;
        out.in_progress = true;
        return out;
    }
    ::close(fd);
    out.failure = failure_for_errno(name, error, host, port);
    return out;
}

std::optional<Failure> finish_tcp_connect(const std::string& name, int fd, const std::string& host, int port)
{
    int error = 0;
    socklen_t length = sizeof(error);
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
        error = errno;
    }
    if (error == 0) {
        return std::nullopt;
    }
    return failure_for_errno(name, error, host, port);
}

} // namespace scsctl::transport
