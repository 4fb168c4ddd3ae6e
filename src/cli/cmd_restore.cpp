// scsctl restore LAYER -i INV --from DIR --yes-i-really-mean-it: the layer's restore.yml
// puts back the state that `upgrade` backed up into DIR (OVN: the NB and SB databases;
// KVM: /etc/libvirt), then the layer's health gate must pass. Never prompts: without the
// flag it says what it would replace and exits 2. Refuses a layer the journal never saw
// deployed (exit 7) unless --force; a layer without restore.yml (ceph: a monitor store is
// recovered by hand, see its backup.yml) is exit 2. Depends on cli (layer_action).
#include <filesystem>

#include "cli/command_table.hpp"
#include "cli/layer_action.hpp"
#include "core/exit_codes.hpp"

namespace scsctl::cli {

namespace {

struct RestoreFlags {
    LayerActionFlags action;
    std::string from;
    bool really = false;
};

int run_restore(const RestoreFlags& flags, const GlobalOptions& options)
{
    auto prepared = LayerAction::prepare(flags.action, options, "restore", "restore.yml", ResumeRequest{});
    if (!prepared) {
        return prepared.error();
    }
    LayerAction& action = **prepared;
    const auto& layer = action.layer();
    std::error_code ec;
    const auto from = std::filesystem::absolute(flags.from, ec).lexically_normal().string();
    if (ec || !std::filesystem::is_directory(from, ec)) {
        action.console().error("--from " + flags.from + ": not a directory (give one that `scsctl upgrade " +
                               layer.name + "` backed up into, e.g. backups/" + layer.name + "/<time>-run<N>)");
        return action.finish(core::k_exit_usage);
    }
    if (!flags.really) {
        action.console().error("restore replaces layer " + layer.name + "'s state with the backup in " + from +
                               "; what changed since is lost; nothing was changed. Run again with "
                               "--yes-i-really-mean-it");
        return action.finish(core::k_exit_usage);
    }
    if (!flags.action.force) {
        auto deployed = action.layer_deployed();
        if (!deployed) {
            return action.finish(deployed.error());
        }
        if (!*deployed) {
            action.console().error("layer '" + layer.name + "' was never deployed (per the journal): deploy it "
                                   "first, or restore with --force");
            return action.finish(core::k_exit_dependency);
        }
    }
    action.console().note("layer " + layer.name + ": restoring from " + from);
    auto recap = action.run_playbook(layer.playbook, core::Value{{"scsctl_restore_dir", from}});
    if (!recap) {
        return action.finish(recap.error());
    }
    int code = exit_code_of(*recap);
    if (code != core::k_exit_ok) {
        action.record(rows_for(layer, action.run_id(), state::k_layer_failed));
        action.console().error("layer '" + layer.name + "': restore failed (see the failed task)");
        return action.finish(code);
    }
    const GateResult after = action.gate().check(layer, action.setup().context);
    if (!after.passed) {
        action.record(rows_for(layer, action.run_id(), state::k_layer_failed));
        action.console().error("layer '" + layer.name + "' is not healthy after the restore: " + after.check + ": " +
                               after.reason);
        return action.finish(core::k_exit_gate_failed);
    }
    action.record(rows_for(layer, action.run_id(), state::k_layer_ok));
    action.console().note("layer " + layer.name + " restored from " + from + "; health gate passed");
    return action.finish(code);
}

} // namespace

void define_restore(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<RestoreFlags>();
    add_layer_action_options(command, flags->action, "Restore even when the journal never saw the layer deployed",
                             false);
    command.add_option("--from", flags->from, "The backup directory an upgrade wrote (backups/LAYER/<time>-run<N>)")
        ->required();
    command.add_flag("--yes-i-really-mean-it", flags->really,
                     "Required: restore replaces the layer's databases or configuration on its hosts");
    command.callback([flags, &options] { options.action = [flags, &options] { return run_restore(*flags, options); }; });
}

} // namespace scsctl::cli
