// Where runs are kept: the interface the CLI records and reads runs through, so that the
// SQLite journal (journal.hpp, the default) and etcd (etcd_run_store.hpp, shared by CI
// runners) are interchangeable. Results are queued and made durable in groups, each within
// ~100 ms; queries see what was made durable. Depends on state (rows, completed_tasks).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "state/completed_tasks.hpp"
#include "state/journal_rows.hpp"
#include "state/layer_rows.hpp"

namespace scsctl::state {

class RunStore {
  public:
    virtual ~RunStore() = default;

    /// The journal's path or the etcd:// URL: for messages, and where the lock lives.
    virtual const std::string& location() const = 0;

    /// Stores the run (synchronously) under a new id, returned.
    virtual core::Result<RunId> begin_run(const RunRow& run) = 0;
    /// Marks the run ended with `status` (k_run_finished, ...) after storing its results.
    virtual core::Result<void> finish_run(RunId run, const std::string& status, int exit_code) = 0;
    /// Queues a result or facts (cheap: the caller is the runner's thread).
    virtual void record(TaskRow row) = 0;
    virtual void record(FactsRow row) = 0;
    /// Waits until everything queued so far is stored; the first storage error, if any.
    virtual core::Result<void> flush() = 0;

    /// The newest `limit` runs, newest first.
    virtual core::Result<std::vector<RunRow>> list_runs(int limit) = 0;
    virtual core::Result<std::optional<RunRow>> find_run(RunId run) = 0;
    /// A run's task results in the order they were recorded.
    virtual core::Result<std::vector<TaskRow>> task_rows(RunId run) = 0;
    /// A run's host facts, by host name.
    virtual core::Result<std::vector<FactsRow>> facts_rows(RunId run) = 0;
    /// The newest run of `kind` ("run", "deploy") of these playbooks and inventories when
    /// it did not finish; nullopt when it finished or there is none.
    virtual core::Result<std::optional<RunId>> latest_unfinished_run(const std::string& playbook_paths,
                                                                     const std::string& inventory_paths,
                                                                     const std::string& kind = "run") = 0;
    virtual core::Result<CompletedTasks> completed_tasks(RunId run) = 0;
    /// Hosts with a failed (not ignored, not rescued), unreachable or interrupted result.
    virtual core::Result<std::set<std::string>> failed_hosts(RunId run) = 0;

    /// Stores what a deploy did to layers (synchronously, all rows or none).
    virtual core::Result<void> record_layers(const std::vector<LayerRow>& rows) = 0;
    /// Every layer row ever recorded, oldest first.
    virtual core::Result<std::vector<LayerRow>> layer_rows() = 0;
};

} // namespace scsctl::state
