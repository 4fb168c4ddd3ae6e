// The ceph layer's health check: the cluster's status (health, OSDs up and in, PGs
// active+clean, monitor quorum), read through librados from the controller with the
// client.admin key fetched over scsctl's transport (kept in memory only), or, when the
// monitors cannot be reached from here, by `ceph status` run over the transport on a
// monitor. One result per monitor host. Depends on health's support and ceph_status.
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class CephClusterCheck final : public HealthCheck {
  public:
    const std::string& name() const override { return m_name; }
    const std::string& layer() const override { return m_layer; }
    const std::string& hosts() const override { return m_hosts; }
    bool become() const override { return true; }
    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::string m_name = "ceph-cluster";
    std::string m_layer = "ceph";
    std::string m_hosts = "ceph_mon";
};

} // namespace scsctl::health
