// lab up: state first (names known before anything exists, so `down` can always clean
// up), then the network, then each host (link, files, overlay, nspawn), then the
// inventory, then waiting for SSH. On an existing lab every step finds its work done:
// stopped hosts start, missing hosts are added, nothing else changes.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

#include "lab/addressing.hpp"
#include "lab/host_disks.hpp"
#include "lab/host_files.hpp"
#include "lab/host_process.hpp"
#include "lab/inventory_writer.hpp"
#include "lab/lab.hpp"
#include "lab/network.hpp"
#include "lab/preflight.hpp"
#include "lab/readiness.hpp"

namespace scsctl::lab {

namespace {

std::string seconds_since(std::chrono::steady_clock::time_point start)
{
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
    return text;
}

std::vector<Ipv4Net> machine_routes()
{
    std::ifstream in("/proc/net/route");
    std::stringstream text;
    text << in.rdbuf();
    return parse_proc_routes(text.str());
}

core::Result<LabState> new_state(const UpOptions& options, const std::string& dir)
{
    LabState state;
    state.dir = dir;
    state.id = lab_id(dir);
    state.bridge = bridge_name(state.id);
    state.nat_comment = nat_comment(state.id);
    state.prefix = options.prefix.empty() ? "lab" : options.prefix;
    state.disks = options.disks.value_or(0);
    if (!options.disk_size.empty()) {
        SCSCTL_TRY(parse_disk_size(options.disk_size));
        state.disk_size = options.disk_size;
    }
    if (link_exists(state.bridge)) {
        return core::fail({core::ErrorKind::failed, "bridge " + state.bridge + " already exists without a lab state in " +
                                                        dir + ": run 'scsctl lab down --dir " + dir + "' first", {}});
    }
    const auto routes = machine_routes();
    if (!options.subnet.empty()) {
        const auto subnet = SCSCTL_TRY(parse_ipv4_net(options.subnet));
        const std::string conflict = subnet_conflict(subnet, routes);
        if (!conflict.empty()) {
            return core::fail({core::ErrorKind::usage, "--subnet " + subnet.str() + ": " + conflict, {}});
        }
        state.subnet = subnet.str();
    } else {
        const auto subnet = derive_subnet(state.id, routes);
        if (!subnet) {
            return core::fail({core::ErrorKind::failed, "no free /24 in 10.213.0.0-10.250.255.0: pass --subnet", {}});
        }
        state.subnet = subnet->str();
    }
    state.gateway = format_ipv4(gateway_address(*parse_ipv4_net(state.subnet)));
    return state;
}

core::Result<void> check_against_existing(const UpOptions& options, const LabState& state)
{
    auto refuse = [&](const std::string& what) {
        return core::fail({core::ErrorKind::usage, what + " (lab up never changes an existing lab; 'scsctl lab down --dir " +
                                                       state.dir + "' removes it)", {}});
    };
    if (!options.subnet.empty()) {
        const auto subnet = SCSCTL_TRY(parse_ipv4_net(options.subnet));
        if (subnet.str() != state.subnet) {
            return refuse("--subnet " + subnet.str() + " differs from the lab's " + state.subnet);
        }
    }
    if (!options.prefix.empty() && options.prefix != state.prefix) {
        return refuse("--prefix " + options.prefix + " differs from the lab's " + state.prefix);
    }
    if (options.disks && *options.disks != state.disks) {
        return refuse("--disks " + std::to_string(*options.disks) + " differs from the lab's " + std::to_string(state.disks));
    }
    if (!options.disk_size.empty() && options.disk_size != state.disk_size) {
        return refuse("--disk-size " + options.disk_size + " differs from the lab's " + state.disk_size);
    }
    if (options.flavor && flavor_name(*options.flavor) != state.base_flavor) {
        return refuse("--base " + flavor_name(*options.flavor) + " differs from the lab's " + state.base_flavor);
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(state.base + "/usr", ec)) {
        return core::fail({core::ErrorKind::failed, "the lab's base image " + state.base +
                                                        " is gone: run 'scsctl lab down --dir " + state.dir +
                                                        "' and 'lab up' again", {}});
    }
    return {};
}

// A new lab needs a directory of its own: lab up writes inventory.yml, known_hosts and
// keys there, and lab down removes them.
core::Result<void> check_empty(const std::string& dir)
{
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (name != ".lab.lock") {
            return core::fail({core::ErrorKind::usage, "--dir " + dir + " is not empty and holds no lab (" + name +
                                                           "): a new lab needs a directory of its own", {}});
        }
    }
    return {};
}

core::Result<void> check_prefix(const std::string& prefix)
{
    static const std::regex valid("[a-z][a-z0-9-]{0,19}");
    if (!prefix.empty() && !std::regex_match(prefix, valid)) {
        return core::fail({core::ErrorKind::usage, "--prefix '" + prefix +
                                                       "' must be a lowercase host name start (letters, digits, '-', "
                                                       "at most 20 characters)", {}});
    }
    return {};
}

void add_hosts(LabState& state, int wanted, std::vector<std::string>& added)
{
    const auto subnet = *parse_ipv4_net(state.subnet);
    for (int index = static_cast<int>(state.hosts.size()) + 1; index <= wanted; ++index) {
        HostState host;
        host.index = index;
        host.name = state.prefix + std::to_string(index);
        host.address = format_ipv4(host_address(subnet, index));
        host.netns = netns_name(state.id, host.name);
        host.veth = veth_name(state.id, index);
        host.machine = machine_name(state.id, host.name);
        state.hosts.push_back(host);
        added.push_back(host.name);
    }
}

// Starts the host unless its nspawn runs (adopting one whose pid a crash lost).
core::Result<bool> bring_up_host(LabState& state, HostState& host)
{
    SCSCTL_TRY(ensure_host_link(state, host));
    SCSCTL_TRY(prepare_host_files(state, host));
    if (host_process_running(host)) {
        return false;
    }
    const auto running = nspawn_pids_for_root(host_root(state.dir, host.name));
    if (!running.empty()) {
        host.pid = running.front();
        host.pid_start = process_start_time(host.pid);
        return false;
    }
    const auto disk_binds = SCSCTL_TRY(ensure_host_disks(state, host));
    SCSCTL_TRY(mount_overlay(state, host));
    SCSCTL_TRY(start_host(state, host, disk_binds));
    return true;
}

core::Result<UpResult> up_in_directory(const UpOptions& options, const std::string& dir, const Progress& progress);

} // namespace

DirLock::~DirLock()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

core::Result<void> DirLock::acquire(const std::string& dir, const Progress& progress)
{
    m_fd = ::open((dir + "/.lab.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        return core::fail({core::ErrorKind::io, "cannot create " + dir + "/.lab.lock: " + std::strerror(errno), {}});
    }
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        progress("waiting for another scsctl lab command on " + dir);
        if (::flock(m_fd, LOCK_EX) != 0) {
            return core::fail({core::ErrorKind::io, "cannot lock " + dir + "/.lab.lock: " + std::strerror(errno), {}});
        }
    }
    return {};
}

bool up_needs_base_build(const UpOptions& options)
{
    const auto dir = lab_directory(options.dir);
    if (!dir) {
        return false;
    }
    std::error_code ec;
    if (std::filesystem::exists(state_path(*dir), ec)) {
        return false;
    }
    const auto recipe = machine_recipe(options.flavor.value_or(BaseFlavor::full));
    return !std::filesystem::is_directory(cached_base_path(cache_dir(options.cache), recipe) + "/usr/lib/systemd", ec);
}

core::Result<UpResult> lab_up(const UpOptions& options, const Progress& progress)
{
    const auto started_at = std::chrono::steady_clock::now();
    SCSCTL_TRY(require_root("lab up"));
    SCSCTL_TRY(check_prefix(options.prefix));
    if (options.hosts < 0) {
        return core::fail({core::ErrorKind::usage, "--hosts must be at least 1", {}});
    }
    if (options.disks && (*options.disks < 0 || *options.disks > k_max_disks)) {
        return core::fail({core::ErrorKind::usage, "--disks must be 0.." + std::to_string(k_max_disks), {}});
    }
    if (!options.disk_size.empty()) {
        SCSCTL_TRY(parse_disk_size(options.disk_size));
    }
    const std::string dir = SCSCTL_TRY(lab_directory(options.dir));
    std::error_code ec;
    const bool created = std::filesystem::create_directories(dir, ec);
    if (ec) {
        return core::fail({core::ErrorKind::io, "cannot create " + dir + ": " + ec.message(), {}});
    }
    auto result = up_in_directory(options, dir, progress);
    if (!result && !std::filesystem::exists(state_path(dir), ec)) {
        // Refused before anything was made: leave the directory as it was.
        std::filesystem::remove(dir + "/.lab.lock", ec);
        if (created) {
            std::filesystem::remove(dir, ec);
        }
    }
    if (result) {
        progress("lab up: " + count_hosts(result->state.hosts.size()) + " ready in " +
                 seconds_since(started_at) + " (inventory: " + dir + "/inventory.yml)");
    }
    return result;
}

namespace {

core::Result<UpResult> up_in_directory(const UpOptions& options, const std::string& dir, const Progress& progress)
{
    DirLock lock;
    SCSCTL_TRY(lock.acquire(dir, progress));
    auto existing = SCSCTL_TRY(load_state(dir));
    UpResult result;
    if (existing) {
        SCSCTL_TRY(require_tools(false));
        SCSCTL_TRY(check_against_existing(options, *existing));
        result.state = std::move(*existing);
        progress("lab in " + dir + " exists (" + count_hosts(result.state.hosts.size()) + ", " +
                 result.state.subnet + ")");
    } else {
        SCSCTL_TRY(require_tools(false));
        SCSCTL_TRY(check_empty(dir));
        result.state = SCSCTL_TRY(new_state(options, dir));
        const auto recipe = machine_recipe(options.flavor.value_or(BaseFlavor::full));
        result.state.base = SCSCTL_TRY(ensure_base(cache_dir(options.cache), recipe, progress));
        result.state.base_flavor = flavor_name(recipe.flavor);
        progress("new lab in " + dir + ": subnet " + result.state.subnet + ", bridge " + result.state.bridge);
    }
    LabState& state = result.state;
    const int wanted = options.hosts > 0 ? options.hosts : (state.hosts.empty() ? 3 : static_cast<int>(state.hosts.size()));
    if (wanted < static_cast<int>(state.hosts.size())) {
        progress("keeping all " + count_hosts(state.hosts.size()) + " (lab up never removes hosts)");
    }
    if (wanted > host_capacity(*parse_ipv4_net(state.subnet))) {
        return core::fail({core::ErrorKind::usage, "--hosts " + std::to_string(wanted) + " does not fit in " + state.subnet, {}});
    }
    add_hosts(state, wanted, result.added);
    SCSCTL_TRY(save_state(state)); // every name is on disk before anything is created
    SCSCTL_TRY(ensure_bridge(state));
    SCSCTL_TRY(ensure_nat(state));
    SCSCTL_TRY(save_state(state));
    SCSCTL_TRY(ensure_client_key(dir));
    for (auto& host : state.hosts) {
        if (SCSCTL_TRY(bring_up_host(state, host))) {
            result.started.push_back(host.name);
            progress("started " + host.name + " (" + host.address + ", pid " + std::to_string(host.pid) + ")");
        }
        SCSCTL_TRY(save_state(state));
    }
    const std::string pins = SCSCTL_TRY(known_hosts_text(state));
    SCSCTL_TRY(write_if_changed(known_hosts_path(dir), pins, 0644));
    SCSCTL_TRY(write_if_changed(dir + "/inventory.yml", inventory_yaml(state, options.groups), 0644));
    progress("waiting for " + count_hosts(state.hosts.size()) + " to boot and answer SSH");
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    SCSCTL_TRY(wait_until_ready(state, state.hosts, deadline, [](const HostState& host) { return host_process_running(host); }));
    return result;
}

} // namespace

} // namespace scsctl::lab
