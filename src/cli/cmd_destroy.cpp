// scsctl destroy LAYER -i INV --yes-i-really-mean-it: the layer's destroy.yml on its
// hosts (services stopped, packages purged, data deleted), recorded as "destroyed" so
// that status and deploy's dependency check no longer count it. Never prompts: without
// the flag it says what it would remove and exits 2. Refuses while a deployed layer
// depends on it (exit 7) unless --force. Depends on cli (layer_action), layers and state.
#include "cli/command_table.hpp"
#include "cli/layer_action.hpp"
#include "core/exit_codes.hpp"
#include "layers/registry.hpp"

namespace scsctl::cli {

namespace {

struct DestroyFlags {
    LayerActionFlags action;
    bool really = false;
};

/// The deployed layers (per the journal) that depend on `layer`, joined with ", ".
std::expected<std::string, int> deployed_dependents(const std::string& layer, state::RunStore* journal,
                                                    const Console& console)
{
    if (journal == nullptr) {
        return std::string();
    }
    auto rows = journal->layer_rows();
    if (!rows) {
        console.error(rows.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    std::string out;
    for (const auto& descriptor : layers::builtin_layers()) {
        const bool depends = std::ranges::any_of(descriptor.depends_on, [&](const auto& name) { return name == layer; });
        if (!depends || out.find(descriptor.name) != std::string::npos) {
            continue;
        }
        for (const auto& state : state::latest_per_host(*rows)) {
            if (state.last.layer == descriptor.name && state.ever_ok) {
                out += (out.empty() ? "" : ", ") + std::string(descriptor.name);
                break;
            }
        }
    }
    return out;
}

std::string host_list(const plan::LayerPlan& layer)
{
    std::string out;
    for (const auto& host : layer.hosts) {
        out += (out.empty() ? "" : ", ") + host;
    }
    return out.empty() ? "no hosts" : out;
}

int run_destroy(const DestroyFlags& flags, const GlobalOptions& options)
{
    auto prepared = LayerAction::prepare(flags.action, options, "destroy", "destroy.yml", ResumeRequest{});
    if (!prepared) {
        return prepared.error();
    }
    LayerAction& action = **prepared;
    const auto& layer = action.layer();
    if (!flags.really) {
        action.console().error("destroy removes layer " + layer.name + " and its data from " + host_list(layer) +
                               "; nothing was changed. Run again with --yes-i-really-mean-it");
        return action.finish(core::k_exit_usage);
    }
    if (!flags.action.force) {
        auto dependents = deployed_dependents(layer.name, action.journal_store(), action.console());
        if (!dependents) {
            return action.finish(dependents.error());
        }
        if (!dependents->empty()) {
            action.console().error("layer '" + layer.name + "' is a dependency of deployed layer(s) " + *dependents +
                                   ": destroy those first, or use --force");
            return action.finish(core::k_exit_dependency);
        }
    }
    auto recap = action.run_playbook(layer.playbook, core::Value::object());
    if (!recap) {
        return action.finish(recap.error());
    }
    const int code = exit_code_of(*recap);
    if (code == core::k_exit_ok) {
        action.record(rows_for(layer, action.run_id(), state::k_layer_destroyed));
        action.console().note("layer " + layer.name + " destroyed on " + host_list(layer));
    } else {
        action.record(rows_for(layer, action.run_id(), state::k_layer_failed));
        action.console().error("layer '" + layer.name + "': destroy failed; it may be partly removed");
    }
    return action.finish(code);
}

} // namespace

void define_destroy(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<DestroyFlags>();
    add_layer_action_options(command, flags->action, "Destroy even while deployed layers depend on this one", false);
    command.add_flag("--yes-i-really-mean-it", flags->really,
                     "Required: destroy stops the layer's services, removes its packages and deletes its data");
    command.callback([flags, &options] { options.action = [flags, &options] { return run_destroy(*flags, options); }; });
}

} // namespace scsctl::cli
