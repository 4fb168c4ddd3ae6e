// What a playbook run tells its reporters: plays and tasks starting, one result per host
// (and loop item), handlers, and the recap with Ansible's counters. Plain data; results
// are already redacted (no_log) before they get here. Depends on core only.
#pragma once

#include <map>
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

using RunEvent = std::variant<PlayStarted, TaskStarted, HostResult, Recap>;

} // namespace scsctl::model
