// Probing through transport::Pool: one pool per round (a failed connection is not
// retried inside a pool), every host at once.
#include "lab/readiness.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "lab/host_files.hpp"
#include "transport/pool.hpp"

namespace scsctl::lab {

namespace {

transport::Endpoint endpoint_for(const LabState& state, const HostState& host, std::chrono::milliseconds timeout)
{
    transport::Endpoint endpoint;
    endpoint.name = host.name;
    endpoint.target.address = host.address;
    endpoint.target.port = 22;
    endpoint.target.user = "root";
    endpoint.target.identity_files = {client_key_path(state.dir)};
    endpoint.use_agent = false;
    endpoint.known_hosts_files = {known_hosts_path(state.dir)};
    endpoint.host_key_policy = transport::HostKeyPolicy::strict;
    endpoint.connect_timeout = timeout;
    return endpoint;
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) {
        text.pop_back();
    }
    return text.substr(0, text.find('\n'));
}

} // namespace

bool system_booted(const std::string& system_state)
{
    return system_state == "running" || system_state == "degraded";
}

std::vector<HostProbe> probe_hosts(const LabState& state, const std::vector<HostState>& hosts,
                                   std::chrono::milliseconds timeout)
{
    std::vector<HostProbe> probes(hosts.size());
    if (hosts.empty()) {
        return probes;
    }
    std::mutex mutex;
    std::condition_variable done;
    std::size_t pending = hosts.size();
    {
        transport::Pool pool(transport::PoolOptions{.threads = 1});
        for (std::size_t i = 0; i < hosts.size(); ++i) {
            probes[i].name = hosts[i].name;
            const auto handle = pool.add(endpoint_for(state, hosts[i], timeout));
            transport::CommandRequest request;
            request.command = "systemctl is-system-running";
            request.timeout = timeout;
            pool.run(handle, std::move(request), std::nullopt, [&, i](transport::CommandOutcome outcome) {
                std::lock_guard lock(mutex);
                if (outcome) {
                    probes[i].ssh_ok = true;
                    probes[i].system_state = trimmed(outcome->stdout_data);
                } else {
                    probes[i].error = outcome.error().message;
                }
                if (--pending == 0) {
                    done.notify_all();
                }
            });
        }
        std::unique_lock lock(mutex);
        done.wait(lock, [&] { return pending == 0; });
    }
    return probes;
}

core::Result<void> wait_until_ready(const LabState& state, const std::vector<HostState>& hosts,
                                    std::chrono::steady_clock::time_point deadline,
                                    const std::function<bool(const HostState&)>& alive)
{
    std::vector<HostState> waiting = hosts;
    std::vector<HostProbe> last;
    while (!waiting.empty()) {
        for (const auto& host : waiting) {
            if (!alive(host)) {
                return core::fail({core::ErrorKind::failed, "host " + host.name +
                                                                " stopped while booting (see " +
                                                                host_dir(state.dir, host.name) + "/console.log)", {}});
            }
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            std::string why;
            for (const auto& probe : last) {
                why += (why.empty() ? "" : "; ") + probe.name + ": " +
                       (probe.ssh_ok ? "system is " + probe.system_state : probe.error);
            }
            return core::fail({core::ErrorKind::unreachable, "hosts not ready in time: " + why, {}});
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        last = probe_hosts(state, waiting, std::min(left, std::chrono::milliseconds(5000)));
        std::vector<HostState> still;
        std::vector<HostProbe> still_probes;
        for (std::size_t i = 0; i < waiting.size(); ++i) {
            if (!(last[i].ssh_ok && system_booted(last[i].system_state))) {
                still.push_back(waiting[i]);
                still_probes.push_back(last[i]);
            }
        }
        waiting = std::move(still);
        last = std::move(still_probes);
        if (!waiting.empty()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        }
    }
    return {};
}

} // namespace scsctl::lab
