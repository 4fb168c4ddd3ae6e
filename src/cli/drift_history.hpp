// What `scsctl drift` takes from the journal before it contacts any host: which selected
// layers were deployed (state/layer_rows.hpp), their last successful deploy, the hosts
// they were deployed on, and whether the inventory or a layer's playbooks changed since
// (the hashes that deploy recorded against the plan's hashes now). Depends on cli, model,
// plan and state.
#pragma once

#include <vector>

#include "layers/layer.hpp"
#include "model/drift.hpp"
#include "plan/plan.hpp"
#include "state/layer_rows.hpp"

namespace scsctl::cli {

/// One DriftLayer per selected layer, in their order, hosts still empty: `deployed` and
/// the last deploy filled from `history` (empty without a journal: nothing deployed).
std::vector<model::DriftLayer> drift_layers(const std::vector<const layers::LayerDescriptor*>& selected,
                                            const std::vector<state::LayerRow>& history);

/// The deployed layers' descriptors (what to plan and check).
std::vector<const layers::LayerDescriptor*> deployed_only(const std::vector<const layers::LayerDescriptor*>& selected,
                                                          const std::vector<model::DriftLayer>& layers);

/// Fills `layer.version` and `layer.inputs` from the plan made now; an empty recorded
/// hash (a deploy by an older scsctl) leaves the input unknown.
void compare_inputs(model::DriftLayer& layer, const plan::Plan& plan, const plan::LayerPlan& now,
                    const std::vector<state::LayerRow>& history);

/// Marks each host on which the journal has no successful deploy of the layer.
void mark_deployed_hosts(model::DriftLayer& layer, const std::vector<state::LayerRow>& history);

} // namespace scsctl::cli
