// `scsctl validate`: every layer's requirements checked against a loaded inventory, all
// at once, offline. One table of small rules; each writes located diagnostics. Depends on
// core, model and inventory.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/value.hpp"
#include "layers/layer.hpp"
#include "layers/var_locator.hpp"
#include "model/inventory.hpp"

namespace scsctl::layers {

/// What every rule reads.
struct RuleContext {
    const model::Inventory& inventory;
    const VarLocator& locator;
    core::Value region_vars;                        ///< group 'all' with group_vars files
    std::span<const LayerDescriptor* const> layers; ///< the layers validated, in order
};

struct Rule {
    std::string_view name;
    std::string_view summary;
    bool per_layer; ///< run once per layer (else once for the inventory, `layer` null)
    void (*check)(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out);
};

/// The rules in the order they run (docs/layers.md describes each).
std::span<const Rule> validation_rules();

/// One rule's verdict for one layer ("" for inventory-wide rules): a JUnit testcase.
struct RuleOutcome {
    std::string rule;
    std::string layer;
    core::Diagnostics diagnostics;
};

/// Runs every rule over `layers` (per-layer rules once per layer, in order).
std::vector<RuleOutcome> validate_layers(const model::Inventory& inventory,
                                         std::span<const LayerDescriptor* const> layers);

// The rules, exposed for unit tests.
void check_groups_present(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out);
void check_group_counts(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out);
void check_required_variables(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out);
void check_variable_types(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out);
void check_host_addresses(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out);
void check_cidr_overlap(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out);

} // namespace scsctl::layers
