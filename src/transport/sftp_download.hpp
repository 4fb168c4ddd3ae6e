// SftpDownload: one remote file streamed over SFTP into a local temporary file next to
// the destination, hashed on the way, then renamed into place. Depends on transport
// internals, libssh2 and POSIX only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "transport/operations.hpp"
#include "transport/sftp_channel.hpp"
#include "transport/sftp_common.hpp"

namespace scsctl::transport {

class SftpDownload final : public SshOperation {
public:
    SftpDownload(DownloadRequest request, std::function<void(TransferOutcome)> done);
    ~SftpDownload() override;

    Step step(SshSessionView& session) override;
    Step release(SshSessionView& session) override;
    void fail(const Failure& failure) override;

private:
    enum class State { start, sftp_init, open, read, close_file, wind_down, finished };

    Step step_start();
    Step step_init(SshSessionView& session);
    Step step_open(SshSessionView& session);
    Step step_read(SshSessionView& session);
    bool write_local(const char* data, std::size_t size);
    Step step_close(SshSessionView& session);
    Step step_wind_down(SshSessionView& session);
    Step refuse(const std::string& reason);
    Step sftp_failed(SshSessionView& session, const std::string& doing, int rc);
    void discard_local();
    void deliver(TransferOutcome outcome);

    DownloadRequest m_request;
    std::function<void(TransferOutcome)> m_done;
    std::string m_host;
    std::string m_temp; ///< local temporary file, renamed over local_path at the end
    int m_fd = -1;
    State m_state = State::start;
    SftpChannel m_sftp;
    Sha256 m_sha;
    std::vector<char> m_buffer;
    TransferResult m_result;
    bool m_delivered = false;
};

} // namespace scsctl::transport
