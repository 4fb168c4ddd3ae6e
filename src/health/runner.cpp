// Running a layer's checks: each check's pattern resolved in the inventory, its hosts'
// connections looked up, then the check run over them. A pattern that matches nothing
// is an `error` result (a check that checks nothing must not pass silently).
#include "health/runner.hpp"

#include <algorithm>

#include "health/builtin_checks.hpp"
#include "health/command_check.hpp"
#include "inventory/host_pattern.hpp"
#include "layers/catalogue.hpp"

namespace scsctl::health {

std::size_t LayerSummary::count(CheckStatus status) const
{
    return static_cast<std::size_t>(
        std::ranges::count_if(results, [status](const CheckResult& r) { return r.status == status; }));
}

std::vector<model::HostId> layer_hosts(const layers::LayerDescriptor& layer, const model::Inventory& inventory)
{
    std::vector<model::HostId> hosts;
    for (const auto& group : layer.groups) {
        if (const auto id = inventory.find_group(std::string(group.name))) {
            for (const auto host : inventory.hosts_of(*id)) {
                if (std::ranges::find(hosts, host) == hosts.end()) {
                    hosts.push_back(host);
                }
            }
        }
    }
    return hosts;
}

core::Result<std::vector<std::unique_ptr<HealthCheck>>> layer_checks(layers::Layer& layer,
                                                                     const model::Inventory& inventory)
{
    std::vector<std::unique_ptr<HealthCheck>> checks;
    const auto& descriptor = layer.descriptor();
    const std::string name(descriptor.name);
    std::string groups;
    for (const auto& group : descriptor.groups) {
        const auto id = inventory.find_group(std::string(group.name));
        if (id && !inventory.hosts_of(*id).empty()) {
            groups += (groups.empty() ? "" : ":") + std::string(group.name);
        }
    }
    if (!groups.empty()) { // a layer without hosts has no checks
        checks.push_back(std::make_unique<ReachableCheck>(name, groups));
        for (auto& check : builtin_checks(name, inventory)) {
            checks.push_back(std::move(check));
        }
    }
    if (auto* plugin = layers::as_plugin(&layer)) {
        auto declared = plugin->checks();
        if (!declared) {
            return core::fail(declared.error());
        }
        for (auto& check : *declared) {
            checks.push_back(std::make_unique<CommandCheck>(name, std::move(check)));
        }
    }
    return checks;
}

namespace {

/// The check's targets with connections; results for what cannot be run go to `out`.
std::vector<exec::AdhocHost> targets_of(const HealthCheck& check, const model::Inventory& inventory,
                                        const RunnerOptions& options, std::vector<CheckResult>& out)
{
    std::vector<exec::AdhocHost> targets;
    auto matched = inventory::match_hosts(inventory, check.hosts());
    if (!matched || matched->empty()) {
        out.push_back({check.layer(), check.name(), "", CheckStatus::error,
                       matched ? "hosts '" + check.hosts() + "' match no host of the inventory"
                               : "hosts '" + check.hosts() + "': " + matched.error().message,
                       {}});
        return targets;
    }
    for (const auto id : *matched) {
        const auto& host = inventory.host(id).name;
        const auto found = options.connections != nullptr ? options.connections->find(id)
                                                          : std::map<model::HostId, exec::HostConnection>::const_iterator{};
        if (options.connections == nullptr || found == options.connections->end()) {
            out.push_back({check.layer(), check.name(), host, CheckStatus::error, "no connection settings for the host", {}});
            continue;
        }
        targets.push_back({host, found->second});
    }
    return targets;
}

} // namespace

LayerSummary run_checks(const std::string& layer, const std::vector<std::unique_ptr<HealthCheck>>& checks,
                        const model::Inventory& inventory, const RunnerOptions& options)
{
    LayerSummary summary;
    summary.layer = layer;
    for (const auto& check : checks) {
        std::vector<CheckResult> results;
        const auto targets = targets_of(*check, inventory, options, results);
        if (!targets.empty()) {
            const CheckContext context{*options.pool, targets, options.forks};
            auto ran = check->run(context);
            results.insert(results.end(), ran.begin(), ran.end());
        }
        for (auto& result : results) {
            if (options.on_result) {
                options.on_result(result);
            }
            summary.results.push_back(std::move(result));
        }
    }
    return summary;
}

core::Result<LayerSummary> run_layer_checks(layers::Layer& layer, const model::Inventory& inventory,
                                            const RunnerOptions& options)
{
    auto checks = layer_checks(layer, inventory);
    if (!checks) {
        return core::fail(checks.error());
    }
    return run_checks(std::string(layer.descriptor().name), *checks, inventory, options);
}

} // namespace scsctl::health
