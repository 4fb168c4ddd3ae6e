// The non-blocking SFTP subsystem of one operation. libssh2 1.10 keeps the state of a
// pending call in the SFTP or session struct: after EAGAIN the same call is repeated.
#include "transport/sftp_channel.hpp"

#include "transport/sftp_common.hpp"

namespace scsctl::transport {

SftpChannel::~SftpChannel()
{
    // Anything still open belongs to a session being torn down; its free releases it.
    m_file = nullptr;
    m_sftp = nullptr;
}

SftpChannel::Status SftpChannel::result(int rc)
{
    if (rc == LIBSSH2_ERROR_EAGAIN) {
        return Status::again;
    }
    if (rc < 0) {
        m_rc = rc;
        return Status::failed;
    }
    return Status::ok;
}

SftpChannel::Status SftpChannel::init(SshSessionView& session)
{
    if (m_sftp != nullptr) {
        return Status::ok;
    }
    if (m_init_done || !session.acquire_open(this)) {
        return m_init_done ? Status::failed : Status::again;
    }
    m_session = session.raw();
    m_initing = true;
    m_sftp = libssh2_sftp_init(m_session);
    if (m_sftp == nullptr) {
        const int rc = libssh2_session_last_errno(m_session);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Status::again;
        }
        m_rc = rc == 0 ? LIBSSH2_ERROR_CHANNEL_FAILURE : rc;
    }
    session.release_open(this);
    m_initing = false;
    m_init_done = true;
    return m_sftp != nullptr ? Status::ok : Status::failed;
}

SftpChannel::Status SftpChannel::open(const std::string& path, unsigned long flags, long mode)
{
    m_file = libssh2_sftp_open_ex(m_sftp, path.data(), static_cast<unsigned>(path.size()), flags, mode,
                                  LIBSSH2_SFTP_OPENFILE);
    if (m_file != nullptr) {
        return Status::ok;
    }
    const int rc = libssh2_session_last_errno(m_session);
    return result(rc < 0 ? rc : LIBSSH2_ERROR_SFTP_PROTOCOL);
}

SftpChannel::Status SftpChannel::close_file()
{
    if (m_file == nullptr) {
        return Status::ok;
    }
    const int rc = libssh2_sftp_close_handle(m_file);
    if (rc != LIBSSH2_ERROR_EAGAIN) {
        m_file = nullptr; // libssh2 frees the handle whatever the server answered
    }
    return result(rc);
}

SftpChannel::Status SftpChannel::set_mode(unsigned mode)
{
    LIBSSH2_SFTP_ATTRIBUTES attrs{};
    attrs.flags = LIBSSH2_SFTP_ATTR_PERMISSIONS;
    attrs.permissions = mode & 07777;
    return result(libssh2_sftp_fsetstat(m_file, &attrs));
}

SftpChannel::Status SftpChannel::rename_new(const std::string& from, const std::string& to)
{
    return result(libssh2_sftp_rename_ex(m_sftp, from.data(), static_cast<unsigned>(from.size()), to.data(),
                                         static_cast<unsigned>(to.size()), 0));
}

SftpChannel::Status SftpChannel::stat_mode(const std::string& path, std::optional<unsigned>& mode)
{
    LIBSSH2_SFTP_ATTRIBUTES attrs{};
    const int rc = libssh2_sftp_stat_ex(m_sftp, path.data(), static_cast<unsigned>(path.size()), LIBSSH2_SFTP_STAT,
                                        &attrs);
    if (rc == LIBSSH2_ERROR_SFTP_PROTOCOL && libssh2_sftp_last_error(m_sftp) == LIBSSH2_FX_NO_SUCH_FILE) {
        mode.reset();
        return Status::ok;
    }
    const Status status = result(rc);
    if (status == Status::ok) {
        mode = (attrs.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) != 0 ? attrs.permissions & 07777 : 0644;
    }
    return status;
}

SftpChannel::Status SftpChannel::unlink(const std::string& path)
{
    return result(libssh2_sftp_unlink_ex(m_sftp, path.data(), static_cast<unsigned>(path.size())));
}

SftpChannel::Status SftpChannel::wind_down(SshSessionView& session, std::string& remove_path)
{
    if (m_initing && init(session) == Status::again) {
        return Status::again;
    }
    if (m_file != nullptr && close_file() == Status::again) {
        return Status::again;
    }
    if (!remove_path.empty() && m_sftp != nullptr) {
        if (unlink(remove_path) == Status::again) {
            return Status::again;
        }
        remove_path.clear();
    }
    if (m_sftp != nullptr) {
        const int rc = libssh2_sftp_shutdown(m_sftp);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return Status::again;
        }
        m_sftp = nullptr;
    }
    return Status::ok;
}

std::string SftpChannel::describe(SshSessionView& session, int rc) const
{
    if (is_connection_error(rc)) {
        const std::string text = describe_libssh2_error(session.raw(), rc);
        session.connection_broken("SFTP: " + text);
        return text;
    }
    if (rc == LIBSSH2_ERROR_SFTP_PROTOCOL && m_sftp != nullptr) {
        return sftp_status_text(libssh2_sftp_last_error(m_sftp));
    }
    return describe_libssh2_error(session.raw(), rc);
}

} // namespace scsctl::transport
