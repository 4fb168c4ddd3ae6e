// Running the selected layers' deploy.yml through the playbook engine, shared by
// `deploy` and `plan --check`: the options they share with `run` (-e, --forks, --become,
// --become-user, --host-key-checking, --timeout, --tags, --skip-tags, --secrets), and the
// preparation done once before the first layer (playbooks loaded and checked, secrets,
// connection defaults, run options). Depends on cli, exec, plan, playbook.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "cli/inventory_context.hpp"
#include "cli/secret_setup.hpp"
#include "exec/run_options.hpp"
#include "model/play.hpp"
#include "plan/plan.hpp"
#include "playbook/loader.hpp"

namespace scsctl::cli {

struct LayerRunFlags {
    std::vector<std::string> extra_vars;
    int forks = 0;
    bool become = false;
    std::string become_user;
    std::string host_key_checking;
    double timeout = 0;
    std::vector<std::string> tags;
    std::vector<std::string> skip_tags;
    SecretFlags secrets;
};

void add_layer_run_options(CLI::App& command, LayerRunFlags& flags);

/// Everything the runner needs, prepared once for all layers.
struct LayerRunSetup {
    InventoryContext context;
    std::vector<model::Playbook> playbooks; ///< one per plan layer, in plan order
    std::vector<exec::RunHost> hosts;
    core::Value groups;
    exec::ConnectionDefaults defaults;
    exec::RunOptions run_options;
    playbook::LoadOptions load_options;
    RunSecrets secrets;
};

/// Loads every layer's deploy.yml (all problems at once: exit 2), refuses a layer with no
/// deploy playbook (exit 2, naming it), then reads secrets and builds the run options
/// (`check`: check mode with diff). The console gets the secret redactor as its filter.
std::expected<std::unique_ptr<LayerRunSetup>, int> prepare_layer_run(const plan::Plan& plan, InventoryContext context,
                                                                     const LayerRunFlags& flags, bool check,
                                                                     const std::string& limit,
                                                                     const GlobalOptions& options, Console& console);

/// The forks value as a config flag (for load_inventory_context), empty when not given.
std::vector<config::FlagValue> forks_flag(const LayerRunFlags& flags);

} // namespace scsctl::cli
