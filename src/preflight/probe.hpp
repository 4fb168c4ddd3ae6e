// The one read-only script preflight runs on each host, and its parser. The script prints
// one fact per line ("os ID=debian", "mem MemAvailable 123 kB", "df PATH<TAB>AVAIL<TAB>MOUNT",
// "listen <ss -Htlnp line>", "time 1700000000.123"), framed by a header and an end line
// so that a truncated answer is recognised. Pure: depends on core only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::preflight {

inline constexpr std::string_view k_probe_header = "scsctl-preflight 1";

struct ListeningProcess {
    std::string name; ///< comm, as ss shows it
    long pid = 0;
};

struct Listener {
    std::string address; ///< local address as ss prints it ("0.0.0.0:22", "[::]:6641")
    int port = 0;
    std::vector<ListeningProcess> processes; ///< empty when ss could not tell (not root)
};

struct FreeSpace {
    std::string path;  ///< the path asked about
    std::string mount; ///< the mount point of its filesystem (of its nearest existing parent)
    std::uint64_t available_bytes = 0;
};

struct OsdFileState {
    std::string path;
    std::optional<std::uint64_t> allocated_bytes; ///< nullopt: the file does not exist yet
};

/// What the probe found on a raw disk of ceph_osd_devices.
struct OsdDeviceState {
    std::string path;
    std::string state;      ///< missing, notblock, busy, empty, osd (a BlueStore label), used, unknown
    std::uint64_t size_bytes = 0;
    std::string content;    ///< busy: why; used: blkid's TYPE or PTTYPE; unknown: why
};

struct HostFacts {
    std::optional<long> uid;
    std::map<std::string, std::string> os_release; ///< unquoted values of /etc/os-release
    std::optional<std::uint64_t> mem_total_bytes;
    std::optional<std::uint64_t> mem_available_bytes;
    std::vector<FreeSpace> disks;
    std::vector<OsdFileState> osd_files;
    std::vector<OsdDeviceState> osd_devices;
    std::string ntp_source; ///< "timedatectl", "chrony" or "" when neither answered
    std::string ntp_state;  ///< NTPSynchronized ("yes"/"no") or chrony's leap status
    bool ss_available = false;
    std::vector<Listener> listeners;
    std::optional<double> remote_time; ///< seconds since the epoch, printed last
};

/// The script for a host whose disk check looks at `disk_paths`, `osd_paths` (files) and
/// `osd_devices` (raw disks: "osddev STATE<TAB>SIZE<TAB>CONTENT<TAB>PATH"), every path
/// shell-quoted. POSIX sh and coreutils, df, ss, timedatectl or chronyc, blkid, blockdev.
std::string probe_script(const std::vector<std::string>& disk_paths, const std::vector<std::string>& osd_paths,
                         const std::vector<std::string>& osd_devices = {});

/// Parses the script's output. Fails when the header or the end line is missing (the
/// script did not run, or its output was cut); unknown lines are ignored.
core::Result<HostFacts> parse_probe_output(std::string_view text);

/// One `ss -Htlnp` line ("LISTEN 0 4096 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=1,fd=3))").
std::optional<Listener> parse_ss_line(std::string_view line);

/// The value of an os-release assignment without its quotes and escapes.
std::string unquote_os_release(std::string_view value);

} // namespace scsctl::preflight
