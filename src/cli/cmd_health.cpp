// scsctl health -i INV [--layers a,b] [--output text|json|prometheus] [--output-file PATH]
// [--junit FILE] [--watch SECONDS]: every selected layer's health checks (reachability of
// its hosts, built-in checks, plugin checks) and the clock skew between their hosts, over
// scsctl's transport with its host-key policy; exit 0 only when every check passes.
// Owns option wiring and the order of things: all checks are collected (a failing plugin
// stops here, exit 8) before any host is touched; with --watch, rounds repeat until
// SIGINT/SIGTERM (exit 130/143), printing only what changed.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "cli/command_table.hpp"
#include "cli/health_output.hpp"
#include "cli/health_watch.hpp"
#include "cli/inventory_context.hpp"
#include "cli/layer_catalogue.hpp"
#include "cli/layer_command_inputs.hpp"
#include "cli/report_files.hpp"
#include "cli/run_inputs.hpp"
#include "cli/secret_setup.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "health/builtin_checks.hpp"
#include "health/round_changes.hpp"
#include "health/runner.hpp"
#include "inventory/host_pattern.hpp"
#include "report/atomic_file.hpp"

namespace scsctl::cli {

namespace {

/// The name the clock skew check's results carry in place of a layer.
constexpr const char* k_clock_section = "clock";

struct HealthArgs {
    std::string layers;
    std::string junit;
    std::string output_file;
    double watch = 0; ///< seconds between rounds; 0: one round
    int forks = 0;
    SecretFlags secrets;
};

struct LayerChecks {
    std::string name;
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

/// The groups (with hosts) of the selected layers as one host pattern, "" when none.
std::string selected_groups(const std::vector<layers::Layer*>& selected, const model::Inventory& inventory)
{
    std::set<std::string> seen;
    std::string pattern;
    for (const auto* layer : selected) {
        for (const auto& group : layer->descriptor().groups) {
            const std::string name(group.name);
            const auto id = inventory.find_group(name);
            if (id && !inventory.hosts_of(*id).empty() && seen.insert(name).second) {
                pattern += (pattern.empty() ? "" : ":") + name;
            }
        }
    }
    return pattern;
}

int exit_code_of(const std::vector<health::LayerSummary>& summaries)
{
    const bool ok = std::ranges::all_of(summaries, [](const auto& summary) { return summary.ok(); });
    return ok ? core::k_exit_ok : core::k_exit_failed;
}

/// Fails (exit 2, message printed) when the options do not fit together or a file
/// cannot be written later.
bool check_options(const HealthArgs& args, const GlobalOptions& options, const Console& console)
{
    if (args.watch > 0 && options.output == OutputFormat::prometheus && args.output_file.empty()) {
        console.error("--watch with --output prometheus needs --output-file PATH (the exposition is rewritten each "
                      "round; stdout shows the changes)");
        return false;
    }
    if (!output_files_writable({&args.junit, &args.output_file}, console)) {
        return false;
    }
    return true;
}

/// The full report in the chosen format.
std::string full_report(const std::vector<health::LayerSummary>& summaries, OutputFormat format, std::time_t when)
{
    switch (format) {
    case OutputFormat::json:
        return health_json(summaries).dump(2) + "\n";
    case OutputFormat::prometheus:
        return health_prometheus(summaries, static_cast<double>(when));
    case OutputFormat::text:
        break;
    }
    return health_text(summaries);
}

/// The plan: every selected layer's checks, then the clock skew check over their hosts.
/// An error (plugin, variable) is printed; its exit code returned.
std::expected<std::vector<LayerChecks>, int> collect_checks(const std::vector<layers::Layer*>& selected,
                                                            const model::Inventory& inventory, const Console& console)
{
    std::vector<LayerChecks> plan;
    for (auto* layer : selected) {
        auto checks = health::layer_checks(*layer, inventory);
        if (!checks) {
            console.error(checks.error().str());
            return std::unexpected(layer_exit_code(checks.error()));
        }
        plan.push_back({std::string(layer->descriptor().name), std::move(*checks)});
    }
    if (const auto groups = selected_groups(selected, inventory); !groups.empty()) {
        auto clock = health::make_clock_skew_check(k_clock_section, groups, inventory);
        if (!clock) {
            console.error(clock.error().str());
            return std::unexpected(core::k_exit_usage);
        }
        LayerChecks entry{k_clock_section, {}};
        entry.checks.push_back(std::move(*clock));
        plan.push_back(std::move(entry));
    }
    return plan;
}

struct Round {
    std::vector<health::LayerSummary> summaries;
    std::time_t finished = 0;
};

Round run_round(const std::vector<LayerChecks>& plan, const model::Inventory& inventory,
                const health::RunnerOptions& runner, const secrets::Redactor& redactor)
{
    Round round;
    for (const auto& entry : plan) {
        auto summary = health::run_checks(entry.name, entry.checks, inventory, runner);
        for (auto& result : summary.results) {
            result.detail = redactor.redact(result.detail);
        }
        round.summaries.push_back(std::move(summary));
    }
    round.finished = std::time(nullptr);
    return round;
}

/// Writes --output-file and --junit; false (message printed) when a write fails.
bool write_files(const HealthArgs& args, const Round& round, OutputFormat format, const Console& console)
{
    const std::pair<const std::string*, std::string (*)(const Round&, OutputFormat)> files[] = {
        {&args.output_file, [](const Round& r, OutputFormat f) { return full_report(r.summaries, f, r.finished); }},
        {&args.junit, [](const Round& r, OutputFormat) { return health_junit_xml(r.summaries); }},
    };
    for (const auto& [path, render] : files) {
        if (path->empty()) {
            continue;
        }
        if (auto written = report::write_file_atomically(*path, render(round, format)); !written) {
            console.error(written.error().str());
            return false;
        }
    }
    return true;
}

void print_summary(const std::vector<health::LayerSummary>& summaries)
{
    const auto json = health_json(summaries);
    std::fprintf(stderr, "scsctl: health: %zu passed, %zu failed, %zu errors\n", json["passed"].get<std::size_t>(),
                 json["failed"].get<std::size_t>(), json["errors"].get<std::size_t>());
}

/// Sleeps `seconds`, waking early on SIGINT/SIGTERM.
void pause_between_rounds(double seconds)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (SignalScope::received() == 0 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

/// What one round prints on stdout in --watch mode: the full table (or a JSON line) first,
/// then only the changes.
void print_watch_round(const Round& round, const Round* previous, int number, const HealthArgs& args,
                       OutputFormat format)
{
    const bool json = format == OutputFormat::json;
    if (previous == nullptr) {
        if (json) {
            std::cout << watch_round_json_line(health_json(round.summaries), number, round.finished);
        } else if (format == OutputFormat::text || !args.output_file.empty()) {
            std::cout << utc_time(round.finished) << "  round 1\n" << health_text(round.summaries);
        }
    } else {
        const auto changes = health::round_changes(previous->summaries, round.summaries);
        std::cout << (json ? watch_change_json_lines(changes, number, round.finished)
                           : watch_change_text(changes, round.finished));
    }
    std::cout.flush();
}

struct Session {
    const std::vector<LayerChecks>& plan;
    const model::Inventory& inventory;
    const health::RunnerOptions& runner;
    const secrets::Redactor& redactor;
};

int run_rounds(const Session& session, const HealthArgs& args, const GlobalOptions& options, const Console& console)
{
    std::optional<Round> previous;
    for (int number = 1;; ++number) {
        Round round = run_round(session.plan, session.inventory, session.runner, session.redactor);
        if (args.watch > 0 && SignalScope::received() != 0) {
            // An interrupted round's results are partial: neither printed nor written.
            if (previous) {
                print_summary(previous->summaries);
            }
            return SignalScope::exit_code_or(core::k_exit_interrupted);
        }
        if (args.watch > 0) {
            print_watch_round(round, previous ? &*previous : nullptr, number, args, options.output);
        } else if (args.output_file.empty()) {
            std::cout << full_report(round.summaries, options.output, round.finished);
        }
        if (!write_files(args, round, options.output, console)) {
            return core::k_exit_usage;
        }
        if (args.watch <= 0) {
            print_summary(round.summaries);
            return SignalScope::exit_code_or(exit_code_of(round.summaries));
        }
        previous = std::move(round);
        pause_between_rounds(args.watch);
        if (SignalScope::received() != 0) {
            print_summary(previous->summaries);
            return SignalScope::exit_code_or(core::k_exit_interrupted);
        }
    }
}

int run_health(const HealthArgs& args, const GlobalOptions& options)
{
    Console console(options);
    if (!check_options(args, options, console)) {
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
    const auto& inventory = context.loaded.inventory;
    auto plan = collect_checks(selected, inventory, console);
    if (!plan) {
        return plan.error();
    }
    const auto hosts = target_hosts(*plan, inventory);
    auto connections = connections_for(context, hosts, connection_defaults(context), console, run_secrets.values);
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
    runner.forks = static_cast<std::size_t>(context.settings.forks());
    return run_rounds({*plan, inventory, runner, *redactor}, args, options, console);
}

} // namespace

void define_health(CLI::App& command, GlobalOptions& options)
{
    auto args = std::make_shared<HealthArgs>();
    command.add_option("--layers", args->layers, "Only these layers (comma-separated), in dependency order")
        ->type_name("a,b");
    command.add_option("--junit", args->junit, "Also write the results as JUnit XML (one testcase per check and host)")
        ->type_name("FILE");
    command
        .add_option("--output-file", args->output_file,
                    "Write the report (--output format) to PATH atomically (temp file + rename) instead of stdout")
        ->type_name("PATH");
    command
        .add_option("--watch", args->watch,
                    "Repeat every SECONDS until interrupted, printing only what changed (exit 130 on Ctrl-C)")
        ->type_name("SECONDS")
        ->check(CLI::PositiveNumber);
    command.add_option("-f,--forks", args->forks, "Hosts in flight at once (default: the forks setting)")
        ->check(CLI::PositiveNumber);
    add_secret_options(command, args->secrets);
    command.callback([&options, args] {
        options.accepts_prometheus = true;
        options.action = [&options, args] { return run_health(*args, options); };
    });
}

} // namespace scsctl::cli
