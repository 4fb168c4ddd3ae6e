// The health gate between layers of a deploy: after a layer's playbook succeeded, its
// gate decides whether the next layer may begin. LayerHealthGate is the seam the deploy
// flow is given. HealthChecksGate runs the layer's checks as `scsctl health` does (the
// reachability check and the layer's own: libvirt, Ceph status, OVN chassis);
// ReachabilityGate only asks every host of the layer to run a no-op command.
// Depends on cli, exec (ad-hoc runs), health, plan and transport.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "cli/inventory_context.hpp"
#include "plan/plan.hpp"
#include "transport/pool.hpp"

namespace scsctl::cli {

struct GateResult {
    bool passed = true;
    std::string check;  ///< the check that failed ("" when passed)
    std::string reason; ///< one line: which hosts and why
};

class LayerHealthGate {
  public:
    virtual ~LayerHealthGate() = default;
    /// Whether `layer` is healthy on its hosts of the (loaded) inventory.
    virtual GateResult check(const plan::LayerPlan& layer, const InventoryContext& inventory) = 0;
};

/// What a gate needs to reach a layer's hosts: the deploy's transport and the tasks'
/// connection settings.
struct GateTransport {
    transport::Pool& pool;
    exec::ConnectionDefaults defaults;
    core::Value connection_vars;
    std::size_t forks;
    const Console& console;
};

/// Check "reachable": `true` runs on every host of the layer (its groups' hosts under
/// --limit) through the same transport and connection settings as the tasks.
class ReachabilityGate final : public LayerHealthGate {
  public:
    explicit ReachabilityGate(GateTransport transport) : m_transport(std::move(transport)) {}
    GateResult check(const plan::LayerPlan& layer, const InventoryContext& inventory) override;

  private:
    GateTransport m_transport;
};

/// The layer's health checks (health::layer_checks of the built-in layer) on every host of
/// its groups, whatever --limit says: the gate judges the layer, not the part deployed.
/// The reason names the failing checks and hosts (at most three), redacted by the console.
class HealthChecksGate final : public LayerHealthGate {
  public:
    explicit HealthChecksGate(GateTransport transport) : m_transport(std::move(transport)) {}
    GateResult check(const plan::LayerPlan& layer, const InventoryContext& inventory) override;

  private:
    GateTransport m_transport;
};

} // namespace scsctl::cli
