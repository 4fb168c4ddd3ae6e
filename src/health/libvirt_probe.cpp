// The test domain is transient (virDomainCreateXML: nothing is defined on the host),
// diskless and without a NIC, 32 MiB, and always software-emulated (type 'qemu'): it
// proves libvirtd and QEMU work, not hardware acceleration, and it also runs where
// /dev/kvm is missing or unusable. libvirt's default error printer is silenced; its
// message is read from virGetLastError instead.
#if SCSCTL_HAVE_LIBVIRT
#include "health/libvirt_probe.hpp"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <memory>

namespace scsctl::health {

namespace {

void ignore_libvirt_error(void*, virErrorPtr) {}

std::string last_libvirt_error()
{
    const virErrorPtr error = virGetLastError();
    return error && error->message ? error->message : "unknown libvirt error";
}

core::Error libvirt_error(core::ErrorKind kind, const std::string& uri, const std::string& what)
{
    return {kind, "libvirt " + uri + ": " + what + ": " + last_libvirt_error(), {}};
}

struct ConnectCloser {
    void operator()(virConnectPtr connection) const { virConnectClose(connection); }
};
struct DomainFreer {
    void operator()(virDomainPtr domain) const { virDomainFree(domain); }
};

std::string test_domain_xml(const std::string& name)
{
    return "<domain type='qemu'><name>" + name +
           "</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
           "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features>"
           "<on_poweroff>destroy</on_poweroff><on_reboot>destroy</on_reboot><on_crash>destroy</on_crash>"
           "<devices><memballoon model='none'/></devices></domain>";
}

std::string version_text(unsigned long version)
{
    return std::to_string(version / 1000000) + "." + std::to_string(version / 1000 % 1000) + "." +
           std::to_string(version % 1000);
}

core::Result<void> run_test_domain(virConnectPtr connection, const std::string& uri,
                                   const LibvirtProbeOptions& options, LibvirtReport& report)
{
    const auto started = std::chrono::steady_clock::now();
    const std::string xml = test_domain_xml(options.test_domain_name);
    std::unique_ptr<virDomain, DomainFreer> domain(virDomainCreateXML(connection, xml.c_str(), 0));
    if (!domain) {
        return core::fail(libvirt_error(core::ErrorKind::failed, uri, "the test domain did not start"));
    }
    int state = 0;
    int reason = 0;
    const bool running = virDomainGetState(domain.get(), &state, &reason, 0) == 0 && state == VIR_DOMAIN_RUNNING;
    if (virDomainDestroy(domain.get()) < 0) {
        return core::fail(libvirt_error(core::ErrorKind::failed, uri, "the test domain did not stop"));
    }
    if (!running) {
        return core::fail(core::Error{core::ErrorKind::failed,
                                      "libvirt " + uri + ": the test domain started but is not running (state " +
                                          std::to_string(state) + ")",
                                      {}});
    }
    report.test_domain_ran = true;
    report.test_domain_time =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return {};
}

} // namespace

std::string libvirt_socket_uri(const std::string& socket_path)
{
    return "qemu+unix:///system?socket=" + socket_path;
}

core::Result<LibvirtReport> probe_libvirt(const std::string& uri, const LibvirtProbeOptions& options)
{
    virSetErrorFunc(nullptr, ignore_libvirt_error);
    std::unique_ptr<virConnect, ConnectCloser> connection(virConnectOpen(uri.c_str()));
    if (!connection) {
        return core::fail(libvirt_error(core::ErrorKind::unreachable, uri, "cannot connect"));
    }
    LibvirtReport report;
    unsigned long version = 0;
    const char* type = virConnectGetType(connection.get());
    if (type && virConnectGetVersion(connection.get(), &version) == 0) {
        report.hypervisor = std::string(type) + " " + version_text(version);
    }
    virNodeInfo node{};
    if (virNodeGetInfo(connection.get(), &node) < 0) {
        return core::fail(libvirt_error(core::ErrorKind::failed, uri, "node info"));
    }
    report.cpu_model = node.model;
    report.cpus = node.cpus;
    report.memory_kib = node.memory;
    virDomainPtr* domains = nullptr;
    const int count = virConnectListAllDomains(connection.get(), &domains, 0);
    if (count < 0) {
        return core::fail(libvirt_error(core::ErrorKind::failed, uri, "listing domains"));
    }
    for (int i = 0; i < count; ++i) {
        virDomainFree(domains[i]);
    }
    free(domains); // NOLINT: libvirt allocates the list with malloc
    report.domains = count;
    if (options.start_test_domain) {
        if (auto ran = run_test_domain(connection.get(), uri, options, report); !ran) {
            return core::fail(ran.error());
        }
    }
    return report;
}

} // namespace scsctl::health

#endif // SCSCTL_HAVE_LIBVIRT
