// The openstack layer's API check: logs in to Keystone from the controller with the
// clouds.yaml cloud that the inventory variable `openstack_cloud` names (credentials found
// as the OpenStack client finds them), then probes every catalog endpoint (the same probe
// as `scsctl openstack catalog`). One result per openstack_control host, all the same:
// the APIs are the region's, not a host's. Depends on health_check and openstack.
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class OpenStackApiCheck final : public FixedHealthCheck {
  public:
    explicit OpenStackApiCheck(std::string cloud)
        : FixedHealthCheck("openstack-api", "openstack", "openstack_control", false), m_cloud(std::move(cloud))
    {
    }

    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::string m_cloud;
};

} // namespace scsctl::health
