// Folding one layer's check-mode run events into what `scsctl drift` reports per host:
// the tasks that would change (each loop item that would change, else the task) with
// their diffs, and whether the host was unreachable or a task failed there. Ignored
// failures and skipped tasks are no drift. Depends on core and model.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/drift.hpp"
#include "model/run_event.hpp"

namespace scsctl::report {

class DriftCollector {
public:
    /// Takes every event of a layer's run (already redacted); ignores what is not a result.
    void on_event(const model::RunEvent& event);

    /// The layer's hosts: every host of `hosts` (the layer's hosts under --limit, in line
    /// when no result said otherwise) and every host a result named, sorted by name.
    /// Clears the collector for the next layer.
    std::vector<model::DriftHost> take_hosts(const std::vector<std::string>& hosts);

private:
    void host_result(const model::HostResult& result);

    std::map<std::string, model::DriftHost> m_hosts;
    /// (host, task) whose loop items were recorded: the loop's final result is not again.
    std::set<std::pair<std::string, std::string>> m_items_seen;
};

} // namespace scsctl::report
