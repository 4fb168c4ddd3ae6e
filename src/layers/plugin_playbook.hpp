// A plugin's `plan` answer turned into a playbook the engine runs: the plays are written
// as a playbook file (JSON is YAML) and loaded through the playbook loader, so a plugin's
// plays obey exactly the rules of playbook files (supported modules and keywords, module
// arguments). Depends on plugin_layer, plugin_protocol and playbook.
#pragma once

#include <string>

#include "core/result.hpp"
#include "layers/plugin_layer.hpp"
#include "model/play.hpp"
#include "playbook/loader.hpp"

namespace scsctl::layers {

struct PluginPlaybook {
    std::string path;           ///< the written playbook file
    model::Playbook playbook;   ///< as the loader read it
};

/// Asks `plugin` to plan for its view of `inventory` (secrets removed by `filter`), writes
/// the plays to `dir`/NAME.plugin.yml and loads them with `options`. Fails (kind failed: a plugin fault) when
/// the plugin fails or its plays do not load ("planned an unsupported module ..."), the
/// message naming the plugin and the first problem; (io) when the file cannot be written.
core::Result<PluginPlaybook> plugin_layer_playbook(PluginLayer& plugin, const model::Inventory& inventory,
                                                   const SecretFilter& filter, const std::string& dir,
                                                   const playbook::LoadOptions& options);

} // namespace scsctl::layers
