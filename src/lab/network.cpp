// Lab networking through ip(8), iptables(8) and ethtool(8).
#include "lab/network.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lab/addressing.hpp"
#include "lab/command.hpp"

namespace scsctl::lab {

namespace {

std::vector<std::string> words(const std::string& line)
{
    std::istringstream in(line);
    std::vector<std::string> out;
    std::string word;
    while (in >> word) {
        out.push_back(word);
    }
    return out;
}

core::Result<void> ensure_rule(const std::string& table, std::vector<std::string> rule, const std::string& what)
{
    std::vector<std::string> check{"iptables", "-w", "-t", table, "-C"};
    check.insert(check.end(), rule.begin(), rule.end());
    if (run_command(check).ok()) {
        return {};
    }
    std::vector<std::string> add{"iptables", "-w", "-t", table, "-A"};
    add.insert(add.end(), rule.begin(), rule.end());
    SCSCTL_TRY(run_checked(add, what));
    return {};
}

} // namespace

bool link_exists(const std::string& name)
{
    std::error_code ec;
    return std::filesystem::exists("/sys/class/net/" + name, ec);
}

bool netns_exists(const std::string& name)
{
    std::error_code ec;
    return std::filesystem::exists("/run/netns/" + name, ec);
}

core::Result<void> ensure_bridge(const LabState& state)
{
    const auto subnet = SCSCTL_TRY(parse_ipv4_net(state.subnet));
    if (!link_exists(state.bridge)) {
        SCSCTL_TRY(run_checked({"ip", "link", "add", state.bridge, "type", "bridge"}, "cannot create bridge " + state.bridge));
    }
    SCSCTL_TRY(run_checked({"ip", "addr", "replace", state.gateway + "/" + std::to_string(subnet.prefix), "dev", state.bridge},
                           "cannot address bridge " + state.bridge));
    SCSCTL_TRY(run_checked({"ip", "link", "set", state.bridge, "up"}, "cannot bring up bridge " + state.bridge));
    return {};
}

int read_ip_forward()
{
    std::ifstream in("/proc/sys/net/ipv4/ip_forward");
    int value = -1;
    in >> value;
    return value;
}

void set_ip_forward(int value)
{
    std::ofstream("/proc/sys/net/ipv4/ip_forward") << value << "\n";
}

core::Result<void> ensure_nat(LabState& state)
{
    if (state.ip_forward_before < 0) {
        state.ip_forward_before = read_ip_forward();
    }
    if (read_ip_forward() != 1) {
        set_ip_forward(1);
        if (read_ip_forward() != 1) {
            return core::fail({core::ErrorKind::failed, "cannot turn on net.ipv4.ip_forward", {}});
        }
    }
    const std::vector<std::string> mark{"-m", "comment", "--comment", state.nat_comment};
    auto with_mark = [&](std::vector<std::string> rule, const char* target) {
        rule.insert(rule.end(), mark.begin(), mark.end());
        rule.insert(rule.end(), {"-j", target});
        return rule;
    };
    SCSCTL_TRY(ensure_rule("nat", with_mark({"POSTROUTING", "-s", state.subnet, "!", "-o", state.bridge}, "MASQUERADE"),
                           "cannot add the NAT rule"));
    SCSCTL_TRY(ensure_rule("filter", with_mark({"FORWARD", "-i", state.bridge}, "ACCEPT"), "cannot add a FORWARD rule"));
    SCSCTL_TRY(ensure_rule("filter", with_mark({"FORWARD", "-o", state.bridge}, "ACCEPT"), "cannot add a FORWARD rule"));
    return {};
}

core::Result<void> ensure_host_link(const LabState& state, const HostState& host)
{
    const auto subnet = SCSCTL_TRY(parse_ipv4_net(state.subnet));
    if (!netns_exists(host.netns)) {
        SCSCTL_TRY(run_checked({"ip", "netns", "add", host.netns}, "cannot create network namespace " + host.netns));
    }
    if (!link_exists(host.veth)) {
        SCSCTL_TRY(run_checked({"ip", "link", "add", host.veth, "type", "veth", "peer", "name", "host0", "netns", host.netns},
                               "cannot create veth " + host.veth));
    }
    SCSCTL_TRY(run_checked({"ip", "link", "set", host.veth, "master", state.bridge, "up"}, "cannot attach veth " + host.veth));
    // OVN's netdev bridge on host0 breaks TCP from the machine unless the root side
    // computes checksums itself (REAL-COMPONENTS §8).
    SCSCTL_TRY(run_checked({"ethtool", "-K", host.veth, "tx", "off"}, "cannot turn off tx offload on " + host.veth));
    const std::string ns = host.netns;
    SCSCTL_TRY(run_checked({"ip", "-n", ns, "link", "set", "lo", "up"}, "cannot bring up lo in " + ns));
    SCSCTL_TRY(run_checked({"ip", "-n", ns, "addr", "replace", host.address + "/" + std::to_string(subnet.prefix), "dev", "host0"},
                           "cannot address host0 in " + ns));
    SCSCTL_TRY(run_checked({"ip", "-n", ns, "link", "set", "host0", "up"}, "cannot bring up host0 in " + ns));
    SCSCTL_TRY(run_checked({"ip", "-n", ns, "route", "replace", "default", "via", state.gateway},
                           "cannot set the default route in " + ns));
    return {};
}

std::vector<int> netns_pids(const std::string& netns)
{
    std::vector<int> pids;
    if (!netns_exists(netns)) {
        return pids;
    }
    for (const auto& word : words(run_command({"ip", "netns", "pids", netns}).out)) {
        pids.push_back(std::atoi(word.c_str()));
    }
    return pids;
}

core::Result<void> remove_host_link(const std::string& veth, const std::string& netns)
{
    if (!veth.empty() && link_exists(veth)) {
        SCSCTL_TRY(run_checked({"ip", "link", "del", veth}, "cannot delete veth " + veth));
    }
    if (!netns.empty() && netns_exists(netns)) {
        SCSCTL_TRY(run_checked({"ip", "netns", "del", netns}, "cannot delete network namespace " + netns));
    }
    return {};
}

int remove_rules_with_comment(const std::string& comment)
{
    int removed = 0;
    for (const char* table : {"nat", "filter"}) {
        const auto listing = run_command({"iptables", "-w", "-t", table, "-S"});
        std::istringstream lines(listing.out);
        std::string line;
        while (std::getline(lines, line)) {
            auto rule = words(line);
            bool marked = false;
            for (std::size_t i = 0; i + 1 < rule.size(); ++i) {
                marked = marked || (rule[i] == "--comment" && (rule[i + 1] == comment || rule[i + 1] == "\"" + comment + "\""));
            }
            if (rule.empty() || rule[0] != "-A" || !marked) {
                continue;
            }
            rule[0] = "-D";
            std::vector<std::string> argv{"iptables", "-w", "-t", table};
            argv.insert(argv.end(), rule.begin(), rule.end());
            if (run_command(argv).ok()) {
                ++removed;
            }
        }
    }
    return removed;
}

bool any_lab_rules_left()
{
    return run_command({"iptables", "-w", "-t", "nat", "-S"}).out.find("scsctl-lab-") != std::string::npos;
}

std::vector<std::string> netns_with_prefix(const std::string& prefix)
{
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/run/netns", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0) {
            names.push_back(name);
        }
    }
    return names;
}

std::vector<std::string> links_with_prefix(const std::string& prefix)
{
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/sys/class/net", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0) {
            names.push_back(name);
        }
    }
    return names;
}

} // namespace scsctl::lab
