// Plain TCP helpers for SSH tests: a peer that accepts connections but never speaks
// (SilentTcpListener), a port with nothing listening (ClosedPort), free-port and banner probes.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace scsctl::testing {

/// A TCP port that was free on every IPv4 address a moment ago (bind 0.0.0.0:0, read, close).
/// Someone else may take it before the caller binds it: callers retry on a collision.
int free_tcp_port();

/// Connects to address:port and returns the first line the peer sends (without CR LF), or ""
/// if it cannot connect or nothing arrives within `timeout`.
std::string read_banner(const std::string& address, int port, std::chrono::milliseconds timeout);

/// Listens on 127.0.0.1:port(); a thread accepts every connection and keeps it open without
/// ever sending a byte ("accepts TCP but never speaks SSH"). All sockets close on destruction.
class SilentTcpListener {
public:
    SilentTcpListener();
    ~SilentTcpListener();
    SilentTcpListener(const SilentTcpListener&) = delete;
    SilentTcpListener& operator=(const SilentTcpListener&) = delete;

    int port() const { return m_port; }
    static std::string address() { return "127.0.0.1"; }
    /// Connections accepted so far.
    int accepted() const { return m_accepted.load(); }

private:
    void accept_loop();

    int m_listen_fd = -1;
    int m_wake_fds[2] = {-1, -1};
    int m_port = 0;
    std::atomic<int> m_accepted{0};
    std::vector<int> m_clients;
    std::thread m_thread;
};

/// A port on 127.0.0.1 where connecting is refused: a socket is bound to it but never listens,
/// which also keeps anyone else from taking the port while this object lives.
class ClosedPort {
public:
    ClosedPort();
    ~ClosedPort();
    ClosedPort(const ClosedPort&) = delete;
    ClosedPort& operator=(const ClosedPort&) = delete;

    int port() const { return m_port; }
    static std::string address() { return "127.0.0.1"; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace scsctl::testing
