// Ansible host patterns: all, *, a:b, a,b, a:&b, a:!b, globs, ~regex, g[0], g[1:3], and
// --limit with the same grammar and @file. Depends on core, model and PCRE2.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/inventory.hpp"

namespace scsctl::inventory {

/// Hosts matching `pattern`, in Ansible's order (InventoryManager.get_hosts with
/// order=inventory). An invalid pattern (bad regex, bad subscript) fails with kind usage.
core::Result<std::vector<model::HostId>> match_hosts(const model::Inventory& inventory, std::string_view pattern);

/// Hosts matching `pattern` restricted by `limit` (the --limit grammar, including @file
/// naming a file with one pattern per line). An empty limit restricts nothing.
core::Result<std::vector<model::HostId>> match_hosts(const model::Inventory& inventory, std::string_view pattern,
                                                     std::string_view limit);

} // namespace scsctl::inventory
