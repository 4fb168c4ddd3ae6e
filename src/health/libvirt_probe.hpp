// The kvm layer's health probe through the libvirt C API: node info, the domain list,
// and a tiny transient test domain that must start and stop. The URI names a libvirtd
// socket (for a host, one forwarded over scsctl's own SSH transport). Depends on core
// and libvirt (only built when libvirt is found: SCSCTL_HAVE_LIBVIRT).
#pragma once

#include <chrono>
#include <string>

#include "core/result.hpp"

namespace scsctl::health {

struct LibvirtReport {
    std::string hypervisor;    ///< "QEMU 7.2.0"
    std::string cpu_model;     ///< virNodeInfo.model
    unsigned cpus = 0;
    unsigned long long memory_kib = 0;
    int domains = 0;           ///< all domains, active or not, before the test domain
    bool test_domain_ran = false;
    std::chrono::milliseconds test_domain_time{0}; ///< create to destroyed
};

struct LibvirtProbeOptions {
    bool start_test_domain = true;
    std::string test_domain_name = "scsctl-health-probe"; ///< made unique per call by the caller
};

/// Errors name the URI and libvirt's own message; kind unreachable when libvirtd does not
/// answer, failed when it answers but the test domain does not run.
core::Result<LibvirtReport> probe_libvirt(const std::string& uri, const LibvirtProbeOptions& options);

/// "qemu+unix:///system?socket=PATH" for a libvirtd socket reachable at PATH.
std::string libvirt_socket_uri(const std::string& socket_path);

} // namespace scsctl::health
