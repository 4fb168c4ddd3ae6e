// The read-only fact-gathering script: plain POSIX sh and coreutils, printing one
// delimited section per source. Depends on the standard library only.
#pragma once

#include <string>
#include <string_view>

namespace scsctl::facts {

/// The marker line that opens a section: "@@scsctl-facts:<name>@@".
std::string section_marker(std::string_view name);

/// A script that changes nothing and prints these sections (each may be empty when the
/// host lacks the source): os_release, debian_version, redhat_release, alpine_release,
/// uname (-s, -r, -v, -m lines), hostname, fqdn, meminfo, nproc, cpuinfo, mounts, statfs,
/// ip_addr (ip -j addr, or ip_addr_text from ip -o addr), ip_route (ip -j route show
/// default, or ip_route_text), ip_route6, links (/sys/class/net names with mtu, mac,
/// type), user (id -un, id -u, id -g, passwd line), proc1_comm, service_hints, pkg_mgrs.
std::string facts_probe_script();

} // namespace scsctl::facts
