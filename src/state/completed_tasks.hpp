// What --resume and --retry-failed need from an earlier run, as plain values, and how
// both stores derive them from a run's task results (the SQLite journal filters in SQL
// with the same rules). Depends on core and state (rows).
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "state/journal_rows.hpp"

namespace scsctl::state {

/// A task×host that a run completed successfully (ok, changed or skipped).
struct CompletedTask {
    std::string args_digest;
    core::Value result; ///< the registered result as stored
    bool changed = false;
    RunId done_in = 0; ///< the run that did it (an earlier one when it was resumed too)
};
/// Keyed by (task id, host); a task that ran more than once keeps every result.
using CompletedTasks = std::map<std::pair<std::string, std::string>, std::vector<CompletedTask>>;

/// The completed tasks among `run`'s results (in recorded order).
CompletedTasks completed_from(const std::vector<TaskRow>& rows, RunId run);

/// Hosts with a failed (not ignored, not rescued), unreachable or interrupted result.
std::set<std::string> failed_from(const std::vector<TaskRow>& rows);

} // namespace scsctl::state
