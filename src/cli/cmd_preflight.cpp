// scsctl preflight -i INV [--layers a,b] [--limit PATTERN] [--junit FILE]: before a
// deploy, per host of the selected layers: reachable, sudo, OS, free disk, memory, clock,
// and the ports its layers will listen on. One probe round trip per host over scsctl's
// transport (its host-key policy, become password on stdin). Owns option wiring and the
// order of things: every requirement is computed (bad variables exit 2) before any host
// is touched. Exit 0 (warnings allowed), 1 a check failed, 3 hosts only unreachable.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command_table.hpp"
#include "cli/inventory_context.hpp"
#include "cli/layer_catalogue.hpp"
#include "cli/layer_command_inputs.hpp"
#include "cli/preflight_output.hpp"
#include "cli/report_files.hpp"
#include "cli/run_inputs.hpp"
#include "cli/secret_setup.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "health/runner.hpp"
#include "inventory/host_pattern.hpp"
#include "inventory/host_vars.hpp"
#include "preflight/runner.hpp"
#include "report/atomic_file.hpp"

namespace scsctl::cli {

namespace {

struct PreflightArgs {
    std::string layers;
    std::string limit;
    std::string junit;
    int forks = 0;
    SecretFlags secrets;
};

/// The hosts of the selected layers (in layer order), within --limit, and each host's roles.
std::expected<std::vector<std::pair<model::HostId, std::vector<preflight::Role>>>, int>
hosts_and_roles(const std::vector<layers::Layer*>& selected, const InventoryContext& context, const std::string& limit,
                const Console& console)
{
    const auto& inventory = context.loaded.inventory;
    auto allowed = inventory::match_hosts(inventory, "all", limit);
    if (!allowed) {
        console.error(allowed.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    std::vector<std::pair<model::HostId, std::vector<preflight::Role>>> out;
    for (const auto* layer : selected) {
        const auto& descriptor = layer->descriptor();
        for (const auto host : health::layer_hosts(descriptor, inventory)) {
            if (std::ranges::find(*allowed, host) == allowed->end()) {
                continue;
            }
            auto entry = std::ranges::find(out, host, &std::pair<model::HostId, std::vector<preflight::Role>>::first);
            if (entry == out.end()) {
                out.push_back({host, {}});
                entry = out.end() - 1;
            }
            for (const auto& group : descriptor.groups) {
                const auto id = inventory.find_group(std::string(group.name));
                if (id && std::ranges::find(inventory.host(host).groups, *id) != inventory.host(host).groups.end()) {
                    entry->second.push_back({std::string(descriptor.name), std::string(group.name)});
                }
            }
        }
    }
    if (out.empty()) {
        console.error(limit.empty() ? "no hosts: the selected layers' groups are empty in this inventory"
                                    : "no hosts of the selected layers match --limit '" + limit + "'");
        return std::unexpected(core::k_exit_usage);
    }
    return out;
}

std::vector<std::string> osd_paths(const preflight::HostRequirements& requirements)
{
    std::vector<std::string> paths;
    for (const auto& file : requirements.osd_files) {
        paths.push_back(file.path);
    }
    return paths;
}

int run_preflight(const PreflightArgs& args, const GlobalOptions& options)
{
    Console console(options);
    if (!output_files_writable({&args.junit}, console)) {
        return core::k_exit_usage;
    }
    auto inputs = load_layer_command_inputs(args.forks, args.secrets, args.layers, options, console);
    if (!inputs) {
        return inputs.error();
    }
    const InventoryContext& context = (*inputs)->context;
    const RunSecrets& run_secrets = (*inputs)->secrets;
    const auto redactor = run_secrets.redactor;
    const std::vector<layers::Layer*>& selected = (*inputs)->selected;
    auto hosts = hosts_and_roles(selected, context, args.limit, console);
    if (!hosts) {
        return hosts.error();
    }
    const auto& inventory = context.loaded.inventory;
    std::vector<model::HostId> ids;
    std::vector<PreflightHost> results;
    bool bad_vars = false;
    for (const auto& [id, roles] : *hosts) {
        const auto& name = inventory.host(id).name;
        auto requirements = preflight::host_requirements(name, roles, inventory::effective_host_vars(inventory, id));
        if (!requirements) {
            console.error(requirements.error().str());
            bad_vars = true;
            continue;
        }
        ids.push_back(id);
        results.push_back({{}, std::move(*requirements)});
    }
    if (bad_vars) {
        return core::k_exit_usage;
    }
    auto connections = connections_for(context, ids, connection_defaults(context), console, run_secrets.values);
    if (!connections) {
        return connections.error();
    }
    std::vector<preflight::ProbeTarget> targets;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto& requirements = results[i].requirements;
        targets.push_back({inventory.host(ids[i]).name, std::move((*connections)[i]),
                           preflight::probe_script(requirements.disk_paths, osd_paths(requirements), requirements.osd_devices)});
    }
    transport::Pool pool;
    SignalScope signals(pool);
    preflight::ProbeOptions probe;
    probe.forks = static_cast<std::size_t>(context.settings.forks());
    const auto runs = preflight::run_probes(pool, targets, probe);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        results[i].report = preflight::evaluate_host(targets[i].name, runs[i], results[i].requirements);
        for (auto& check : results[i].report.checks) {
            check.detail = redactor->redact(check.detail);
        }
    }
    if (options.output == OutputFormat::json) {
        std::cout << preflight_json(results).dump(2) << "\n";
        std::fprintf(stderr, "scsctl: %s\n", preflight_summary_line(results).c_str());
    } else {
        std::cout << preflight_text(results) << preflight_summary_line(results) << "\n";
    }
    if (!args.junit.empty()) {
        if (auto written = report::write_file_atomically(args.junit, preflight_junit_xml(results)); !written) {
            console.error(written.error().str());
            return core::k_exit_usage;
        }
    }
    return SignalScope::exit_code_or(preflight_exit_code(results));
}

} // namespace

void define_preflight(CLI::App& command, GlobalOptions& options)
{
    auto args = std::make_shared<PreflightArgs>();
    command.add_option("--layers", args->layers, "Only the hosts and ports of these layers (comma-separated)")
        ->type_name("a,b");
    command.add_option("-l,--limit", args->limit, "Further limit the hosts (pattern, or @file)")->type_name("PATTERN");
    command.add_option("--junit", args->junit, "Also write the results as JUnit XML (one testcase per host and check)")
        ->type_name("FILE");
    command.add_option("-f,--forks", args->forks, "Hosts in flight at once (default: the forks setting)")
        ->check(CLI::PositiveNumber);
    add_secret_options(command, args->secrets);
    command.callback([&options, args] { options.action = [&options, args] { return run_preflight(*args, options); }; });
}

} // namespace scsctl::cli
