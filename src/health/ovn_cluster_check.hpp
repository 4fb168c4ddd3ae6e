// The ovn layer's RAFT check (only when ovn_central has several hosts): on each central,
// both databases' cluster/status through ovs-appctl over scsctl's transport; passes when
// the member is in the cluster, knows its leader and sees every central. One result per
// central. Depends on health's support and ovn_cluster.
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class OvnClusterCheck final : public FixedHealthCheck {
  public:
    explicit OvnClusterCheck(int members) : FixedHealthCheck("ovn-raft", "ovn", "ovn_central", true), m_members(members)
    {
    }

    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    int m_members;
};

} // namespace scsctl::health
