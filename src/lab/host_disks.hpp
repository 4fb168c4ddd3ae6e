// A lab host's raw disks (`lab up --disks N`): sparse files D/hosts/NAME/disks/vdb.img …
// on loop devices, bound into the host as /dev/vdb, /dev/vdc … so that layers meet block
// devices as on real machines (Ceph OSDs on whole disks). Loop devices do not survive a
// reboot of this machine: every start attaches what is missing. Depends on core and the
// lab state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "lab/lab_state.hpp"

namespace scsctl::lab {

inline constexpr int k_max_disks = 8;

/// The device names the hosts see: "/dev/vdb", "/dev/vdc", … (`count` of them).
std::vector<std::string> disk_device_names(int count);

/// "8G", "512M", "1T" (binary units, as truncate -s reads them) in bytes; fails (kind
/// usage) on anything else and on less than 1 GiB (too small for a BlueStore OSD).
core::Result<std::uint64_t> parse_disk_size(const std::string& text);

/// Makes the host's disk files (sparse) and attaches each to a loop device unless one is
/// attached already. Returns systemd-nspawn's --bind flags for them.
core::Result<std::vector<std::string>> ensure_host_disks(const LabState& state, const HostState& host);

/// Detaches every loop device whose backing file lies below `dir` (also after a crashed
/// `lab up`). Returns how many it detached.
core::Result<int> detach_disks_below(const std::string& dir);

/// Parses `losetup --list --noheadings --raw --output NAME,BACK-FILE`: pairs of device
/// and backing file (" (deleted)" cut off; the raw format's \x20 escapes decoded).
std::vector<std::pair<std::string, std::string>> parse_losetup_list(const std::string& text);

} // namespace scsctl::lab
