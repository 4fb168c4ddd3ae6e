// Building the deploy plan: for each selected layer (already in dependency order), its
// hosts, its deploy.yml loaded through the playbook loader, and per play the hosts the
// pattern selects under --limit and the tasks it runs. Nothing here contacts a host or
// runs anything. Depends on core, model, inventory, layers, playbook.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/result.hpp"
#include "layers/layer.hpp"
#include "model/inventory.hpp"
#include "plan/plan.hpp"
#include "playbook/loader.hpp"

namespace scsctl::plan {

struct PlanRequest {
    const model::Inventory* inventory = nullptr;
    std::vector<std::string> inventory_sources; ///< as given with -i (recorded in the plan)
    std::vector<const layers::LayerDescriptor*> layers; ///< in dependency order
    std::string playbook_root;
    std::string limit;
    playbook::LoadOptions load_options;
};

/// The file a layer deploys with: <root>/<layer>/deploy.yml.
std::string deploy_playbook_path(const std::string& root, std::string_view layer);

/// Hosts of the layer's groups (every group it declares), restricted by `limit`, in
/// inventory order without duplicates. A group missing from the inventory adds none.
core::Result<std::vector<std::string>> layer_hosts(const model::Inventory& inventory,
                                                   const layers::LayerDescriptor& layer, const std::string& limit);

/// The plan. Playbook problems go to `diagnostics` (file:line:col, all of them); a bad
/// --limit or host pattern is an error (usage).
core::Result<Plan> build_plan(const PlanRequest& request, core::Diagnostics& diagnostics);

/// The tasks of a loaded play as the plan lists them (pre_tasks, tasks, post_tasks, then
/// handlers; blocks flattened in block, rescue, always order).
std::vector<TaskPlan> play_tasks(const model::Play& play);

} // namespace scsctl::plan
