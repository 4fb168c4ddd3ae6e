// Variable rules: required variables are set, and every declared variable that is set
// has its declared type. Region variables are read from group 'all' (with group_vars);
// host variables from each host of the declaring group, as Ansible computes them.
#include <map>
#include <string>

#include "inventory/host_vars.hpp"
#include "layers/validate.hpp"
#include "layers/var_types.hpp"

namespace scsctl::layers {

namespace {

/// Calls `visit(host, vars)` for each host of `group` (nothing when the group is absent).
template <typename Visit> void for_each_host(const RuleContext& context, std::string_view group, Visit visit)
{
    const auto id = context.inventory.find_group(std::string(group));
    if (!id) {
        return;
    }
    for (const auto host : context.inventory.hosts_of(*id)) {
        visit(host, inventory::effective_host_vars(context.inventory, host));
    }
}

/// " must be ..." or ": 'x' is not ..." after the variable's name.
std::string joined_reason(const std::string& why)
{
    return (why.starts_with('\'') ? ": " : " ") + why;
}

} // namespace

void check_required_variables(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out)
{
    for (const auto& decl : layer->vars) {
        if (!decl.required) {
            continue;
        }
        const std::string name(decl.name);
        if (decl.scope == VarScope::region) {
            if (!context.region_vars.contains(name)) {
                out.error(context.locator.inventory_file(), "variable '" + name + "' is not set (layer '" +
                                                                std::string(layer->name) +
                                                                "' needs it for the region: set it on group 'all')");
            }
            continue;
        }
        for_each_host(context, decl.group, [&](model::HostId host, const core::Value& vars) {
            if (!vars.contains(name)) {
                out.error(context.inventory.host(host).where,
                          "host '" + context.inventory.host(host).name + "' in group '" + std::string(decl.group) +
                              "' has no '" + name + "' (layer '" + std::string(layer->name) + "' needs it)");
            }
        });
    }
}

void check_variable_types(const RuleContext& context, const LayerDescriptor* layer, core::Diagnostics& out)
{
    for (const auto& decl : layer->vars) {
        const std::string name(decl.name);
        if (decl.scope == VarScope::region) {
            if (context.region_vars.contains(name)) {
                if (auto why = type_mismatch(decl, context.region_vars[name])) {
                    out.error(context.locator.region_var(name), "variable '" + name + "'" + joined_reason(*why));
                }
            }
            continue;
        }
        for_each_host(context, decl.group, [&](model::HostId host, const core::Value& vars) {
            if (!vars.contains(name)) {
                return;
            }
            if (auto why = type_mismatch(decl, vars[name])) {
                out.error(context.locator.host_var(host, name), "variable '" + name + "' of host '" +
                                                                    context.inventory.host(host).name + "'" +
                                                                    joined_reason(*why));
            }
        });
    }
}

} // namespace scsctl::layers
