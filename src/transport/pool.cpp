// Pool: hosts spread over workers (hosts behind one bastion on one worker, so that they
// share its connection), operations posted to the worker of their host, a cache of
// parsed known_hosts files shared read-only by all workers.
#include "transport/pool.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include <libssh2.h>

#include "transport/local_exec.hpp"
#include "transport/ssh_shell_exec.hpp"
#include "transport/ssh_probe.hpp"
#include "transport/transfer_ops.hpp"
#include "transport/worker.hpp"

namespace scsctl::transport {

namespace {

void init_libssh2_once()
{
    static std::once_flag once;
    std::call_once(once, [] { libssh2_init(0); });
}

// Local hosts have no SSH host key: a probe of one reports that.
class LocalProbe final : public LocalOperation {
public:
    LocalProbe(std::string host, std::function<void(std::expected<HostKeyInfo, Failure>)> done)
        : m_host(std::move(host)), m_done(std::move(done))
    {
    }
    void prepare(PollSet& set) override { set.wake_at(Clock::now()); }
    bool advance(Clock::time_point) override
    {
        fail(Failure{FailureKind::handshake, m_host + ": a local connection has no SSH host key"});
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
    std::function<void(std::expected<HostKeyInfo, Failure>)> m_done;
};

unsigned default_threads()
{
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return std::min(cores, 4u);
}

} // namespace

struct Pool::Impl {
    PoolOptions options;
    SshShared shared;
    std::atomic<bool> cancel_flag{false};
    std::vector<std::unique_ptr<Worker>> workers;
    std::deque<Endpoint> endpoints; // stable addresses: connections keep references
    std::vector<std::size_t> worker_of;
    std::vector<std::size_t> load;
    std::map<std::string, std::size_t> bastion_worker;
    std::mutex known_hosts_mutex;
    std::map<std::string, std::shared_ptr<const KnownHosts>> known_hosts_cache;
    TraceSink trace;
    std::mutex trace_mutex;

    std::shared_ptr<const KnownHosts> known_hosts_for(const std::vector<std::string>& files)
    {
        std::string key;
        for (const auto& file : files) {
            key += file + '\n';
        }
        std::lock_guard lock(known_hosts_mutex);
        auto& slot = known_hosts_cache[key];
        if (!slot) {
            slot = std::make_shared<const KnownHosts>(KnownHosts::load(files));
        }
        return slot;
    }

    Worker& worker(HostHandle host) { return *workers[worker_of[host]]; }

    template <typename Make>
    void submit(HostHandle host, Make make)
    {
        const Endpoint* endpoint = &endpoints[host];
        worker(host).post([host, endpoint, make = std::move(make)](Worker& w) mutable {
            w.connection_for(host, *endpoint).submit(make(*endpoint));
        });
    }
};

Pool::Pool(PoolOptions options) : m_impl(std::make_unique<Impl>())
{
    init_libssh2_once();
    auto& impl = *m_impl;
    impl.options = options;
    if (impl.options.threads == 0) {
        impl.options.threads = default_threads();
    }
    impl.shared.channels_per_host = std::max<std::size_t>(1, options.channels_per_host);
    impl.shared.known_hosts = [&impl](const std::vector<std::string>& files) { return impl.known_hosts_for(files); };
    impl.shared.trace = [&impl](const std::string& host, const std::string& message) {
        std::lock_guard lock(impl.trace_mutex);
        if (impl.trace) {
            impl.trace(host, message);
        }
    };
    const std::size_t slots = std::max<std::size_t>(1, options.max_connecting / impl.options.threads);
    for (unsigned i = 0; i < impl.options.threads; ++i) {
        impl.workers.push_back(std::make_unique<Worker>(impl.shared, slots, impl.cancel_flag));
        impl.load.push_back(0);
    }
}

Pool::~Pool()
{
    for (auto& worker : m_impl->workers) {
        worker->stop(std::chrono::milliseconds(3000));
    }
    m_impl->workers.clear();
}

HostHandle Pool::add(Endpoint endpoint)
{
    auto& impl = *m_impl;
    std::size_t chosen = 0;
    if (!endpoint.jumps.empty()) {
        const Hop& first = endpoint.jumps.front();
        const std::string key = first.user + "@" + first.address + ":" + std::to_string(first.port);
        auto found = impl.bastion_worker.find(key);
        if (found != impl.bastion_worker.end()) {
            chosen = found->second;
        } else {
            chosen = static_cast<std::size_t>(std::min_element(impl.load.begin(), impl.load.end()) - impl.load.begin());
            impl.bastion_worker.emplace(key, chosen);
        }
    } else {
        chosen = static_cast<std::size_t>(std::min_element(impl.load.begin(), impl.load.end()) - impl.load.begin());
    }
    ++impl.load[chosen];
    impl.endpoints.push_back(std::move(endpoint));
    impl.worker_of.push_back(chosen);
    return impl.endpoints.size() - 1;
}

void Pool::run(HostHandle host, CommandRequest request, std::optional<Become> become,
               std::function<void(CommandOutcome)> done)
{
    m_impl->submit(host, [request = std::move(request), become = std::move(become),
                          done = std::move(done)](const Endpoint& endpoint) mutable -> std::unique_ptr<Operation> {
        if (endpoint.local) {
            return std::make_unique<LocalExec>(endpoint.name, std::move(request), std::move(become), std::move(done));
        }
        return make_ssh_command(std::move(request), std::move(become), std::move(done), endpoint.persistent_shell);
    });
}

void Pool::upload(HostHandle host, UploadRequest request, std::optional<Become> become,
                  std::function<void(TransferOutcome)> done)
{
    m_impl->submit(host, [request = std::move(request), become = std::move(become),
                          done = std::move(done)](const Endpoint& endpoint) mutable {
        return make_upload(endpoint, std::move(request), std::move(become), std::move(done));
    });
}

void Pool::download(HostHandle host, DownloadRequest request, std::function<void(TransferOutcome)> done)
{
    m_impl->submit(host, [request = std::move(request), done = std::move(done)](const Endpoint& endpoint) mutable {
        return make_download(endpoint, std::move(request), std::move(done));
    });
}

void Pool::forward(HostHandle host, ForwardRequest request, std::function<void(ForwardOutcome)> done)
{
    m_impl->submit(host, [request = std::move(request), done = std::move(done)](const Endpoint& endpoint) mutable {
        return make_forward(endpoint, std::move(request), std::move(done));
    });
}

void Pool::probe(HostHandle host, std::function<void(std::expected<HostKeyInfo, Failure>)> done)
{
    m_impl->submit(host, [done = std::move(done)](const Endpoint& endpoint) mutable -> std::unique_ptr<Operation> {
        if (endpoint.local) {
            return std::make_unique<LocalProbe>(endpoint.name, std::move(done));
        }
        return std::make_unique<SshProbe>(known_hosts_name(endpoint.target.address, endpoint.target.port),
                                          std::move(done));
    });
}

void Pool::close(HostHandle host)
{
    const Endpoint* endpoint = &m_impl->endpoints[host];
    m_impl->worker(host).post([host, endpoint](Worker& w) { w.connection_for(host, *endpoint).close_when_idle(); });
}

void Pool::cancel()
{
    m_impl->cancel_flag = true;
    for (auto& worker : m_impl->workers) {
        worker->wake();
    }
}

void Pool::request_cancel_from_signal()
{
    m_impl->cancel_flag.store(true);
    for (auto& worker : m_impl->workers) {
        worker->wake();
    }
}

void Pool::set_trace(TraceSink sink)
{
    std::lock_guard lock(m_impl->trace_mutex);
    m_impl->trace = std::move(sink);
}

} // namespace scsctl::transport
