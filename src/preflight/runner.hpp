// Running the probe on many hosts through the transport pool: one round trip per host
// (the probe under sudo, with the inventory's become user and password on stdin), a
// second one without sudo only where sudo failed, so that the other checks still get
// facts. Records the controller's clock around each answer for the time check.
// Depends on transport, exec (HostConnection) and preflight's evaluate.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "exec/endpoint_vars.hpp"
#include "preflight/evaluate.hpp"
#include "transport/pool.hpp"

namespace scsctl::preflight {

struct ProbeTarget {
    std::string name;
    exec::HostConnection connection;
    std::string script;
};

struct ProbeOptions {
    std::size_t forks = 50;
    std::chrono::milliseconds timeout{60000};
};

/// True when the host answered but sudo kept the probe from running.
bool sudo_failed(const transport::CommandOutcome& outcome);

/// One ProbeRun per target, in `targets` order. `on_done` (optional) sees each host's index
/// when its probing is over, on the calling thread.
std::vector<ProbeRun> run_probes(transport::Pool& pool, const std::vector<ProbeTarget>& targets,
                                 const ProbeOptions& options, const std::function<void(std::size_t)>& on_done = {});

} // namespace scsctl::preflight
