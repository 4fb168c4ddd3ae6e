// The layer selection and plan wiring of plan, deploy and status (layer_setup.hpp).
// SCSCTL_SOURCE_TREE is compiled into this file only (CMakeLists.txt): the source tree's
// playbooks/ is the last fallback, for a binary run from its build tree.
#include "cli/layer_setup.hpp"

#include <cstdlib>
#include <filesystem>

#include "cli/run_inputs.hpp"
#include "core/exit_codes.hpp"
#include "layers/layer_order.hpp"
#include "layers/registry.hpp"
#include "plan/plan_builder.hpp"
#include "plan/playbook_root.hpp"

#ifndef SCSCTL_SOURCE_TREE
#define SCSCTL_SOURCE_TREE ""
#endif

namespace scsctl::cli {

void add_playbook_dir_option(CLI::App& command, std::string& playbook_dir)
{
    command
        .add_option("--playbook-dir", playbook_dir,
                    "Directory holding <layer>/deploy.yml (default: $SCSCTL_LAYER_PLAYBOOKS, then the installed "
                    "share/scsctl/playbooks)")
        ->type_name("DIR");
}

void add_layer_options(CLI::App& command, LayerFlags& flags)
{
    command.add_option("--layers", flags.layers, "Only these layers (comma-separated), in dependency order")
        ->type_name("A,B");
    add_playbook_dir_option(command, flags.playbook_dir);
    command.add_option("-l,--limit", flags.limit, "Further limit the hosts with a pattern (or @file)");
}

std::expected<std::vector<const layers::LayerDescriptor*>, int> selected_layers(const std::string& list,
                                                                                const Console& console)
{
    const auto registry = layers::builtin_layers();
    auto selected = list.empty() ? layers::dependency_order(registry) : layers::select_layers(registry, list);
    if (!selected) {
        std::string known;
        for (const auto& layer : registry) {
            known += (known.empty() ? "" : ", ") + std::string(layer.name);
        }
        console.error(selected.error().str() + " (layers: " + known + ")");
        return std::unexpected(core::k_exit_usage);
    }
    return *selected;
}

std::expected<std::string, int> layer_playbook_root(const std::string& flag, const Console& console)
{
    plan::PlaybookSearch search;
    search.flag = flag;
    if (const char* env = std::getenv("SCSCTL_LAYER_PLAYBOOKS"); env != nullptr) {
        search.environment = env;
    }
    std::error_code error;
    search.executable = std::filesystem::read_symlink("/proc/self/exe", error).string();
    search.source_dir = SCSCTL_SOURCE_TREE;
    auto root = plan::find_playbook_root(search);
    if (!root) {
        console.error(root.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    return *root;
}

std::expected<plan::Plan, int> make_plan(const InventoryContext& context, const GlobalOptions& options,
                                         const std::vector<const layers::LayerDescriptor*>& layers,
                                         const std::string& root, const std::string& limit, const Console& console)
{
    plan::PlanRequest request;
    request.inventory = &context.loaded.inventory;
    request.inventory_sources = options.inventories;
    request.layers = layers;
    request.playbook_root = root;
    request.limit = limit;
    request.load_options.modules = module_catalog();
    core::Diagnostics diagnostics;
    auto built = plan::build_plan(request, diagnostics);
    if (console.report(diagnostics) > 0) {
        return std::unexpected(core::k_exit_usage);
    }
    if (!built) {
        console.error(built.error().str());
        return std::unexpected(core::exit_code_for(built.error().kind));
    }
    return std::move(*built);
}

} // namespace scsctl::cli
