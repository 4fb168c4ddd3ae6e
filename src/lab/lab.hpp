// The lab's three operations: up (create or complete, idempotent), down (remove
// everything, also after a crashed up) and status. The composition of the lab's parts;
// cli/cmd_lab.cpp only parses flags and prints. Depends on core, transport (SSH probes)
// and the rest of lab/.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "lab/base_image.hpp"
#include "lab/lab_state.hpp"

namespace scsctl::lab {

struct UpOptions {
    std::string dir;
    int hosts = 0;             ///< 0: the existing lab's count, or 3 for a new lab
    std::string subnet;        ///< "": derived from the directory
    std::string prefix;        ///< "": "lab" (hosts lab1..labN)
    std::optional<BaseFlavor> flavor; ///< nullopt: full for a new lab
    std::string cache;         ///< "": $SCSCTL_LAB_CACHE or /var/cache/scsctl/lab
    bool groups = true;        ///< write the layer groups into the inventory
    std::optional<int> disks;  ///< raw disks per host; nullopt: the lab's, or 0 for a new lab
    std::string disk_size;     ///< "": the lab's, or 8G for a new lab
    std::chrono::seconds timeout{300}; ///< for the hosts to boot and answer SSH
};

struct UpResult {
    LabState state;
    std::vector<std::string> started; ///< hosts started by this call
    std::vector<std::string> added;   ///< hosts created by this call
};

core::Result<UpResult> lab_up(const UpOptions& options, const Progress& progress);

/// Whether `lab up` with `options` has to build a base image (no lab in the directory yet
/// and no cached image for the recipe), and so needs mmdebstrap.
bool up_needs_base_build(const UpOptions& options);

struct DownResult {
    bool found = false;        ///< there was something to remove
    int hosts_stopped = 0;
};

core::Result<DownResult> lab_down(const std::string& dir, const Progress& progress);

struct HostStatus {
    std::string name;
    std::string address;
    std::string state;        ///< running, starting, unreachable, stopped
    std::string system_state; ///< systemctl is-system-running, "" when not asked
    bool ssh_ok = false;
    int pid = 0;
    std::string error;
};

struct LabStatus {
    LabState state;
    std::vector<HostStatus> hosts;
    bool all_running() const;
};

/// Fails (kind config) when there is no lab in `dir`.
core::Result<LabStatus> lab_status(const std::string& dir);

/// The directory lock (flock on D/.lab.lock) held by up and down.
class DirLock {
public:
    DirLock() = default;
    ~DirLock();
    DirLock(const DirLock&) = delete;
    DirLock& operator=(const DirLock&) = delete;
    core::Result<void> acquire(const std::string& dir, const Progress& progress);

private:
    int m_fd = -1;
};

} // namespace scsctl::lab
