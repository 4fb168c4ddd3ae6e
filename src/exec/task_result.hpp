// From a module's registered result to what the runner reports and records: status,
// loop aggregation, no_log redaction, item labels. Pure functions over core::Value.
// Depends on core and model.
#pragma once

#include <string>
#include <vector>

#include "core/value.hpp"
#include "model/run_event.hpp"

namespace scsctl::exec {

inline constexpr const char* k_no_log_message =
    "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

/// ok, changed, skipped, failed or unreachable, from Ansible's result keys.
model::TaskStatus status_of(const core::Value& result);

/// Ansible's loop result: {"results": [...], "changed": any, "msg": "All items completed"
/// or "One or more items failed", "failed": any, "skipped": all}.
core::Value aggregate_loop(std::vector<core::Value> item_results);

/// The result with everything but changed/failed/skipped/unreachable replaced by
/// Ansible's censored message.
core::Value redact(const core::Value& result);

/// A skipped result as ansible-core 2.14 registers it (no false_condition: that is 2.15).
core::Value skipped_result(const std::string& reason);

/// Ansible's boolean(): true, "yes", "on", "1", "true", "y", "t" (any case), 1.
bool ansible_boolean(const core::Value& value);

} // namespace scsctl::exec
