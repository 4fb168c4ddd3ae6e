// The ceph layer's capacity check: raw and per-pool usage (`df`) against the cluster's
// own nearfull and full ratios (`osd dump`), both read like the cluster check reads the
// status (ceph_documents: librados, or the `ceph` command over the transport). Nearfull
// passes with a warning in its detail (as HEALTH_WARN does for ceph-cluster), full fails.
// One result per monitor host. Depends on health's support, ceph_documents, ceph_capacity.
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class CephCapacityCheck final : public FixedHealthCheck {
  public:
    CephCapacityCheck() : FixedHealthCheck("ceph-capacity", "ceph", "ceph_mon", true) {}
    std::vector<CheckResult> run(const CheckContext& context) const override;
};

} // namespace scsctl::health
