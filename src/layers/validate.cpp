// The rule table and the driver of `scsctl validate`. The rules themselves live in
// rules_groups.cpp, rules_vars.cpp and rules_network.cpp.
#include "layers/validate.hpp"

#include "inventory/host_vars.hpp"

namespace scsctl::layers {

namespace {

constexpr Rule k_rules[] = {
    {"groups_present", "every required group exists and has hosts", true, check_groups_present},
    {"group_counts", "groups with a count rule (Ceph monitors: odd) have a valid number of hosts", true,
     check_group_counts},
    {"required_variables", "variables without a default are set (region: on 'all'; host: on each host)", true,
     check_required_variables},
    {"variable_types", "variables have their declared type (string, int, bool, list, cidr, address, enum)", true,
     check_variable_types},
    {"host_addresses", "every host's address (ansible_host, else its name) parses and is unique", false,
     check_host_addresses},
    {"cidr_overlap", "the region's networks (network_cidr and every layer's cidr variables) do not overlap", false,
     check_cidr_overlap},
};

} // namespace

std::span<const Rule> validation_rules()
{
    return k_rules;
}

std::vector<RuleOutcome> validate_layers(const model::Inventory& inventory,
                                         std::span<const LayerDescriptor* const> layers)
{
    const VarLocator locator(inventory);
    const RuleContext context{inventory, locator, inventory::effective_group_vars(inventory, model::Inventory::k_all),
                              layers};
    std::vector<RuleOutcome> outcomes;
    for (const auto& rule : k_rules) {
        if (!rule.per_layer) {
            RuleOutcome outcome{std::string(rule.name), "", {}};
            rule.check(context, nullptr, outcome.diagnostics);
            outcomes.push_back(std::move(outcome));
            continue;
        }
        for (const auto* layer : layers) {
            RuleOutcome outcome{std::string(rule.name), std::string(layer->name), {}};
            rule.check(context, layer, outcome.diagnostics);
            outcomes.push_back(std::move(outcome));
        }
    }
    return outcomes;
}

} // namespace scsctl::layers
