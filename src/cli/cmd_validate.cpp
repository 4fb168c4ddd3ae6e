// scsctl validate -i INV [--junit FILE]: the inventory's own checks plus every layer's
// requirements, offline, all problems at once (exit 2). Owns option wiring and
// reporting; the rules live in layers/validate.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command_table.hpp"
#include "cli/diagnostics_json.hpp"
#include "cli/validate_junit.hpp"
#include "core/exit_codes.hpp"
#include "inventory/inventory_checks.hpp"
#include "inventory/loader.hpp"
#include "layers/layer_order.hpp"
#include "layers/registry.hpp"
#include "layers/validate.hpp"
#include "report/atomic_file.hpp"

namespace scsctl::cli {

namespace {

struct ValidateArgs {
    std::string junit;
};

int run_validate(const GlobalOptions& options, const ValidateArgs& args)
{
    const Console console(options);
    if (options.inventories.empty()) {
        console.error("no inventory given (use -i PATH)");
        return core::k_exit_usage;
    }
    if (!args.junit.empty()) {
        if (auto writable = report::check_writable(args.junit); !writable) {
            console.error(writable.error().str());
            return core::k_exit_usage;
        }
    }
    inventory::LoadOptions load;
    load.sources = options.inventories;
    auto loaded = inventory::load_inventory(load);
    inventory::check_inventory(loaded.inventory, loaded.diagnostics, true);

    std::vector<layers::RuleOutcome> outcomes;
    const auto order = layers::dependency_order(layers::builtin_layers());
    if (!order) {
        console.error(order.error().str());
        return core::k_exit_internal;
    }
    if (!loaded.diagnostics.has_errors()) {
        outcomes = layers::validate_layers(loaded.inventory, *order);
    }
    core::Diagnostics all = loaded.diagnostics;
    for (const auto& outcome : outcomes) {
        all.merge(outcome.diagnostics);
    }
    if (options.output == OutputFormat::json) {
        print_diagnostics_json(all);
    } else {
        console.report(all);
    }
    if (!args.junit.empty()) {
        if (auto written = report::write_file_atomically(args.junit, validate_junit_xml(loaded.diagnostics, outcomes));
            !written) {
            console.error(written.error().str());
            return core::k_exit_usage;
        }
    }
    if (all.has_errors()) {
        return core::k_exit_usage;
    }
    if (options.output != OutputFormat::json) {
        std::fprintf(stderr, "scsctl: inventory is valid for %zu layers\n", order->size());
    }
    return core::k_exit_ok;
}

} // namespace

void define_validate(CLI::App& command, GlobalOptions& options)
{
    auto args = std::make_shared<ValidateArgs>();
    command
        .add_option("--junit", args->junit, "Also write the verdicts as JUnit XML (one testcase per rule and layer)")
        ->type_name("FILE");
    command.callback([&options, args] { options.action = [&options, args] { return run_validate(options, *args); }; });
}

} // namespace scsctl::cli
