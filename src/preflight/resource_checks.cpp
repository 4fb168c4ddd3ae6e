// The disk, memory and time checks: numbers from the probe against the requirements (the
// disk check also judges the raw disks of ceph_osd_devices: present, not in use, empty).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <map>
#include <utility>

#include "preflight/evaluate.hpp"

namespace scsctl::preflight {

namespace {

struct MountNeed {
    std::vector<std::string> paths; ///< the paths asked about that live on this filesystem
    std::uint64_t base = 0;         ///< preflight_min_disk_gb
    std::uint64_t osd_growth = 0;   ///< what the OSD files still take as they fill
    std::size_t osd_files = 0;
    std::uint64_t available = 0;
};

/// Sums of sizes from the inventory stay at the top instead of wrapping around.
std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

std::uint64_t needed(const MountNeed& need)
{
    return saturating_add(need.base, need.osd_growth);
}

const FreeSpace* space_of(const HostFacts& facts, const std::string& path)
{
    for (const auto& disk : facts.disks) {
        if (disk.path == path) {
            return &disk;
        }
    }
    return nullptr;
}

std::string seconds_text(double seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", seconds);
    return text;
}

std::string signed_seconds(double seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%+.3f", seconds);
    return text;
}

std::string mount_text(const std::string& mount, const MountNeed& need)
{
    std::string paths;
    for (const auto& path : need.paths) {
        if (path != mount) {
            paths += (paths.empty() ? "" : ", ") + path;
        }
    }
    std::string text = mount + (paths.empty() ? "" : " (" + paths + ")") + ": " + gib_text(need.available) +
                       " free, needs " + gib_text(needed(need));
    if (need.osd_files > 0) {
        text += " (" + gib_text(need.base) + " + " + std::to_string(need.osd_files) + " OSD file" +
                (need.osd_files == 1 ? "" : "s") + " " + gib_text(need.osd_growth) + ")";
    }
    return text;
}

/// A raw disk of ceph_osd_devices: the verdict and its part of the detail.
std::pair<Status, std::string> device_verdict(const HostFacts& facts, const std::string& path, bool may_wipe)
{
    const auto found = std::ranges::find(facts.osd_devices, path, &OsdDeviceState::path);
    if (found == facts.osd_devices.end()) {
        return {Status::fail, path + ": the probe reported nothing"};
    }
    const auto& device = *found;
    const std::string sized = path + " (" + gib_text(device.size_bytes) + ")";
    if (device.state == "missing") {
        return {Status::fail, path + ": no such device"};
    }
    if (device.state == "notblock") {
        return {Status::fail, path + ": not a block device"};
    }
    if (device.state == "busy") {
        return {Status::fail, sized + ": in use (" + device.content + ")"};
    }
    if (device.state == "osd") {
        return {Status::pass, sized + ": holds a BlueStore OSD"};
    }
    if (device.size_bytes < k_gib) {
        return {Status::fail, sized + ": too small for a BlueStore OSD (at least 1.0 GiB)"};
    }
    if (device.state == "empty") {
        return {Status::pass, sized + ": empty"};
    }
    if (device.state == "used") {
        const std::string holds = "holds " + (device.content.empty() ? std::string("data") : device.content);
        if (may_wipe) {
            return {Status::warn, sized + ": " + holds + ", the deploy erases it (ceph_osd_wipe_devices)"};
        }
        return {Status::fail, sized + ": " + holds + "; wipe it or set ceph_osd_wipe_devices: true to let the deploy erase it"};
    }
    return {Status::fail, sized + ": cannot tell what it holds (" + device.content + ")"};
}

} // namespace

CheckResult disk_check(const HostFacts& facts, const HostRequirements& requirements)
{
    std::map<std::string, MountNeed> mounts;
    std::vector<std::string> unknown;
    for (const auto& path : requirements.disk_paths) {
        if (const auto* space = space_of(facts, path)) {
            auto& need = mounts[space->mount];
            need.paths.push_back(path);
            need.base = std::max(need.base, requirements.min_disk_bytes);
            need.available = space->available_bytes;
        } else {
            unknown.push_back(path);
        }
    }
    for (const auto& osd : requirements.osd_files) {
        const auto* space = space_of(facts, osd.path);
        if (space == nullptr) {
            unknown.push_back(osd.path);
            continue;
        }
        std::uint64_t allocated = 0;
        for (const auto& state : facts.osd_files) {
            if (state.path == osd.path) {
                allocated = state.allocated_bytes.value_or(0);
            }
        }
        auto& need = mounts[space->mount];
        need.available = space->available_bytes;
        need.osd_growth = saturating_add(need.osd_growth, osd.size_bytes > allocated ? osd.size_bytes - allocated : 0);
        ++need.osd_files;
    }
    std::string short_text;
    std::string enough_text;
    for (const auto& [mount, need] : mounts) {
        auto& target = need.available < needed(need) ? short_text : enough_text;
        target += (target.empty() ? "" : "; ") + mount_text(mount, need);
    }
    for (const auto& path : unknown) {
        short_text += (short_text.empty() ? "" : "; ") + path + ": df reported nothing";
    }
    Status worst = short_text.empty() ? Status::pass : Status::fail;
    std::string device_text;
    for (const auto& path : requirements.osd_devices) {
        const auto [status, text] = device_verdict(facts, path, requirements.osd_wipe_devices);
        if (status == Status::fail || (status == Status::warn && worst == Status::pass)) {
            worst = status;
        }
        device_text += (device_text.empty() ? "" : "; ") + text;
    }
    std::string detail = short_text.empty() ? enough_text : short_text;
    if (!detail.empty() && !device_text.empty()) {
        detail += "; ";
    }
    return {"disk", worst, detail + device_text};
}

CheckResult memory_check(const HostFacts& facts, const HostRequirements& requirements)
{
    if (!facts.mem_total_bytes || !facts.mem_available_bytes) {
        return {"memory", Status::fail, "no MemTotal/MemAvailable in /proc/meminfo"};
    }
    const auto need = requirements.min_memory_bytes;
    const auto figures = gib_text(*facts.mem_available_bytes) + " available of " + gib_text(*facts.mem_total_bytes) +
                         ", needs " + gib_text(need);
    if (*facts.mem_total_bytes < need) {
        return {"memory", Status::fail, figures};
    }
    if (*facts.mem_available_bytes < need) {
        return {"memory", Status::warn, figures + " (other processes use the rest)"};
    }
    return {"memory", Status::pass, figures};
}

CheckResult time_check(const HostFacts& facts, const HostRequirements& requirements, const ClockWindow& window)
{
    if (!facts.remote_time) {
        return {"time", Status::warn, "the host did not print its time"};
    }
    // The host printed its time while the command ran: its offset lies in
    // [remote - received, remote - started]; judge the bound nearest to zero, so that a
    // slow round trip can hide a small offset but never invent one.
    const double low = *facts.remote_time - window.received;
    const double high = *facts.remote_time - window.started;
    const double offset = low > 0 ? low : (high < 0 ? high : 0.0);
    if (std::fabs(offset) > requirements.max_clock_offset_s) {
        return {"time", Status::fail,
                "clock is " + seconds_text(std::fabs(offset)) + (offset > 0 ? " ahead of" : " behind") +
                    " the controller's (limit " + seconds_text(requirements.max_clock_offset_s) + ")"};
    }
    const auto measured =
        "offset from the controller's clock between " + signed_seconds(low) + " and " + signed_seconds(high) + " s";
    if (facts.ntp_source.empty()) {
        return {"time", Status::warn,
                "cannot tell whether NTP is synchronised (no answer from timedatectl or chronyc); " + measured};
    }
    const bool synchronised = facts.ntp_state == "yes" || facts.ntp_state == "Normal";
    if (!synchronised) {
        return {"time", Status::warn,
                "not NTP-synchronised (" + facts.ntp_source + ": " + facts.ntp_state + "); " + measured};
    }
    return {"time", Status::pass, "NTP-synchronised (" + facts.ntp_source + "); " + measured};
}

} // namespace scsctl::preflight
