// SshForward: a local listener (127.0.0.1 on a free port, or a unix socket) whose
// accepted connections each become an SshTunnel on the host's session, stepped by the
// forward itself. Depends on transport internals, libssh2 and POSIX only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "transport/operations.hpp"
#include "transport/ssh_tunnel.hpp"

namespace scsctl::transport {

/// Reports ForwardResult as soon as it listens, then lives until the connection closes
/// (Pool::close or the pool's end). It is a background operation: it does not keep its
/// connection from closing when everything else is done.
class SshForward final : public SshOperation {
public:
    SshForward(ForwardRequest request, std::function<void(ForwardOutcome)> done);
    ~SshForward() override;

    Step step(SshSessionView& session) override;
    Step release(SshSessionView& session) override;
    void fail(const Failure& failure) override;
    void prepare_extra(PollSet& set) override;
    bool background() const override { return true; }

private:
    bool listen(const std::string& host);
    bool accept_all();
    void close_listener();
    void deliver(ForwardOutcome outcome);

    ForwardRequest m_request;
    TunnelTarget m_target;
    std::function<void(ForwardOutcome)> m_done;
    int m_listen_fd = -1;
    bool m_started = false;
    bool m_delivered = false;
    std::vector<std::unique_ptr<SshTunnel>> m_tunnels;
    SendOwner m_send_owner; ///< among m_tunnels
};

} // namespace scsctl::transport
