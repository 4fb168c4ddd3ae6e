// Ad-hoc execution (`scsctl exec`): one command on many hosts through the transport
// pool, at most `forks` hosts in flight, each host's connection closed once its command
// is done. Depends on core, model and transport.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "exec/endpoint_vars.hpp"
#include "model/command_outcome.hpp"
#include "transport/pool.hpp"

namespace scsctl::exec {

struct AdhocHost {
    std::string name;
    HostConnection connection;
};

struct AdhocOptions {
    std::string command;
    std::string stdin_data;
    std::size_t forks = 50;
    std::chrono::milliseconds timeout{0};
};

/// Runs the command everywhere and returns one outcome per host, in `hosts` order.
/// `on_result` (optional) sees each outcome as it arrives, on the calling thread.
std::vector<model::CommandOutcome> run_adhoc(transport::Pool& pool, const std::vector<AdhocHost>& hosts,
                                             const AdhocOptions& options,
                                             const std::function<void(const model::CommandOutcome&)>& on_result = {});

/// A transport result as reporters see it.
model::CommandOutcome to_outcome(const std::string& host, const transport::CommandOutcome& result);

} // namespace scsctl::exec
