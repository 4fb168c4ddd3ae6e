// The channel state machine of one remote command. Every libssh2 call is non-blocking:
// EAGAIN means "poll and come back", any other error ends the command (or the whole
// connection, for socket errors, which the connection then reports for every operation).
#include "transport/ssh_exec.hpp"

#include <array>

namespace scsctl::transport {

namespace {

constexpr std::size_t k_read_chunk = 64 * 1024;

void append_capped(std::string& sink, std::string_view chunk, std::size_t limit)
{
    if (sink.size() < limit) {
        sink.append(chunk.substr(0, limit - sink.size()));
    }
}

} // namespace

SshExec::SshExec(CommandRequest request, std::optional<Become> become, std::function<void(CommandOutcome)> done)
    : m_request(std::move(request)), m_become(std::move(become)), m_done(std::move(done))
{
    if (m_become) {
        m_command = wrap_become(m_request.command, *m_become);
        m_stdin = become_stdin(*m_become, m_request.stdin_data);
    } else {
        m_command = m_request.command;
        m_stdin = m_request.stdin_data;
    }
}

SshExec::~SshExec()
{
    // A channel still held here belongs to a session that is being torn down; the
    // session's own free releases it.
    m_channel = nullptr;
}

std::optional<Clock::time_point> SshExec::deadline() const
{
    if (m_request.timeout.count() > 0 && m_started && !m_delivered) {
        return *m_started + m_request.timeout;
    }
    return std::nullopt;
}

void SshExec::deliver(CommandOutcome outcome)
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

void SshExec::fail(const Failure& failure)
{
    deliver(std::unexpected(failure));
}

SshOperation::Step SshExec::handle_error(SshSessionView& session, int rc, const char* what)
{
    const std::string detail = describe_libssh2_error(session.raw(), rc);
    if (is_connection_error(rc)) {
        session.connection_broken(std::string(what) + ": " + detail);
        return Step::blocked;
    }
    deliver(std::unexpected(Failure{FailureKind::connection_lost,
                                    session.host() + ": " + what + " failed: " + detail}));
    m_state = m_channel != nullptr ? State::close : State::finished;
    return m_state == State::finished ? Step::done : Step::progressed;
}

SshOperation::Step SshExec::step(SshSessionView& session)
{
    if (!m_started) {
        m_started = session.now();
    }
    if (!m_delivered && m_request.timeout.count() > 0 && session.now() >= *m_started + m_request.timeout) {
        deliver(std::unexpected(Failure{FailureKind::command_timeout,
                                        session.host() + ": command timed out after " +
                                            std::to_string(m_request.timeout.count() / 1000) + " s"}));
        if (m_state == State::open || m_state == State::exec) {
            session.release_open(this);
        }
        if (m_state == State::open) {
            m_state = State::finished;
            return Step::done;
        }
        m_state = m_state < State::close ? State::close : m_state;
    }
    switch (m_state) {
    case State::open:
        return step_open(session);
    case State::exec:
        return step_exec(session);
    case State::io:
        return step_io(session);
    case State::close:
    case State::wait_closed:
    case State::free:
        return step_close(session);
    case State::finished:
        break;
    }
    return Step::done;
}

SshOperation::Step SshExec::release(SshSessionView& session)
{
    if (m_state == State::open || m_state == State::exec) {
        session.release_open(this);
    }
    if (m_state == State::open) {
        m_state = State::finished;
    } else if (m_state < State::close) {
        m_state = State::close;
    }
    return m_state == State::finished ? Step::done : step_close(session);
}

SshOperation::Step SshExec::step_open(SshSessionView& session)
{
    if (!session.acquire_open(this)) {
        return Step::blocked;
    }
    m_channel = libssh2_channel_open_session(session.raw());
    if (m_channel == nullptr) {
        const int rc = libssh2_session_last_errno(session.raw());
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Step::blocked;
        }
        session.release_open(this);
        return handle_error(session, rc, "opening a channel");
    }
    m_state = State::exec; // the token is kept until the exec request is answered
    return Step::progressed;
}

SshOperation::Step SshExec::step_exec(SshSessionView& session)
{
    // libssh2 1.10 fails a channel request whose wait reads another channel's reply
    // (_libssh2_packet_requirev): requests are serialised with the open token too.
    const int rc = libssh2_channel_exec(m_channel, m_command.c_str());
    if (rc == LIBSSH2_ERROR_EAGAIN) {
        return Step::blocked;
    }
    session.release_open(this);
    if (rc < 0) {
        return handle_error(session, rc, "starting the command");
    }
    m_state = State::io;
    return Step::progressed;
}

SshOperation::Step SshExec::read_stream(SshSessionView& session, int stream, bool& progressed)
{
    std::array<char, k_read_chunk> buffer{};
    for (;;) {
        const ssize_t n = libssh2_channel_read_ex(m_channel, stream, buffer.data(), buffer.size());
        if (n == LIBSSH2_ERROR_EAGAIN || n == 0) {
            return Step::blocked;
        }
        if (n < 0) {
            return handle_error(session, static_cast<int>(n), "reading output");
        }
        progressed = true;
        const std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
        if (stream == 0) {
            m_result.stdout_bytes += chunk.size();
            append_capped(m_result.stdout_data, chunk, m_request.capture_limit);
            if (m_request.on_stdout) {
                m_request.on_stdout(chunk);
            }
        } else {
            m_result.stderr_bytes += chunk.size();
            append_capped(m_result.stderr_data, chunk, m_request.capture_limit);
            if (m_request.on_stderr) {
                m_request.on_stderr(chunk);
            }
        }
    }
}

SshOperation::Step SshExec::step_io(SshSessionView& session)
{
    bool progressed = false;
    while (m_stdin_sent < m_stdin.size()) {
        const ssize_t n = libssh2_channel_write(m_channel, m_stdin.data() + m_stdin_sent, m_stdin.size() - m_stdin_sent);
        if (n == LIBSSH2_ERROR_EAGAIN) {
            break;
        }
        if (n < 0) {
            // The command may exit without reading its stdin; that is not an error.
            m_stdin_sent = m_stdin.size();
            break;
        }
        m_stdin_sent += static_cast<std::size_t>(n);
        progressed = true;
    }
    if (m_stdin_sent == m_stdin.size() && !m_eof_sent) {
        const int rc = libssh2_channel_send_eof(m_channel);
        if (rc == 0 || (rc < 0 && rc != LIBSSH2_ERROR_EAGAIN)) {
            m_eof_sent = true;
            progressed = true;
        }
    }
    for (int stream : {0, SSH_EXTENDED_DATA_STDERR}) {
        if (read_stream(session, stream, progressed) != Step::blocked || m_state != State::io) {
            return m_state == State::finished ? Step::done : Step::progressed;
        }
    }
    if (libssh2_channel_eof(m_channel) == 1) {
        m_state = State::close;
        return Step::progressed;
    }
    return progressed ? Step::progressed : Step::blocked;
}

SshOperation::Step SshExec::step_close(SshSessionView& session)
{
    int rc = 0;
    if (m_state == State::close) {
        rc = libssh2_channel_close(m_channel);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Step::blocked;
        }
        m_state = State::wait_closed;
    }
    if (m_state == State::wait_closed) {
        rc = libssh2_channel_wait_closed(m_channel);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Step::blocked;
        }
        if (rc < 0 && is_connection_error(rc)) {
            session.connection_broken("closing a channel: " + describe_libssh2_error(session.raw(), rc));
            return Step::blocked;
        }
        finish_result(session);
        m_state = State::free;
    }
    rc = libssh2_channel_free(m_channel);
    if (rc == LIBSSH2_ERROR_EAGAIN) {
        return Step::blocked;
    }
    m_channel = nullptr;
    m_state = State::finished;
    return Step::done;
}

void SshExec::finish_result(SshSessionView& session)
{
    if (m_delivered) {
        return;
    }
    m_result.exit_status = libssh2_channel_get_exit_status(m_channel);
    char* signal = nullptr;
    std::size_t signal_length = 0;
    libssh2_channel_get_exit_signal(m_channel, &signal, &signal_length, nullptr, nullptr, nullptr, nullptr);
    if (signal != nullptr) {
        m_result.exit_signal.assign(signal, signal_length);
        libssh2_free(session.raw(), signal);
    }
    m_result.duration = std::chrono::duration_cast<std::chrono::microseconds>(session.now() - *m_started);
    if (m_become && sudo_password_failed(m_result.stderr_data, *m_become)) {
        deliver(std::unexpected(Failure{FailureKind::sudo_password,
                                        session.host() + ": sudo " +
                                            (m_become->password.empty() ? "needs a password and none was given"
                                                                        : "rejected the become password")}));
        return;
    }
    if (m_become && !m_become->password.empty()) {
        m_result.stderr_data = strip_sudo_prompt(m_result.stderr_data);
    }
    deliver(std::move(m_result));
}

} // namespace scsctl::transport
