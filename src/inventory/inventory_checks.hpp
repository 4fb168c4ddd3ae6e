// Checks beyond parsing for `scsctl inventory validate` (and every command that loads
// an inventory): names Ansible accepts but that break later. Depends on core and model.
#pragma once

#include "core/diagnostics.hpp"
#include "model/inventory.hpp"

namespace scsctl::inventory {

/// Empty or blank host names (errors), host names with whitespace and group names that
/// are not valid variable names (warnings, as Ansible warns about invalid group names).
/// Without `detailed`, the group name warnings collapse into one, as Ansible's does.
void check_inventory(const model::Inventory& inventory, core::Diagnostics& diagnostics, bool detailed = true);

} // namespace scsctl::inventory
