// The download state machine: libssh2_sftp_read reads ahead by itself (it keeps read
// requests in flight for the buffer it is given), so a large buffer is all it takes to
// keep the channel busy. The local side is written synchronously: it is a local disk.
#include "transport/sftp_download.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace scsctl::transport {

namespace {

constexpr std::size_t k_read_size = 256 * 1024;
constexpr std::size_t k_step_budget = 4 * 1024 * 1024;

} // namespace

SftpDownload::SftpDownload(DownloadRequest request, std::function<void(TransferOutcome)> done)
    : m_request(std::move(request)), m_done(std::move(done))
{
    m_temp = temp_in(parent_of(m_request.local_path), random_suffix());
}

SftpDownload::~SftpDownload()
{
    discard_local();
}

void SftpDownload::discard_local()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
        ::unlink(m_temp.c_str());
    }
}

void SftpDownload::deliver(TransferOutcome outcome)
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

void SftpDownload::fail(const Failure& failure)
{
    discard_local();
    deliver(std::unexpected(failure));
}

SshOperation::Step SftpDownload::step(SshSessionView& session)
{
    if (m_host.empty()) {
        m_host = session.host();
    }
    switch (m_state) {
    case State::start:
        return step_start();
    case State::sftp_init:
        return step_init(session);
    case State::open:
        return step_open(session);
    case State::read:
        return step_read(session);
    case State::close_file:
        return step_close(session);
    case State::wind_down:
        return step_wind_down(session);
    case State::finished:
        break;
    }
    return Step::done;
}

SshOperation::Step SftpDownload::release(SshSessionView& session)
{
    if (m_state == State::finished) {
        return Step::done;
    }
    m_state = State::wind_down;
    return step_wind_down(session);
}

SshOperation::Step SftpDownload::refuse(const std::string& reason)
{
    discard_local();
    deliver(std::unexpected(download_failure(m_host, m_request.remote_path, reason)));
    m_state = State::wind_down;
    return Step::progressed;
}

SshOperation::Step SftpDownload::sftp_failed(SshSessionView& session, const std::string& doing, int rc)
{
    const std::string text = m_sftp.describe(session, rc);
    if (!session.broken().empty()) {
        return Step::blocked;
    }
    return refuse(doing + ": " + text);
}

SshOperation::Step SftpDownload::step_start()
{
    m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (m_fd < 0) {
        return refuse("cannot create " + m_temp + ": " + errno_text(errno));
    }
    m_buffer.resize(k_read_size);
    m_state = State::sftp_init;
    return Step::progressed;
}

SshOperation::Step SftpDownload::step_init(SshSessionView& session)
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

SshOperation::Step SftpDownload::step_open(SshSessionView& session)
{
    switch (m_sftp.open(m_request.remote_path, LIBSSH2_FXF_READ, 0)) {
    case SftpChannel::Status::again:
        return Step::blocked;
    case SftpChannel::Status::failed:
        return sftp_failed(session, "cannot open it", m_sftp.last_rc());
    case SftpChannel::Status::ok:
        break;
    }
    m_state = State::read;
    return Step::progressed;
}

bool SftpDownload::write_local(const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, size);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

SshOperation::Step SftpDownload::step_read(SshSessionView& session)
{
    bool progressed = false;
    for (std::size_t done = 0; done < k_step_budget;) {
        const ssize_t n = libssh2_sftp_read(m_sftp.file(), m_buffer.data(), m_buffer.size());
        if (n == LIBSSH2_ERROR_EAGAIN) {
            return progressed ? Step::progressed : Step::blocked;
        }
        if (n < 0) {
            return sftp_failed(session, "reading it", static_cast<int>(n));
        }
        if (n == 0) {
            m_state = State::close_file;
            return Step::progressed;
        }
        const auto size = static_cast<std::size_t>(n);
        if (!write_local(m_buffer.data(), size)) {
            return refuse("cannot write " + m_temp + ": " + errno_text(errno));
        }
        m_sha.update(std::string_view(m_buffer.data(), size));
        m_result.bytes += size;
        done += size;
        progressed = true;
    }
    return Step::progressed;
}

SshOperation::Step SftpDownload::step_close(SshSessionView& session)
{
    switch (m_sftp.close_file()) {
    case SftpChannel::Status::again:
        return Step::blocked;
    case SftpChannel::Status::failed:
        return sftp_failed(session, "closing it", m_sftp.last_rc());
    case SftpChannel::Status::ok:
        break;
    }
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0 || ::rename(m_temp.c_str(), m_request.local_path.c_str()) != 0) {
        const int err = errno;
        ::unlink(m_temp.c_str());
        return refuse("cannot write " + m_request.local_path + ": " + errno_text(err));
    }
    m_result.changed = true;
    m_result.sha256 = m_sha.hex();
    deliver(m_result);
    m_state = State::wind_down;
    return Step::progressed;
}

SshOperation::Step SftpDownload::step_wind_down(SshSessionView& session)
{
    std::string nothing;
    if (m_sftp.wind_down(session, nothing) == SftpChannel::Status::again) {
        return Step::blocked;
    }
    m_state = State::finished;
    return Step::done;
}

} // namespace scsctl::transport
