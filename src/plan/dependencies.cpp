// The dependency check (dependencies.hpp).
#include "plan/dependencies.hpp"

#include <set>

namespace scsctl::plan {

namespace {

const layers::LayerDescriptor* find(std::span<const layers::LayerDescriptor> registry, std::string_view name)
{
    for (const auto& layer : registry) {
        if (layer.name == name) {
            return &layer;
        }
    }
    return nullptr;
}

/// Adds the unsatisfied dependencies of `layer` (recursing through host-less ones).
void check(const layers::LayerDescriptor& layer, const std::string& wanted,
           std::span<const layers::LayerDescriptor> registry, const DependencyFacts& facts,
           std::set<std::string_view>& visited, std::vector<MissingDependency>& out)
{
    for (const auto dep : layer.depends_on) {
        if (!visited.insert(dep).second) {
            continue;
        }
        if (facts.in_this_deploy(dep) || facts.deployed_before(dep)) {
            continue;
        }
        const auto* descriptor = find(registry, dep);
        if (descriptor != nullptr && !facts.has_hosts(dep)) {
            check(*descriptor, wanted, registry, facts, visited, out);
            continue;
        }
        out.push_back({wanted, std::string(dep)});
    }
}

} // namespace

std::vector<MissingDependency> missing_dependencies(std::span<const layers::LayerDescriptor* const> selected,
                                                    std::span<const layers::LayerDescriptor> registry,
                                                    const DependencyFacts& facts)
{
    std::vector<MissingDependency> out;
    for (const auto* layer : selected) {
        std::set<std::string_view> visited;
        check(*layer, std::string(layer->name), registry, facts, visited, out);
    }
    return out;
}

} // namespace scsctl::plan
