// The clock skew check over the selected layers' hosts: each host's clock read with
// `date +%s.%N` through scsctl's transport, three times (the reading with the shortest
// round trip is kept, as NTP does), then judged by clock_skew.hpp against the allowed
// skew (inventory variable `scsctl_clock_skew_max`, seconds, default 0.5). Depends on
// health's support and clock_skew.
#pragma once

#include <chrono>

#include "health/health_check.hpp"

namespace scsctl::health {

inline constexpr std::string_view k_clock_skew_variable = "scsctl_clock_skew_max";
inline constexpr std::chrono::nanoseconds k_default_clock_skew_max = std::chrono::milliseconds(500);

class ClockSkewCheck final : public HealthCheck {
  public:
    /// `hosts`: a host pattern (the selected layers' groups); `layer`: the name results carry.
    ClockSkewCheck(std::string layer, std::string hosts, std::chrono::nanoseconds max_skew)
        : m_layer(std::move(layer)), m_hosts(std::move(hosts)), m_max_skew(max_skew)
    {
    }
    const std::string& name() const override { return m_name; }
    const std::string& layer() const override { return m_layer; }
    const std::string& hosts() const override { return m_hosts; }
    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::string m_name = "clock-skew";
    std::string m_layer;
    std::string m_hosts;
    std::chrono::nanoseconds m_max_skew;
};

} // namespace scsctl::health
