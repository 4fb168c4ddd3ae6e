// scsctl upgrade LAYER -i INV (--to VERSION | --restart) [--serial N|N%] [--resume [RUN]]:
// a rolling upgrade (or restart) through the layer's upgrade.yml, one serial batch at a
// time. Before it starts: the layer must have been deployed (exit 7 unless --force) and be
// healthy (exit 6 unless --force), and its state is backed up (layer_backup.hpp). Between
// batches the layer's health gate must pass again (batch_gate.hpp); a failed batch or a
// gate that does not pass stops the upgrade, and `--resume` starts again at that batch
// (upgrade_progress.hpp). The playbooks themselves watch what the cluster says (Ceph:
// ok-to-stop, PGs active+clean) and always clear their temporary flags.
#include <iostream>

#include "cli/batch_gate.hpp"
#include "cli/command_table.hpp"
#include "cli/layer_action.hpp"
#include "cli/layer_backup.hpp"
#include "cli/signals.hpp"
#include "cli/upgrade_progress.hpp"
#include "core/exit_codes.hpp"

namespace scsctl::cli {

namespace {

struct UpgradeFlags {
    LayerActionFlags action;
    std::string to;
    bool restart = false;
    std::string serial;
    CLI::Option* resume = nullptr;
    std::string resume_run;
    std::string backup_dir;
    bool no_backup = false;
    double gate_timeout = 600;
    double gate_interval = 5;
};

/// The target from the flags and, with --resume, from the run being resumed; exit 2
/// when they disagree or neither says what to do.
std::expected<UpgradeTarget, int> upgrade_target(const UpgradeFlags& flags, const std::optional<UpgradeProgress>& progress,
                                                 const Console& console)
{
    const bool given = !flags.to.empty() || flags.restart;
    UpgradeTarget target{flags.to, flags.serial.empty() ? std::string("1") : flags.serial};
    if (!progress) {
        if (!given) {
            console.error(flags.resume->count() > 0
                              ? "the upgrade being resumed passed no batch yet: say what to do (--to VERSION or --restart)"
                              : "say what to do: --to VERSION (install that version) or --restart (restart only)");
            return std::unexpected(core::k_exit_usage);
        }
        return target;
    }
    const bool other_to = (!flags.to.empty() && flags.to != progress->target.to) ||
                          (flags.restart && !progress->target.to.empty());
    const bool other_serial = !flags.serial.empty() && flags.serial != progress->target.serial;
    if (other_to || other_serial) {
        UpgradeTarget asked{given ? flags.to : progress->target.to,
                            flags.serial.empty() ? progress->target.serial : flags.serial};
        console.error("--resume continues '" + describe(progress->target) + "'; the flags ask for '" + describe(asked) +
                      "' (leave them out, or start a new upgrade without --resume)");
        return std::unexpected(core::k_exit_usage);
    }
    return progress->target;
}

int run_upgrade(const UpgradeFlags& flags, const GlobalOptions& options)
{
    Console console(options);
    if (!flags.to.empty() && flags.restart) {
        console.error("--to and --restart exclude each other");
        return core::k_exit_usage;
    }
    if (!flags.serial.empty() && !valid_serial(flags.serial)) {
        console.error("--serial '" + flags.serial + "': expected a number of hosts (N > 0) or a percentage (1%..100%)");
        return core::k_exit_usage;
    }
    const bool resuming = flags.resume->count() > 0;
    if (!resuming && flags.to.empty() && !flags.restart) {
        console.error("say what to do: --to VERSION (install that version) or --restart (restart only)");
        return core::k_exit_usage;
    }
    auto prepared = LayerAction::prepare(flags.action, options, "upgrade", "upgrade.yml",
                                         ResumeRequest{resuming, flags.resume_run, false});
    if (!prepared) {
        return prepared.error();
    }
    LayerAction& action = **prepared;
    const std::string name = action.layer().name;
    std::optional<UpgradeProgress> progress;
    if (action.resume()) {
        progress = upgrade_progress(action.resume()->done);
    }
    auto target = upgrade_target(flags, progress, action.console());
    if (!target) {
        return action.finish(target.error());
    }
    if (!flags.action.force) {
        auto deployed = action.layer_deployed();
        if (!deployed) {
            return action.finish(deployed.error());
        }
        if (!*deployed) {
            action.console().error("layer '" + name + "' was never deployed (per the journal): deploy it first, or "
                                   "upgrade with --force");
            return action.finish(core::k_exit_dependency);
        }
    }
    const bool fresh = !progress; // a resumed run that passed no batch starts afresh
    if (!flags.action.force && fresh) {
        const GateResult before = action.gate().check(action.layer(), action.setup().context);
        if (!before.passed) {
            action.console().error("layer '" + name + "' is not healthy before the upgrade: " + before.check + ": " +
                                   before.reason + " (fix it first, or upgrade with --force)");
            return action.finish(core::k_exit_gate_failed);
        }
    }
    if (fresh && !flags.no_backup) {
        auto backup = back_up_layer(action, flags.backup_dir, flags.action.state);
        if (!backup) {
            return action.finish(backup.error());
        }
    }

    core::Value extra{{"scsctl_serial", target->serial}};
    if (!target->to.empty()) {
        extra["scsctl_upgrade_to"] = target->to;
    }
    action.console().note((progress ? "resuming " : "") + std::string("layer ") + name + ": " + describe(*target) +
                          (progress ? " at batch " + std::to_string(progress->next.batch_index + 1) + " of play " +
                                          std::to_string(progress->next.play_index + 1)
                                    : ""));
    if (progress) {
        for (const auto& record : progress->passed) {
            action.emit(record); // a resume of this run finds them again
        }
    }
    const BatchGateTiming timing{std::chrono::milliseconds(static_cast<long>(flags.gate_timeout * 1000)),
                                 std::chrono::milliseconds(static_cast<long>(flags.gate_interval * 1000))};
    const auto check = [&action] { return action.gate().check(action.layer(), action.setup().context); };
    const auto note = [&action](const std::string& text) { action.console().note(text); };
    std::optional<std::string> stopped;
    auto recap = action.run_playbook(action.layer().playbook, extra, [&](exec::RunHooks& hooks) {
        if (progress) {
            hooks.start_at_batch = progress->next;
        }
        hooks.after_batch = [&](const exec::BatchEnded& batch) -> std::optional<std::string> {
            const std::string what = "layer " + name + ": '" + batch.play_name + "' batch " +
                                     std::to_string(batch.batch_index + 1) + "/" + std::to_string(batch.batch_count);
            stopped = wait_for_gate(check, note, what, timing);
            if (!stopped) {
                for (const auto& record : batch_passed_records(batch, *target)) {
                    action.emit(record);
                }
                std::vector<state::LayerRow> rows;
                for (const auto& host : batch.hosts) {
                    rows.push_back({action.run_id(), name, action.layer().version, host, state::k_layer_ok,
                                    state::now_seconds()});
                }
                action.record(rows);
            }
            return stopped;
        };
    });
    if (!recap) {
        return action.finish(recap.error());
    }
    int code = exit_code_of(*recap);
    const auto resume_hint = " (scsctl upgrade " + name + " --resume continues at that batch)";
    if (SignalScope::received() != 0) {
        return action.finish(code);
    }
    if (stopped) {
        action.console().error("layer '" + name + "': " + *stopped + "; the upgrade stopped" + resume_hint);
        return action.finish(core::k_exit_gate_failed);
    }
    if (code != core::k_exit_ok) {
        std::vector<state::LayerRow> rows;
        for (const auto& [host, counters] : recap->hosts) {
            if (counters.failed > 0 || counters.unreachable > 0) {
                rows.push_back({action.run_id(), name, action.layer().version, host, state::k_layer_failed,
                                state::now_seconds()});
            }
        }
        action.record(rows);
        action.console().error("layer '" + name + "': a batch failed; the upgrade stopped" + resume_hint);
        return action.finish(code);
    }
    action.console().note("layer " + name + ": " + describe(*target) + " done");
    return action.finish(code);
}

} // namespace

void define_upgrade(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<UpgradeFlags>();
    add_layer_action_options(command, flags->action,
                             "Upgrade a layer the journal does not know as deployed, or one that is not healthy now", true);
    command.add_option("--to", flags->to, "Install this version of the layer's packages (a Debian version)")
        ->type_name("VERSION");
    command.add_flag("--restart", flags->restart, "Restart the layer's services batch by batch, installing nothing");
    command.add_option("--serial", flags->serial, "Hosts per batch: N or N% (default 1)")->type_name("N|N%");
    flags->resume = command.add_option("--resume", flags->resume_run,
                                       "Continue an upgrade that stopped (default: the last unfinished upgrade of this "
                                       "layer and inventory) at the batch that failed")
                        ->expected(0, 1)
                        ->type_name("[RUN]");
    command.add_option("--backup-dir", flags->backup_dir,
                       "Where the layer's state is backed up before the upgrade (default: backups/ beside the journal)")
        ->type_name("DIR");
    command.add_flag("--no-backup", flags->no_backup, "Do not back up the layer's state first");
    command.add_option("--gate-timeout", flags->gate_timeout,
                       "Seconds the health gate after a batch may take to pass (default 600)")
        ->check(CLI::PositiveNumber);
    command.add_option("--gate-interval", flags->gate_interval, "Seconds between health gate attempts (default 5)")
        ->check(CLI::PositiveNumber);
    command.callback([flags, &options] { options.action = [flags, &options] { return run_upgrade(*flags, options); }; });
}

} // namespace scsctl::cli
