// The ovn layer's RAFT check (only when ovn_central has several hosts): on each central,
// both databases' cluster/status through ovs-appctl over scsctl's transport; passes when
// the member is in the cluster, knows its leader and sees every central. One result per
// central. Depends on health's support and ovn_cluster.
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class OvnClusterCheck final : public HealthCheck {
  public:
    explicit OvnClusterCheck(int members) : m_members(members) {}

    const std::string& name() const override { return m_name; }
    const std::string& layer() const override { return m_layer; }
    const std::string& hosts() const override { return m_hosts; }
    bool become() const override { return true; }
    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    int m_members;
    std::string m_name = "ovn-raft";
    std::string m_layer = "ovn";
    std::string m_hosts = "ovn_central";
};

} // namespace scsctl::health
