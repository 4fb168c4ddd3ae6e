// Forwards against a real sshd: a local TCP port or unix socket whose connections reach a
// TCP port or a unix socket on the host, and that end with their connection.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "tcp_listener.hpp"
#include "temp_dir.hpp"
#include "transport_support.hpp"

using namespace scsctl;
using namespace scsctl::testing;
using transport::FailureKind;

namespace {

/// A stream socket bound (or connected) to 127.0.0.1:port, or to the unix socket `path`.
int open_socket(const std::string& path, int port, bool connect)
{
    sockaddr_storage address{};
    socklen_t length = sizeof(sockaddr_un);
    if (path.empty()) {
        auto& in = reinterpret_cast<sockaddr_in&>(address);
        in.sin_family = AF_INET;
        in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        in.sin_port = htons(static_cast<std::uint16_t>(port));
        length = sizeof(in);
    } else {
        auto& un = reinterpret_cast<sockaddr_un&>(address);
        un.sun_family = AF_UNIX;
        path.copy(un.sun_path, sizeof(un.sun_path) - 1);
    }
    const int fd = ::socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    auto* raw = reinterpret_cast<sockaddr*>(&address);
    REQUIRE((connect ? ::connect(fd, raw, length) : ::bind(fd, raw, length)) == 0);
    return fd;
}

/// Listens on 127.0.0.1 (free port) or on a unix socket; a thread echoes every connection.
class EchoServer {
public:
    explicit EchoServer(const std::string& socket_path = {}) : m_fd(open_socket(socket_path, 0, false))
    {
        REQUIRE(::pipe(m_stop) == 0);
        sockaddr_in in{};
        socklen_t length = sizeof(in);
        if (socket_path.empty() && ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&in), &length) == 0) {
            m_port = ntohs(in.sin_port);
        }
        REQUIRE(::listen(m_fd, 16) == 0);
        m_thread = std::thread([this] { run(); });
    }
    ~EchoServer()
    {
        [[maybe_unused]] const ssize_t n = ::write(m_stop[1], "x", 1);
        m_thread.join();
        ::close(m_fd);
        ::close(m_stop[0]);
        ::close(m_stop[1]);
    }
    EchoServer(const EchoServer&) = delete;
    EchoServer& operator=(const EchoServer&) = delete;

    int port() const { return m_port; }

private:
    bool wait_readable(int fd)
    {
        pollfd fds[2] = {{fd, POLLIN, 0}, {m_stop[0], POLLIN, 0}};
        ::poll(fds, 2, -1);
        return (fds[1].revents & POLLIN) == 0;
    }
    void run()
    {
        while (wait_readable(m_fd)) {
            const int client = ::accept(m_fd, nullptr, nullptr);
            char buffer[4096];
            while (client >= 0 && wait_readable(client)) {
                const ssize_t n = ::read(client, buffer, sizeof(buffer));
                if (n <= 0 || ::send(client, buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n) {
                    break;
                }
            }
            if (client >= 0) {
                ::close(client);
            }
        }
    }

    int m_fd = -1;
    int m_port = 0;
    int m_stop[2] = {-1, -1};
    std::thread m_thread;
};

/// Connects to a forward's local end, sends `message`, returns what comes back.
std::string echo_through(const transport::ForwardResult& forward, const std::string& message)
{
    const int fd = open_socket(forward.local_port != 0 ? "" : forward.local_address, forward.local_port, true);
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    if (::send(fd, message.data(), message.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(message.size())) {
        ::close(fd);
        return {}; // the far end is gone already
    }
    std::string received;
    char buffer[4096];
    while (received.size() < message.size()) {
        const ssize_t n = ::read(fd, buffer, sizeof(buffer));
        if (n <= 0) {
            break;
        }
        received.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return received;
}

} // namespace

TEST_CASE("a forward reaches a TCP port and a unix socket on the host", "[transfer][forward]")
{
    SshdFixture sshd;
    TempDir local;
    EchoServer tcp_echo;
    const std::string host_socket = (sshd.dir() / "echo.sock").string();
    EchoServer unix_echo(host_socket);
    auto pool = std::make_unique<transport::Pool>();
    const auto host = pool->add(endpoint_for(sshd, 1));

    auto tcp = forward_sync(*pool, host, transport::ForwardRequest{"127.0.0.1", tcp_echo.port(), {}, {}});
    REQUIRE(tcp);
    CHECK(tcp->local_port > 0);
    CHECK(tcp->local_address == "127.0.0.1:" + std::to_string(tcp->local_port));
    CHECK(echo_through(*tcp, "hello over tcp") == "hello over tcp");
    CHECK(echo_through(*tcp, std::string(200000, 'z')) == std::string(200000, 'z'));

    const std::string local_socket = (local.path() / "forward.sock").string();
    auto unix_forward = forward_sync(*pool, host, transport::ForwardRequest{{}, 0, host_socket, local_socket});
    REQUIRE(unix_forward);
    CHECK(unix_forward->local_address == local_socket);
    CHECK(echo_through(*unix_forward, "hello over a unix socket") == "hello over a unix socket");

    // Commands still run beside the forwards; closing the host ends them promptly.
    auto command = run_sync(*pool, host, "echo beside");
    REQUIRE(command);
    const auto started = std::chrono::steady_clock::now();
    pool->close(host);
    pool.reset();
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    CHECK_FALSE(std::filesystem::exists(local_socket));
}

TEST_CASE("a local endpoint has nothing to forward through", "[transfer][forward]")
{
    transport::Pool pool;
    auto forward = forward_sync(pool, pool.add(local_endpoint()), transport::ForwardRequest{"127.0.0.1", 22, {}, {}});
    REQUIRE_FALSE(forward);
    CHECK(forward.error().kind == FailureKind::forward);
    CHECK(forward.error().message.find("local connection") != std::string::npos);
}

TEST_CASE("a forward to a closed port closes the accepted connection", "[transfer][forward]")
{
    SshdFixture sshd;
    ClosedPort closed;
    transport::Pool pool;
    auto forward = forward_sync(pool, pool.add(endpoint_for(sshd, 1)),
                                transport::ForwardRequest{"127.0.0.1", closed.port(), {}, {}});
    REQUIRE(forward);
    CHECK(echo_through(*forward, "nobody there").empty()); // EOF: the channel could not open
}
