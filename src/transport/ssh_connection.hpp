// SshConnection: one SSH session to one host (or bastion), owned by a worker's event
// loop: TCP connect (or a tunnel through a bastion), handshake with curve25519
// preferred, host-key verification against known_hosts, public-key and agent auth,
// then its operations run as channels. Depends on transport internals and libssh2.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <libssh2.h>

#include "transport/connection.hpp"
#include "transport/endpoint.hpp"
#include "transport/known_hosts.hpp"
#include "transport/ssh_operation.hpp"

namespace scsctl::transport {

/// What all connections of a pool share (read-only after start, or thread-safe).
struct SshShared {
    std::function<std::shared_ptr<const KnownHosts>(const std::vector<std::string>&)> known_hosts;
    std::function<void(const std::string&, const std::string&)> trace;
    std::size_t channels_per_host = 4;
};

/// How often, in this process, a connection's watchdog found work that no socket event
/// or deadline had announced (a lost wakeup, recovered after k_watchdog). Should stay 0;
/// tests assert it.
std::uint64_t lost_wakeups_recovered();

/// Limits how many connections of one worker handshake at once.
struct ConnectSlots {
    std::size_t available = 64;
};

class SshConnection final : public Connection {
public:
    /// `via`: the bastion connection to tunnel through (same worker), or null.
    SshConnection(std::string name, Hop hop, const Endpoint& settings, SshConnection* via, SshShared& shared,
                  ConnectSlots& slots);
    ~SshConnection() override;

    void submit(std::unique_ptr<Operation> operation) override;
    void prepare(PollSet& set, Clock::time_point now) override;
    void advance(const PollSet& set, Clock::time_point now) override;
    void abort_all(const Failure& failure) override;
    void close_when_idle() override;
    bool finished() const override { return m_state == State::closed; }
    /// Queued or running operations, not counting background ones (forwards).
    bool busy() const override
    {
        return !m_queue.empty() || std::ranges::any_of(m_running, [](const auto& op) { return !op->background(); });
    }

    /// The presented host key, once the handshake got that far.
    const std::optional<HostKey>& host_key() const { return m_host_key; }
    const Hop& hop() const { return m_hop; }

private:
    enum class State {
        idle,
        tcp_connect,
        tunnel_wait,
        handshake,
        auth_list,
        auth_key,
        auth_agent,
        ready,
        disconnect,
        failed,
        closed,
    };

    void start(Clock::time_point now);
    void start_tunnel(Clock::time_point now);
    void step_tcp(short revents, Clock::time_point now);
    void start_session(Clock::time_point now);
    void step_handshake(Clock::time_point now);
    bool verify_host_key();
    void step_auth_list();
    void step_auth_key();
    void step_auth_agent();
    void fail_auth();
    void become_ready();
    void run_operations(Clock::time_point now);
    bool step_each(std::vector<std::unique_ptr<SshOperation>>& ops, bool release, bool& progressed);
    void step_disconnect();
    void fail_connection(Failure failure);
    void release_resources();
    bool check_deadline(Clock::time_point now);
    void watch_progress(Clock::time_point now, bool progressed, std::uint64_t received_before);
    /// libssh2's recv callback: counts the bytes read from the socket (m_bytes_received).
    static ssize_t counting_recv(libssh2_socket_t fd, void* buffer, size_t length, int flags, void** abstract);
    void trace(const std::string& message) const;
    std::string where() const;

    std::string m_name;
    Hop m_hop;
    const Endpoint& m_settings;
    SshConnection* m_via;
    SshShared& m_shared;
    ConnectSlots& m_slots;
    bool m_holds_slot = false;

    State m_state = State::idle;
    int m_fd = -1;
    LIBSSH2_SESSION* m_session = nullptr;
    LIBSSH2_AGENT* m_agent = nullptr;
    libssh2_agent_publickey* m_agent_identity = nullptr;
    std::shared_ptr<const KnownHosts> m_known_hosts;
    std::optional<HostKey> m_host_key;
    std::vector<std::string> m_identity_files;
    std::size_t m_identity_index = 0;
    std::vector<std::string> m_auth_tried;
    std::optional<Clock::time_point> m_deadline;
    std::optional<Failure> m_failure;
    bool m_close_requested = false;
    bool m_more_work = false; ///< the last run_operations stopped at its round budget, not idle
    bool m_tunnel_open = false;
    std::optional<Failure> m_tunnel_failure;
    Clock::time_point m_next_keepalive{};
    /// Bytes libssh2 read from the socket so far. Reading for one channel may queue
    /// packets of another (or of another stream of the same channel) inside libssh2,
    /// where poll() cannot see them: operations are stepped again until a round reads
    /// nothing new.
    std::uint64_t m_bytes_received = 0;
    Clock::time_point m_last_activity{}; ///< last progress or received bytes (watchdog)
    Clock::time_point m_watchdog_woke{}; ///< when the watchdog last woke the loop with nothing to do

    std::deque<std::unique_ptr<SshOperation>> m_queue;
    std::vector<std::unique_ptr<SshOperation>> m_running;
    std::vector<std::unique_ptr<SshOperation>> m_releasing;
    SendOwner m_send_owner;
    ShellPool m_shells; ///< idle persistent shells (ssh_shell_exec.hpp)
    SshSessionView m_view;
};

} // namespace scsctl::transport
