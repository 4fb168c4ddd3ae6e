// The health check model: a HealthCheck has a name, a layer and target hosts, and runs
// (read-only) on those hosts through scsctl's transport, giving one result per host:
// pass, fail or error, a one-line detail and a duration. Built-in C++ checks (kvm, ceph,
// ovn, later) and the declarative command checks of plugins implement the same
// interface. Depends on core, model, transport and exec (the ad-hoc path).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "exec/adhoc.hpp"

namespace scsctl::health {

enum class CheckStatus {
    pass,
    fail,  ///< the host answered and the expectation did not hold, or it was unreachable
    error, ///< the check itself could not be evaluated (bad regex, no hosts matched)
};

/// "pass", "fail", "error".
const char* status_name(CheckStatus status);

struct CheckResult {
    std::string layer;
    std::string check;
    std::string host; ///< "" for a result about the check as a whole
    CheckStatus status = CheckStatus::pass;
    std::string detail; ///< one line
    std::chrono::milliseconds duration{0};
};

/// What a check runs with: the transport and its hosts' connections, already resolved.
struct CheckContext {
    transport::Pool& pool;
    const std::vector<exec::AdhocHost>& hosts; ///< the check's target hosts, connections set
    std::size_t forks = 50;
};

class HealthCheck {
  public:
    virtual ~HealthCheck() = default;
    virtual const std::string& name() const = 0;
    virtual const std::string& layer() const = 0;
    /// The target hosts: a group name or host pattern, resolved by the runner.
    virtual const std::string& hosts() const = 0;
    /// Whether the command runs through become (sudo).
    virtual bool become() const { return false; }
    /// One result per host of `context.hosts`, in that order. Never throws.
    virtual std::vector<CheckResult> run(const CheckContext& context) const = 0;
};

/// A built-in check: name, layer, target hosts and become fixed when it is made.
class FixedHealthCheck : public HealthCheck {
  public:
    FixedHealthCheck(std::string name, std::string layer, std::string hosts, bool become)
        : m_name(std::move(name)), m_layer(std::move(layer)), m_hosts(std::move(hosts)), m_become(become)
    {
    }
    const std::string& name() const override { return m_name; }
    const std::string& layer() const override { return m_layer; }
    const std::string& hosts() const override { return m_hosts; }
    bool become() const override { return m_become; }

  private:
    std::string m_name;
    std::string m_layer;
    std::string m_hosts;
    bool m_become;
};

} // namespace scsctl::health
