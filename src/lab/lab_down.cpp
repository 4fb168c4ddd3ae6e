// lab down: removes what the state names and, as a net for a crash before the state was
// complete, whatever carries the lab's id (namespaces scslab-ID-*, links slb-ID and
// slvID6-*, iptables rules with the lab's comment, mounts below D, nspawn processes whose
// root is below D, loop devices whose backing file is below D). Safe to run twice and on a directory without a lab.
#include <filesystem>
#include <set>
#include <unistd.h>

#include "lab/addressing.hpp"
#include "lab/fs_util.hpp"
#include "lab/host_disks.hpp"
#include "lab/host_files.hpp"
#include "lab/host_process.hpp"
#include "lab/lab.hpp"
#include "lab/network.hpp"
#include "lab/preflight.hpp"

namespace scsctl::lab {

namespace {

namespace fs = std::filesystem;

// Hosts named by the state, by namespaces with the lab's prefix and by D/hosts/*.
std::vector<HostState> hosts_to_remove(const std::string& dir, const std::string& id, const std::optional<LabState>& state)
{
    std::vector<HostState> hosts;
    std::set<std::string> seen;
    if (state) {
        for (const auto& host : state->hosts) {
            hosts.push_back(host);
            seen.insert(host.name);
        }
    }
    auto add = [&](const std::string& name) {
        if (!name.empty() && seen.insert(name).second) {
            HostState host;
            host.name = name;
            host.netns = netns_name(id, name);
            hosts.push_back(host);
        }
    };
    const std::string prefix = netns_name(id, "");
    for (const auto& netns : netns_with_prefix(prefix)) {
        add(netns.substr(prefix.size()));
    }
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir + "/hosts", ec)) {
        add(entry.path().filename().string());
    }
    return hosts;
}

void remove_file(const std::string& path)
{
    std::error_code ec;
    fs::remove(path, ec);
}

} // namespace

core::Result<DownResult> lab_down(const std::string& dir_option, const Progress& progress)
{
    SCSCTL_TRY(require_root("lab down"));
    const std::string dir = SCSCTL_TRY(lab_directory(dir_option));
    DownResult result;
    std::error_code ec;
    const std::string id = lab_id(dir);
    // Only a directory with a lab state, or with resources carrying the lab's id, is
    // touched: `lab down` in some other directory must not delete its files.
    if (!fs::exists(state_path(dir), ec) && netns_with_prefix(netns_name(id, "")).empty() && !link_exists(bridge_name(id)) &&
        links_with_prefix(veth_name(id, 0).substr(0, 10)).empty() && remove_rules_with_comment(nat_comment(id)) == 0) {
        progress("no lab in " + dir);
        return result;
    }
    DirLock lock;
    if (fs::is_directory(dir, ec)) {
        SCSCTL_TRY(lock.acquire(dir, progress));
    }
    auto loaded = load_state(dir);
    std::optional<LabState> state = loaded ? *loaded : std::nullopt;
    if (!loaded) {
        progress("warning: " + loaded.error().str() + "; removing what carries the lab's id " + id);
    }
    LabState base_state;
    base_state.dir = dir;
    base_state.id = id;
    const LabState& known = state ? *state : base_state;
    const auto hosts = hosts_to_remove(dir, id, state);
    result.found = state.has_value() || !hosts.empty() || link_exists(bridge_name(id));
    for (const auto& host : hosts) {
        if (stop_host(known, host, 10000)) {
            ++result.hosts_stopped;
            progress("stopped " + host.name);
        }
        SCSCTL_TRY(unmount_below(host_dir(dir, host.name)));
        SCSCTL_TRY(remove_host_link(host.veth, host.netns));
    }
    for (const auto& veth : links_with_prefix(veth_name(id, 0).substr(0, 10))) {
        SCSCTL_TRY(remove_host_link(veth, ""));
    }
    const int rules = remove_rules_with_comment(nat_comment(id));
    if (link_exists(bridge_name(id))) {
        SCSCTL_TRY(remove_host_link(bridge_name(id), ""));
    }
    if (state && state->ip_forward_before == 0 && !any_lab_rules_left()) {
        set_ip_forward(0);
    }
    SCSCTL_TRY(unmount_below(dir));
    const int disks = SCSCTL_TRY(detach_disks_below(dir));
    if (disks > 0) {
        progress("detached " + std::to_string(disks) + " loop device(s) of the hosts' disks");
    }
    SCSCTL_TRY(remove_tree(dir + "/hosts"));
    for (const char* name : {"/lab.json", "/inventory.yml", "/known_hosts", "/id_ed25519", "/id_ed25519.pub"}) {
        remove_file(dir + name);
    }
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        for (const char* written : {"lab.json.tmp.", "inventory.yml.tmp.", "known_hosts.tmp."}) {
            if (name.rfind(written, 0) == 0) {
                remove_file(entry.path().string()); // left by a `lab up` killed while writing
            }
        }
    }
    remove_file(dir + "/.lab.lock");
    if (fs::is_directory(dir, ec) && fs::is_empty(dir, ec)) {
        fs::remove(dir, ec);
    }
    progress("lab down: removed " + count_hosts(hosts.size()) + ", " + std::to_string(rules) +
             " iptables rules and the bridge of " + dir);
    return result;
}

} // namespace scsctl::lab
