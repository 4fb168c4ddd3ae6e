// The local end of a forward: a non-blocking listening socket polled with the session;
// each accepted connection is handed to an SshTunnel that this forward owns and steps.
#include "transport/forward_listener.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "transport/sftp_common.hpp"

namespace scsctl::transport {

SshForward::SshForward(ForwardRequest request, std::function<void(ForwardOutcome)> done)
    : m_request(std::move(request)), m_target{m_request.remote_host, m_request.remote_port, m_request.remote_socket},
      m_done(std::move(done))
{
}

SshForward::~SshForward()
{
    close_listener();
}

void SshForward::deliver(ForwardOutcome outcome)
{
    if (m_delivered) {
        return;
    }
    m_delivered = true;
    if (m_done) {
        auto done = std::move(m_done);
        done(std::move(outcome));
    }
}

void SshForward::fail(const Failure& failure)
{
    deliver(std::unexpected(failure));
    close_listener();
    for (auto& tunnel : m_tunnels) {
        tunnel->fail(failure);
    }
}

void SshForward::close_listener()
{
    if (m_listen_fd < 0) {
        return;
    }
    ::close(m_listen_fd);
    m_listen_fd = -1;
    if (!m_request.local_socket.empty()) {
        ::unlink(m_request.local_socket.c_str());
    }
}

bool SshForward::listen(const std::string& host)
{
    auto refuse = [&](const std::string& reason) {
        deliver(std::unexpected(Failure{FailureKind::forward, host + ": forward to " + m_target.describe() + ": " +
                                                                  reason}));
        close_listener();
        return false;
    };
    if (m_target.port == 0 && m_target.socket_path.empty()) {
        return refuse("no remote port or socket given");
    }
    const bool unix_socket = !m_request.local_socket.empty();
    sockaddr_un un{};
    if (unix_socket && m_request.local_socket.size() >= sizeof(un.sun_path)) {
        return refuse("socket path too long: " + m_request.local_socket);
    }
    m_listen_fd = ::socket(unix_socket ? AF_UNIX : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_listen_fd < 0) {
        return refuse("socket: " + errno_text(errno));
    }
    ForwardResult result;
    if (unix_socket) {
        un.sun_family = AF_UNIX;
        m_request.local_socket.copy(un.sun_path, sizeof(un.sun_path) - 1);
        if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&un), sizeof(un)) != 0) {
            const int err = errno;
            ::close(m_listen_fd); // not ours to unlink: something else is there
            m_listen_fd = -1;
            return refuse("cannot listen on " + m_request.local_socket + ": " + errno_text(err));
        }
        result.local_address = m_request.local_socket;
    } else {
        sockaddr_in in{};
        in.sin_family = AF_INET;
        in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(in);
        if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&in), sizeof(in)) != 0 ||
            ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&in), &length) != 0) {
            return refuse("cannot listen on 127.0.0.1: " + errno_text(errno));
        }
        result.local_port = ntohs(in.sin_port);
        result.local_address = "127.0.0.1:" + std::to_string(result.local_port);
    }
    if (::listen(m_listen_fd, 64) != 0) {
        return refuse("listen: " + errno_text(errno));
    }
    deliver(std::move(result));
    return true;
}

bool SshForward::accept_all()
{
    bool accepted = false;
    while (m_listen_fd >= 0) {
        const int fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            break; // EAGAIN, or out of descriptors: try again after the next poll
        }
        // A tunnel that cannot open closes its local end: the client sees EOF.
        m_tunnels.push_back(std::make_unique<SshTunnel>(m_target, fd, [](std::optional<Failure>) {}));
        accepted = true;
    }
    return accepted;
}

void SshForward::prepare_extra(PollSet& set)
{
    if (m_listen_fd >= 0) {
        set.add(m_listen_fd, POLLIN);
    }
    for (auto& tunnel : m_tunnels) {
        tunnel->prepare_extra(set);
    }
}

SshOperation::Step SshForward::step(SshSessionView& session)
{
    if (!m_started) {
        m_started = true;
        if (!listen(session.host())) {
            return Step::done;
        }
    }
    bool progressed = accept_all();
    for (std::size_t i = 0; i < m_tunnels.size();) {
        SshTunnel* tunnel = m_tunnels[i].get();
        if (!m_send_owner.may_step(tunnel)) { // another tunnel's packet is half sent
            ++i;
            continue;
        }
        const Step step = tunnel->step(session);
        if (!session.broken().empty()) {
            return Step::blocked;
        }
        m_send_owner.stepped(session, tunnel, step == Step::done);
        if (step == Step::done) {
            m_tunnels.erase(m_tunnels.begin() + static_cast<std::ptrdiff_t>(i));
            progressed = true;
            continue;
        }
        progressed = progressed || step == Step::progressed;
        ++i;
    }
    return progressed ? Step::progressed : Step::blocked;
}

SshOperation::Step SshForward::release(SshSessionView& session)
{
    close_listener();
    for (std::size_t i = 0; i < m_tunnels.size();) {
        SshTunnel* tunnel = m_tunnels[i].get();
        if (!m_send_owner.may_step(tunnel)) {
            ++i;
            continue;
        }
        const Step step = tunnel->release(session);
        m_send_owner.stepped(session, tunnel, step == Step::done);
        if (step == Step::done) {
            m_tunnels.erase(m_tunnels.begin() + static_cast<std::ptrdiff_t>(i));
            continue;
        }
        ++i;
    }
    return m_tunnels.empty() ? Step::done : Step::blocked;
}

} // namespace scsctl::transport
