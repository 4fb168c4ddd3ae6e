// The ovn layer's health check: every host of ovn_controller is registered as a chassis
// in the southbound database, read with ovn-sbctl on the central over scsctl's
// transport. One result per central host. Depends on health's support and ovn_chassis.
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class OvnChassisCheck final : public HealthCheck {
  public:
    /// `expected`: the inventory names of the ovn_controller hosts.
    explicit OvnChassisCheck(std::vector<std::string> expected) : m_expected(std::move(expected)) {}

    const std::string& name() const override { return m_name; }
    const std::string& layer() const override { return m_layer; }
    const std::string& hosts() const override { return m_hosts; }
    bool become() const override { return true; }
    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::vector<std::string> m_expected;
    std::string m_name = "ovn-chassis";
    std::string m_layer = "ovn";
    std::string m_hosts = "ovn_central";
};

} // namespace scsctl::health
