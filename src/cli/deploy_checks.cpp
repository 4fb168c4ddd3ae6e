// The deploy preconditions (deploy_checks.hpp).
#include "cli/deploy_checks.hpp"

#include <algorithm>
#include <set>

#include "layers/registry.hpp"
#include "plan/dependencies.hpp"
#include "plan/input_hashes.hpp"
#include "plan/plan_builder.hpp"

namespace scsctl::cli {

bool plan_still_matches(const plan::Plan& plan, const model::Inventory& inventory, const Console& console)
{
    bool matches = true;
    if (plan::inventory_sha256(inventory) != plan.inventory_sha256) {
        console.error("the inventory changed since the plan was made (its sha256 differs); make the plan again");
        matches = false;
    }
    for (const auto& layer : plan.layers) {
        if (plan::layer_inputs_sha256(plan.playbook_root, layer.name) != layer.playbooks_sha256) {
            console.error("the playbooks of layer '" + layer.name + "' (" + layer.playbook_dir +
                          ", or the shared common/) changed since the plan was made; make the plan again");
            matches = false;
        }
    }
    return matches;
}

bool dependencies_deployed(const plan::Plan& plan, const model::Inventory& inventory,
                           const std::vector<state::LayerRow>& history, const std::string& journal,
                           const Console& console)
{
    std::set<std::string, std::less<>> deployed;
    for (const auto& row : history) {
        if (row.result == state::k_layer_ok) {
            deployed.insert(row.layer);
        } else if (row.result == state::k_layer_destroyed) {
            deployed.erase(row.layer);
        }
    }
    std::vector<const layers::LayerDescriptor*> selected;
    for (const auto& layer : plan.layers) {
        if (const auto* descriptor = layers::find_builtin(layer.name)) {
            selected.push_back(descriptor);
        }
    }
    plan::DependencyFacts facts;
    facts.in_this_deploy = [&](std::string_view name) {
        return std::ranges::any_of(plan.layers, [&](const plan::LayerPlan& layer) { return layer.name == name; });
    };
    facts.deployed_before = [&](std::string_view name) { return deployed.contains(name); };
    facts.has_hosts = [&](std::string_view name) {
        const auto* descriptor = layers::find_builtin(name);
        if (descriptor == nullptr) {
            return true;
        }
        auto hosts = plan::layer_hosts(inventory, *descriptor, "");
        return !hosts || !hosts->empty();
    };
    const auto missing = plan::missing_dependencies(selected, layers::builtin_layers(), facts);
    for (const auto& gap : missing) {
        console.error("layer '" + gap.layer + "' depends on '" + gap.dependency + "', which was never deployed (per " +
                      (journal.empty() ? std::string("the journal: there is none") : journal) +
                      "); deploy it first (--layers " + gap.dependency + "," + gap.layer + ") or give --force");
    }
    return missing.empty();
}

} // namespace scsctl::cli
