// What plan, deploy and status share: the --layers and --playbook-dir options, the
// selected layers (exactly those named, in dependency order; all layers without
// --layers), where the layers' playbooks are (plan/playbook_root.hpp), and building the
// plan of the selected layers. Depends on cli, layers and plan.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "cli/inventory_context.hpp"
#include "layers/layer.hpp"
#include "plan/plan.hpp"

namespace scsctl::cli {

struct LayerFlags {
    std::string layers;       ///< --layers a,b ("" for all)
    std::string playbook_dir; ///< --playbook-dir DIR
    std::string limit;        ///< -l/--limit
};

/// Adds --playbook-dir DIR (where the layers' directories are).
void add_playbook_dir_option(CLI::App& command, std::string& playbook_dir);

/// Adds --layers, --playbook-dir and -l/--limit.
void add_layer_options(CLI::App& command, LayerFlags& flags);

/// The selected layers in dependency order; an unknown name is an error listing the
/// known layers (exit 2).
std::expected<std::vector<const layers::LayerDescriptor*>, int> selected_layers(const std::string& list,
                                                                                const Console& console);

/// The layers' playbook root: --playbook-dir, $SCSCTL_LAYER_PLAYBOOKS, the installed
/// share/scsctl/playbooks, the source tree's playbooks/; exit 2 when none is found.
std::expected<std::string, int> layer_playbook_root(const std::string& flag, const Console& console);

/// The plan of `layers` on the loaded inventory; prints every playbook problem and
/// returns exit 2 on any.
std::expected<plan::Plan, int> make_plan(const InventoryContext& context, const GlobalOptions& options,
                                         const std::vector<const layers::LayerDescriptor*>& layers,
                                         const std::string& root, const std::string& limit, const Console& console);

} // namespace scsctl::cli
