// scsctl plan -i INV [--layers a,b] [-l LIMIT] [-o plan.json] [--check]: what a deploy
// would do, layer by layer: plays, hosts and tasks as a tree (or JSON with --output
// json), optionally written as a plan file for `scsctl deploy PLAN.json`. Only --check
// contacts hosts (cli/plan_check.hpp). Owns option wiring and output.
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/layer_setup.hpp"
#include "cli/plan_check.hpp"
#include "cli/plan_text.hpp"
#include "cli/report_files.hpp"
#include "core/exit_codes.hpp"
#include "plan/plan_json.hpp"
#include "report/atomic_file.hpp"

namespace scsctl::cli {

namespace {

struct PlanFlags {
    LayerFlags layers;
    std::string out_file; ///< -o FILE
    bool check = false;
    PlanCheckFlags check_flags;
};

int run_plan(const PlanFlags& flags, const GlobalOptions& options)
{
    Console console(options);
    if (options.inventories.empty()) {
        console.error("no inventory given (use -i PATH)");
        return core::k_exit_usage;
    }
    if (!output_files_writable({&flags.out_file}, console)) {
        return core::k_exit_usage;
    }
    auto selected = selected_layers(flags.layers.layers, console);
    if (!selected) {
        return selected.error();
    }
    auto root = layer_playbook_root(flags.layers.playbook_dir, console);
    if (!root) {
        return root.error();
    }
    auto context = load_inventory_context(options, console);
    if (!context) {
        return context.error();
    }
    auto plan = make_plan(*context, options, *selected, *root, flags.layers.limit, console);
    if (!plan) {
        return plan.error();
    }
    const core::Value json = plan::plan_to_json(*plan);
    if (!flags.out_file.empty()) {
        if (auto written = report::write_file_atomically(flags.out_file, json.dump(2) + "\n"); !written) {
            console.error(written.error().str());
            return core::k_exit_usage;
        }
    }
    if (flags.check) {
        return check_plan(*plan, *context, flags.check_flags, options, console);
    }
    if (options.output == OutputFormat::json) {
        std::cout << json.dump(2) << "\n";
    } else {
        print_plan_tree(std::cout, *plan);
    }
    if (!flags.out_file.empty()) {
        std::cerr << "scsctl: plan written to " << flags.out_file << " (deploy it with: scsctl deploy -i ... "
                  << flags.out_file << ")\n";
    }
    return core::k_exit_ok;
}

} // namespace

void define_plan(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<PlanFlags>();
    add_layer_options(command, flags->layers);
    command.add_option("-o,--out", flags->out_file, "Also write the plan as JSON to FILE (for scsctl deploy FILE)")
        ->type_name("FILE");
    command.add_flag("-C,--check", flags->check,
                     "Contact the hosts: run the layers' playbooks in check mode and show what would change (diff)");
    add_plan_check_options(command, flags->check_flags);
    command.callback([flags, &options] { options.action = [flags, &options] { return run_plan(*flags, options); }; });
}

} // namespace scsctl::cli
