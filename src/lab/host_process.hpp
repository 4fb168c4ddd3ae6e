// A lab host's life on this machine: its overlay root (base image below, its own upper
// directory above), the systemd-nspawn --boot process that runs systemd as PID 1 in the
// host's network namespace, and stopping it (TERM = orderly poweroff, then KILL).
// Depends on core and the lab state.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

#include "core/result.hpp"
#include "lab/lab_state.hpp"

namespace scsctl::lab {

/// Mounts the host's overlay at D/hosts/NAME/root unless it is mounted already.
core::Result<void> mount_overlay(const LabState& state, const HostState& host);

/// Starts systemd-nspawn for `host` (its console log: D/hosts/NAME/console.log) and
/// records its pid and start time in `host`.
/// `extra_flags` are added to nspawn's command line (the disks' --bind flags).
core::Result<void> start_host(const LabState& state, HostState& host, const std::vector<std::string>& extra_flags = {});

/// Whether the recorded nspawn process still runs (same pid and start time, not a zombie).
bool host_process_running(const HostState& host);

/// Start time of `pid` (field 22 of /proc/PID/stat), 0 when it does not exist or is a zombie.
long long process_start_time(pid_t pid);

/// nspawn processes whose command line names `root` as their directory (-D ROOT): finds
/// hosts whose pid was never recorded (a crashed `lab up`).
std::vector<pid_t> nspawn_pids_for_root(const std::string& root);

/// Stops the host: TERM its nspawn process(es), waits up to `grace_ms`, then KILLs
/// them and every process left in its network namespace. Returns true when it was running.
bool stop_host(const LabState& state, const HostState& host, int grace_ms);

} // namespace scsctl::lab
