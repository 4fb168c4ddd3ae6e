// Building the catalogue: name clashes are refused before any plugin starts; the
// dependency order reuses layer_order over descriptor views of all layers.
#include "layers/catalogue.hpp"

#include "layers/layer_order.hpp"
#include "layers/registry.hpp"

namespace scsctl::layers {

namespace {

/// Views of `layers`' descriptors, and a way back from a view to its layer.
std::vector<LayerDescriptor> views_of(const std::vector<std::unique_ptr<Layer>>& layers)
{
    std::vector<LayerDescriptor> views;
    for (const auto& layer : layers) {
        views.push_back(layer->descriptor());
    }
    return views;
}

std::vector<Layer*> back_to_layers(const std::vector<const LayerDescriptor*>& ordered,
                                   const std::vector<LayerDescriptor>& views,
                                   const std::vector<std::unique_ptr<Layer>>& layers)
{
    std::vector<Layer*> out;
    for (const auto* view : ordered) {
        out.push_back(layers[static_cast<std::size_t>(view - views.data())].get());
    }
    return out;
}

} // namespace

PluginLayer* as_plugin(Layer* layer)
{
    return dynamic_cast<PluginLayer*>(layer);
}

Catalogue Catalogue::builtins_only()
{
    Catalogue catalogue;
    for (const auto& descriptor : builtin_layers()) {
        catalogue.m_layers.push_back(std::make_unique<BuiltinLayer>(descriptor));
    }
    (void)catalogue.order(); // the built-in table is acyclic (layer_order_test)
    return catalogue;
}

core::Result<Catalogue> Catalogue::load(const CatalogueOptions& options)
{
    Catalogue catalogue = builtins_only();
    const auto files = discover_plugins(options.plugin_path, options.path);
    for (const auto& file : files) {
        if (find_builtin(file.name) != nullptr) {
            return core::fail({core::ErrorKind::config,
                               "layer plugin '" + file.name + "' (" + file.path + "): '" + file.name +
                                   "' is a built-in layer; rename or remove the plugin",
                               {}});
        }
    }
    for (const auto& file : files) {
        auto plugin = PluginLayer::open(file, options.limits, options.scsctl_version);
        if (!plugin) {
            return core::fail(plugin.error());
        }
        catalogue.m_layers.push_back(std::move(*plugin));
    }
    SCSCTL_TRY(catalogue.order());
    return catalogue;
}

core::Result<void> Catalogue::order()
{
    const auto views = views_of(m_layers);
    auto ordered = dependency_order(views);
    if (!ordered) {
        return core::fail(ordered.error());
    }
    m_order = back_to_layers(*ordered, views, m_layers);
    return {};
}

std::vector<const LayerDescriptor*> Catalogue::descriptors() const
{
    std::vector<const LayerDescriptor*> out;
    for (const auto* layer : m_order) {
        out.push_back(&layer->descriptor());
    }
    return out;
}

core::Result<std::vector<Layer*>> Catalogue::select(const std::string& list) const
{
    const auto views = views_of(m_layers);
    auto selected = select_layers(views, list);
    if (!selected) {
        return core::fail(selected.error());
    }
    return back_to_layers(*selected, views, m_layers);
}

Layer* Catalogue::find(std::string_view name) const
{
    for (const auto& layer : m_layers) {
        if (layer->descriptor().name == name) {
            return layer.get();
        }
    }
    return nullptr;
}

} // namespace scsctl::layers
