// Folding the layer deployment history into one state per layer and host.
#include "state/layer_rows.hpp"

#include <map>
#include <utility>

namespace scsctl::state {

std::vector<LayerHostState> latest_per_host(const std::vector<LayerRow>& rows)
{
    std::map<std::pair<std::string, std::string>, LayerHostState> folded;
    for (const auto& row : rows) {
        LayerHostState& state = folded[{row.layer, row.host}];
        state.ever_ok = row.result != k_layer_destroyed && (state.ever_ok || row.result == k_layer_ok);
        state.last = row;
    }
    std::vector<LayerHostState> out;
    out.reserve(folded.size());
    for (auto& [key, state] : folded) {
        out.push_back(std::move(state));
    }
    return out;
}

std::optional<LayerDeployment> last_deployment(const std::vector<LayerRow>& rows, std::string_view layer)
{
    std::optional<LayerDeployment> out;
    for (const auto& row : rows) { // oldest first: the last ok row seen is the newest
        if (row.layer != layer) {
            continue;
        }
        if (row.result == k_layer_destroyed) {
            out.reset();
            continue;
        }
        if (row.result != k_layer_ok) {
            continue;
        }
        if (!out) {
            out.emplace();
        }
        const LayerRow before = out->last_ok;
        out->last_ok = row;
        if (row.inventory_sha256.empty() && row.playbooks_sha256.empty()) {
            out->last_ok.inventory_sha256 = before.inventory_sha256;
            out->last_ok.playbooks_sha256 = before.playbooks_sha256;
        }
        out->hosts.insert(row.host);
    }
    return out;
}

} // namespace scsctl::state
