// The kvm layer's health check, per host of group kvm: libvirtd's socket forwarded over
// scsctl's own SSH connection to a private local socket, then the libvirt C API through
// it: node info, the domain list, and a tiny transient test domain that must start and
// stop. Nothing else opens a connection to the host. Depends on health's support and
// libvirt_probe (only built with libvirt: SCSCTL_HAVE_LIBVIRT).
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class KvmLibvirtCheck final : public FixedHealthCheck {
  public:
    KvmLibvirtCheck() : FixedHealthCheck("kvm-libvirt", "kvm", "kvm", false) {}
    std::vector<CheckResult> run(const CheckContext& context) const override;
};

} // namespace scsctl::health
