// scsctl vars HOST [NAME] [--explain] [-e ...]: the variables a host sees before any play
// (inventory tiers in Ansible's precedence, then extra vars), each with where its winning
// value came from.
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/inventory_context.hpp"
#include "cli/run_inputs.hpp"
#include "core/exit_codes.hpp"
#include "inventory/host_vars.hpp"

namespace scsctl::cli {

namespace {

struct VarsFlags {
    std::string host;
    std::string name;
    bool explain = false;
    std::vector<std::string> extra_vars;
};

int show_vars(const VarsFlags& flags, const GlobalOptions& options)
{
    const Console console(options);
    auto context = load_inventory_context(options, console);
    if (!context) {
        return context.error();
    }
    const auto& inventory = context->loaded.inventory;
    const auto id = inventory.find_host(flags.host);
    if (!id) {
        console.error("no host named '" + flags.host + "' in the inventory");
        return core::k_exit_usage;
    }
    auto extra = parse_extra_vars(flags.extra_vars, console);
    if (!extra) {
        return extra.error();
    }
    inventory::VarSources sources;
    core::Value vars = inventory::effective_host_vars(inventory, *id, &sources);
    for (const auto& [key, value] : extra->items()) {
        vars[key] = value;
        sources[key] = "extra vars (-e)";
    }
    if (!flags.name.empty() && !vars.contains(flags.name)) {
        console.error("'" + flags.name + "' is not defined for " + flags.host);
        return core::k_exit_failed;
    }
    core::Value shown = core::Value::object();
    for (const auto& [key, value] : vars.items()) {
        if (!flags.name.empty() && key != flags.name) {
            continue;
        }
        shown[key] = flags.explain ? core::Value{{"value", value}, {"source", sources[key]}} : value;
    }
    if (options.output == OutputFormat::json) {
        std::cout << shown.dump(2) << "\n";
        return core::k_exit_ok;
    }
    for (const auto& [key, entry] : shown.items()) {
        const core::Value& value = flags.explain ? entry["value"] : entry;
        std::cout << key << ": " << value.dump() << "\n";
        if (flags.explain) {
            std::cout << "    from " << entry["source"].get<std::string>() << "\n";
        }
    }
    return core::k_exit_ok;
}

} // namespace

void define_vars(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<VarsFlags>();
    command.add_option("host", flags->host, "Inventory host name")->required();
    command.add_option("name", flags->name, "Show only this variable");
    command.add_flag("--explain", flags->explain, "Show where each value comes from");
    command.add_option("-e,--extra-vars", flags->extra_vars, "Extra variables, as `run` takes them (highest precedence)");
    command.callback([flags, &options] { options.action = [flags, &options] { return show_vars(*flags, options); }; });
}

} // namespace scsctl::cli
