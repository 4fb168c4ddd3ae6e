// Uploads and downloads for local hosts (ansible_connection=local): plain file
// operations with the same semantics and results as their SFTP counterparts, done in
// bounded steps of the event loop. Depends on transport internals and POSIX only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "transport/become.hpp"
#include "transport/local_connection.hpp"
#include "transport/local_exec.hpp"
#include "transport/operations.hpp"
#include "transport/sftp_common.hpp"

namespace scsctl::transport {

/// Without become: compares in-process (stat + sha256), copies to DIR/.scsctl-tmp-XXXX,
/// fsyncs, sets mode (requested, else the replaced file's, else 0644) and owner/group
/// (getpwnam/getgrnam) and renames it over the destination. With become it does what
/// SftpUpload does: probe and finish run as shell commands through sudo, the bytes are
/// copied to /tmp/.scsctl-tmp-XXXX in between.
class LocalUpload final : public LocalOperation {
public:
    LocalUpload(std::string host, UploadRequest request, std::optional<Become> become,
                std::function<void(TransferOutcome)> done);
    ~LocalUpload() override;

    void prepare(PollSet& set) override;
    bool advance(Clock::time_point now) override;
    void fail(const Failure& failure) override;

private:
    enum class State { start, probe, copy, finish, finished };

    void start();
    void step_probe(Clock::time_point now);
    void decide(const DestinationState& state);
    void start_copy();
    void step_copy();
    void step_finish(Clock::time_point now);
    void finish_in_process(bool metadata_only);
    void start_exec(const std::string& command);
    bool exec_pending(Clock::time_point now);
    void refuse(const std::string& reason);
    void deliver(TransferOutcome outcome);

    std::string m_host;
    UploadRequest m_request;
    UploadRequest m_dest_source; ///< the destination read as a source, to hash it
    std::optional<Become> m_become;
    std::function<void(TransferOutcome)> m_done;
    std::string m_staged;
    std::string m_temp;
    State m_state = State::start;
    DestinationState m_dest;
    std::optional<DigestPass> m_digest;
    std::optional<DigestPass> m_dest_digest;
    std::unique_ptr<FileCopy> m_copy;
    std::unique_ptr<LocalExec> m_exec;
    std::optional<CommandOutcome> m_exec_outcome;
    TransferResult m_result;
    bool m_delivered = false;
};

/// Copies remote_path to local_path on this machine (temp file, fsync, rename).
class LocalDownload final : public LocalOperation {
public:
    LocalDownload(std::string host, DownloadRequest request, std::function<void(TransferOutcome)> done);
    ~LocalDownload() override;

    void prepare(PollSet& set) override;
    bool advance(Clock::time_point now) override;
    void fail(const Failure& failure) override;

private:
    void deliver(TransferOutcome outcome);

    std::string m_host;
    DownloadRequest m_request;
    UploadRequest m_source;
    std::function<void(TransferOutcome)> m_done;
    std::string m_temp;
    std::unique_ptr<FileCopy> m_copy;
    bool m_delivered = false;
};

} // namespace scsctl::transport
