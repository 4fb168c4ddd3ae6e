// Writing the plugin's plays to a file keeps one loader for all playbooks; indenting the
// JSON keeps the loader's line:column messages useful.
#include "layers/plugin_playbook.hpp"

#include <fstream>

namespace scsctl::layers {

core::Result<PluginPlaybook> plugin_layer_playbook(PluginLayer& plugin, const model::Inventory& inventory,
                                                   const SecretFilter& filter, const std::string& dir,
                                                   const playbook::LoadOptions& options)
{
    auto plays = plugin.plan(inventory_view(inventory, plugin.descriptor(), filter));
    if (!plays) {
        return core::fail(plays.error());
    }
    PluginPlaybook out;
    out.path = dir + "/" + std::string(plugin.descriptor().name) + ".plugin.yml";
    {
        std::ofstream file(out.path, std::ios::trunc);
        file << plays->dump(2) << "\n";
        if (!file) {
            return core::fail({core::ErrorKind::io, out.path + ": cannot write the plugin's playbook", {}});
        }
    }
    core::Diagnostics diagnostics;
    out.playbook = playbook::load_playbook(out.path, options, diagnostics);
    if (diagnostics.has_errors()) {
        const auto first = diagnostics.first_error(k_plugin_fault);
        const auto more = diagnostics.error_count() - 1;
        return core::fail(plugin.named({k_plugin_fault,
                                        "planned plays that do not load: " + first.str() +
                                            (more > 0 ? " (and " + std::to_string(more) + " more)" : ""),
                                        {}}));
    }
    return out;
}

} // namespace scsctl::layers
