// Ansible's INI inventory format (ansible-core 2.14 plugins/inventory/ini.py):
// [group], [group:children], [group:vars], ranges, inline host variables as Python
// literals. Depends on core, model and inventory/builder.
#pragma once

#include <string>
#include <string_view>

#include "inventory/builder.hpp"

namespace scsctl::inventory {

/// Loads INI inventory `text` (from `path`) through `builder`. Every problem goes to the
/// builder's diagnostics, located (file:line:col), and loading continues with the next
/// line so that all problems are reported at once.
void load_ini_inventory(const std::string& path, std::string_view text, InventoryBuilder& builder);

} // namespace scsctl::inventory
