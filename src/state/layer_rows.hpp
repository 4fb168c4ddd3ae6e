// What `scsctl deploy` records per layer and host: which layer version a run deployed
// there and how it ended. Written by the deploy flow through RunStore::record_layers,
// read by `scsctl status` and the dependency check. Depends on state (rows).
#pragma once

#include <string>
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

} // namespace scsctl::state
