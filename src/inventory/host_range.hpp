// Host entries with ranges and ports, as Ansible expands them ("web[01:20]",
// "db-[a:f].example.com:2222", "[::1]:22"). Depends on core only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::inventory {

struct HostEntry {
    std::vector<std::string> names;
    std::optional<int> port; ///< absent also for ":0", which Ansible's Host() ignores
};

/// Ansible's BaseInventoryPlugin._expand_hostpattern: splits off a port (parse_address),
/// then expands every [start:end(:step)] range (numeric with leading zeros, or
/// alphabetic). A range that does not parse fails with a message and the column
/// (1-based, within `text`) in the error's location. Unlike Ansible, an empty range
/// ("[5:1]") fails too, and so does an entry expanding to more than 1,000,000 hosts.
core::Result<HostEntry> expand_host_entry(std::string_view text);

} // namespace scsctl::inventory
