// Locating plugin problems. A host or group the inventory does not have is not trusted
// as a location: the problem is then reported at the inventory file.
#include "layers/plugin_validate.hpp"

namespace scsctl::layers {

namespace {

core::Location locate(const model::Inventory& inventory, const VarLocator& locator, const PluginProblem& problem)
{
    if (!problem.host.empty()) {
        if (const auto host = inventory.find_host(problem.host)) {
            return problem.variable.empty() ? inventory.host(*host).where : locator.host_var(*host, problem.variable);
        }
        return locator.inventory_file();
    }
    if (!problem.group.empty()) {
        if (const auto group = inventory.find_group(problem.group)) {
            if (!problem.variable.empty()) {
                if (auto where = locator.group_var(*group, problem.variable); !where.empty()) {
                    return where;
                }
            }
            const auto& where = inventory.group(*group).where;
            return where.empty() ? locator.inventory_file() : where;
        }
        return locator.inventory_file();
    }
    if (!problem.variable.empty()) {
        return locator.region_var(problem.variable);
    }
    return locator.inventory_file();
}

} // namespace

void add_plugin_problems(const model::Inventory& inventory, const VarLocator& locator, const std::string& layer,
                         const std::vector<PluginProblem>& problems, core::Diagnostics& out)
{
    for (const auto& problem : problems) {
        out.error(locate(inventory, locator, problem), problem.message + " (layer plugin '" + layer + "')");
    }
}

} // namespace scsctl::layers
