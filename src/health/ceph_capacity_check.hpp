// The ceph layer's capacity check: raw and per-pool usage (`df`) against the cluster's
// own nearfull and full ratios (`osd dump`), both read like the cluster check reads the
// status (ceph_documents: librados, or the `ceph` command over the transport). Nearfull
// passes with a warning in its detail (as HEALTH_WARN does for ceph-cluster), full fails.
// One result per monitor host. Depends on health's support, ceph_documents, ceph_capacity.
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class CephCapacityCheck final : public HealthCheck {
  public:
    const std::string& name() const override { return m_name; }
    const std::string& layer() const override { return m_layer; }
    const std::string& hosts() const override { return m_hosts; }
    bool become() const override { return true; }
    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::string m_name = "ceph-capacity";
    std::string m_layer = "ceph";
    std::string m_hosts = "ceph_mon";
};

} // namespace scsctl::health
