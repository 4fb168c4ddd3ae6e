// Group layout for N hosts (docs/lab.md): every host in kvm, ceph_osd (its OSDs on the lab's
// disks /dev/vdb … with --disks, else on one file) and ovn_controller;
// the first three (or the first, below three) in ceph_mon (an odd count for quorum); the
// first host in ceph_mgr, ovn_central, openstack_control, k8s_control_plane and keycloak;
// the other hosts (or the first, when alone) in openstack_compute and k8s_worker;
// baremetal empty (the hosts exist already).
#include "lab/inventory_writer.hpp"

#include <vector>

#include "lab/host_disks.hpp"

namespace scsctl::lab {

namespace {

std::string quoted(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

void group(std::string& out, const std::string& name, const std::vector<std::string>& hosts, const std::string& vars = "")
{
    out += "    " + name + ":\n";
    if (!vars.empty()) {
        out += "      vars:\n" + vars;
    }
    if (hosts.empty()) {
        return;
    }
    out += "      hosts:\n";
    for (const auto& host : hosts) {
        out += "        " + host + ":\n";
    }
}

} // namespace

std::string inventory_yaml(const LabState& state, bool with_groups)
{
    std::vector<std::string> all, first, mons, rest;
    for (const auto& host : state.hosts) {
        all.push_back(host.name);
    }
    if (!all.empty()) {
        first = {all.front()};
        mons = all.size() >= 3 ? std::vector<std::string>(all.begin(), all.begin() + 3) : first;
        rest = all.size() >= 2 ? std::vector<std::string>(all.begin() + 1, all.end()) : first;
    }
    std::string out = "# Written by `scsctl lab up` for the lab in " + state.dir +
                      " (docs/lab.md); rewritten by every `lab up`.\n";
    out += "all:\n  vars:\n";
    out += "    ansible_user: root\n";
    out += "    ansible_ssh_private_key_file: " + quoted(state.dir + "/id_ed25519") + "\n";
    out += "    scsctl_known_hosts: " + quoted(state.dir + "/known_hosts") + "\n";
    out += "    network_cidr: " + state.subnet + "\n";
    out += "    network_gateway: " + state.gateway + "\n";
    out += "    scs_release: \"7.0\"\n";
    out += "    scsctl_lab: true\n";
    out += "  hosts:\n";
    for (const auto& host : state.hosts) {
        out += "    " + host.name + ":\n      ansible_host: " + host.address + "\n";
    }
    if (!with_groups) {
        return out;
    }
    out += "  children:\n";
    group(out, "baremetal", {});
    group(out, "kvm", all);
    group(out, "ceph_mon", mons);
    group(out, "ceph_mgr", first);
    std::string osd_devices = "        ceph_osd_devices:\n";
    for (const auto& device : state.disks > 0 ? disk_device_names(state.disks) : std::vector<std::string>{k_lab_osd_device}) {
        osd_devices += "          - " + device + "\n";
    }
    group(out, "ceph_osd", all, osd_devices);
    group(out, "ovn_central", first);
    group(out, "ovn_controller", all);
    group(out, "openstack_control", first);
    group(out, "openstack_compute", rest);
    group(out, "k8s_control_plane", first);
    group(out, "k8s_worker", rest);
    group(out, "keycloak", first);
    return out;
}

} // namespace scsctl::lab
