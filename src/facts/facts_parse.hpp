// Pure parsing of the facts probe's output into Ansible's fact names (without the
// "ansible_" prefix, as ansible_facts holds them). Depends on core only.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/value.hpp"

namespace scsctl::facts {

/// Section name → its text, as facts_probe_script() printed them.
using Sections = std::map<std::string, std::string, std::less<>>;

/// Splits probe output at the "@@scsctl-facts:<name>@@" marker lines.
Sections split_sections(std::string_view output);

/// The facts Ansible's setup module reports for the same host, for the keys we gather:
/// system, kernel, kernel_version, machine, architecture, distribution*, os_family,
/// hostname, nodename, fqdn, domain, memtotal_mb, memfree_mb, swap*, memory_mb,
/// processor*, mounts, user_*, service_mgr, pkg_mgr, interfaces, all_ipv4_addresses,
/// all_ipv6_addresses, default_ipv4, default_ipv6 and one mapping per interface.
core::Value parse_facts(std::string_view output);

/// Adds memory, processor, mount, user, service_mgr and pkg_mgr facts to `facts`
/// (pkg_mgr reads facts["os_family"]).
void add_hardware_facts(core::Value& facts, const Sections& sections);

/// Adds the network facts (interfaces, addresses, defaults) to `facts`.
void add_network_facts(core::Value& facts, const Sections& sections);

/// The section's text, or "" when absent.
std::string_view section(const Sections& sections, std::string_view name);

} // namespace scsctl::facts
