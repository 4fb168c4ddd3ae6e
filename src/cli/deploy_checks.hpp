// What `scsctl deploy` checks before it runs anything: that a plan file still matches
// the inventory and playbooks it was made from (exit 5), and that each layer's
// dependencies were deployed (exit 7 unless --force). Depends on cli, plan and state.
#pragma once

#include <vector>

#include "cli/global_options.hpp"
#include "model/inventory.hpp"
#include "plan/plan.hpp"
#include "state/layer_rows.hpp"

namespace scsctl::cli {

/// Compares the plan's hashes with the files now; prints what changed and returns false.
bool plan_still_matches(const plan::Plan& plan, const model::Inventory& inventory, const Console& console);

/// Prints one line per layer whose dependency is missing (state/layer_rows.hpp:
/// `history` from the journal, empty without one); false when any is missing.
bool dependencies_deployed(const plan::Plan& plan, const model::Inventory& inventory,
                           const std::vector<state::LayerRow>& history, const std::string& journal,
                           const Console& console);

} // namespace scsctl::cli
