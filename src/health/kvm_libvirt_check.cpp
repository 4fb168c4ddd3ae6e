// Each host's forward listens on a socket in a fresh 0700 directory (mkdtemp), removed
// afterwards. The SSH login user must be allowed to open /run/libvirt/libvirt-sock (root,
// or a member of group libvirt). Hosts are probed in parallel, one thread each: libvirt
// connections are independent, and starting a QEMU test domain takes a few seconds.
#include "health/kvm_libvirt_check.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <future>
#include <thread>

#include "health/layer_check_support.hpp"
#if SCSCTL_HAVE_LIBVIRT
#include "health/libvirt_probe.hpp"
#endif

namespace scsctl::health {

namespace {

constexpr const char* k_libvirt_socket = "/run/libvirt/libvirt-sock";

#if SCSCTL_HAVE_LIBVIRT
std::string describe(const LibvirtReport& report)
{
    return report.hypervisor + ", " + std::to_string(report.cpus) + " CPUs, " +
           std::to_string(report.memory_kib / 1024) + " MiB, " + std::to_string(report.domains) +
           " domains; test domain started and stopped in " + std::to_string(report.test_domain_time.count()) + " ms";
}

CheckResult probe_host(const HealthCheck& check, transport::Pool& pool, const exec::AdhocHost& host,
                       const std::string& directory)
{
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    };
    const auto handle = pool.add(host.connection.endpoint);
    transport::ForwardRequest request;
    request.remote_socket = k_libvirt_socket;
    request.local_socket = directory + "/" + std::to_string(handle) + ".sock";
    std::promise<transport::ForwardOutcome> opened;
    pool.forward(handle, request, [&opened](transport::ForwardOutcome outcome) { opened.set_value(std::move(outcome)); });
    const transport::ForwardOutcome forward = opened.get_future().get();
    if (!forward) {
        pool.close(handle);
        return make_result(check, host.name, CheckStatus::fail, "unreachable: " + forward.error().message, elapsed());
    }
    LibvirtProbeOptions options;
    options.test_domain_name = "scsctl-health-" + host.name + "-" + std::to_string(::getpid());
    auto report = probe_libvirt(libvirt_socket_uri(forward->local_address), options);
    pool.close(handle);
    if (!report) {
        return make_result(check, host.name, CheckStatus::fail, report.error().message, elapsed());
    }
    return make_result(check, host.name, CheckStatus::pass, describe(*report), elapsed());
}
#endif

} // namespace

std::vector<CheckResult> KvmLibvirtCheck::run(const CheckContext& context) const
{
    std::vector<CheckResult> results;
#if SCSCTL_HAVE_LIBVIRT
    std::string pattern = (std::filesystem::temp_directory_path() / "scsctl-libvirt-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        for (const auto& host : context.hosts) {
            results.push_back(make_result(*this, host.name, CheckStatus::error, "cannot make a directory for the forwarded sockets"));
        }
        return results;
    }
    std::vector<std::future<CheckResult>> probes;
    for (const auto& host : context.hosts) {
        probes.push_back(std::async(std::launch::async,
                                    [&, host] { return probe_host(*this, context.pool, host, pattern); }));
    }
    for (auto& probe : probes) {
        results.push_back(probe.get());
    }
    std::error_code ignored;
    std::filesystem::remove_all(pattern, ignored);
#else
    for (const auto& host : context.hosts) {
        results.push_back(make_result(*this, host.name, CheckStatus::error, "scsctl was built without libvirt"));
    }
#endif
    return results;
}

} // namespace scsctl::health
