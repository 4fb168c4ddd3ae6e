// systemd-nspawn flags (REAL-COMPONENTS §1C): --register=no --keep-unit because this
// machine's PID 1 is not systemd (nspawn would ask it for a scope unit and die);
// --network-namespace-path joins the namespace the lab prepared; --capability=all lets
// libvirt, OVS and Ceph work inside; --resolv-conf/--timezone/--link-journal off keep
// nspawn from touching the host's files (resolv.conf is in the upper directory).
#include "lab/host_process.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/mount.h>
#include <thread>

#include "lab/command.hpp"
#include "lab/fs_util.hpp"
#include "lab/host_files.hpp"
#include "lab/network.hpp"

namespace scsctl::lab {

namespace {

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> cmdline_words(pid_t pid)
{
    const std::string text = read_file("/proc/" + std::to_string(pid) + "/cmdline");
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\0', start);
        words.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return words;
}

std::vector<pid_t> children_of(pid_t pid)
{
    std::vector<pid_t> children;
    std::istringstream in(read_file("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children"));
    pid_t child = 0;
    while (in >> child) {
        children.push_back(child);
    }
    return children;
}

bool gone(pid_t pid)
{
    return process_start_time(pid) == 0;
}

bool wait_gone(const std::vector<pid_t>& pids, int grace_ms)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
    while (true) {
        bool all_gone = true;
        for (const pid_t pid : pids) {
            all_gone = all_gone && gone(pid);
        }
        if (all_gone) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

} // namespace

long long process_start_time(pid_t pid)
{
    if (pid <= 0) {
        return 0;
    }
    const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) {
        return 0;
    }
    std::istringstream fields(stat.substr(close + 2));
    std::string state;
    fields >> state; // field 3
    if (state == "Z" || state == "X") {
        return 0;
    }
    std::string skip;
    for (int field = 4; field < 22; ++field) {
        fields >> skip;
    }
    long long start = 0;
    fields >> start;
    return start;
}

bool host_process_running(const HostState& host)
{
    if (host.pid <= 0) {
        return false;
    }
    const long long start = process_start_time(host.pid);
    return start != 0 && start == host.pid_start;
}

std::vector<pid_t> nspawn_pids_for_root(const std::string& root)
{
    std::vector<pid_t> pids;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        const auto words = cmdline_words(static_cast<pid_t>(std::stol(name)));
        if (words.empty() || words[0].find("systemd-nspawn") == std::string::npos) {
            continue;
        }
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            if (words[i] == "-D" && words[i + 1] == root) {
                pids.push_back(static_cast<pid_t>(std::stol(name)));
            }
        }
    }
    return pids;
}

core::Result<void> mount_overlay(const LabState& state, const HostState& host)
{
    const std::string root = host_root(state.dir, host.name);
    if (is_mounted(root)) {
        return {};
    }
    const std::string options = "lowerdir=" + state.base + ",upperdir=" + upper_dir(state.dir, host.name) +
                                ",workdir=" + host_dir(state.dir, host.name) + "/work";
    if (::mount("overlay", root.c_str(), "overlay", 0, options.c_str()) != 0) {
        return core::fail({core::ErrorKind::failed,
                           "cannot mount the overlay of " + host.name + " at " + root + ": " + std::strerror(errno), {}});
    }
    return {};
}

core::Result<void> start_host(const LabState& state, HostState& host, const std::vector<std::string>& extra_flags)
{
    const std::string root = host_root(state.dir, host.name);
    std::vector<std::string> argv{
        "systemd-nspawn", "-D", root, "-M", host.machine, "--hostname=" + host.name, "--boot", "--register=no",
        "--keep-unit", "--console=pipe", "--network-namespace-path=/run/netns/" + host.netns, "--capability=all",
        "--resolv-conf=off", "--timezone=off", "--link-journal=no"};
    argv.insert(argv.end(), extra_flags.begin(), extra_flags.end());
    const pid_t pid = SCSCTL_TRY(spawn_detached(argv, host_dir(state.dir, host.name) + "/console.log",
                                                {"SYSTEMD_NSPAWN_TMPFS_TMP=0"}));
    host.pid = pid;
    host.pid_start = process_start_time(pid);
    return {};
}

bool stop_host(const LabState& state, const HostState& host, int grace_ms)
{
    std::vector<pid_t> nspawns = nspawn_pids_for_root(host_root(state.dir, host.name));
    if (host_process_running(host) && std::find(nspawns.begin(), nspawns.end(), host.pid) == nspawns.end()) {
        nspawns.push_back(host.pid);
    }
    std::vector<pid_t> inits;
    for (const pid_t pid : nspawns) {
        for (const pid_t child : children_of(pid)) {
            inits.push_back(child);
        }
    }
    const bool was_running = !nspawns.empty();
    for (const pid_t pid : nspawns) {
        ::kill(pid, SIGTERM); // nspawn powers the container off in order
    }
    if (!wait_gone(nspawns, grace_ms)) {
        for (const pid_t pid : inits) {
            ::kill(pid, SIGKILL); // the container's PID 1: takes its whole pid namespace along
        }
        for (const pid_t pid : nspawns) {
            ::kill(pid, SIGKILL);
        }
        wait_gone(nspawns, 2000);
    }
    // Anything else still in the host's network namespace (a half-started host).
    std::vector<pid_t> stragglers;
    for (const int pid : netns_pids(host.netns)) {
        ::kill(pid, SIGKILL);
        stragglers.push_back(pid);
    }
    wait_gone(stragglers, 2000);
    return was_running;
}

} // namespace scsctl::lab
