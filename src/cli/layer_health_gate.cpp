// The reachability gate (layer_health_gate.hpp): an ad-hoc `true` with a 30 s limit per
// host; the first three failing hosts are named in the reason.
#include "cli/layer_health_gate.hpp"

#include <map>

#include "exec/adhoc.hpp"
#include "health/runner.hpp"
#include "layers/registry.hpp"

namespace scsctl::cli {

GateResult ReachabilityGate::check(const plan::LayerPlan& layer, const InventoryContext& inventory)
{
    std::vector<model::HostId> ids;
    for (const auto& name : layer.hosts) {
        if (auto id = inventory.loaded.inventory.find_host(name)) {
            ids.push_back(*id);
        }
    }
    if (ids.empty()) {
        return {};
    }
    auto connections = connections_for(inventory, ids, m_transport.defaults, m_transport.console,
                                       m_transport.connection_vars);
    if (!connections) {
        return {false, "reachable", "the connection settings of the layer's hosts are not valid"};
    }
    std::vector<exec::AdhocHost> targets;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        targets.push_back({inventory.loaded.inventory.host(ids[i]).name, std::move((*connections)[i])});
    }
    exec::AdhocOptions options;
    options.command = "true";
    options.forks = m_transport.forks;
    options.timeout = std::chrono::seconds(30);
    const auto outcomes = exec::run_adhoc(m_transport.pool, targets, options);
    std::string reason;
    std::size_t failing = 0;
    for (const auto& outcome : outcomes) {
        if (outcome.status == model::HostStatus::ok) {
            continue;
        }
        if (++failing <= 3) {
            reason += (reason.empty() ? "" : "; ") + outcome.host + ": " + outcome.error;
        }
    }
    if (failing == 0) {
        return {};
    }
    if (failing > 3) {
        reason += "; and " + std::to_string(failing - 3) + " more";
    }
    return {false, "reachable", std::to_string(failing) + " of " + std::to_string(outcomes.size()) +
                                    " hosts not reachable: " + reason};
}

GateResult HealthChecksGate::check(const plan::LayerPlan& layer, const InventoryContext& inventory)
{
    const auto* descriptor = layers::find_builtin(layer.name);
    if (descriptor == nullptr) {
        return ReachabilityGate(m_transport).check(layer, inventory);
    }
    const auto& loaded = inventory.loaded.inventory;
    const auto ids = health::layer_hosts(*descriptor, loaded);
    if (ids.empty()) {
        return {};
    }
    auto connections = connections_for(inventory, ids, m_transport.defaults, m_transport.console,
                                       m_transport.connection_vars);
    if (!connections) {
        return {false, "reachable", "the connection settings of the layer's hosts are not valid"};
    }
    std::map<model::HostId, exec::HostConnection> by_host;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        by_host.emplace(ids[i], std::move((*connections)[i]));
    }
    health::RunnerOptions options;
    options.pool = &m_transport.pool;
    options.connections = &by_host;
    options.forks = m_transport.forks;
    layers::BuiltinLayer builtin(*descriptor);
    auto summary = health::run_layer_checks(builtin, loaded, options);
    if (!summary) {
        return {false, "health", summary.error().message};
    }
    if (summary->ok()) {
        return {};
    }
    std::string checks;
    std::string reason;
    std::size_t failing = 0;
    for (const auto& result : summary->results) {
        if (result.status == health::CheckStatus::pass) {
            continue;
        }
        if (checks.find(result.check) == std::string::npos) {
            checks += (checks.empty() ? "" : ",") + result.check;
        }
        if (++failing <= 3) {
            reason += (reason.empty() ? "" : "; ") + (result.host.empty() ? "" : result.host + ": ") + result.detail;
        }
    }
    if (failing > 3) {
        reason += "; and " + std::to_string(failing - 3) + " more";
    }
    return {false, checks, reason};
}

} // namespace scsctl::cli
