// The dependency check of `scsctl deploy`: a layer may be deployed only when each layer
// it depends on is satisfied, that is: part of the same deploy (it runs first), or
// deployed successfully before (per the journal), or without hosts in the inventory (for
// baremetal: the hosts are already installed). A dependency satisfied only by having no
// hosts stands in for its own dependencies, which are then checked the same way.
// Pure function; depends on layers (descriptors).
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "layers/layer.hpp"

namespace scsctl::plan {

struct DependencyFacts {
    std::function<bool(std::string_view layer)> in_this_deploy;
    std::function<bool(std::string_view layer)> has_hosts;
    std::function<bool(std::string_view layer)> deployed_before;
};

struct MissingDependency {
    std::string layer;      ///< the layer to deploy
    std::string dependency; ///< what it needs and is missing
};

/// Every (layer, dependency) of `selected` that is not satisfied, in `selected` order.
/// `registry` resolves dependency names (an unknown name is itself missing).
std::vector<MissingDependency> missing_dependencies(std::span<const layers::LayerDescriptor* const> selected,
                                                    std::span<const layers::LayerDescriptor> registry,
                                                    const DependencyFacts& facts);

} // namespace scsctl::plan
