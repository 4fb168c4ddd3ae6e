// SftpChannel: one operation's SFTP subsystem (libssh2_sftp_init) and its one open file,
// driven without blocking: every call returns again / ok / failed. Used by SftpUpload and
// SftpDownload. Depends on libssh2 and transport internals only.
#pragma once

#include <optional>
#include <string>

#include <libssh2.h>
#include <libssh2_sftp.h>

#include "transport/ssh_operation.hpp"

namespace scsctl::transport {

class SftpChannel {
public:
    enum class Status { again, ok, failed };

    SftpChannel() = default;
    ~SftpChannel();
    SftpChannel(const SftpChannel&) = delete;
    SftpChannel& operator=(const SftpChannel&) = delete;

    /// Starts the subsystem. Holds the session's channel-open token until it returns
    /// ok or failed (libssh2 keeps the init state per session).
    Status init(SshSessionView& session);
    /// Opens `path` (LIBSSH2_FXF_* flags, permissions for created files).
    Status open(const std::string& path, unsigned long flags, long mode);
    LIBSSH2_SFTP_HANDLE* file() const { return m_file; }

    Status close_file();
    /// Sets the open file's permission bits (SFTP fsetstat): no chmod process on the host.
    Status set_mode(unsigned mode);
    /// Renames `from` to `to` when `to` does not exist (SFTP v3 rename: OpenSSH's
    /// sftp-server links, then unlinks, so an existing `to` is never replaced).
    Status rename_new(const std::string& from, const std::string& to);
    /// The permission bits of `path` (following links), or nullopt when it does not exist.
    Status stat_mode(const std::string& path, std::optional<unsigned>& mode);

    /// After success or failure: finishes a pending init, closes the file, removes
    /// `remove_path` when not empty (best effort; cleared once done), shuts the
    /// subsystem down. Errors are ignored: the goal is to release everything.
    Status wind_down(SshSessionView& session, std::string& remove_path);

    /// Text for libssh2 result `rc` (SFTP status codes spelled out). Connection-level
    /// errors are also recorded on `session`, which then fails the whole connection.
    std::string describe(SshSessionView& session, int rc) const;
    /// The result of the last call that returned failed.
    int last_rc() const { return m_rc; }

private:
    Status unlink(const std::string& path);
    Status result(int rc);

    LIBSSH2_SESSION* m_session = nullptr;
    LIBSSH2_SFTP* m_sftp = nullptr;
    LIBSSH2_SFTP_HANDLE* m_file = nullptr;
    bool m_initing = false;
    bool m_init_done = false;
    int m_rc = 0;
};

} // namespace scsctl::transport
