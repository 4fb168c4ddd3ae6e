// scsctl validate -i INV [--junit FILE]: the inventory's own checks plus every layer's
// requirements (built-in rules over built-in and plugin layers, then each plugin's own
// `validate`), offline, all problems at once (exit 2; a failing plugin: 5). Owns option
// wiring and reporting; the rules live in layers/validate.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command_table.hpp"
#include "cli/diagnostics_json.hpp"
#include "cli/report_files.hpp"
#include "cli/validate_junit.hpp"
#include "core/exit_codes.hpp"
#include "inventory/inventory_checks.hpp"
#include "inventory/loader.hpp"
#include "cli/layer_catalogue.hpp"
#include "layers/plugin_validate.hpp"
#include "layers/validate.hpp"
#include "report/atomic_file.hpp"

namespace scsctl::cli {

namespace {

struct ValidateArgs {
    std::string junit;
};

/// Each plugin's own `validate` over its view of the inventory (secrets removed), as one
/// more rule outcome per plugin layer ("plugin_validate").
core::Result<void> add_plugin_outcomes(const layers::Catalogue& catalogue, const model::Inventory& inventory,
                                       std::vector<layers::RuleOutcome>& outcomes)
{
    const layers::VarLocator locator(inventory);
    const auto filter = plugin_secret_filter();
    for (auto* layer : catalogue.ordered()) {
        auto* plugin = layers::as_plugin(layer);
        if (plugin == nullptr) {
            continue;
        }
        auto problems = plugin->validate(layers::inventory_view(inventory, plugin->descriptor(), filter));
        if (!problems) {
            return core::fail(problems.error());
        }
        layers::RuleOutcome outcome{"plugin_validate", std::string(plugin->descriptor().name), {}};
        layers::add_plugin_problems(inventory, locator, outcome.layer, *problems, outcome.diagnostics);
        outcomes.push_back(std::move(outcome));
    }
    return {};
}

int run_validate(const GlobalOptions& options, const ValidateArgs& args)
{
    const Console console(options);
    if (options.inventories.empty()) {
        console.error("no inventory given (use -i PATH)");
        return core::k_exit_usage;
    }
    if (!output_files_writable({&args.junit}, console)) {
        return core::k_exit_usage;
    }
    auto catalogue = load_catalogue(console);
    if (!catalogue) {
        return catalogue.error();
    }
    inventory::LoadOptions load;
    load.sources = options.inventories;
    auto loaded = inventory::load_inventory(load);
    inventory::check_inventory(loaded.inventory, loaded.diagnostics, true);

    std::vector<layers::RuleOutcome> outcomes;
    const auto order = catalogue->descriptors();
    if (!loaded.diagnostics.has_errors()) {
        outcomes = layers::validate_layers(loaded.inventory, order);
        if (auto added = add_plugin_outcomes(*catalogue, loaded.inventory, outcomes); !added) {
            console.error(added.error().str());
            return layer_exit_code(added.error());
        }
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
        std::fprintf(stderr, "scsctl: inventory is valid for %zu layers\n", order.size());
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
