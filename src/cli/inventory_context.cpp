// Shared setup of host-facing commands (exec, ssh trust, and later run/deploy).
#include "cli/inventory_context.hpp"

#include <filesystem>
#include <set>

#include "core/exit_codes.hpp"
#include "exec/connection_vars.hpp"
#include "inventory/builder.hpp"
#include "inventory/host_pattern.hpp"
#include "inventory/host_vars.hpp"

namespace scsctl::cli {

std::expected<InventoryContext, int> load_inventory_context(const GlobalOptions& options, const Console& console,
                                                            std::vector<config::FlagValue> flags)
{
    if (options.inventories.empty()) {
        console.error("no inventory given: use -i PATH (a file, a directory or a comma-separated host list)");
        return std::unexpected(core::k_exit_usage);
    }
    core::Diagnostics diagnostics;
    config::SettingsInputs inputs = config::inputs_from_process();
    inputs.inventories = options.inventories;
    inputs.flags = std::move(flags);
    InventoryContext context{config::load_settings(inputs, diagnostics), {}, {}};
    inventory::LoadOptions load;
    load.sources = options.inventories;
    context.loaded = inventory::load_inventory(load);
    diagnostics.merge(context.loaded.diagnostics);
    if (console.report(diagnostics) > 0) {
        return std::unexpected(core::k_exit_usage);
    }
    const std::string& first = options.inventories.front();
    if (first.find(',') == std::string::npos || std::filesystem::exists(first)) {
        context.inventory_dir = inventory::inventory_dir_of(first);
    }
    return context;
}

std::expected<std::vector<model::HostId>, int> select_hosts(const InventoryContext& context,
                                                            const std::string& pattern, const std::string& limit,
                                                            const Console& console)
{
    auto matched = inventory::match_hosts(context.loaded.inventory, pattern, limit);
    if (!matched) {
        console.error(matched.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    if (matched->empty()) {
        console.error("no hosts matched pattern '" + pattern + "'" + (limit.empty() ? "" : " with --limit '" + limit + "'"));
        return std::unexpected(core::k_exit_usage);
    }
    return std::move(*matched);
}

exec::ConnectionDefaults connection_defaults(const InventoryContext& context)
{
    exec::ConnectionDefaults defaults;
    const config::Settings& settings = context.settings;
    defaults.remote_user = settings.remote_user().value_or("");
    defaults.private_key_file = settings.private_key_file().value_or("");
    switch (settings.host_key_checking()) {
    case config::HostKeyChecking::strict:
        defaults.host_key_policy = transport::HostKeyPolicy::strict;
        break;
    case config::HostKeyChecking::accept_new:
        defaults.host_key_policy = transport::HostKeyPolicy::accept_new;
        break;
    case config::HostKeyChecking::off:
        defaults.host_key_policy = transport::HostKeyPolicy::off;
        break;
    }
    defaults.connect_timeout = std::chrono::seconds(settings.timeout());
    defaults.persistent_shell = settings.ssh_persistent_shell();
    defaults.inventory_dir = context.inventory_dir;
    return defaults;
}

std::expected<std::vector<exec::HostConnection>, int> connections_for(const InventoryContext& context,
                                                                      const std::vector<model::HostId>& hosts,
                                                                      const exec::ConnectionDefaults& defaults,
                                                                      const Console& console,
                                                                      const core::Value& extra_vars)
{
    std::vector<exec::HostConnection> out;
    std::set<std::string> reported;
    bool failed = false;
    for (model::HostId id : hosts) {
        const auto& inventory = context.loaded.inventory;
        const auto& name = inventory.host(id).name;
        auto vars = exec::templated_connection_vars(name, inventory::effective_host_vars(inventory, id), extra_vars);
        auto connection = vars ? exec::connection_for(name, *vars, defaults)
                               : core::Result<exec::HostConnection>(core::fail(vars.error()));
        if (!connection) {
            console.error(connection.error().str());
            failed = true;
            continue;
        }
        for (const auto& option : connection->unsupported) {
            if (reported.insert(option).second) {
                console.warning("ssh option '" + option + "' is not supported by scsctl and is ignored");
            }
        }
        out.push_back(std::move(*connection));
    }
    if (failed) {
        return std::unexpected(core::k_exit_usage);
    }
    return out;
}

} // namespace scsctl::cli
