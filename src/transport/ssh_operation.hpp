// SshOperation: an operation that runs on an established libssh2 session (exec, SFTP,
// tunnels), stepped by its SshConnection without ever blocking. Depends on libssh2 and
// transport internals only.
#pragma once

#include <optional>
#include <string>

#include <libssh2.h>

#include "transport/connection.hpp"
#include "transport/known_hosts.hpp"
#include "transport/shell_pool.hpp"

namespace scsctl::transport {

/// What an operation sees of its session while it is stepped.
class SshSessionView {
public:
    SshSessionView(LIBSSH2_SESSION* session, const std::string& host, Clock::time_point now)
        : m_session(session), m_host(host), m_now(now)
    {
    }

    LIBSSH2_SESSION* raw() const { return m_session; }
    const std::string& host() const { return m_host; }
    Clock::time_point now() const { return m_now; }

    /// libssh2 1.10 allows one channel open in flight per session: an operation asks
    /// for the token before libssh2_channel_open_* and gives it back once it returns.
    bool acquire_open(const void* owner)
    {
        if (m_open_owner != nullptr && m_open_owner != owner) {
            return false;
        }
        m_open_owner = owner;
        return true;
    }
    void release_open(const void* owner)
    {
        if (m_open_owner == owner) {
            m_open_owner = nullptr;
        }
    }

    /// Records a libssh2 failure that breaks the whole connection (socket errors).
    void connection_broken(std::string message)
    {
        if (m_broken.empty()) {
            m_broken = std::move(message);
        }
    }
    const std::string& broken() const { return m_broken; }

    /// True while a packet is half sent. libssh2 1.10 keeps one outgoing packet per
    /// session, and the next send of ANY channel completes it and reports success for
    /// its own packet, which was never sent (lost data, then duplicates). So whoever
    /// left it half sent must repeat its call, alone, until it is out (see SendOwner).
    bool send_pending() const
    {
        return m_session != nullptr &&
               (libssh2_session_block_directions(m_session) & LIBSSH2_SESSION_BLOCK_OUTBOUND) != 0;
    }

    /// The key the server presented during the handshake.
    const std::optional<HostKey>& host_key() const { return m_host_key; }
    void set_host_key(HostKey key) { m_host_key = std::move(key); }

    /// The connection's idle persistent shells (null: none, e.g. inside a tunnel test).
    ShellPool* shells() const { return m_shells; }
    void set_shells(ShellPool* shells) { m_shells = shells; }

    void set_now(Clock::time_point now) { m_now = now; }
    void set_session(LIBSSH2_SESSION* session) { m_session = session; }

private:
    LIBSSH2_SESSION* m_session;
    const std::string& m_host;
    Clock::time_point m_now;
    const void* m_open_owner = nullptr;
    std::string m_broken;
    std::optional<HostKey> m_host_key;
    ShellPool* m_shells = nullptr;
};

/// Which of several operations (of a connection, or inside a composite operation) holds
/// the session's half-sent packet: only it may be stepped until the packet is out.
class SendOwner {
public:
    bool may_step(const void* op) const { return m_owner == nullptr || m_owner == op; }
    /// After stepping `op` (`finished`: it returned done and will not be stepped again).
    void stepped(const SshSessionView& session, const void* op, bool finished)
    {
        m_owner = session.send_pending() && !finished ? op : nullptr;
    }
    void reset() { m_owner = nullptr; }

private:
    const void* m_owner = nullptr;
};

class SshOperation : public Operation {
public:
    enum class Step {
        blocked,    ///< waiting for the socket (EAGAIN) or a deadline
        progressed, ///< did something; step again before polling
        done,       ///< finished and every libssh2 resource released
    };

    /// Advances as far as possible without blocking.
    virtual Step step(SshSessionView& session) = 0;

    /// The next time this operation must be stepped even without I/O (timeouts).
    virtual std::optional<Clock::time_point> deadline() const { return std::nullopt; }

    /// Extra fds to poll (a tunnel's local socket); stepped after poll as usual.
    virtual void prepare_extra(PollSet& set) { (void)set; }

    /// True for operations that live as long as the connection (port forwards): they do
    /// not count as "busy", so close_when_idle() still closes the connection, releasing
    /// them first (fail(), then release()).
    virtual bool background() const { return false; }

    /// After fail(): release channels without delivering anything. Returns done when
    /// released; the connection keeps stepping it until then.
    virtual Step release(SshSessionView& session) = 0;
};

/// True when libssh2 error `rc` means the connection itself is gone (not just one
/// channel): socket errors, protocol or crypto failures, a closed session.
bool is_connection_error(int rc);

/// "libssh2 error -43 (socket receive failed): <last error message>".
std::string describe_libssh2_error(LIBSSH2_SESSION* session, int rc);

} // namespace scsctl::transport
