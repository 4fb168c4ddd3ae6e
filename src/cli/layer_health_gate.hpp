// The health gate between layers of a deploy: after a layer's playbook succeeded, its
// gate decides whether the next layer may begin. LayerHealthGate is the seam the deploy
// flow is given; ReachabilityGate is the gate until the layers' own health checks are
// wired in: every host of the layer answers a no-op command over its transport.
// Depends on cli, exec (ad-hoc runs), plan and transport.
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

/// Check "reachable": `true` runs on every host of the layer (its groups' hosts under
/// --limit) through the same transport and connection settings as the tasks.
class ReachabilityGate final : public LayerHealthGate {
  public:
    ReachabilityGate(transport::Pool& pool, exec::ConnectionDefaults defaults, core::Value connection_vars,
                     std::size_t forks, const Console& console)
        : m_pool(pool), m_defaults(std::move(defaults)), m_vars(std::move(connection_vars)), m_forks(forks),
          m_console(console)
    {
    }
    GateResult check(const plan::LayerPlan& layer, const InventoryContext& inventory) override;

  private:
    transport::Pool& m_pool;
    exec::ConnectionDefaults m_defaults;
    core::Value m_vars;
    std::size_t m_forks;
    const Console& m_console;
};

} // namespace scsctl::cli
