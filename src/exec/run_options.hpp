// What a playbook run is given: the hosts with their connection and inventory variables,
// the flags of `scsctl run`, and the hooks that load include_tasks/include_role files at
// run time (wired by cli/, so that exec never depends on the playbook loader).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"
#include "exec/endpoint_vars.hpp"
#include "model/play.hpp"

namespace scsctl::exec {

/// One inventory host as the runner sees it.
struct RunHost {
    std::string name;
    core::Value vars = core::Value::object(); ///< effective inventory variables (group and host vars merged)
    std::vector<std::string> group_names;     ///< Ansible's group_names (sorted, without 'all'/'ungrouped')
};

struct RunOptions {
    bool check = false;
    bool diff = false;
    std::size_t forks = 50;
    std::vector<std::string> tags;      ///< --tags; empty means all
    std::vector<std::string> skip_tags; ///< --skip-tags
    std::string start_at_task;          ///< --start-at-task NAME
    std::string limit;                  ///< --limit pattern (applied by the host matcher)
    core::Value extra_vars = core::Value::object();
    std::chrono::milliseconds task_timeout{0};
};

/// What an earlier run recorded for a task on a host (--resume).
struct ResumedTask {
    long long run = 0;                          ///< the run that did it
    core::Value result = core::Value::object(); ///< its registered result, restored for `register`
};

/// --resume: the earlier result when that run completed the task (`task_id`, see
/// exec/task_digest.hpp) on `host` successfully with the same rendered arguments
/// (`args_digest`); nullopt runs the task.
using ResumeLookup = std::function<std::optional<ResumedTask>(const std::string& task_id, const std::string& host,
                                                              const std::string& args_digest)>;

/// A serial batch of a play that ended without ending the playbook (after_batch).
struct BatchEnded {
    std::size_t play_index = 0;  ///< 0-based, in the playbook
    std::string play_name;       ///< rendered
    std::size_t batch_index = 0; ///< 0-based
    std::size_t batch_count = 0;
    std::vector<std::string> hosts;
};

/// Where a rolling run starts again (upgrade --resume): plays before `play_index` are
/// skipped, and in that play the batches before `batch_index`.
struct BatchPosition {
    std::size_t play_index = 0;
    std::size_t batch_index = 0;
};

/// Run-time services the runner needs from outside exec/.
struct RunHooks {
    /// The hosts a play's pattern selects (after --limit), in inventory order.
    std::function<core::Result<std::vector<std::string>>(const std::string& pattern)> match_hosts;
    /// The connection settings of a host (inventory host or delegate_to target).
    std::function<core::Result<HostConnection>(const std::string& host, const core::Value& vars)> connection_for;
    /// include_tasks: the tasks of `path` with `include` folded in.
    std::function<core::Result<std::vector<model::Task>>(const std::string& path, const model::Task& include)> load_tasks;
    /// include_role: the role's tasks and handlers; `applied` are the play's roles so far
    /// (dependencies already applied are not loaded again), extended by the call.
    std::function<core::Result<std::pair<std::vector<model::Task>, std::vector<model::Task>>>(
        const std::string& role, const model::Task& include, model::AppliedRoles& applied)>
        load_role;
    /// --resume (optional): tasks the lookup knows are reported ok ("done in run N") and
    /// not run; their registered result is restored.
    ResumeLookup resume_done;
    /// Between serial batches (optional): a returned reason ends the playbook after this
    /// batch, as a failed batch does (a rolling upgrade's health gate).
    std::function<std::optional<std::string>(const BatchEnded&)> after_batch;
    /// Start at a batch (optional; see BatchPosition).
    std::optional<BatchPosition> start_at_batch;
};

} // namespace scsctl::exec
