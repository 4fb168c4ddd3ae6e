// The layer catalogue: the built-in layers and the external plugins found on
// SCSCTL_PLUGIN_PATH and PATH, in one dependency order (dependencies may go either way
// between plugins and built-ins). What `layers`, `validate` and `health` list and walk.
// Depends on registry, layer_order, plugin_discovery and plugin_layer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "layers/layer.hpp"
#include "layers/plugin_layer.hpp"

namespace scsctl::layers {

struct CatalogueOptions {
    std::string plugin_path;    ///< SCSCTL_PLUGIN_PATH
    std::string path;           ///< PATH
    PluginLimits limits;
    std::string scsctl_version; ///< sent in the hello
};

class Catalogue {
  public:
    /// Discovers and opens every plugin, then orders all layers. Fails with kind config on
    /// a plugin named like a built-in, an unknown dependency or a cycle (no plugin is
    /// started for a name clash), and with kind failed (k_plugin_fault) when a plugin misbehaves.
    static core::Result<Catalogue> load(const CatalogueOptions& options);

    /// Only the built-in layers (no discovery).
    static Catalogue builtins_only();

    /// Every layer in dependency order; ties keep the registry's order, plugins (by
    /// name) after the built-ins.
    const std::vector<Layer*>& ordered() const { return m_order; }
    std::vector<const LayerDescriptor*> descriptors() const;

    /// The layers named in "a,b" (exactly those, in dependency order); usage error on an
    /// unknown name, with a spelling hint.
    core::Result<std::vector<Layer*>> select(const std::string& list) const;

    /// The layer named `name`, or nullptr.
    Layer* find(std::string_view name) const;

  private:
    core::Result<void> order();
    std::vector<std::unique_ptr<Layer>> m_layers; ///< built-ins in registry order, then plugins
    std::vector<Layer*> m_order;
};

/// `layer` as a PluginLayer, or nullptr for a built-in.
PluginLayer* as_plugin(Layer* layer);

} // namespace scsctl::layers
