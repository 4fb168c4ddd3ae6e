// Ansible's host_list inventory plugin: an -i value with a comma that is not a path
// ("web1,db1:2222,"). Depends on core, model and inventory/builder only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "inventory/builder.hpp"

namespace scsctl::inventory {

struct HostAddress {
    std::string host;
    std::optional<int> port;
};

/// Ansible's parse_address without ranges: "[v6]:port", "name:port", plain IPv4/IPv6
/// addresses and host names. Anything that is not a valid address (or holds a range)
/// is kept whole, without a port, as the host_list plugin does.
HostAddress parse_host_address(std::string_view entry);

/// True when `source` is a host list: it holds a comma and names no existing path.
bool is_host_list(const std::string& source);

/// Adds every entry of the comma-separated `source` to 'ungrouped' (ports become
/// ansible_port); hosts already in the inventory are left alone.
void load_host_list(const std::string& source, InventoryBuilder& builder);

} // namespace scsctl::inventory
