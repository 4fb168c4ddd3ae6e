// The plan file: JSON with a top-level "layers" list of layer names in dependency order,
// the input hashes, and per layer its playbook, plays, hosts and tasks
// (tests/schemas/plan.schema.json). Written by `scsctl plan -o`, read by
// `scsctl deploy PLAN.json`. Depends on core and plan (the model).
#pragma once

#include <string>

#include "core/result.hpp"
#include "core/value.hpp"
#include "plan/plan.hpp"

namespace scsctl::plan {

core::Value plan_to_json(const Plan& plan);

/// The plan in `json`; a missing or mistyped field is an error (config) naming
/// `origin` (the file) and the field's JSON path.
core::Result<Plan> plan_from_json(const core::Value& json, const std::string& origin);

/// Reads and parses the plan file at `path` (io for an unreadable file, config for bad JSON
/// with its line and column).
core::Result<Plan> read_plan_file(const std::string& path);

} // namespace scsctl::plan
