// What a rolling upgrade leaves in the run journal so that `upgrade --resume` can start
// at the batch that failed: after each batch whose health gate passed, one record per
// host of the batch (a TaskDone of action "scsctl_batch_gate", so both run stores, `runs
// show` and the history carry it without a schema of its own), holding the play and
// batch position, the target version and the serial. Pure functions; depends on cli,
// exec (batch positions), model and state (completed tasks).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exec/run_options.hpp"
#include "model/run_event.hpp"
#include "state/completed_tasks.hpp"

namespace scsctl::cli {

inline constexpr const char* k_batch_gate_action = "scsctl_batch_gate";

/// What an upgrade is asked to do: a version to install, or "" for a restart, in
/// batches of `serial` hosts (N or N%).
struct UpgradeTarget {
    std::string to;
    std::string serial;
    bool operator==(const UpgradeTarget&) const = default;
};

/// "restart" or "upgrade to V", with the serial.
std::string describe(const UpgradeTarget& target);

/// The journal records of a batch that passed its gate: one per host.
std::vector<model::TaskDone> batch_passed_records(const exec::BatchEnded& batch, const UpgradeTarget& target);

/// Where an earlier upgrade run stopped, from the records it completed.
struct UpgradeProgress {
    UpgradeTarget target;
    exec::BatchPosition next;             ///< the first batch not passed
    std::vector<model::TaskDone> passed; ///< its records, to carry into the resumed run
};

/// The progress an earlier run's completed tasks show; nullopt when no batch passed
/// (the upgrade starts from the beginning).
std::optional<UpgradeProgress> upgrade_progress(const state::CompletedTasks& done);

/// Whether `serial` is a positive count or a percentage 1%..100%.
bool valid_serial(const std::string& serial);

} // namespace scsctl::cli
