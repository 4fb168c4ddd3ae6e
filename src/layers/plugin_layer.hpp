// PluginLayer: an external layer (scsctl-layer-NAME) as a Layer: started once, greeted,
// described, then asked to validate, plan and list its checks on demand. Every error
// names the plugin and its path. Depends on plugin_process and plugin_protocol.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "layers/layer.hpp"
#include "layers/owned_descriptor.hpp"
#include "layers/plugin_discovery.hpp"
#include "layers/plugin_process.hpp"
#include "layers/plugin_protocol.hpp"

namespace scsctl::layers {

class PluginLayer final : public Layer {
  public:
    /// Starts the plugin, checks the protocol version and reads its description, whose
    /// name must be the file's NAME. Fails (kind failed: a plugin fault) on any fault; the process is then gone.
    static core::Result<std::unique_ptr<PluginLayer>> open(const PluginFile& file, PluginLimits limits,
                                                           std::string_view scsctl_version);

    const LayerDescriptor& descriptor() const override { return m_descriptor->view(); }
    LayerSource source() const override { return LayerSource::plugin; }
    const std::string& path() const { return m_file.path; }

    /// The plugin's own checks of the inventory view (inventory_view()).
    core::Result<std::vector<PluginProblem>> validate(const core::Value& view);
    /// The plays the plugin plans for the inventory view.
    core::Result<core::Value> plan(const core::Value& view);
    /// The health checks it declares (fetched once, then cached).
    core::Result<std::vector<DeclaredCheck>> checks();

    /// Ends the process (also done by the destructor).
    void close() { m_process->stop(); }

    /// `error` with "layer plugin 'NAME' (PATH): " in front.
    core::Error named(core::Error error) const;

  private:
    PluginLayer(PluginFile file, std::unique_ptr<PluginProcess> process, std::unique_ptr<OwnedDescriptor> descriptor)
        : m_file(std::move(file)), m_process(std::move(process)), m_descriptor(std::move(descriptor))
    {
    }

    PluginFile m_file;
    std::unique_ptr<PluginProcess> m_process;
    std::unique_ptr<OwnedDescriptor> m_descriptor;
    std::optional<std::vector<DeclaredCheck>> m_checks;
};

} // namespace scsctl::layers
