// The health runner: the checks of a layer (the generic reachability check, the layer's
// built-in checks, a plugin's declared checks), their target hosts resolved in the
// inventory, run over scsctl's transport, parallel across hosts. `scsctl health` calls it
// per layer, and deploy calls run_layer_checks as the gate between layers.
// Depends on core, model, inventory, layers, exec and health's checks.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "core/result.hpp"
#include "health/health_check.hpp"
#include "layers/layer.hpp"
#include "model/inventory.hpp"

namespace scsctl::health {

struct RunnerOptions {
    transport::Pool* pool = nullptr;
    /// Every target host's connection (cli builds them from the inventory, strict host
    /// keys by default). A target host missing here gets an `error` result.
    const std::map<model::HostId, exec::HostConnection>* connections = nullptr;
    std::size_t forks = 50;
    std::function<void(const CheckResult&)> on_result; ///< optional: each result as it is judged
};

struct LayerSummary {
    std::string layer;
    std::vector<CheckResult> results;
    std::size_t count(CheckStatus status) const;
    bool ok() const { return count(CheckStatus::pass) == results.size(); }
};

/// The checks of `layer`, before anything runs: fails (plugin) when a plugin's `checks`
/// request fails, so that a broken plugin stops `health` before any host is touched.
core::Result<std::vector<std::unique_ptr<HealthCheck>>> layer_checks(layers::Layer& layer,
                                                                     const model::Inventory& inventory);

/// Runs `checks` (all of one layer) and summarises them.
LayerSummary run_checks(const std::string& layer, const std::vector<std::unique_ptr<HealthCheck>>& checks,
                        const model::Inventory& inventory, const RunnerOptions& options);

/// layer_checks + run_checks: the gate deploy calls between layers.
core::Result<LayerSummary> run_layer_checks(layers::Layer& layer, const model::Inventory& inventory,
                                            const RunnerOptions& options);

/// The hosts `layer` has in `inventory` (its groups' hosts, without duplicates).
std::vector<model::HostId> layer_hosts(const layers::LayerDescriptor& layer, const model::Inventory& inventory);

} // namespace scsctl::health
