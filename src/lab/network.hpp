// A lab's network: a bridge in the machine's namespace holding the gateway address, one
// network namespace per host joined by a veth pair (guest side "host0", checksum offload
// off on the root side so OVN's userspace datapath keeps TCP working), and NAT so that
// apt inside the hosts reaches the archive. Every step is idempotent; removal ignores
// what is already gone. Depends on core and lab's command runner.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "lab/lab_state.hpp"

namespace scsctl::lab {

bool link_exists(const std::string& name);
bool netns_exists(const std::string& name);

/// Creates the bridge with the gateway address (if missing) and brings it up.
core::Result<void> ensure_bridge(const LabState& state);

/// Turns on IPv4 forwarding (recording the old value in `state` the first time) and adds
/// the MASQUERADE and FORWARD rules marked with the lab's comment, unless present.
core::Result<void> ensure_nat(LabState& state);

/// Creates the host's namespace and veth pair (if missing) and sets its address and route.
core::Result<void> ensure_host_link(const LabState& state, const HostState& host);

/// Pids of processes in network namespace `netns` (ip netns pids).
std::vector<int> netns_pids(const std::string& netns);

/// Deletes the host's veth and namespace (its processes must be gone).
core::Result<void> remove_host_link(const std::string& veth, const std::string& netns);

/// Deletes every iptables rule (nat and filter tables) carrying `comment`; returns how many.
int remove_rules_with_comment(const std::string& comment);

/// Whether any scsctl lab rule (any lab) is still in the nat table.
bool any_lab_rules_left();

/// Writes net.ipv4.ip_forward.
void set_ip_forward(int value);
int read_ip_forward();

/// Names of network namespaces (ip netns list) and links (ip -o link) starting with `prefix`.
std::vector<std::string> netns_with_prefix(const std::string& prefix);
std::vector<std::string> links_with_prefix(const std::string& prefix);

} // namespace scsctl::lab
