// The ceph layer's health check: the cluster's status (health, OSDs up and in, PGs
// active+clean, monitor quorum), read through librados from the controller with the
// client.admin key fetched over scsctl's transport (kept in memory only), or, when the
// monitors cannot be reached from here, by `ceph status` run over the transport on a
// monitor. One result per monitor host. Depends on health's support and ceph_status.
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class CephClusterCheck final : public FixedHealthCheck {
  public:
    CephClusterCheck() : FixedHealthCheck("ceph-cluster", "ceph", "ceph_mon", true) {}
    std::vector<CheckResult> run(const CheckContext& context) const override;
};

} // namespace scsctl::health
