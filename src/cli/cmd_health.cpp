// scsctl health -i INV [--layers a,b] [--output json] [--junit FILE]: every selected
// layer's health checks (reachability of its hosts, built-in checks, plugin checks) over
// scsctl's transport with its host-key policy; exit 0 only when every check passes.
// Owns option wiring and the order of things: all checks are collected (a failing
// plugin stops here, exit 5) before any host is touched.
#include <cstdio>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "cli/command_table.hpp"
#include "cli/health_output.hpp"
#include "cli/inventory_context.hpp"
#include "cli/layer_catalogue.hpp"
#include "cli/run_inputs.hpp"
#include "cli/secret_setup.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "health/runner.hpp"
#include "inventory/host_pattern.hpp"
#include "report/atomic_file.hpp"

namespace scsctl::cli {

namespace {

struct HealthArgs {
    std::string layers;
    std::string junit;
    int forks = 0;
    SecretFlags secrets;
};

struct LayerChecks {
    layers::Layer* layer;
    std::vector<std::unique_ptr<health::HealthCheck>> checks;
};

/// Every host any check targets (patterns that match nothing are reported by the runner).
std::vector<model::HostId> target_hosts(const std::vector<LayerChecks>& plan, const model::Inventory& inventory)
{
    std::set<model::HostId> seen;
    std::vector<model::HostId> hosts;
    for (const auto& entry : plan) {
        for (const auto& check : entry.checks) {
            auto matched = inventory::match_hosts(inventory, check->hosts());
            for (const auto id : matched ? *matched : std::vector<model::HostId>{}) {
                if (seen.insert(id).second) {
                    hosts.push_back(id);
                }
            }
        }
    }
    return hosts;
}

int exit_code_of(const std::vector<health::LayerSummary>& summaries)
{
    const bool ok = std::ranges::all_of(summaries, [](const auto& summary) { return summary.ok(); });
    return ok ? core::k_exit_ok : core::k_exit_failed;
}

int run_health(const HealthArgs& args, const GlobalOptions& options)
{
    Console console(options);
    if (!args.junit.empty()) {
        if (auto writable = report::check_writable(args.junit); !writable) {
            console.error(writable.error().str());
            return core::k_exit_usage;
        }
    }
    std::vector<config::FlagValue> flag_values;
    if (args.forks > 0) {
        flag_values.push_back({"forks", "--forks", std::to_string(args.forks)});
    }
    auto context = load_inventory_context(options, console, flag_values);
    if (!context) {
        return context.error();
    }
    auto run_secrets = load_run_secrets(args.secrets, options, console);
    if (!run_secrets) {
        return run_secrets.error();
    }
    const auto redactor = run_secrets->redactor;
    add_host_passwords(run_hosts(context->loaded.inventory), *redactor);
    console.set_filter([redactor](const std::string& text) { return redactor->redact(text); });
    auto catalogue = load_catalogue(console);
    if (!catalogue) {
        return catalogue.error();
    }
    auto selected = args.layers.empty() ? core::Result<std::vector<layers::Layer*>>(catalogue->ordered())
                                        : catalogue->select(args.layers);
    if (!selected) {
        console.error(selected.error().str());
        return layer_exit_code(selected.error());
    }
    const auto& inventory = context->loaded.inventory;
    std::vector<LayerChecks> plan;
    for (auto* layer : *selected) {
        auto checks = health::layer_checks(*layer, inventory);
        if (!checks) {
            console.error(checks.error().str());
            return layer_exit_code(checks.error());
        }
        plan.push_back({layer, std::move(*checks)});
    }
    const auto hosts = target_hosts(plan, inventory);
    auto connections = connections_for(*context, hosts, connection_defaults(*context), console, run_secrets->values);
    if (!connections) {
        return connections.error();
    }
    std::map<model::HostId, exec::HostConnection> by_host;
    for (std::size_t i = 0; i < hosts.size(); ++i) {
        by_host.emplace(hosts[i], std::move((*connections)[i]));
    }
    transport::Pool pool;
    SignalScope signals(pool);
    health::RunnerOptions runner;
    runner.pool = &pool;
    runner.connections = &by_host;
    runner.forks = static_cast<std::size_t>(context->settings.forks());
    std::vector<health::LayerSummary> summaries;
    for (const auto& entry : plan) {
        auto summary = health::run_checks(std::string(entry.layer->descriptor().name), entry.checks, inventory, runner);
        for (auto& result : summary.results) {
            result.detail = redactor->redact(result.detail);
        }
        summaries.push_back(std::move(summary));
    }
    if (options.output == OutputFormat::json) {
        std::cout << health_json(summaries).dump(2) << "\n";
    } else {
        std::cout << health_text(summaries);
    }
    const int code = SignalScope::exit_code_or(exit_code_of(summaries));
    if (!args.junit.empty()) {
        if (auto written = report::write_file_atomically(args.junit, health_junit_xml(summaries)); !written) {
            console.error(written.error().str());
            return core::k_exit_usage;
        }
    }
    const auto json = health_json(summaries);
    std::fprintf(stderr, "scsctl: health: %zu passed, %zu failed, %zu errors\n", json["passed"].get<std::size_t>(),
                 json["failed"].get<std::size_t>(), json["errors"].get<std::size_t>());
    return code;
}

} // namespace

void define_health(CLI::App& command, GlobalOptions& options)
{
    auto args = std::make_shared<HealthArgs>();
    command.add_option("--layers", args->layers, "Only these layers (comma-separated), in dependency order")
        ->type_name("a,b");
    command.add_option("--junit", args->junit, "Also write the results as JUnit XML (one testcase per check and host)")
        ->type_name("FILE");
    command.add_option("-f,--forks", args->forks, "Hosts in flight at once (default: the forks setting)")
        ->check(CLI::PositiveNumber);
    add_secret_options(command, args->secrets);
    command.callback([&options, args] { options.action = [&options, args] { return run_health(*args, options); }; });
}

} // namespace scsctl::cli
