// The upload state machine. Every step returns instead of blocking; the source file is
// read a window at a time (never whole), hashed as it is read, and written with
// libssh2_sftp_write, which pipelines up to a window of writes and reports acknowledged
// bytes: the window passed to it always starts at the first unacknowledged byte.
#include "transport/sftp_upload.hpp"

#include "transport/ssh_shell_exec.hpp"

namespace scsctl::transport {

namespace {

constexpr std::size_t k_window = 256 * 1024;        // bytes in flight on the SFTP channel
constexpr std::size_t k_step_budget = 4 * 1024 * 1024; // bytes written per step at most
constexpr std::size_t k_digest_budget = 512 * 1024;  // bytes hashed per step while probing

} // namespace

SftpUpload::SftpUpload(UploadRequest request, std::optional<Become> become, std::function<void(TransferOutcome)> done,
                       bool persistent_shell)
    : m_request(std::move(request)), m_become(std::move(become)), m_persistent_shell(persistent_shell),
      m_done(std::move(done)), m_source(m_request)
{
    const std::string suffix = random_suffix();
    m_temp = temp_in(parent_of(m_request.remote_path), suffix);
    m_staged = m_become ? temp_in("/tmp", suffix) : m_temp;
}

SftpUpload::~SftpUpload() = default;

void SftpUpload::deliver(TransferOutcome outcome)
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

void SftpUpload::fail(const Failure& failure)
{
    deliver(std::unexpected(failure));
}

std::optional<Clock::time_point> SftpUpload::deadline() const
{
    if (m_state == State::probe && m_digest && !m_digest->finished()) {
        return Clock::time_point{}; // hashing left to do: step again right away
    }
    return std::nullopt;
}

SshOperation::Step SftpUpload::step(SshSessionView& session)
{
    if (m_host.empty()) {
        m_host = session.host();
    }
    switch (m_state) {
    case State::start:
        return step_start();
    case State::probe:
        return step_probe(session);
    case State::sftp_init:
        return step_init(session);
    case State::open:
        return step_open(session);
    case State::write:
        return step_write(session);
    case State::stat_dest:
        return step_stat_dest(session);
    case State::set_mode:
        return step_set_mode(session);
    case State::close_file:
        return step_close(session);
    case State::rename:
        return step_rename(session);
    case State::finish:
        return step_finish(session);
    case State::wind_down:
        return step_wind_down(session);
    case State::finished:
        break;
    }
    return Step::done;
}

SshOperation::Step SftpUpload::release(SshSessionView& session)
{
    if (m_state == State::finished) {
        return Step::done;
    }
    m_state = State::wind_down;
    return step_wind_down(session);
}

void SftpUpload::start_exec(const std::string& command)
{
    CommandRequest request;
    request.command = command;
    request.capture_limit = 64 * 1024;
    m_exec_outcome.reset();
    m_exec = make_ssh_command(
        std::move(request), m_become, [this](CommandOutcome outcome) { m_exec_outcome = std::move(outcome); },
        m_persistent_shell);
}

void SftpUpload::pump_exec(SshSessionView& session, bool& progressed)
{
    if (!m_exec) {
        return;
    }
    const Step step = m_exec->step(session);
    if (step == Step::done) {
        m_exec.reset();
    }
    progressed = progressed || step != Step::blocked;
}

SshOperation::Step SftpUpload::refuse(const std::string& reason)
{
    deliver(std::unexpected(upload_failure(m_host, m_request.remote_path, reason)));
    m_state = State::wind_down;
    return Step::progressed;
}

SshOperation::Step SftpUpload::exec_failed(const Failure& failure, const std::string& doing)
{
    if (failure.kind == FailureKind::sudo_password || failure.kind == FailureKind::interrupted) {
        deliver(std::unexpected(failure));
        m_state = State::wind_down;
        return Step::progressed;
    }
    return refuse(doing + ": " + without_host(m_host, failure.message));
}

SshOperation::Step SftpUpload::sftp_failed(SshSessionView& session, const std::string& doing, int rc)
{
    const std::string text = m_sftp.describe(session, rc);
    if (!session.broken().empty()) {
        return Step::blocked; // the connection fails every operation
    }
    return refuse(doing + ": " + text);
}

SshOperation::Step SftpUpload::step_start()
{
    if (!m_source.open()) {
        return refuse(m_source.error());
    }
    if (!m_request.skip_unchanged) {
        m_state = State::sftp_init;
        return Step::progressed;
    }
    m_digest.emplace(m_request);
    start_exec(probe_command(m_request.remote_path));
    m_state = State::probe;
    return Step::progressed;
}

SshOperation::Step SftpUpload::step_probe(SshSessionView& session)
{
    bool progressed = false;
    if (!m_digest->finished()) {
        m_digest->step(k_digest_budget);
        progressed = true;
    }
    pump_exec(session, progressed);
    if (!session.broken().empty()) {
        return Step::blocked;
    }
    if (!m_digest->finished() || m_exec || !m_exec_outcome) {
        return progressed ? Step::progressed : Step::blocked;
    }
    CommandOutcome outcome = std::move(*m_exec_outcome);
    m_exec_outcome.reset();
    return after_probe(std::move(outcome));
}

SshOperation::Step SftpUpload::after_probe(CommandOutcome outcome)
{
    if (!m_digest->error().empty()) {
        return refuse(m_digest->error());
    }
    if (!outcome) {
        return exec_failed(outcome.error(), "probing the destination");
    }
    // A probe that failed (no coreutils, unreadable file) says nothing: send anyway.
    const DestinationState state = outcome->succeeded() ? parse_probe(outcome->stdout_data) : DestinationState{};
    m_result.sha256 = m_digest->digest();
    const UploadDecision decision = decide_upload(m_request, state, m_result.sha256);
    switch (decision.action) {
    case UploadDecision::Action::refuse:
        return refuse(decision.reason);
    case UploadDecision::Action::unchanged:
        deliver(m_result);
        m_state = State::wind_down;
        return Step::progressed;
    case UploadDecision::Action::metadata_only:
        start_exec(finish_command(m_request, FinishPlan{{}, {}, m_request.remote_path, m_become.has_value()}));
        m_sftp_down = true; // no SFTP needed
        m_state = State::finish;
        return Step::progressed;
    case UploadDecision::Action::send:
        break;
    }
    m_state = State::sftp_init;
    return Step::progressed;
}

SshOperation::Step SftpUpload::step_init(SshSessionView& session)
{
    switch (m_sftp.init(session)) {
    case SftpChannel::Status::again:
        return Step::blocked;
    case SftpChannel::Status::failed:
        return sftp_failed(session, "starting SFTP", m_sftp.last_rc());
    case SftpChannel::Status::ok:
        break;
    }
    m_state = State::open;
    return Step::progressed;
}

SshOperation::Step SftpUpload::step_open(SshSessionView& session)
{
    const unsigned long flags = LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_EXCL | LIBSSH2_FXF_TRUNC;
    switch (m_sftp.open(m_staged, flags, 0600)) {
    case SftpChannel::Status::again:
        return Step::blocked;
    case SftpChannel::Status::failed:
        return sftp_failed(session, "cannot create " + m_staged, m_sftp.last_rc());
    case SftpChannel::Status::ok:
        break;
    }
    m_remove = m_staged;
    m_state = State::write;
    return Step::progressed;
}

bool SftpUpload::refill()
{
    if (m_source_done || m_window.size() - m_window_at >= k_window / 2) {
        return true;
    }
    m_window.erase(0, m_window_at);
    m_window_at = 0;
    while (!m_source_done && m_window.size() < k_window) {
        const std::size_t before = m_window.size();
        const std::ptrdiff_t n = m_source.read(m_window, k_window - before);
        if (n < 0) {
            return false;
        }
        m_source_done = n == 0;
        m_sha.update(std::string_view(m_window).substr(before));
    }
    return true;
}

SshOperation::Step SftpUpload::step_write(SshSessionView& session)
{
    bool progressed = false;
    std::size_t budget = k_step_budget;
    for (;;) {
        if (!refill()) {
            return refuse(m_source.error());
        }
        if (m_window_at == m_window.size()) {
            // Everything written and acknowledged. Without become the staged file is the one
            // renamed into place: its final mode is set over SFTP (no chmod on the host).
            if (m_become) {
                m_state = State::close_file;
            } else if (m_request.mode) {
                m_mode = *m_request.mode;
                m_state = State::set_mode;
            } else {
                m_state = State::stat_dest;
            }
            return Step::progressed;
        }
        const ssize_t n = libssh2_sftp_write(m_sftp.file(), m_window.data() + m_window_at, m_window.size() - m_window_at);
        if (n == LIBSSH2_ERROR_EAGAIN || n == 0) {
            return progressed ? Step::progressed : Step::blocked;
        }
        if (n < 0) {
            return sftp_failed(session, "writing " + m_staged, static_cast<int>(n));
        }
        m_window_at += static_cast<std::size_t>(n);
        m_result.bytes += static_cast<std::uint64_t>(n);
        progressed = true;
        if (static_cast<std::size_t>(n) >= budget) {
            return Step::progressed;
        }
        budget -= static_cast<std::size_t>(n);
    }
}

SshOperation::Step SftpUpload::step_stat_dest(SshSessionView& session)
{
    std::optional<unsigned> mode;
    switch (m_sftp.stat_mode(m_request.remote_path, mode)) {
    case SftpChannel::Status::again:
        return Step::blocked;
    case SftpChannel::Status::failed:
        if (!session.broken().empty()) {
            return Step::blocked;
        }
        m_state = State::close_file; // the finishing command copies the mode as before
        return Step::progressed;
    case SftpChannel::Status::ok:
        break;
    }
    m_mode = mode.value_or(0644); // as chmod --reference=dest, else 0644
    m_state = State::set_mode;
    return Step::progressed;
}

SshOperation::Step SftpUpload::step_set_mode(SshSessionView& session)
{
    switch (m_sftp.set_mode(m_mode)) {
    case SftpChannel::Status::again:
        return Step::blocked;
    case SftpChannel::Status::failed:
        return sftp_failed(session, "setting the mode of " + m_staged, m_sftp.last_rc());
    case SftpChannel::Status::ok:
        break;
    }
    m_mode_set = true;
    m_state = State::close_file;
    return Step::progressed;
}

SshOperation::Step SftpUpload::step_close(SshSessionView& session)
{
    switch (m_sftp.close_file()) {
    case SftpChannel::Status::again:
        return Step::blocked;
    case SftpChannel::Status::failed:
        return sftp_failed(session, "writing " + m_staged, m_sftp.last_rc());
    case SftpChannel::Status::ok:
        break;
    }
    m_result.sha256 = m_sha.hex(); // what was actually sent
    if (m_mode_set && !m_request.owner && !m_request.group) {
        // Nothing left but the rename: over SFTP when dest is new (no mv on the host).
        m_state = State::rename;
        return Step::progressed;
    }
    start_finish();
    return Step::progressed;
}

void SftpUpload::start_finish()
{
    m_remove.clear(); // from now on the finishing command cleans up
    start_exec(finish_command(m_request,
                              FinishPlan{m_staged, m_temp, m_request.remote_path, m_become.has_value(), m_mode_set}));
    m_state = State::finish;
}

SshOperation::Step SftpUpload::step_rename(SshSessionView& session)
{
    switch (m_sftp.rename_new(m_temp, m_request.remote_path)) {
    case SftpChannel::Status::again:
        return Step::blocked;
    case SftpChannel::Status::failed:
        if (!session.broken().empty()) {
            return Step::blocked;
        }
        start_finish(); // dest exists (or the server refused): mv -T replaces it atomically
        return Step::progressed;
    case SftpChannel::Status::ok:
        break;
    }
    m_remove.clear();
    m_result.changed = true;
    deliver(m_result);
    m_state = State::wind_down;
    return Step::progressed;
}

void SftpUpload::take_turns(SshSessionView& session, bool release, bool& progressed)
{
    // The command and the SFTP shutdown run side by side, but whichever leaves a packet
    // half sent must go first next time (SshSessionView::send_pending).
    const auto exec_turn = [&] {
        if (release && m_exec && m_exec->release(session) == Step::done) {
            m_exec.reset();
        } else if (!release) {
            pump_exec(session, progressed);
        }
        m_send_owner.stepped(session, &m_exec, false);
    };
    const auto sftp_turn = [&] {
        if (!m_sftp_down && m_sftp.wind_down(session, m_remove) == SftpChannel::Status::ok) {
            m_sftp_down = true;
            progressed = true;
        }
        m_send_owner.stepped(session, &m_sftp, false);
    };
    const bool sftp_first = !m_send_owner.may_step(&m_exec); // SFTP holds a half-sent packet
    sftp_first ? sftp_turn() : exec_turn();
    if (!session.send_pending()) {
        sftp_first ? exec_turn() : sftp_turn();
    }
}

SshOperation::Step SftpUpload::step_finish(SshSessionView& session)
{
    bool progressed = false;
    take_turns(session, false, progressed);
    if (!session.broken().empty()) {
        return Step::blocked;
    }
    if (m_exec || !m_exec_outcome) {
        return progressed ? Step::progressed : Step::blocked;
    }
    CommandOutcome outcome = std::move(*m_exec_outcome);
    m_exec_outcome.reset();
    if (!outcome) {
        return exec_failed(outcome.error(), "moving it into place");
    }
    if (!outcome->succeeded()) {
        return refuse(command_reason(*outcome));
    }
    m_result.changed = true;
    deliver(m_result);
    m_state = State::wind_down;
    return Step::progressed;
}

SshOperation::Step SftpUpload::step_wind_down(SshSessionView& session)
{
    bool progressed = false;
    take_turns(session, true, progressed);
    if (m_exec || !m_sftp_down) {
        return progressed ? Step::progressed : Step::blocked;
    }
    m_state = State::finished;
    return Step::done;
}

} // namespace scsctl::transport
