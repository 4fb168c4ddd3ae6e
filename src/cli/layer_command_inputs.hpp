// What the commands that look at layers on hosts without running playbooks (health,
// preflight) load first, in the same order: the inventory (with --forks), the secrets
// (the console's filter becomes their redactor, the hosts' passwords added to it), the
// layer catalogue (built-ins and plugins) and the layers selected by --layers (all in
// dependency order without it). Depends on cli and layers.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "cli/global_options.hpp"
#include "cli/inventory_context.hpp"
#include "cli/layer_catalogue.hpp"
#include "cli/secret_setup.hpp"

namespace scsctl::cli {

struct LayerCommandInputs {
    InventoryContext context;
    RunSecrets secrets;
    layers::Catalogue catalogue = layers::Catalogue::builtins_only();
    std::vector<layers::Layer*> selected; ///< owned by `catalogue`
};

/// Loads everything above; prints what is wrong and returns its exit code.
std::expected<std::unique_ptr<LayerCommandInputs>, int> load_layer_command_inputs(int forks,
                                                                                const SecretFlags& secret_flags,
                                                                                const std::string& layer_list,
                                                                                const GlobalOptions& options,
                                                                                Console& console);

} // namespace scsctl::cli
