// EtcdServer: a real etcd (Debian's etcd-server) for one test, on free loopback ports in
// its own temp dir, stopped by pid (TERM, then KILL after 5 s) and removed at scope exit,
// also when the test fails. Tests skip (WARN + return) only when /usr/bin/etcd is missing.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace scsctl::testing {

class EtcdServer {
  public:
    static constexpr const char* k_binary = "/usr/bin/etcd";
    /// Whether etcd is installed (scripts/lib/deps.sh installs etcd-server).
    static bool available();

    /// Starts etcd and waits until it answers; throws std::runtime_error (with its log) if not.
    EtcdServer();
    ~EtcdServer();
    EtcdServer(const EtcdServer&) = delete;
    EtcdServer& operator=(const EtcdServer&) = delete;

    /// "127.0.0.1:PORT"
    std::string endpoint() const;
    /// "etcd://127.0.0.1:PORT/" + prefix
    std::string url(const std::string& prefix) const;
    /// Stops the server now (for "server down" tests); the port then refuses connections.
    void stop();

  private:
    std::filesystem::path m_dir;
    int m_port = 0;
    pid_t m_pid = -1;
};

/// A message for WARN when a test is skipped for want of etcd.
inline constexpr const char* k_etcd_skip_message =
    "SKIPPED: /usr/bin/etcd is missing (install Debian's etcd-server: scripts/lib/deps.sh)";

} // namespace scsctl::testing

/// In a Catch2 test case: ends it with k_etcd_skip_message when etcd is not installed.
#define SCSCTL_SKIP_WITHOUT_ETCD()                                                                                     \
    do {                                                                                                               \
        if (!::scsctl::testing::EtcdServer::available()) {                                                             \
            WARN(::scsctl::testing::k_etcd_skip_message);                                                              \
            return;                                                                                                    \
        }                                                                                                              \
    } while (false)
