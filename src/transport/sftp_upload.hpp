// SftpUpload: one file to one host in at most three round-trip phases: a probe command
// (skip when unchanged), an SFTP write of a temporary file, a finishing command that sets
// mode/owner and renames it into place. Without become the mode is set over SFTP (setstat)
// and a new destination is renamed into place over SFTP, so often no command runs at all.
// Depends on transport internals and libssh2 only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "transport/become.hpp"
#include "transport/operations.hpp"
#include "transport/sftp_channel.hpp"
#include "transport/sftp_common.hpp"
#include "transport/ssh_exec.hpp"

namespace scsctl::transport {

/// Without become the bytes go to DIR/.scsctl-tmp-XXXX next to the destination and the
/// finishing command (as the login user) renames it over the destination. With become
/// they go to /tmp/.scsctl-tmp-XXXX (created 0600, owned by the login user) and the
/// finishing command runs through sudo: it moves the file next to the destination, sets
/// mode and owner (default: the replaced file's, else the become user's) and renames it
/// into place atomically. Without become the final mode (requested, else the replaced
/// file's, else 0644) is set on the temporary file over SFTP, and when no owner or group is
/// asked for an SFTP rename (which never replaces an existing file) tries first; the
/// finishing command (mv -T) runs only when it fails. Probe and finish reuse SshExec (or
/// SshShellExec) as sub-operations.
class SftpUpload final : public SshOperation {
public:
    /// `persistent_shell`: run the probe and finish commands on the connection's
    /// persistent shell (Endpoint::persistent_shell).
    SftpUpload(UploadRequest request, std::optional<Become> become, std::function<void(TransferOutcome)> done,
               bool persistent_shell = false);
    ~SftpUpload() override;

    Step step(SshSessionView& session) override;
    Step release(SshSessionView& session) override;
    void fail(const Failure& failure) override;
    std::optional<Clock::time_point> deadline() const override;

private:
    enum class State {
        start, probe, sftp_init, open, write, stat_dest, set_mode, close_file, rename, finish, wind_down, finished
    };

    Step step_start();
    Step step_probe(SshSessionView& session);
    Step after_probe(CommandOutcome outcome);
    Step step_init(SshSessionView& session);
    Step step_open(SshSessionView& session);
    Step step_write(SshSessionView& session);
    bool refill();
    Step step_stat_dest(SshSessionView& session);
    Step step_set_mode(SshSessionView& session);
    Step step_rename(SshSessionView& session);
    void start_finish();
    Step step_close(SshSessionView& session);
    Step step_finish(SshSessionView& session);
    Step step_wind_down(SshSessionView& session);
    void pump_exec(SshSessionView& session, bool& progressed);
    void take_turns(SshSessionView& session, bool release, bool& progressed);
    void start_exec(const std::string& command);
    Step refuse(const std::string& reason);
    Step exec_failed(const Failure& failure, const std::string& doing);
    Step sftp_failed(SshSessionView& session, const std::string& doing, int rc);
    void deliver(TransferOutcome outcome);

    UploadRequest m_request;
    std::optional<Become> m_become;
    bool m_persistent_shell = false;
    bool m_mode_set = false; ///< the final mode is on the staged file already
    unsigned m_mode = 0644;  ///< the mode to set: requested, else dest's, else 0644
    std::function<void(TransferOutcome)> m_done;
    std::string m_host;
    std::string m_staged; ///< where SFTP writes
    std::string m_temp;   ///< renamed over the destination
    State m_state = State::start;
    std::unique_ptr<SshOperation> m_exec;
    std::optional<CommandOutcome> m_exec_outcome;
    std::optional<DigestPass> m_digest;
    UploadSource m_source;
    Sha256 m_sha;
    SftpChannel m_sftp;
    bool m_sftp_down = false;
    SendOwner m_send_owner; ///< between m_exec and m_sftp
    std::string m_window; ///< read from the source, not yet acknowledged from m_window_at on
    std::size_t m_window_at = 0;
    bool m_source_done = false;
    std::string m_remove; ///< staged file to remove while winding down after a failure
    TransferResult m_result;
    bool m_delivered = false;
};

} // namespace scsctl::transport
