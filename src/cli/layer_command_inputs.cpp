// Loading a layer command's inputs (layer_command_inputs.hpp).
#include "cli/layer_command_inputs.hpp"

#include "cli/run_inputs.hpp"

namespace scsctl::cli {

std::expected<std::unique_ptr<LayerCommandInputs>, int> load_layer_command_inputs(int forks,
                                                                                const SecretFlags& secret_flags,
                                                                                const std::string& layer_list,
                                                                                const GlobalOptions& options,
                                                                                Console& console)
{
    std::vector<config::FlagValue> flag_values;
    if (forks > 0) {
        flag_values.push_back({"forks", "--forks", std::to_string(forks)});
    }
    auto context = load_inventory_context(options, console, flag_values);
    if (!context) {
        return std::unexpected(context.error());
    }
    auto secrets = load_run_secrets(secret_flags, options, console);
    if (!secrets) {
        return std::unexpected(secrets.error());
    }
    auto inputs = std::make_unique<LayerCommandInputs>();
    inputs->context = std::move(*context);
    inputs->secrets = std::move(*secrets);
    const auto redactor = inputs->secrets.redactor;
    add_host_passwords(run_hosts(inputs->context.loaded.inventory), *redactor);
    console.set_filter([redactor](const std::string& text) { return redactor->redact(text); });
    auto catalogue = load_catalogue(console);
    if (!catalogue) {
        return std::unexpected(catalogue.error());
    }
    inputs->catalogue = std::move(*catalogue);
    auto selected = layer_list.empty() ? core::Result<std::vector<layers::Layer*>>(inputs->catalogue.ordered())
                                       : inputs->catalogue.select(layer_list);
    if (!selected) {
        console.error(selected.error().str());
        return std::unexpected(layer_exit_code(selected.error()));
    }
    inputs->selected = std::move(*selected);
    return inputs;
}

} // namespace scsctl::cli
