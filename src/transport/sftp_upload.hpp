// SftpUpload: one file to one host in at most three round-trip phases: a probe command
// (skip when unchanged), an SFTP write of a temporary file, a finishing command that sets
// mode/owner and renames it into place. Depends on transport internals and libssh2 only.
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
/// into place atomically. Probe and finish reuse SshExec as sub-operations.
class SftpUpload final : public SshOperation {
public:
    SftpUpload(UploadRequest request, std::optional<Become> become, std::function<void(TransferOutcome)> done);
    ~SftpUpload() override;

    Step step(SshSessionView& session) override;
    Step release(SshSessionView& session) override;
    void fail(const Failure& failure) override;
    std::optional<Clock::time_point> deadline() const override;

private:
    enum class State { start, probe, sftp_init, open, write, close_file, finish, wind_down, finished };

    Step step_start();
    Step step_probe(SshSessionView& session);
    Step after_probe(CommandOutcome outcome);
    Step step_init(SshSessionView& session);
    Step step_open(SshSessionView& session);
    Step step_write(SshSessionView& session);
    bool refill();
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
    std::function<void(TransferOutcome)> m_done;
    std::string m_host;
    std::string m_staged; ///< where SFTP writes
    std::string m_temp;   ///< renamed over the destination
    State m_state = State::start;
    std::unique_ptr<SshExec> m_exec;
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
