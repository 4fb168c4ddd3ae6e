// Kahn's algorithm with the lowest registry index first among ready layers, so that the
// order is stable and the built-ins list in their table's order. Selection never adds
// dependencies: `--layers ceph` means ceph only (its dependencies are assumed deployed).
#include "layers/layer_order.hpp"

#include <algorithm>

#include "core/spellcheck.hpp"

namespace scsctl::layers {

namespace {

std::ptrdiff_t index_of(std::span<const LayerDescriptor> layers, std::string_view name)
{
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].name == name) {
            return static_cast<std::ptrdiff_t>(i);
        }
    }
    return -1;
}

std::vector<std::string> names_of(std::span<const LayerDescriptor> layers)
{
    std::vector<std::string> names;
    for (const auto& layer : layers) {
        names.emplace_back(layer.name);
    }
    return names;
}

std::string trimmed(std::string_view text)
{
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t");
    return std::string(text.substr(begin, end - begin + 1));
}

} // namespace

core::Result<std::vector<const LayerDescriptor*>> dependency_order(std::span<const LayerDescriptor> layers)
{
    const std::size_t n = layers.size();
    std::vector<std::vector<std::size_t>> deps(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (const auto dep : layers[i].depends_on) {
            const auto at = index_of(layers, dep);
            if (at < 0) {
                return core::fail({core::ErrorKind::config,
                                   "layer '" + std::string(layers[i].name) + "' depends on unknown layer '" +
                                       std::string(dep) + "'" + core::did_you_mean(dep, names_of(layers)),
                                   {}});
            }
            deps[i].push_back(static_cast<std::size_t>(at));
        }
    }
    std::vector<bool> placed(n, false);
    std::vector<const LayerDescriptor*> order;
    while (order.size() < n) {
        bool progressed = false;
        for (std::size_t i = 0; i < n && !progressed; ++i) {
            const bool ready = !placed[i] && std::ranges::all_of(deps[i], [&](std::size_t d) { return placed[d]; });
            if (ready) {
                placed[i] = true;
                order.push_back(&layers[i]);
                progressed = true;
            }
        }
        if (!progressed) {
            std::string cycle;
            for (std::size_t i = 0; i < n; ++i) {
                if (!placed[i]) {
                    cycle += (cycle.empty() ? "" : ", ") + std::string(layers[i].name);
                }
            }
            return core::fail({core::ErrorKind::config, "layer dependencies form a cycle among: " + cycle, {}});
        }
    }
    return order;
}

core::Result<std::vector<const LayerDescriptor*>> select_layers(std::span<const LayerDescriptor> layers,
                                                                const std::string& list)
{
    std::vector<std::string> wanted;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = std::min(list.find(',', start), list.size());
        const auto name = trimmed(std::string_view(list).substr(start, comma - start));
        if (name.empty()) {
            return core::fail({core::ErrorKind::usage, "--layers: empty layer name in '" + list + "'", {}});
        }
        if (index_of(layers, name) < 0) {
            return core::fail({core::ErrorKind::usage,
                               "--layers: unknown layer '" + name + "'" + core::did_you_mean(name, names_of(layers)),
                               {}});
        }
        wanted.push_back(name);
        start = comma + 1;
    }
    auto order = dependency_order(layers);
    if (!order) {
        return order;
    }
    std::vector<const LayerDescriptor*> selected;
    for (const auto* layer : *order) {
        if (std::ranges::find(wanted, std::string(layer->name)) != wanted.end()) {
            selected.push_back(layer);
        }
    }
    return selected;
}

} // namespace scsctl::layers
