// CommandCheck: a declarative check (as plugins declare them, layers::DeclaredCheck): a
// command run on every target host over the ad-hoc path, passing when its exit code is
// the expected one and, if given, its stdout matches a Python regular expression
// (re.search, MULTILINE). Depends on health_check, layers (DeclaredCheck) and regex.
#pragma once

#include <optional>

#include "health/health_check.hpp"
#include "layers/plugin_protocol.hpp"
#include "regex/python_regex.hpp"

namespace scsctl::health {

class CommandCheck final : public HealthCheck {
  public:
    CommandCheck(std::string layer, layers::DeclaredCheck declared);

    const std::string& name() const override { return m_declared.name; }
    const std::string& layer() const override { return m_layer; }
    const std::string& hosts() const override { return m_declared.hosts; }
    bool become() const override { return m_declared.become; }
    std::vector<CheckResult> run(const CheckContext& context) const override;

    /// The verdict on one host's outcome (exposed for unit tests).
    CheckResult judge(const model::CommandOutcome& outcome) const;

  private:
    std::string m_layer;
    layers::DeclaredCheck m_declared;
    std::optional<regex::PythonRegex> m_stdout; ///< compiled expect.stdout
    std::string m_regex_error;                  ///< why it did not compile
};

/// The check every layer with hosts gets: each host of the layer's groups is reachable
/// and runs `true` (through sudo when its inventory variables turn become on).
class ReachableCheck final : public HealthCheck {
  public:
    ReachableCheck(std::string layer, std::string hosts) : m_layer(std::move(layer)), m_hosts(std::move(hosts)) {}
    const std::string& name() const override { return m_name; }
    const std::string& layer() const override { return m_layer; }
    const std::string& hosts() const override { return m_hosts; }
    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::string m_name = "reachable";
    std::string m_layer;
    std::string m_hosts;
};

} // namespace scsctl::health
