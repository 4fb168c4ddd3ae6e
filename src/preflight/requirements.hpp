// What a host must offer before a deploy: free disk on / and /var/lib (plus room for its
// file-backed Ceph OSDs), memory, a clock within a limit of the controller's, and the TCP
// ports its layers will listen on. The role table (layer group → ports, owning processes,
// memory) is the one place these facts live; inventory variables override the numbers.
// Pure: depends on core only.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::preflight {

inline constexpr std::uint64_t k_gib = 1024ULL * 1024 * 1024;
inline constexpr std::uint64_t k_mib = 1024ULL * 1024;

/// A port a layer's service listens on, and the process names (as `ss -p` shows them,
/// at most 15 characters) that may already hold it: the layer's own service, deployed.
struct PortSpec {
    int port;
    std::string_view service;
    std::span<const std::string_view> owners;
};

/// One row of the role table: the hosts of `group` (a group of layer `layer`).
struct RoleSpec {
    std::string_view layer;
    std::string_view group;
    std::uint64_t memory_mb; ///< the memory the role needs (the largest of a host's roles wins)
    std::span<const PortSpec> ports;
};

std::span<const RoleSpec> role_table();

inline constexpr std::uint64_t k_default_disk_gb = 10;
inline constexpr std::uint64_t k_default_memory_mb = 1024;
inline constexpr double k_default_max_clock_offset_s = 0.5;
inline constexpr std::string_view k_default_osd_device = "/var/lib/ceph/osd-files/osd0.img";
inline constexpr std::string_view k_default_osd_file_size = "4G";

/// A host's role in a selected layer.
struct Role {
    std::string layer;
    std::string group;
};

struct PortRequirement {
    int port = 0;
    std::string service;             ///< "ceph-mon (msgr2)"
    std::string layer;               ///< "ceph", or "inventory" for preflight_extra_ports
    std::vector<std::string> owners; ///< process names allowed to hold it
};

struct OsdFile {
    std::string path;
    std::uint64_t size_bytes = 0;
};

struct HostRequirements {
    std::uint64_t min_disk_bytes = k_default_disk_gb * k_gib; ///< free, on / and on /var/lib each
    std::vector<std::string> disk_paths{"/", "/var/lib"};
    std::vector<OsdFile> osd_files; ///< their missing (unallocated) size adds to their filesystem's need
    std::vector<std::string> osd_devices; ///< entries of ceph_osd_devices under /dev: whole raw disks
    bool osd_wipe_devices = false;        ///< ceph_osd_wipe_devices: the deploy may erase them
    std::uint64_t min_memory_bytes = k_default_memory_mb * k_mib;
    double max_clock_offset_s = k_default_max_clock_offset_s;
    std::vector<PortRequirement> ports; ///< sorted by port, one entry per port
};

/// The requirements of a host with `roles`, from the role table and its inventory
/// variables (preflight_min_disk_gb, preflight_min_memory_mb, preflight_max_clock_offset,
/// preflight_extra_ports; ceph_osd_devices and ceph_osd_file_size on ceph_osd hosts).
/// Fails (kind config) naming the host and variable when a value has the wrong type.
core::Result<HostRequirements> host_requirements(const std::string& host, const std::vector<Role>& roles,
                                                 const core::Value& vars);

/// A size as `truncate -s` reads it: digits and an optional suffix K, M, G, T, P
/// (powers of 1024, also KiB...) or KB, MB, GB, TB, PB (powers of 1000). Fails on anything else.
core::Result<std::uint64_t> parse_size(std::string_view text);

} // namespace scsctl::preflight
