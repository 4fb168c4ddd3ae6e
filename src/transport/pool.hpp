// Pool: the fan-out engine. A few worker threads, each running one event loop over its
// share of hosts; one connection per host for the whole run (opened on first use,
// reused by every operation through new channels); no process or thread per host.
// Callbacks run on the worker thread of their host. Depends on core and transport.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "transport/become.hpp"
#include "transport/endpoint.hpp"
#include "transport/operations.hpp"

namespace scsctl::transport {

using HostHandle = std::size_t;

/// A host key as fetched by Pool::probe.
struct HostKeyInfo {
    std::string address; ///< known_hosts name ("[127.0.0.1]:2222")
    std::string type;
    std::string blob;
    std::string fingerprint;
};

struct PoolOptions {
    unsigned threads = 0;             ///< 0: one per core, at most 4
    std::size_t max_connecting = 128; ///< handshakes in flight at once (all workers)
    std::size_t channels_per_host = 4; ///< operations in flight on one connection
};

/// Something that wants to know what the transport is doing (verbose logging).
using TraceSink = std::function<void(const std::string& host, const std::string& message)>;

class Pool {
public:
    explicit Pool(PoolOptions options = {});
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    /// Registers a host. Hosts behind the same bastion share its connection and worker.
    HostHandle add(Endpoint endpoint);

    /// Runs `request` on `host` (as become.user via sudo when `become` is set).
    void run(HostHandle host, CommandRequest request, std::optional<Become> become,
             std::function<void(CommandOutcome)> done);

    void upload(HostHandle host, UploadRequest request, std::optional<Become> become,
                std::function<void(TransferOutcome)> done);
    void download(HostHandle host, DownloadRequest request, std::function<void(TransferOutcome)> done);

    /// Opens a local listener whose connections are forwarded over the host's session.
    /// The forward lives until close(host) or the pool's end.
    void forward(HostHandle host, ForwardRequest request, std::function<void(ForwardOutcome)> done);

    /// Connects (if needed) and reports the host key and reachability: the building block
    /// of `ssh trust` and of preflight checks. `done` gets the presented key or a failure.
    void probe(HostHandle host, std::function<void(std::expected<HostKeyInfo, Failure>)> done);

    /// Closes the host's connection once its queued operations are done.
    void close(HostHandle host);

    /// Fails every queued and running operation with FailureKind::interrupted, closing
    /// channels cleanly. Safe to call from any thread (not from a signal handler: use
    /// request_cancel_from_signal).
    void cancel();

    /// Async-signal-safe: wakes the workers, which then cancel as cancel() does.
    void request_cancel_from_signal();

    void set_trace(TraceSink sink);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};


} // namespace scsctl::transport
