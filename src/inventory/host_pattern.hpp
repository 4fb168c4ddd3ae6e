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
/// order=inventory). An invalid pattern (bad regex, out-of-range `[n]` subscript, a bare
/// '&' or '!', text that is not UTF-8) fails with kind usage; matching nothing is an empty
/// list; an empty pattern means 'all', as in Ansible. 'localhost', '127.0.0.1' and '::1'
/// fall back to a host marked `implicit` when nothing else matches; without one, such a
/// name in a union fails (kind usage) instead of creating Ansible's implicit localhost,
/// while after '&'/'!' or in a limit it matches nothing (which is Ansible's result too).
core::Result<std::vector<model::HostId>> match_hosts(const model::Inventory& inventory, std::string_view pattern);

/// Hosts matching `pattern` restricted by `limit` (the --limit grammar, including @file
/// naming a file with one pattern per line). An empty limit restricts nothing; a limit
/// matching nothing gives an empty list (the caller decides whether that is an error);
/// a missing @file or a directory fails with kind usage.
core::Result<std::vector<model::HostId>> match_hosts(const model::Inventory& inventory, std::string_view pattern,
                                                     std::string_view limit);

} // namespace scsctl::inventory
