// scsctl inventory list|host|graph|validate: ansible-inventory's views of the -i
// sources. Owns option wiring and reporting only; loading and rendering live in
// inventory/ (loader, render_inventory), never here.
#include <cstdio>
#include <memory>
#include <optional>

#include "cli/command_table.hpp"
#include "cli/diagnostics_json.hpp"
#include "core/exit_codes.hpp"
#include "core/spellcheck.hpp"
#include "inventory/host_pattern.hpp"
#include "inventory/inventory_checks.hpp"
#include "inventory/loader.hpp"
#include "inventory/render_inventory.hpp"

namespace scsctl::cli {

namespace {

struct InventoryArgs {
    std::string playbook_dir;
    std::string limit;
    std::string host;
    std::string group = "all";
    bool with_vars = false;
};

/// Loads the -i sources and runs the checks beyond parsing; reports nothing.
inventory::LoadResult load_and_check(const GlobalOptions& options, const InventoryArgs& args, bool detailed)
{
    inventory::LoadOptions load;
    load.sources = options.inventories;
    if (!args.playbook_dir.empty()) {
        load.playbook_dir = args.playbook_dir;
    }
    auto result = inventory::load_inventory(load);
    inventory::check_inventory(result.inventory, result.diagnostics, detailed);
    return result;
}

/// Loads and checks the inventory and prints every diagnostic. Empty when it has errors
/// (or when no -i was given), so that every command fails alike on bad input.
std::optional<inventory::LoadResult> load_checked(const GlobalOptions& options, const InventoryArgs& args,
                                                  bool detailed = false)
{
    const Console console(options);
    if (options.inventories.empty()) {
        console.error("no inventory given (use -i PATH, a file, a directory or a host list 'a,b,')");
        return std::nullopt;
    }
    auto result = load_and_check(options, args, detailed);
    console.report(result.diagnostics);
    if (result.diagnostics.has_errors()) {
        return std::nullopt;
    }
    return result;
}

std::vector<std::string> host_names(const model::Inventory& inventory)
{
    std::vector<std::string> names;
    for (const auto& host : inventory.hosts()) {
        names.push_back(host.name);
    }
    return names;
}

std::vector<std::string> group_names(const model::Inventory& inventory)
{
    std::vector<std::string> names;
    for (const auto& group : inventory.groups()) {
        names.push_back(group.name);
    }
    return names;
}

/// Hands a large inventory to a process-lifetime holder instead of freeing it: tearing
/// down 10,000 hosts' variables costs ~5 % of `inventory list`, and the process ends next.
/// Still reachable from a static, so leak checkers do not report it.
void keep_until_exit(inventory::LoadResult loaded)
{
    static auto* const kept = new std::vector<inventory::LoadResult>();
    kept->push_back(std::move(loaded));
}

int run_list(const GlobalOptions& options, const InventoryArgs& args)
{
    auto loaded = load_checked(options, args);
    if (!loaded) {
        return core::k_exit_usage;
    }
    std::optional<std::vector<model::HostId>> only;
    if (!args.limit.empty()) {
        auto matched = inventory::match_hosts(loaded->inventory, "all", args.limit);
        if (!matched) {
            Console(options).error(matched.error().str());
            return core::k_exit_usage;
        }
        only = std::move(*matched);
    }
    std::fputs(inventory::render_list(loaded->inventory, only).c_str(), stdout);
    keep_until_exit(std::move(*loaded));
    return core::k_exit_ok;
}

int run_host(const GlobalOptions& options, const InventoryArgs& args)
{
    auto loaded = load_checked(options, args);
    if (!loaded) {
        return core::k_exit_usage;
    }
    const Console console(options);
    auto matched = inventory::match_hosts(loaded->inventory, args.host);
    if (!matched) {
        console.error(matched.error().str());
        return core::k_exit_usage;
    }
    if (matched->size() != 1) {
        if (matched->empty()) {
            console.error("no host matches '" + args.host + "'" +
                          core::did_you_mean(args.host, host_names(loaded->inventory)));
        } else {
            console.error("'" + args.host + "' matches " + std::to_string(matched->size()) +
                          " hosts; 'inventory host' needs exactly one");
        }
        return core::k_exit_usage;
    }
    std::fputs(inventory::render_host(loaded->inventory, matched->front()).c_str(), stdout);
    return core::k_exit_ok;
}

int run_graph(const GlobalOptions& options, const InventoryArgs& args)
{
    auto loaded = load_checked(options, args);
    if (!loaded) {
        return core::k_exit_usage;
    }
    const auto group = loaded->inventory.find_group(args.group);
    if (!group) {
        Console(options).error("no group named '" + args.group + "'" +
                               core::did_you_mean(args.group, group_names(loaded->inventory)));
        return core::k_exit_usage;
    }
    std::fputs(inventory::render_graph(loaded->inventory, *group, args.with_vars).c_str(), stdout);
    return core::k_exit_ok;
}

int run_validate(const GlobalOptions& options, const InventoryArgs& args)
{
    const bool json = options.output == OutputFormat::json;
    if (json && !options.inventories.empty()) {
        const auto result = load_and_check(options, args, true);
        print_diagnostics_json(result.diagnostics);
        return result.diagnostics.has_errors() ? core::k_exit_usage : core::k_exit_ok;
    }
    auto loaded = load_checked(options, args, true);
    if (!loaded) {
        return core::k_exit_usage;
    }
    const auto hosts = loaded->inventory.hosts_of(model::Inventory::k_all).size();
    const auto groups = loaded->inventory.groups().size();
    std::fprintf(stderr, "scsctl: inventory is valid: %zu host%s, %zu group%s\n", hosts, hosts == 1 ? "" : "s", groups,
                 groups == 1 ? "" : "s");
    return core::k_exit_ok;
}

} // namespace

void define_inventory(CLI::App& command, GlobalOptions& options)
{
    auto args = std::make_shared<InventoryArgs>();
    command.require_subcommand(1);
    command.add_option("--playbook-dir", args->playbook_dir,
                       "Also read group_vars/ and host_vars/ in this directory (as ansible-inventory --playbook-dir)")
        ->type_name("DIR");

    CLI::App* list = command.add_subcommand("list", "Print the inventory as JSON (ansible-inventory --list)");
    list->add_option("--limit,-l", args->limit, "Only hosts matching this pattern")->type_name("PATTERN");
    list->callback([&options, args] { options.action = [&options, args] { return run_list(options, *args); }; });

    CLI::App* host = command.add_subcommand("host", "Print one host's variables as JSON (ansible-inventory --host)");
    host->add_option("name", args->host, "Host name or a pattern matching exactly one host")->required();
    host->callback([&options, args] { options.action = [&options, args] { return run_host(options, *args); }; });

    CLI::App* graph = command.add_subcommand("graph", "Print the group tree (ansible-inventory --graph)");
    graph->add_option("group", args->group, "Group to start at (default: all)");
    graph->add_flag("--vars", args->with_vars, "Also show variables");
    graph->callback([&options, args] { options.action = [&options, args] { return run_graph(options, *args); }; });

    CLI::App* validate = command.add_subcommand("validate", "Check the inventory and report every problem at once");
    validate->callback(
        [&options, args] { options.action = [&options, args] { return run_validate(options, *args); }; });
}

} // namespace scsctl::cli
