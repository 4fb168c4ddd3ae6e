// SshTunnel: a direct-tcpip or direct-streamlocal channel pumped to and from a local
// socket. Carries ProxyJump hops (the inner session talks to the other end of a
// socketpair) and port/socket forwards. Depends on transport internals and libssh2.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "transport/ssh_operation.hpp"

namespace scsctl::transport {

struct TunnelTarget {
    std::string host;   ///< for direct-tcpip, as seen from the SSH server
    int port = 0;       ///< 0: direct-streamlocal to `socket_path`
    std::string socket_path;

    std::string describe() const;
};

class SshTunnel final : public SshOperation {
public:
    /// Takes ownership of `local_fd`. `on_open` is called once: with nothing when the
    /// channel is open, with a failure when it could not be opened.
    SshTunnel(TunnelTarget target, int local_fd, std::function<void(std::optional<Failure>)> on_open);
    ~SshTunnel() override;

    Step step(SshSessionView& session) override;
    Step release(SshSessionView& session) override;
    void fail(const Failure& failure) override;
    void prepare_extra(PollSet& set) override;

private:
    enum class State { open, pump, close, finished };

    Step step_open(SshSessionView& session);
    Step step_pump(SshSessionView& session);
    Step step_close();
    bool pump_channel_to_fd(SshSessionView& session, bool& progressed);
    bool pump_fd_to_channel(SshSessionView& session, bool& progressed);
    void notify(std::optional<Failure> failure);
    void close_fd();

    TunnelTarget m_target;
    int m_fd;
    std::function<void(std::optional<Failure>)> m_on_open;
    State m_state = State::open;
    LIBSSH2_CHANNEL* m_channel = nullptr;
    std::string m_to_fd;      ///< read from the channel, not yet written to the fd
    std::string m_to_channel; ///< read from the fd, not yet written to the channel
    bool m_fd_eof = false;
    bool m_channel_eof = false;
    bool m_eof_sent = false;
};

} // namespace scsctl::transport
