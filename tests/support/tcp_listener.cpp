// Plain TCP helpers for SSH tests: SilentTcpListener's accept thread, ClosedPort, the free-port
// probe and the banner reader (all IPv4 loopback, all file descriptors close-on-exec).
#include "tcp_listener.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace scsctl::testing {
namespace {

[[noreturn]] void throw_errno(const std::string& what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

sockaddr_in ipv4(const std::string& address, int port)
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::inet_pton(AF_INET, address.c_str(), &addr.sin_addr) != 1) {
        throw std::invalid_argument("not an IPv4 address: " + address);
    }
    return addr;
}

/// A TCP socket bound to address:port (port 0 = any free one); returns the fd, sets `port`.
int bound_socket(const std::string& address, int& port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw_errno("socket");
    }
    const sockaddr_in addr = ipv4(address, port);
    sockaddr_in bound{};
    socklen_t length = sizeof bound;
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length) != 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        throw_errno("bind " + address);
    }
    port = ntohs(bound.sin_port);
    return fd;
}

} // namespace

int free_tcp_port()
{
    int port = 0;
    ::close(bound_socket("0.0.0.0", port));
    return port;
}

std::string read_banner(const std::string& address, int port, std::chrono::milliseconds timeout)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return {};
    }
    const sockaddr_in addr = ipv4(address, port);
    std::string line;
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        pollfd pfd{fd, POLLIN, 0};
        while (line.find('\n') == std::string::npos && line.size() < 1024) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) {
                break;
            }
            char buffer[256];
            const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
            if (got <= 0) {
                break;
            }
            line.append(buffer, static_cast<std::size_t>(got));
        }
    }
    ::close(fd);
    const auto end = line.find_first_of("\r\n");
    return end == std::string::npos ? std::string{} : line.substr(0, end);
}

SilentTcpListener::SilentTcpListener()
{
    m_listen_fd = bound_socket("127.0.0.1", m_port);
    if (::listen(m_listen_fd, 128) != 0 || ::pipe2(m_wake_fds, O_CLOEXEC) != 0) {
        const int saved = errno;
        ::close(m_listen_fd);
        errno = saved;
        throw_errno("SilentTcpListener listen");
    }
    m_thread = std::thread([this] { accept_loop(); });
}

SilentTcpListener::~SilentTcpListener()
{
    // Closing the write end wakes the thread's poll (POLLHUP on the read end).
    ::close(m_wake_fds[1]);
    m_thread.join();
    ::close(m_wake_fds[0]);
    ::close(m_listen_fd);
    for (const int fd : m_clients) {
        ::close(fd);
    }
}

void SilentTcpListener::accept_loop()
{
    for (;;) {
        pollfd fds[2] = {{m_listen_fd, POLLIN, 0}, {m_wake_fds[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        if (fds[1].revents != 0) {
            return;
        }
        const int client = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client >= 0) {
            m_clients.push_back(client);  // kept open, never written to
            ++m_accepted;
        }
    }
}

ClosedPort::ClosedPort()
{
    m_fd = bound_socket("127.0.0.1", m_port);
}

ClosedPort::~ClosedPort()
{
    ::close(m_fd);
}

} // namespace scsctl::testing
