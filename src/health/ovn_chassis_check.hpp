// The ovn layer's health check: every host of ovn_controller is registered as a chassis
// in the southbound database, read with ovn-sbctl on the central over scsctl's
// transport. One result per central host. Depends on health's support and ovn_chassis.
#pragma once

#include "health/health_check.hpp"

namespace scsctl::health {

class OvnChassisCheck final : public FixedHealthCheck {
  public:
    /// `expected`: the inventory names of the ovn_controller hosts.
    explicit OvnChassisCheck(std::vector<std::string> expected)
        : FixedHealthCheck("ovn-chassis", "ovn", "ovn_central", true), m_expected(std::move(expected))
    {
    }

    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::vector<std::string> m_expected;
};

} // namespace scsctl::health
