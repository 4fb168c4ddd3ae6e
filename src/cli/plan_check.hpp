// `scsctl plan --check`: the selected layers' deploy.yml run in check mode with diff
// through the playbook engine, layer after layer, showing per host and task what would
// change. It writes no journal run and takes no lock: nothing changes on the hosts.
// Depends on cli and plan.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "cli/inventory_context.hpp"
#include "cli/layer_run.hpp"
#include "plan/plan.hpp"

namespace scsctl::cli {

using PlanCheckFlags = LayerRunFlags;

void add_plan_check_options(CLI::App& command, PlanCheckFlags& flags);

/// Runs the check; exit 0 when every layer checked (changes or not), 1 when a task
/// failed, 3 when a host was unreachable, 2 for a layer without deploy.yml.
int check_plan(const plan::Plan& plan, InventoryContext& context, const PlanCheckFlags& flags,
               const GlobalOptions& options, Console& console);

} // namespace scsctl::cli
