// Group rules: required groups exist and have hosts; count rules (an odd number of Ceph
// monitors). A missing group is reported at the inventory file, an empty or miscounted
// one at the group's definition.
#include <string>

#include "layers/validate.hpp"

namespace scsctl::layers {

namespace {

core::Location group_place(const RuleContext& context, model::GroupId group)
{
    const auto& where = context.inventory.group(group).where;
    return where.empty() ? context.locator.inventory_file() : where;
}

std::string layer_label(const LayerDescriptor& layer)
{
    return "layer '" + std::string(layer.name) + "'";
}

} // namespace

void check_groups_present(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out)
{
    for (const auto& decl : layer->groups) {
        if (decl.count == CountRule::any) {
            continue;
        }
        const std::string name(decl.name);
        const auto group = context.inventory.find_group(name);
        if (!group) {
            out.error(context.locator.inventory_file(),
                      "group '" + name + "' is missing (" + layer_label(*layer) + " needs at least one host in it)");
        } else if (context.inventory.hosts_of(*group).empty()) {
            out.error(group_place(context, *group),
                      "group '" + name + "' has no hosts (" + layer_label(*layer) + " needs at least one)");
        }
    }
}

void check_group_counts(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out)
{
    for (const auto& decl : layer->groups) {
        if (decl.count != CountRule::odd) {
            continue;
        }
        const auto group = context.inventory.find_group(std::string(decl.name));
        if (!group) {
            continue; // groups_present reports it
        }
        const auto count = context.inventory.hosts_of(*group).size();
        if (count % 2 == 0 && count > 0) {
            out.error(group_place(context, *group), "group '" + std::string(decl.name) + "' has " +
                                                        std::to_string(count) + " hosts; " + layer_label(*layer) +
                                                        " needs an odd number (1, 3, 5, ...) for quorum");
        }
    }
}

} // namespace scsctl::layers
