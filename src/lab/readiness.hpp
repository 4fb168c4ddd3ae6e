// Asking lab hosts over SSH (scsctl's own transport, the lab's client key, strict
// checking against the pinned D/known_hosts) whether systemd is up: `systemctl
// is-system-running`. Used by `lab up` to wait and by `lab status`. Depends on core,
// transport and the lab state.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "lab/lab_state.hpp"

namespace scsctl::lab {

struct HostProbe {
    std::string name;
    bool ssh_ok = false;      ///< logged in with the lab key, host key matched the pin
    std::string system_state; ///< is-system-running's answer: running, degraded, starting, ...
    std::string error;        ///< why SSH failed, one line
};

/// Probes `hosts` in parallel; each attempt times out after `timeout`.
std::vector<HostProbe> probe_hosts(const LabState& state, const std::vector<HostState>& hosts,
                                   std::chrono::milliseconds timeout);

/// Whether a system state counts as booted ("running" or "degraded").
bool system_booted(const std::string& system_state);

/// Waits until every host in `hosts` answers SSH with a booted system, or `deadline`
/// passes, or `alive(host)` says a host's process died. Fails (kind unreachable) naming
/// the hosts that never became ready and why.
core::Result<void> wait_until_ready(const LabState& state, const std::vector<HostState>& hosts,
                                    std::chrono::steady_clock::time_point deadline,
                                    const std::function<bool(const HostState&)>& alive);

} // namespace scsctl::lab
