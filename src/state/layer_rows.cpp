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

} // namespace scsctl::state
