// The state machine of one command on a persistent shell. Every libssh2 call is
// non-blocking, as in SshExec. A shell is leased from the connection's ShellPool (or
// opened: channel, exec "exec /bin/sh"), the command text is written to its stdin, the
// two streams are split at this command's nonce, and the shell goes back to the pool.
// A timeout or cancel kills the shell's process group (a one-off `kill` on a channel of
// its own) and closes the channel; a shell that dies mid-command gives what its channel
// says (exit status or signal); a shell that never starts makes the host fall back.
#include "transport/ssh_shell_exec.hpp"

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

bool fits_persistent_shell(const CommandRequest& request, const std::optional<Become>& become)
{
    return request.stdin_data.empty() && (!become || become->password.empty());
}

std::unique_ptr<SshOperation> make_ssh_command(CommandRequest request, std::optional<Become> become,
                                               std::function<void(CommandOutcome)> done, bool persistent)
{
    if (persistent && fits_persistent_shell(request, become)) {
        return std::make_unique<SshShellExec>(std::move(request), std::move(become), std::move(done));
    }
    return std::make_unique<SshExec>(std::move(request), std::move(become), std::move(done));
}

SshShellExec::SshShellExec(CommandRequest request, std::optional<Become> become,
                           std::function<void(CommandOutcome)> done)
    : m_request(std::move(request)), m_become(std::move(become)), m_done(std::move(done))
{
    m_command = m_become ? wrap_become(m_request.command, *m_become) : m_request.command;
}

SshShellExec::~SshShellExec() = default; // channels go with the session (see SshExec)

std::optional<Clock::time_point> SshShellExec::deadline() const
{
    if (m_helper && m_state == State::fallback) {
        return m_helper->deadline();
    }
    if (m_request.timeout.count() > 0 && m_started && !m_delivered && !m_stop_failure) {
        return *m_started + m_request.timeout;
    }
    return std::nullopt;
}

void SshShellExec::deliver(CommandOutcome outcome)
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

void SshShellExec::fail(const Failure& failure)
{
    if (m_state == State::fallback && m_helper) {
        m_helper->fail(failure);
        return;
    }
    deliver(std::unexpected(failure));
}

SshOperation::Step SshShellExec::handle_error(SshSessionView& session, int rc, const char* what)
{
    const std::string detail = describe_libssh2_error(session.raw(), rc);
    if (is_connection_error(rc)) {
        session.connection_broken(std::string(what) + ": " + detail);
        return Step::blocked;
    }
    deliver(std::unexpected(Failure{FailureKind::connection_lost,
                                    session.host() + ": " + what + " failed: " + detail}));
    if (m_shell && m_shell->channel != nullptr) {
        return start_close(AfterClose::finish);
    }
    m_state = State::finished;
    return Step::done;
}

SshOperation::Step SshShellExec::step(SshSessionView& session)
{
    if (!m_started) {
        m_started = session.now();
    }
    if (m_state == State::fallback) {
        return step_fallback(session);
    }
    if (!m_delivered && !m_stop_failure && m_request.timeout.count() > 0 &&
        session.now() >= *m_started + m_request.timeout) {
        m_stop_failure = Failure{FailureKind::command_timeout,
                                 session.host() + ": command timed out after " +
                                     std::to_string(m_request.timeout.count() / 1000) + " s"};
        return stop(session);
    }
    switch (m_state) {
    case State::lease:
        return step_lease(session);
    case State::open:
        return step_open(session);
    case State::exec:
        return step_exec(session);
    case State::send:
        return step_send(session);
    case State::io:
        return step_io(session);
    case State::kill:
        return step_kill(session);
    case State::close:
    case State::wait_closed:
    case State::free:
        return step_close(session);
    case State::fallback:
    case State::finished:
        break;
    }
    return Step::done;
}

SshOperation::Step SshShellExec::release(SshSessionView& session)
{
    if (m_state == State::fallback) {
        const Step step = m_helper ? m_helper->release(session) : Step::done;
        if (step == Step::done) {
            m_state = State::finished;
        }
        return step;
    }
    if (m_state == State::finished) {
        return Step::done;
    }
    if (!m_stop_failure) {
        m_stop_failure = Failure{FailureKind::interrupted, session.host() + ": cancelled"};
    }
    if (m_state == State::kill || m_state == State::close || m_state == State::wait_closed ||
        m_state == State::free) {
        return m_state == State::kill ? step_kill(session) : step_close(session);
    }
    return stop(session);
}

// Timeout or cancel: the command's processes must not outlive it. Its shell is the
// leader of their process group (sshd's setsid), so one kill of the group ends them all.
SshOperation::Step SshShellExec::stop(SshSessionView& session)
{
    if (m_holds_token) {
        session.release_open(this);
        m_holds_token = false;
    }
    switch (m_state) {
    case State::lease:
    case State::open:
        m_shell.reset(); // no channel yet
        if (m_stop_failure) {
            deliver(std::unexpected(*m_stop_failure));
        }
        m_state = State::finished;
        return Step::done;
    case State::exec:
        return start_close(AfterClose::finish);
    case State::send:
    case State::io:
        if (m_shell->pid > 1) {
            CommandRequest kill;
            kill.command = "kill -9 -" + std::to_string(m_shell->pid);
            kill.capture_limit = 4096;
            m_helper_outcome.reset();
            m_helper = std::make_unique<SshExec>(std::move(kill), m_become,
                                                 [this](CommandOutcome outcome) { m_helper_outcome = std::move(outcome); });
            m_state = State::kill;
            return Step::progressed;
        }
        return start_close(AfterClose::finish);
    default:
        return Step::progressed;
    }
}

SshOperation::Step SshShellExec::step_kill(SshSessionView& session)
{
    if (m_helper) {
        const Step step = m_helper->step(session);
        if (step != Step::done) {
            return step;
        }
        m_helper.reset();
    }
    return start_close(AfterClose::finish);
}

SshOperation::Step SshShellExec::step_lease(SshSessionView& session)
{
    ShellPool* pool = session.shells();
    if (pool == nullptr || pool->disabled()) {
        m_helper = std::make_unique<SshExec>(std::move(m_request), std::move(m_become), std::move(m_done));
        m_delivered = true; // the fallback delivers
        m_state = State::fallback;
        return Step::progressed;
    }
    m_shell = pool->lease();
    if (m_shell) {
        if (libssh2_channel_eof(m_shell->channel) == 1) {
            return start_close(AfterClose::lease_again); // died while idle
        }
        m_nonce = shell_nonce();
        m_text = shell_command_text(m_command, m_nonce, {});
        m_state = State::send;
        return Step::progressed;
    }
    m_shell = std::make_unique<PersistentShell>();
    m_state = State::open;
    return Step::progressed;
}

SshOperation::Step SshShellExec::step_open(SshSessionView& session)
{
    if (!session.acquire_open(this)) {
        return Step::blocked;
    }
    m_holds_token = true;
    m_shell->channel = libssh2_channel_open_session(session.raw());
    if (m_shell->channel == nullptr) {
        const int rc = libssh2_session_last_errno(session.raw());
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Step::blocked;
        }
        session.release_open(this);
        m_holds_token = false;
        return handle_error(session, rc, "opening a channel");
    }
    m_state = State::exec; // the token is kept until the exec request is answered
    return Step::progressed;
}

SshOperation::Step SshShellExec::step_exec(SshSessionView& session)
{
    const int rc = libssh2_channel_exec(m_shell->channel, std::string(k_persistent_shell_command).c_str());
    if (rc == LIBSSH2_ERROR_EAGAIN) {
        return Step::blocked;
    }
    session.release_open(this);
    m_holds_token = false;
    if (rc < 0) {
        if (is_connection_error(rc)) {
            return handle_error(session, rc, "starting a shell");
        }
        session.shells()->disable(); // the server refused the exec request
        return start_close(AfterClose::fall_back);
    }
    const std::string ready = shell_nonce();
    m_ready.emplace(ready);
    m_nonce = shell_nonce();
    m_text = shell_command_text(m_command, m_nonce, ready);
    m_state = State::send;
    return Step::progressed;
}

SshOperation::Step SshShellExec::step_send(SshSessionView& session)
{
    if (!m_stdout_frame) {
        m_stdout_frame.emplace(m_nonce, true);
        m_stderr_frame.emplace(m_nonce, false);
    }
    bool progressed = false;
    while (m_sent < m_text.size()) {
        const ssize_t n = libssh2_channel_write(m_shell->channel, m_text.data() + m_sent, m_text.size() - m_sent);
        if (n == LIBSSH2_ERROR_EAGAIN) {
            break;
        }
        if (n < 0) {
            if (is_connection_error(static_cast<int>(n))) {
                return handle_error(session, static_cast<int>(n), "writing to the shell");
            }
            return shell_ended(session); // the shell is gone (its channel was closed)
        }
        m_sent += static_cast<std::size_t>(n);
        progressed = true;
    }
    // Read while writing: a long command text must not wait on a full output window.
    const Step io = step_io(session);
    if (m_state != State::send || m_sent < m_text.size()) {
        return io == Step::blocked && progressed ? Step::progressed : io;
    }
    m_state = State::io;
    return Step::progressed;
}

void SshShellExec::take_output(int stream, std::string_view bytes)
{
    if (bytes.empty()) {
        return;
    }
    if (stream == 0) {
        m_result.stdout_bytes += bytes.size();
        append_capped(m_result.stdout_data, bytes, m_request.capture_limit);
        if (m_request.on_stdout) {
            m_request.on_stdout(bytes);
        }
    } else {
        m_result.stderr_bytes += bytes.size();
        append_capped(m_result.stderr_data, bytes, m_request.capture_limit);
        if (m_request.on_stderr) {
            m_request.on_stderr(bytes);
        }
    }
}

SshOperation::Step SshShellExec::read_stream(SshSessionView& session, int stream, bool& progressed)
{
    std::array<char, k_read_chunk> buffer{};
    for (;;) {
        const ssize_t n = libssh2_channel_read_ex(m_shell->channel, stream, buffer.data(), buffer.size());
        if (n == LIBSSH2_ERROR_EAGAIN || n == 0) {
            return Step::blocked;
        }
        if (n < 0) {
            return handle_error(session, static_cast<int>(n), "reading output");
        }
        progressed = true;
        std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
        if (stream == 0 && m_ready && !m_ready->complete()) {
            chunk = m_ready->feed(chunk);
            if (m_ready->garbled()) {
                session.shells()->disable(); // not a working /bin/sh: channel per command
                return start_close(AfterClose::fall_back);
            }
            if (!m_ready->complete()) {
                continue;
            }
            m_shell->pid = m_ready->pid();
        }
        StreamFrame& frame = stream == 0 ? *m_stdout_frame : *m_stderr_frame;
        take_output(stream, frame.feed(chunk));
    }
}

SshOperation::Step SshShellExec::step_io(SshSessionView& session)
{
    bool progressed = false;
    for (int stream : {0, SSH_EXTENDED_DATA_STDERR}) {
        const State before = m_state;
        if (read_stream(session, stream, progressed) != Step::blocked || m_state != before) {
            return m_state == State::finished ? Step::done : Step::progressed;
        }
    }
    if (m_stdout_frame->complete() && m_stderr_frame->complete()) {
        finish_frames(session);
        return m_state == State::finished ? Step::done : Step::progressed;
    }
    if (libssh2_channel_eof(m_shell->channel) == 1) {
        return shell_ended(session);
    }
    return progressed ? Step::progressed : Step::blocked;
}

// Both markers are in: the command's result, and the shell back to the pool (unless
// something wrote after a marker: then its stream cannot be trusted for the next command).
void SshShellExec::finish_frames(SshSessionView& session)
{
    m_result.exit_status = m_stdout_frame->status();
    const bool clean = m_stdout_frame->trailing() == 0 && m_stderr_frame->trailing() == 0;
    deliver_result(session);
    if (clean && session.shells() != nullptr) {
        session.shells()->give_back(std::move(m_shell));
        m_state = State::finished;
        return;
    }
    start_close(AfterClose::finish);
}

void SshShellExec::deliver_result(SshSessionView& session)
{
    m_result.duration = std::chrono::duration_cast<std::chrono::microseconds>(session.now() - *m_started);
    if (m_become && sudo_password_failed(m_result.stderr_data, *m_become)) {
        deliver(std::unexpected(Failure{FailureKind::sudo_password,
                                        session.host() + ": sudo needs a password and none was given"}));
        return;
    }
    deliver(std::move(m_result));
}

// The channel reached EOF before this command's markers: the shell died (the command
// killed it, or sshd closed it). Before its READY line the command never ran: the host
// cannot run a persistent shell, so this command and the next use a channel each.
SshOperation::Step SshShellExec::shell_ended(SshSessionView& session)
{
    if (m_ready && !m_ready->complete()) {
        session.shells()->disable();
        return start_close(AfterClose::fall_back);
    }
    take_output(0, m_stdout_frame->held());
    take_output(SSH_EXTENDED_DATA_STDERR, m_stderr_frame->held());
    return start_close(AfterClose::result_from_channel);
}

SshOperation::Step SshShellExec::start_close(AfterClose after)
{
    m_after_close = after;
    m_state = State::close;
    return Step::progressed;
}

SshOperation::Step SshShellExec::step_close(SshSessionView& session)
{
    int rc = 0;
    if (m_state == State::close) {
        rc = libssh2_channel_close(m_shell->channel);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Step::blocked;
        }
        m_state = State::wait_closed;
    }
    if (m_state == State::wait_closed) {
        rc = libssh2_channel_wait_closed(m_shell->channel);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Step::blocked;
        }
        if (rc < 0 && is_connection_error(rc)) {
            session.connection_broken("closing a channel: " + describe_libssh2_error(session.raw(), rc));
            return Step::blocked;
        }
        if (m_after_close == AfterClose::result_from_channel) {
            m_result.exit_status = libssh2_channel_get_exit_status(m_shell->channel);
            char* signal = nullptr;
            std::size_t signal_length = 0;
            libssh2_channel_get_exit_signal(m_shell->channel, &signal, &signal_length, nullptr, nullptr, nullptr,
                                            nullptr);
            if (signal != nullptr) {
                m_result.exit_signal.assign(signal, signal_length);
                libssh2_free(session.raw(), signal);
            }
        }
        m_state = State::free;
    }
    rc = libssh2_channel_free(m_shell->channel);
    if (rc == LIBSSH2_ERROR_EAGAIN) {
        return Step::blocked;
    }
    m_shell.reset();
    if (m_stop_failure) {
        deliver(std::unexpected(*m_stop_failure));
        m_state = State::finished;
        return Step::done;
    }
    switch (m_after_close) {
    case AfterClose::result_from_channel:
        deliver_result(session);
        break;
    case AfterClose::fall_back:
        m_helper = std::make_unique<SshExec>(std::move(m_request), std::move(m_become), std::move(m_done));
        m_delivered = true; // the fallback delivers
        m_state = State::fallback;
        return Step::progressed;
    case AfterClose::lease_again:
        m_state = State::lease;
        return Step::progressed;
    case AfterClose::finish:
        break;
    }
    m_state = State::finished;
    return Step::done;
}

SshOperation::Step SshShellExec::step_fallback(SshSessionView& session)
{
    const Step step = m_helper->step(session);
    if (step == Step::done) {
        m_helper.reset();
        m_state = State::finished;
    }
    return step;
}

} // namespace scsctl::transport
