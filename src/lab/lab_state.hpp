// D/lab.json: everything `lab down` needs to remove a lab (even after `lab up` crashed
// halfway) and `lab status` needs to report it. Written before each resource is created
// (the names are known in advance), updated with pids as hosts start. Depends on core.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "core/result.hpp"

namespace scsctl::lab {

inline constexpr int k_state_version = 1;

struct HostState {
    std::string name;     ///< "lab1"
    int index = 0;        ///< 1-based, fixes the address and veth name
    std::string address;  ///< "10.213.7.11"
    std::string netns;    ///< "scslab-1a2b3c4d-lab1"
    std::string veth;     ///< root-side veth in the bridge
    std::string machine;  ///< systemd-nspawn -M name
    pid_t pid = 0;        ///< the systemd-nspawn process, 0 when not started
    long long pid_start = 0; ///< its start time (/proc/PID/stat field 22), tells a recycled pid apart

    bool operator==(const HostState&) const = default;
};

struct LabState {
    int version = k_state_version;
    std::string id;          ///< lab_id of the directory
    std::string dir;         ///< absolute lab directory
    std::string bridge;
    std::string subnet;      ///< "10.213.7.0/24"
    std::string gateway;     ///< the bridge's address
    std::string nat_comment; ///< marks this lab's iptables rules
    std::string base;        ///< base image directory (the overlays' lower dir)
    std::string base_flavor; ///< "full" or "minimal"
    std::string prefix = "lab";
    int disks = 0;              ///< raw disks per host (/dev/vdb …), see host_disks.hpp
    std::string disk_size = "8G"; ///< each disk's size, sparse
    int ip_forward_before = -1; ///< net.ipv4.ip_forward before the first lab, -1 unknown
    std::vector<HostState> hosts;

    bool operator==(const LabState&) const = default;
    HostState* find(const std::string& name);
};

/// "1 host", "3 hosts": for messages.
std::string count_hosts(std::size_t count);

/// Paths inside a lab directory.
std::string state_path(const std::string& dir);          ///< D/lab.json
std::string host_dir(const std::string& dir, const std::string& host); ///< D/hosts/NAME
std::string host_root(const std::string& dir, const std::string& host); ///< D/hosts/NAME/root (overlay)

std::string state_to_json(const LabState& state);
/// Fails (kind config, naming `path`) on malformed JSON or a newer version.
core::Result<LabState> state_from_json(const std::string& text, const std::string& path);

/// nullopt when D/lab.json does not exist.
core::Result<std::optional<LabState>> load_state(const std::string& dir);
/// Writes D/lab.json atomically (temp file + fsync + rename), unless it holds that already.
core::Result<void> save_state(const LabState& state);

/// Writes `content` to `path` through a temporary file and rename, with `mode`.
core::Result<void> write_file_atomic(const std::string& path, const std::string& content, unsigned mode = 0644);

} // namespace scsctl::lab
