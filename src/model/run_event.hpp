// What a playbook run tells its reporters and the journal: plays and tasks starting, one
// result per host (and loop item), handlers, each task's final verdict per host (for the
// journal), and the recap with Ansible's counters. Plain data; results are already
// redacted (no_log) before they get here. Depends on core only.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "core/value.hpp"

namespace scsctl::model {

enum class TaskStatus { ok, changed, skipped, failed, unreachable };

inline const char* task_status_name(TaskStatus status)
{
    switch (status) {
    case TaskStatus::ok:
        return "ok";
    case TaskStatus::changed:
        return "changed";
    case TaskStatus::skipped:
        return "skipped";
    case TaskStatus::failed:
        return "failed";
    case TaskStatus::unreachable:
        return "unreachable";
    }
    return "failed";
}

struct PlayStarted {
    std::string name;
    std::string hosts_pattern;
    bool check_mode = false;
};

struct TaskStarted {
    std::string name; ///< rendered task name (Ansible's "role : name" form for role tasks)
    std::string where; ///< file:line
    bool handler = false;
    std::string task_id{}; ///< as in TaskDone ("" for ad-hoc commands)
    std::size_t hosts = 0; ///< hosts it starts on now (the free strategy: one per event)
};

/// One host's result for a task, or for one loop item of it (`item_label` set).
struct HostResult {
    std::string host;
    std::string task;
    std::string delegated_to; ///< "" when not delegated
    TaskStatus status = TaskStatus::ok;
    bool ignored = false;     ///< failed, but ignore_errors/ignore_unreachable
    bool is_item = false;
    std::string item_label;   ///< Python str() of the item or loop_control.label
    core::Value result = core::Value::object(); ///< the registered result (redacted)
    std::string diff;         ///< unified diff text with --diff, "" otherwise
    double duration_ms = 0;
    std::string action; ///< the module ("debug", "copy", ...)
};

/// A task's final verdict on one host, after loops, retries, ignore_errors and rescue:
/// one per task×host, what the run journal records. Reporters ignore it.
struct TaskDone {
    std::string host;
    std::string task;        ///< the display name
    std::string task_id;     ///< stable: digest of file, line, name and raw arguments
    std::string args_digest; ///< digest of the arguments as rendered on this host; "" if never rendered
    std::string action;
    TaskStatus status = TaskStatus::ok;
    bool ignored = false; ///< failed or unreachable, but ignore_errors/ignore_unreachable
    bool rescued = false; ///< failed, and a rescue section took over
    bool changed = false;
    std::optional<int> rc;
    double duration_ms = 0;
    std::string error;       ///< the result's msg when failed or unreachable
    std::string stdout_text; ///< "censored" for no_log tasks
    std::string stderr_text;
    std::string diff_digest;                    ///< digest of the diff text; "" without a diff
    core::Value result = core::Value::object(); ///< the registered result (redacted for no_log)
    long long resumed_from = 0;                 ///< skipped by --resume: the run that did it; else 0
};

struct Recap {
    struct Counters {
        int ok = 0;
        int changed = 0;
        int unreachable = 0;
        int failed = 0;
        int skipped = 0;
        int rescued = 0;
        int ignored = 0;
    };
    std::map<std::string, Counters> hosts; ///< sorted by host name, as Ansible prints it
};

/// An `until` attempt failed and the task will run again after its delay (Ansible's
/// "FAILED - RETRYING: [host]: task (N retries left).").
struct TaskRetrying {
    std::string host;
    std::string task;
    int retries_left = 0;
    core::Value result = core::Value::object(); ///< the failed attempt's result (redacted)
};

using RunEvent = std::variant<PlayStarted, TaskStarted, HostResult, TaskRetrying, TaskDone, Recap>;

} // namespace scsctl::model
