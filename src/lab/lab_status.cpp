// lab status: per host, whether its nspawn process runs, whether SSH works with the lab's
// key against the pinned host key, and what systemd says.
#include "lab/host_process.hpp"
#include "lab/lab.hpp"
#include "lab/preflight.hpp"
#include "lab/readiness.hpp"

namespace scsctl::lab {

bool LabStatus::all_running() const
{
    for (const auto& host : hosts) {
        if (host.state != "running") {
            return false;
        }
    }
    return !hosts.empty();
}

core::Result<LabStatus> lab_status(const std::string& dir_option)
{
    SCSCTL_TRY(require_root("lab status"));
    const std::string dir = SCSCTL_TRY(lab_directory(dir_option));
    auto loaded = SCSCTL_TRY(load_state(dir));
    if (!loaded) {
        return core::fail({core::ErrorKind::config, "no lab in " + dir + " ('scsctl lab up --dir " + dir + "' makes one)", {}});
    }
    LabStatus status;
    status.state = std::move(*loaded);
    std::vector<HostState> running;
    for (auto host : status.state.hosts) {
        HostStatus row;
        row.name = host.name;
        row.address = host.address;
        if (!host_process_running(host)) {
            const auto found = nspawn_pids_for_root(host_root(dir, host.name));
            host.pid = found.empty() ? 0 : found.front();
        }
        row.pid = host.pid;
        row.state = host_process_running(host) || row.pid != 0 ? "running" : "stopped";
        if (row.state == "running") {
            running.push_back(host);
        } else {
            row.pid = 0;
        }
        status.hosts.push_back(row);
    }
    const auto probes = probe_hosts(status.state, running, std::chrono::milliseconds(5000));
    for (const auto& probe : probes) {
        for (auto& row : status.hosts) {
            if (row.name != probe.name) {
                continue;
            }
            row.ssh_ok = probe.ssh_ok;
            row.system_state = probe.system_state;
            row.error = probe.error;
            if (!probe.ssh_ok) {
                row.state = "unreachable";
            } else if (!system_booted(probe.system_state)) {
                row.state = "starting";
            }
        }
    }
    return status;
}

} // namespace scsctl::lab
