// The health gate between the batches of a rolling upgrade: after a batch, the layer's
// gate is asked again and again (every `interval`) until it passes or `timeout` ends,
// printing what blocks it each time that changes, so the operator sees the progress
// (for Ceph: the placement groups not yet active+clean). Depends on cli (the gate's
// result type) only; the caller supplies the check and where notes go.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "cli/layer_health_gate.hpp"

namespace scsctl::cli {

struct BatchGateTiming {
    std::chrono::milliseconds timeout{600'000};
    std::chrono::milliseconds interval{5'000};
};

/// Asks `check` until it passes; nullopt when it did, else why the upgrade stops (timed
/// out, naming the check and what still blocked it, or interrupted by a signal). `note`
/// gets "WHAT: waiting for the health gate (N s): CHECK: REASON" whenever the reason
/// changes, and "WHAT: health gate passed after N s".
std::optional<std::string> wait_for_gate(const std::function<GateResult()>& check,
                                         const std::function<void(const std::string&)>& note, const std::string& what,
                                         const BatchGateTiming& timing);

} // namespace scsctl::cli
