// The factories behind Pool::upload, download and forward: SFTP and tunnel operations
// for SSH hosts, plain file operations for local ones (which have nothing to forward).
#include "transport/transfer_ops.hpp"

#include "transport/forward_listener.hpp"
#include "transport/local_transfer.hpp"
#include "transport/sftp_download.hpp"
#include "transport/sftp_upload.hpp"

namespace scsctl::transport {

namespace {

// A local host has no session to forward through: fails at once.
class LocalForward final : public LocalOperation {
public:
    LocalForward(std::string host, std::function<void(ForwardOutcome)> done)
        : m_host(std::move(host)), m_done(std::move(done))
    {
    }
    void prepare(PollSet& set) override { set.wake_at(Clock::now()); }
    bool advance(Clock::time_point) override
    {
        fail(Failure{FailureKind::forward, m_host + ": cannot forward through a local connection "
                                                    "(there is no SSH session): connect to the target directly"});
        return true;
    }
    void fail(const Failure& failure) override
    {
        if (m_done) {
            auto done = std::move(m_done);
            done(std::unexpected(failure));
        }
    }

private:
    std::string m_host;
    std::function<void(ForwardOutcome)> m_done;
};

} // namespace

std::unique_ptr<Operation> make_upload(const Endpoint& endpoint, UploadRequest request, std::optional<Become> become,
                                       std::function<void(TransferOutcome)> done)
{
    if (endpoint.local) {
        return std::make_unique<LocalUpload>(endpoint.name, std::move(request), std::move(become), std::move(done));
    }
    return std::make_unique<SftpUpload>(std::move(request), std::move(become), std::move(done),
                                        endpoint.persistent_shell);
}

std::unique_ptr<Operation> make_download(const Endpoint& endpoint, DownloadRequest request,
                                         std::function<void(TransferOutcome)> done)
{
    if (endpoint.local) {
        return std::make_unique<LocalDownload>(endpoint.name, std::move(request), std::move(done));
    }
    return std::make_unique<SftpDownload>(std::move(request), std::move(done));
}

std::unique_ptr<Operation> make_forward(const Endpoint& endpoint, ForwardRequest request,
                                        std::function<void(ForwardOutcome)> done)
{
    if (endpoint.local) {
        return std::make_unique<LocalForward>(endpoint.name, std::move(done));
    }
    return std::make_unique<SshForward>(std::move(request), std::move(done));
}

} // namespace scsctl::transport
