// What `scsctl deploy` records per layer and host: which layer version a run deployed
// there and how it ended. Written by the deploy flow through RunStore::record_layers,
// read by `scsctl status` and the dependency check. Depends on state (rows).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "state/journal_rows.hpp"

namespace scsctl::state {

/// A layer's result on one host: "ok" (deployed), "failed" (a task failed or the host was
/// unreachable), "interrupted" (SIGINT/SIGTERM), "gate_failed" (deployed, but the health
/// gate after it failed), "destroyed" (`scsctl destroy` removed it: no longer deployed).
inline constexpr const char* k_layer_ok = "ok";
inline constexpr const char* k_layer_failed = "failed";
inline constexpr const char* k_layer_interrupted = "interrupted";
inline constexpr const char* k_layer_gate_failed = "gate_failed";
inline constexpr const char* k_layer_destroyed = "destroyed";

struct LayerRow {
    RunId run = 0;
    std::string layer;
    std::string version;
    std::string host;
    std::string result; ///< k_layer_ok, ...
    double finished_at = 0; ///< seconds since the epoch
    /// The inputs the layer was deployed from (plan/input_hashes.hpp): the inventory's
    /// and the layer's playbooks' sha256; "" in rows written before schema version 5.
    std::string inventory_sha256 = "";
    std::string playbooks_sha256 = "";
};

/// For each (layer, host): the newest row, and whether any row was k_layer_ok since the
/// last k_layer_destroyed.
struct LayerHostState {
    LayerRow last;
    bool ever_ok = false;
};

/// `rows` (oldest first, as RunStore::layer_rows returns them) folded per (layer, host),
/// sorted by layer, then host.
std::vector<LayerHostState> latest_per_host(const std::vector<LayerRow>& rows);

/// What the journal says is deployed of one layer: its newest k_layer_ok row (the last
/// successful deploy, whose version and input hashes `scsctl drift` compares with), and
/// every host where a deploy of the layer ever succeeded.
struct LayerDeployment {
    LayerRow last_ok;
    std::set<std::string, std::less<>> hosts;
};

/// nullopt when `layer` was never deployed successfully on any host, or not since it was
/// destroyed. An ok row without input hashes (an upgrade's batch, a row from before
/// schema 5) keeps the hashes of the deploy before it.
std::optional<LayerDeployment> last_deployment(const std::vector<LayerRow>& rows, std::string_view layer);

} // namespace scsctl::state
