// Reading the journal: run history, one run's results, and what --resume and
// --retry-failed need from an earlier run. Depends on state (sqlite, rows).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "state/completed_tasks.hpp"
#include "state/journal_rows.hpp"
#include "state/sqlite.hpp"

namespace scsctl::state {

/// The newest `limit` runs, newest first.
core::Result<std::vector<RunRow>> list_runs(Database& db, int limit);
core::Result<std::optional<RunRow>> find_run(Database& db, RunId run);
/// A run's task results in the order they were recorded.
core::Result<std::vector<TaskRow>> task_rows(Database& db, RunId run);
core::Result<std::vector<FactsRow>> facts_rows(Database& db, RunId run);

/// The newest run of `kind` ("run", "deploy") of the same playbooks and inventories, when
/// it did not finish (running, failed or interrupted); nullopt when it finished or there is none.
core::Result<std::optional<RunId>> latest_unfinished_run(Database& db, const std::string& playbook_paths,
                                                         const std::string& inventory_paths,
                                                         const std::string& kind = "run");

/// The task×hosts `run` completed (state/completed_tasks.hpp).
core::Result<CompletedTasks> completed_tasks(Database& db, RunId run);

/// Hosts with a failed (not ignored, not rescued), unreachable or interrupted result in `run`.
core::Result<std::set<std::string>> failed_hosts(Database& db, RunId run);

} // namespace scsctl::state
