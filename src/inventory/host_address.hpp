// Internal to host_range: Ansible's parse_address (ansible/parsing/utils/addresses.py)
// port split and host validation. Owns address syntax only; depends on nothing but std.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace scsctl::inventory {

struct AddressSplit {
    std::string host;                ///< what is left once a valid port is split off
    std::optional<std::string> port; ///< the port digits, when split off
};

/// parse_address(text, allow_ranges=True) as _expand_hostpattern uses it: "[X]:N" and then
/// "X:N" (X without ':' outside brackets) split off a port; when what remains is not an
/// IPv4/IPv6 address or host name (ranges allowed), the whole text is the host, no port.
AddressSplit split_address(std::string_view text);

/// Ansible's 'hostname' pattern: dot-separated labels of word characters, '-' and
/// [a:z]/[0:9] ranges, not starting with '-' nor ending with '-' or '_'.
bool is_host_name(std::string_view text);

/// Ansible's 'ipv6' pattern (with hexadecimal ranges), which, as written there, only
/// anchors its last alternative at the end: most forms match as a prefix.
bool is_ipv6_pattern(std::string_view text);

} // namespace scsctl::inventory
