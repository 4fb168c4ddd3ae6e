// The runner's state for one host during a run: its connection, facts, set_fact and
// registered variables, failure flags, notified handlers and recap counters. Owned by
// the play runner; touched on the runner's thread only. Depends on exec and model.
#pragma once

#include <set>
#include <string>

#include "core/value.hpp"
#include "exec/endpoint_vars.hpp"
#include "exec/run_options.hpp"
#include "model/run_event.hpp"
#include "transport/pool.hpp"

namespace scsctl::exec {

struct HostRuntime {
    const RunHost* host = nullptr;
    HostConnection connection;
    transport::HostHandle handle = 0;
    bool connection_ok = false; ///< connection_for succeeded (else `connection_error`)
    std::string connection_error;

    core::Value facts = core::Value::object();     ///< ansible_facts (setup, set_fact cacheable)
    core::Value host_vars = core::Value::object(); ///< set_fact and registered results

    bool failed = false;      ///< out of the play (a task failed, not ignored, not rescued)
    bool unreachable = false; ///< out of the play (unreachable, not ignored)
    bool ended = false;       ///< meta: end_host / end_play
    std::set<std::string> notified; ///< handler names and listen topics, until flushed
    model::Recap::Counters counters;

    bool active() const { return !failed && !unreachable && !ended; }
};

} // namespace scsctl::exec
