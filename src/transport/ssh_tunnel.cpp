// Pumping bytes between a forwarded SSH channel and a local socket, both non-blocking.
#include "transport/ssh_tunnel.hpp"

#include <array>
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace scsctl::transport {

namespace {

constexpr std::size_t k_buffer_limit = 256 * 1024;

void put_u32(std::string& out, std::uint32_t value)
{
    out += static_cast<char>((value >> 24) & 0xff);
    out += static_cast<char>((value >> 16) & 0xff);
    out += static_cast<char>((value >> 8) & 0xff);
    out += static_cast<char>(value & 0xff);
}

// The type-specific part of a direct-streamlocal@openssh.com channel open (OpenSSH's
// PROTOCOL file): socket path, reserved string, reserved uint32.
std::string streamlocal_message(const std::string& path)
{
    std::string out;
    put_u32(out, static_cast<std::uint32_t>(path.size()));
    out += path;
    put_u32(out, 0);
    put_u32(out, 0);
    return out;
}

} // namespace

std::string TunnelTarget::describe() const
{
    if (port == 0) {
        return "socket " + socket_path;
    }
    return host + ":" + std::to_string(port);
}

SshTunnel::SshTunnel(TunnelTarget target, int local_fd, std::function<void(std::optional<Failure>)> on_open)
    : m_target(std::move(target)), m_fd(local_fd), m_on_open(std::move(on_open))
{
}

SshTunnel::~SshTunnel()
{
    close_fd();
}

void SshTunnel::close_fd()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void SshTunnel::notify(std::optional<Failure> failure)
{
    if (m_on_open) {
        auto callback = std::move(m_on_open);
        m_on_open = nullptr;
        callback(std::move(failure));
    }
}

void SshTunnel::fail(const Failure& failure)
{
    notify(failure);
    close_fd();
}

void SshTunnel::prepare_extra(PollSet& set)
{
    if (m_state != State::pump || m_fd < 0) {
        return;
    }
    short events = 0;
    if (!m_fd_eof && m_to_channel.size() < k_buffer_limit) {
        events |= POLLIN;
    }
    if (!m_to_fd.empty()) {
        events |= POLLOUT;
    }
    if (events != 0) {
        set.add(m_fd, events);
    }
}

SshOperation::Step SshTunnel::step(SshSessionView& session)
{
    switch (m_state) {
    case State::open:
        return step_open(session);
    case State::pump:
        return step_pump(session);
    case State::close:
        return step_close();
    case State::finished:
        break;
    }
    return Step::done;
}

SshOperation::Step SshTunnel::release(SshSessionView& session)
{
    if (m_state == State::open) {
        session.release_open(this);
        m_state = State::finished;
        close_fd();
        return Step::done;
    }
    close_fd();
    if (m_state == State::pump) {
        m_state = State::close;
    }
    return m_state == State::finished ? Step::done : step_close();
}

SshOperation::Step SshTunnel::step_open(SshSessionView& session)
{
    if (!session.acquire_open(this)) {
        return Step::blocked;
    }
    if (m_target.port != 0) {
        m_channel = libssh2_channel_direct_tcpip_ex(session.raw(), m_target.host.c_str(), m_target.port,
                                                    "127.0.0.1", 0);
    } else {
        const std::string message = streamlocal_message(m_target.socket_path);
        static constexpr char k_type[] = "direct-streamlocal@openssh.com";
        m_channel = libssh2_channel_open_ex(session.raw(), k_type, sizeof(k_type) - 1, LIBSSH2_CHANNEL_WINDOW_DEFAULT,
                                            LIBSSH2_CHANNEL_PACKET_DEFAULT, message.data(),
                                            static_cast<unsigned>(message.size()));
    }
    if (m_channel == nullptr) {
        const int rc = libssh2_session_last_errno(session.raw());
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Step::blocked;
        }
        session.release_open(this);
        const std::string detail = describe_libssh2_error(session.raw(), rc);
        if (is_connection_error(rc)) {
            session.connection_broken("opening a forward to " + m_target.describe() + ": " + detail);
            return Step::blocked;
        }
        notify(Failure{FailureKind::forward, session.host() + ": cannot forward to " + m_target.describe() + ": " +
                                                 detail});
        close_fd();
        m_state = State::finished;
        return Step::done;
    }
    session.release_open(this);
    m_state = State::pump;
    notify(std::nullopt);
    return Step::progressed;
}

bool SshTunnel::pump_channel_to_fd(SshSessionView& session, bool& progressed)
{
    std::array<char, 32 * 1024> buffer{};
    while (!m_channel_eof && m_to_fd.size() < k_buffer_limit) {
        const ssize_t n = libssh2_channel_read(m_channel, buffer.data(), buffer.size());
        if (n == LIBSSH2_ERROR_EAGAIN || n == 0) {
            if (libssh2_channel_eof(m_channel) == 1) {
                m_channel_eof = true;
                progressed = true;
            }
            break;
        }
        if (n < 0) {
            if (is_connection_error(static_cast<int>(n))) {
                session.connection_broken("tunnel: " + describe_libssh2_error(session.raw(), static_cast<int>(n)));
            }
            return false;
        }
        m_to_fd.append(buffer.data(), static_cast<std::size_t>(n));
        progressed = true;
    }
    while (!m_to_fd.empty() && m_fd >= 0) {
        const ssize_t n = ::send(m_fd, m_to_fd.data(), m_to_fd.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                break;
            }
            return false;
        }
        m_to_fd.erase(0, static_cast<std::size_t>(n));
        progressed = true;
    }
    if (m_channel_eof && m_to_fd.empty() && m_fd >= 0) {
        ::shutdown(m_fd, SHUT_WR);
    }
    return true;
}

bool SshTunnel::pump_fd_to_channel(SshSessionView& session, bool& progressed)
{
    std::array<char, 32 * 1024> buffer{};
    while (!m_fd_eof && m_fd >= 0 && m_to_channel.size() < k_buffer_limit) {
        const ssize_t n = ::recv(m_fd, buffer.data(), buffer.size(), 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                break;
            }
            m_fd_eof = true;
            break;
        }
        if (n == 0) {
            m_fd_eof = true;
            progressed = true;
            break;
        }
        m_to_channel.append(buffer.data(), static_cast<std::size_t>(n));
        progressed = true;
    }
    while (!m_to_channel.empty()) {
        const ssize_t n = libssh2_channel_write(m_channel, m_to_channel.data(), m_to_channel.size());
        if (n == LIBSSH2_ERROR_EAGAIN) {
            break;
        }
        if (n < 0) {
            if (is_connection_error(static_cast<int>(n))) {
                session.connection_broken("tunnel: " + describe_libssh2_error(session.raw(), static_cast<int>(n)));
            }
            return false;
        }
        m_to_channel.erase(0, static_cast<std::size_t>(n));
        progressed = true;
    }
    if (m_fd_eof && m_to_channel.empty() && !m_eof_sent) {
        const int rc = libssh2_channel_send_eof(m_channel);
        if (rc != LIBSSH2_ERROR_EAGAIN) {
            m_eof_sent = true;
            progressed = true;
        }
    }
    return true;
}

SshOperation::Step SshTunnel::step_pump(SshSessionView& session)
{
    bool progressed = false;
    const bool ok = pump_channel_to_fd(session, progressed) && pump_fd_to_channel(session, progressed);
    const bool drained = m_channel_eof && m_to_fd.empty() && m_fd_eof && m_to_channel.empty() && m_eof_sent;
    if (!ok || drained) {
        close_fd();
        m_state = State::close;
        return Step::progressed;
    }
    return progressed ? Step::progressed : Step::blocked;
}

SshOperation::Step SshTunnel::step_close()
{
    if (m_channel != nullptr) {
        const int rc = libssh2_channel_free(m_channel);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Step::blocked;
        }
        m_channel = nullptr;
    }
    m_state = State::finished;
    return Step::done;
}

} // namespace scsctl::transport
