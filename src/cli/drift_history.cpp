// The journal side of `scsctl drift` (drift_history.hpp).
#include "cli/drift_history.hpp"

#include <algorithm>

namespace scsctl::cli {

std::vector<model::DriftLayer> drift_layers(const std::vector<const layers::LayerDescriptor*>& selected,
                                            const std::vector<state::LayerRow>& history)
{
    std::vector<model::DriftLayer> out;
    for (const auto* descriptor : selected) {
        model::DriftLayer layer;
        layer.name = std::string(descriptor->name);
        if (const auto deployment = state::last_deployment(history, descriptor->name)) {
            layer.deployed = true;
            layer.last_run = deployment->last_ok.run;
            layer.last_version = deployment->last_ok.version;
            layer.last_deployed_at = deployment->last_ok.finished_at;
        }
        out.push_back(std::move(layer));
    }
    return out;
}

std::vector<const layers::LayerDescriptor*> deployed_only(const std::vector<const layers::LayerDescriptor*>& selected,
                                                          const std::vector<model::DriftLayer>& layers)
{
    std::vector<const layers::LayerDescriptor*> out;
    for (const auto* descriptor : selected) {
        const bool deployed = std::ranges::any_of(
            layers, [&](const model::DriftLayer& layer) { return layer.name == descriptor->name && layer.deployed; });
        if (deployed) {
            out.push_back(descriptor);
        }
    }
    return out;
}

void compare_inputs(model::DriftLayer& layer, const plan::Plan& plan, const plan::LayerPlan& now,
                    const std::vector<state::LayerRow>& history)
{
    layer.version = now.version;
    const auto deployment = state::last_deployment(history, layer.name);
    if (!deployment) {
        return;
    }
    const state::LayerRow& last = deployment->last_ok;
    if (!last.inventory_sha256.empty()) {
        layer.inputs.inventory_changed = last.inventory_sha256 != plan.inventory_sha256;
    }
    if (!last.playbooks_sha256.empty()) {
        layer.inputs.playbooks_changed = last.playbooks_sha256 != now.playbooks_sha256;
    }
}

void mark_deployed_hosts(model::DriftLayer& layer, const std::vector<state::LayerRow>& history)
{
    const auto deployment = state::last_deployment(history, layer.name);
    for (auto& host : layer.hosts) {
        host.deployed_here = deployment && deployment->hosts.contains(host.host);
    }
}

} // namespace scsctl::cli
